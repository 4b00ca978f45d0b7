#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include <sodium.h>

#include "core/directory.h"
#include "core/fileio.h"
#include "core/mem.h"
#include "core/settings.h"
#include "core/trust.h"
#include "fixture.h"
#include "suites.h"

/* Saturday 28 November 2026, 03:00 GMT: only round-the-clock lines are open. */
#define TEST_SATURDAY_3AM 1795834800000.0

static char *tmp;

static int
setup(void)
{
	return fixture_directory() && (tmp = fixture_tempdir()) ? 0 : 1;
}

static int
teardown(void)
{
	fixture_directory_close();
	fixture_rmrf(tmp);
	free(tmp);
	return 0;
}

static struct sp_service_list
search(const char *text, unsigned profiles, enum sp_area area, bool staff)
{
	struct sp_query q = { .text = text,
		              .profiles = profiles,
		              .area = area,
		              .staff = staff,
		              .now_ms = TEST_MONDAY_10AM };
	struct sp_service_list list = { 0 };

	CU_ASSERT_EQUAL(sp_directory_search(fixture_directory(), &q, &list), SP_OK);
	return list;
}

static void
test_missing_file_is_not_created(void)
{
	struct sp_directory *d = (struct sp_directory *) 1;
	char path[4096];

	snprintf(path, sizeof path, "%s/missing.db", tmp);
	CU_ASSERT_EQUAL(sp_directory_open(&d, path, NULL, NULL), SP_ERR_DB_MISSING);
	CU_ASSERT_PTR_NULL(d);
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
	CU_ASSERT_EQUAL(sp_directory_open(&d, "/nonexistent/dir/x.db", NULL, NULL),
	                SP_ERR_DB_MISSING);
}

static void
test_not_a_database_is_refused(void)
{
	struct sp_directory *d = NULL;
	char path[4096], junk[4096];

	CU_ASSERT_EQUAL(sp_directory_open(&d, tmp, NULL, NULL), SP_ERR_DB_UNREADABLE);
	fixture_write(tmp, "empty.db", "");
	snprintf(path, sizeof path, "%s/empty.db", tmp);
	CU_ASSERT_EQUAL(sp_directory_open(&d, path, NULL, NULL), SP_ERR_DB_CORRUPT);
	for (size_t i = 0; i < sizeof junk - 1; i++)
		junk[i] = (char) ('!' + (i * 7919) % 90);
	junk[sizeof junk - 1] = '\0';
	fixture_write(tmp, "junk.db", junk);
	snprintf(path, sizeof path, "%s/junk.db", tmp);
	CU_ASSERT_EQUAL(sp_directory_open(&d, path, NULL, NULL), SP_ERR_DB_CORRUPT);
	CU_ASSERT_PTR_NULL(d);
}

static void
make_db(const char *name, const char *sql, char *path, size_t cap)
{
	sqlite3 *db;

	snprintf(path, cap, "%s/%s", tmp, name);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void
test_other_applications_and_versions_are_refused(void)
{
	struct sp_directory *d = NULL;
	char path[4096], *detail = NULL;

	make_db("foreign.db", "PRAGMA application_id = 42; CREATE TABLE t(x);", path, sizeof path);
	CU_ASSERT_EQUAL(sp_directory_open(&d, path, NULL, NULL), SP_ERR_DB_FOREIGN);
	make_db("old.db",
	        "PRAGMA application_id = 1397772110; PRAGMA user_version = 99;"
	        " CREATE TABLE t(x);",
	        path, sizeof path);
	CU_ASSERT_EQUAL(sp_directory_open(&d, path, NULL, &detail), SP_ERR_DB_VERSION);
	CU_ASSERT_PTR_NOT_NULL(detail);
	free(detail);
	CU_ASSERT_PTR_NULL(d);
}

static void
test_truncated_file_is_refused(void)
{
	struct sp_directory *d = NULL;
	char path[4096];
	FILE *in = fopen(TEST_DB_PATH, "rb"), *out;
	char buf[8192];
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	snprintf(path, sizeof path, "%s/truncated.db", tmp);
	out = fopen(path, "wb");
	n = fread(buf, 1, sizeof buf, in);
	fwrite(buf, 1, n, out);
	fclose(in);
	fclose(out);
	CU_ASSERT_NOT_EQUAL(sp_directory_open(&d, path, NULL, NULL), SP_OK);
	CU_ASSERT_PTR_NULL(d);
}

/* The built directory's bytes, in a new malloc'd buffer. */
static unsigned char *
directory_bytes(size_t *len)
{
	unsigned char *data = NULL;

	CU_ASSERT_EQUAL(sp_file_read(TEST_DB_PATH, SP_DB_MAX_BYTES, &data, len, NULL), SP_OK);
	return data;
}

/* The built directory with `sql` run on a scratch copy, as new malloc'd bytes. */
static unsigned char *
altered_directory(const char *sql, size_t *len)
{
	size_t n = 0;
	unsigned char *data = directory_bytes(&n), *copy, *out = NULL;
	sqlite3_int64 size = 0;
	sqlite3_stmt *st;
	sqlite3 *db;

	*len = 0;
	if (!data)
		return NULL;
	copy = sqlite3_malloc64(n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
	memcpy(copy, data, n);
	free(data);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(":memory:", &db), SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(
	        sqlite3_deserialize(db, "main", copy, (sqlite3_int64) n, (sqlite3_int64) n,
	                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE),
	        SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	/* Only the search index is damaged: the pages are sound. */
	CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_step(st), SQLITE_ROW);
	CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	data = sqlite3_serialize(db, "main", &size, 0);
	if (data && (out = malloc((size_t) size))) {
		memcpy(out, data, (size_t) size);
		*len = (size_t) size;
	}
	sqlite3_free(data);
	sqlite3_close(db);
	return out;
}

static void
test_damaged_search_index_is_refused(void)
{
	static const char *const damage[] = {
		"UPDATE service_fts_data SET block = zeroblob(length(block)) WHERE length(block) > "
		"100",
		"UPDATE translation_fts_data SET block = zeroblob(length(block))"
		" WHERE length(block) > 100",
		"UPDATE term_fts_data SET block = zeroblob(length(block)) WHERE length(block) > "
		"100",
		/* The index sound, what it indexes changed behind its back (term_fts keeps its text;
		 * the services' indexes keep none: tests/cli/test-cli.sh, "damaged sizes"). */
		"UPDATE term_fts_content SET c2 = 'nothing like it' WHERE id = 5",
	};
	struct sp_directory *d = NULL;
	unsigned char *bytes;
	size_t len;
	char *detail = NULL;

	/* The same alteration that is not damage opens: the test knows the difference. */
	bytes = altered_directory("SELECT 1", &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
	CU_ASSERT_EQUAL(sp_directory_open_bytes(&d, bytes, len, NULL), SP_OK);
	sp_directory_free(d);
	for (size_t i = 0; i < sizeof damage / sizeof damage[0]; i++) {
		bytes = altered_directory(damage[i], &len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
		d = (struct sp_directory *) 1;
		CU_ASSERT_EQUAL(sp_directory_open_bytes(&d, bytes, len, &detail),
		                SP_ERR_DB_CORRUPT);
		CU_ASSERT_PTR_NULL(d);
		CU_ASSERT_PTR_NOT_NULL(detail);
		if (detail) {
			CU_ASSERT_PTR_NOT_NULL(strstr(detail, "search index"));
			CU_ASSERT_PTR_NULL(strchr(detail, '\n'));
		}
		free(detail);
		detail = NULL;
	}
}

/* A directory whose text holds a control character a terminal would obey is refused at
 * open, naming the column, like any damage; a line break is text. */
static void
test_control_characters_are_refused(void)
{
	static const char *const alterations[][2] = {
		{ "UPDATE service SET description = description || char(27) || ']0;x' || char(7)"
		  " WHERE rowid = (SELECT min(rowid) FROM service)",
		  "service.description" },
		{ "UPDATE organisation SET name = name || char(155) WHERE id ="
		  " (SELECT min(id) FROM organisation)",
		  "organisation.name" },
		{ "UPDATE contact SET label = 'a' || char(9) || 'b' WHERE rowid = 1",
		  "contact.label" },
		{ "UPDATE glossary SET explanation = char(127)", "glossary.explanation" },
	};
	struct sp_directory *d = NULL;
	unsigned char *bytes;
	size_t len;
	char *detail = NULL;

	bytes = altered_directory("UPDATE service SET description = description || char(10) ||"
	                          " 'more' WHERE rowid = (SELECT min(rowid) FROM service)",
	                          &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
	CU_ASSERT_EQUAL(sp_directory_open_bytes(&d, bytes, len, NULL), SP_OK);
	sp_directory_free(d);
	for (size_t i = 0; i < sizeof alterations / sizeof alterations[0]; i++) {
		bytes = altered_directory(alterations[i][0], &len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
		d = (struct sp_directory *) 1;
		CU_ASSERT_EQUAL(sp_directory_open_bytes(&d, bytes, len, &detail),
		                SP_ERR_DB_CORRUPT);
		CU_ASSERT_PTR_NULL(d);
		CU_ASSERT_PTR_NOT_NULL(detail ? strstr(detail, alterations[i][1]) : NULL);
		free(detail);
		detail = NULL;
	}
}

static void
test_damage_is_reported_in_one_line(void)
{
	struct sp_directory *d = NULL;
	size_t len;
	unsigned char *bytes = directory_bytes(&len);
	char *detail = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
	CU_ASSERT_FATAL(len > 8300);
	memset(bytes + 8200, 'X', 64); /* inside the second page: SQLite reports over lines */
	CU_ASSERT_EQUAL(sp_directory_open_bytes(&d, bytes, len, &detail), SP_ERR_DB_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(detail);
	if (detail) {
		CU_ASSERT_PTR_NULL(strchr(detail, '\n'));
		CU_ASSERT_PTR_NULL(strstr(detail, "***"));
		CU_ASSERT(strlen(detail) > 0);
	}
	free(detail);
}

static void
test_open_trusts_the_settings_keys(void)
{
	unsigned char pk[SP_PUBLIC_KEY_BYTES], sk[SP_SECRET_KEY_BYTES];
	const unsigned char id[SP_KEY_ID_BYTES] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct sp_settings settings = { .idle_timeout = -1 };
	struct sp_directory *d = NULL;
	char path[4096], *sig;
	size_t len;
	unsigned char *bytes = directory_bytes(&len);
	FILE *f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
	CU_ASSERT_TRUE_FATAL(sp_trust_init());
	crypto_sign_keypair(pk, sk);
	sig = sp_trust_sign(sk, id, bytes, len,
	                    "signpost-directory version:7 valid-until:2000-01-01 file:officer.db");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sig);
	snprintf(path, sizeof path, "%s/officer.db", tmp);
	f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fwrite(bytes, 1, len, f), len);
	fclose(f);
	free(bytes);
	CU_ASSERT_TRUE(fixture_write(tmp, "officer.db.minisig", sig));
	free(sig);
	/* Not one of the compiled-in keys: refused without the settings. */
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, path, NULL, false, NULL), SP_ERR_DB_TAMPERED);
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, path, &settings, false, NULL),
	                SP_ERR_DB_TAMPERED);
	CU_ASSERT_PTR_NULL(d);
	settings.trusted_keys = &pk;
	settings.ntrusted_keys = 1;
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, path, &settings, false, NULL), SP_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	/* What the signature says comes with the directory; an expired one still opens. */
	CU_ASSERT_STRING_EQUAL(sp_directory_signature(d)->key_id, "0807060504030201");
	CU_ASSERT_STRING_EQUAL(sp_directory_signature(d)->version, "7");
	CU_ASSERT_STRING_EQUAL(sp_directory_signature(d)->valid_until, "2000-01-01");
	CU_ASSERT_TRUE(sp_trust_expired(sp_directory_signature(d), 1795428000LL));
	sp_directory_free(d);
	/* A draft opens unsigned only when that is allowed. */
	snprintf(path, sizeof path, "%s/officer.db.minisig", tmp);
	unlink(path);
	snprintf(path, sizeof path, "%s/officer.db", tmp);
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, path, &settings, false, NULL),
	                SP_ERR_DB_UNSIGNED);
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, path, NULL, true, NULL), SP_OK);
	sp_directory_free(d);
	/* The built directory, signed with the build's key, needs nothing more. */
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, TEST_DB_PATH, NULL, false, NULL), SP_OK);
	sp_directory_free(d);
}

/* ------------------------------------------------------------- reading in place (issue 13) */

/* Copies the built, signed directory (and its signature) to tmp/name. */
static bool
copy_signed(const char *name, char *path, size_t size)
{
	unsigned char *data = NULL, *sig = NULL;
	size_t len, sig_len;
	char sig_path[4200];
	FILE *f;
	bool ok;

	snprintf(path, size, "%s/%s", tmp, name);
	snprintf(sig_path, sizeof sig_path, "%s.minisig", path);
	if (sp_file_read(TEST_DB_PATH, SP_DB_MAX_BYTES, &data, &len, NULL) != SP_OK ||
	    sp_file_read(TEST_DB_PATH ".minisig", 4096, &sig, &sig_len, NULL) != SP_OK) {
		free(data);
		return false;
	}
	ok = (f = fopen(path, "wb")) && fwrite(data, 1, len, f) == len;
	if (f)
		ok = fclose(f) == 0 && ok;
	ok = ok && (f = fopen(sig_path, "wb")) && fwrite(sig, 1, sig_len, f) == sig_len;
	if (ok)
		ok = fclose(f) == 0;
	free(data);
	free(sig);
	return ok;
}

static bool
flip_byte(const char *path, long offset)
{
	FILE *f = fopen(path, "r+b");
	int c = EOF;
	bool ok;

	if (!f)
		return false;
	ok = fseek(f, offset, SEEK_SET) == 0 && (c = fgetc(f)) != EOF &&
	     fseek(f, offset, SEEK_SET) == 0 && fputc(c ^ 0x20, f) != EOF;
	return fclose(f) == 0 && ok;
}

/* Everything the programs read of a directory, as one text; the status of the first read
 * that failed. */
static enum sp_status
read_everything(struct sp_directory *d, char **out)
{
	struct sp_query q = { .area = SP_AREA_NONE, .staff = true, .now_ms = TEST_MONDAY_10AM };
	struct sp_service_list list = { 0 };
	struct sp_definition_list defs = { 0 };
	struct sp_glossary g = { 0 };
	struct sp_buf buf;
	enum sp_status rc;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	if ((rc = sp_directory_search(d, &q, &list)) == SP_OK) {
		for (size_t i = 0; i < list.count; i++) {
			const struct sp_service *s = &list.items[i];

			sp_buf_puts(&buf, s->id);
			sp_buf_puts(&buf, s->name);
			sp_buf_puts(&buf, s->description);
			for (size_t c = 0; c < s->ncontacts; c++)
				sp_buf_puts(&buf, s->contacts[c].value);
		}
	}
	sp_service_list_clear(&list);
	q.text = "abuse helpline support";
	if (rc == SP_OK && (rc = sp_directory_search(d, &q, &list)) == SP_OK)
		for (size_t i = 0; i < list.count; i++)
			sp_buf_puts(&buf, list.items[i].id);
	sp_service_list_clear(&list);
	if (rc == SP_OK && (rc = sp_directory_definitions(d, NULL, &defs)) == SP_OK)
		for (size_t i = 0; i < defs.count; i++)
			sp_buf_puts(&buf, defs.items[i].summary);
	sp_definition_list_clear(&defs);
	if (rc == SP_OK && (rc = sp_directory_glossary(d, NULL, &g)) == SP_OK)
		for (size_t i = 0; i < g.count; i++)
			sp_buf_puts(&buf, g.items[i].term);
	sp_glossary_clear(&g);
	*out = sp_buf_take(&buf);
	return rc;
}

/*
 * A signed directory is read in place and each page checked against the signed manifest as
 * it is read: a byte changed anywhere in the file is either never read, or refused as
 * tampering when it is -- never shown. Here pages are checked only as they are read (as in a
 * directory too large to check whole at open).
 */
static void
test_every_page_read_is_checked(void)
{
	struct sp_directory *d = NULL;
	char path[4096], *clean = NULL;
	long size, refused = 0, unread = 0;
	FILE *f;

	CU_ASSERT_TRUE_FATAL(copy_signed("pages.db", path, sizeof path));
	sp_directory_verify_at_open_bytes = 0;
	CU_ASSERT_EQUAL_FATAL(sp_directory_open_trusted(&d, path, NULL, false, NULL), SP_OK);
	CU_ASSERT_EQUAL(read_everything(d, &clean), SP_OK);
	sp_directory_free(d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(clean);
	f = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	/* One byte in every 4 KB of the file (image, manifest and footer), at varying offsets. */
	for (long at = 0; at < size; at += 4096) {
		long offset = at + (at / 4096 * 733) % 4096;
		enum sp_status rc;
		char *seen = NULL;

		if (offset >= size)
			offset = size - 1;
		CU_ASSERT_TRUE_FATAL(copy_signed("pages.db", path, sizeof path));
		CU_ASSERT_TRUE_FATAL(flip_byte(path, offset));
		d = NULL;
		rc = sp_directory_open_trusted(&d, path, NULL, false, NULL);
		if (rc == SP_OK) {
			rc = read_everything(d, &seen);
			sp_directory_free(d);
		}
		if (rc == SP_OK && seen && strcmp(seen, clean) == 0) {
			unread++;
		} else {
			CU_ASSERT_EQUAL(rc, SP_ERR_DB_TAMPERED);
			if (rc != SP_ERR_DB_TAMPERED)
				fprintf(stderr, "\nbyte %ld changed: status %d\n", offset,
				        (int) rc);
			refused++;
		}
		free(seen);
	}
	sp_directory_verify_at_open_bytes = SP_DB_VERIFY_AT_OPEN_BYTES;
	free(clean);
	/* Many pages hold something read here (the others: other languages, other words' index). */
	CU_ASSERT(refused > 50);
	CU_ASSERT(refused + unread > 100);
	/* A small directory is checked whole at open: a change in a page nothing has read yet is
	 * refused at the door. */
	CU_ASSERT_TRUE_FATAL(copy_signed("pages.db", path, sizeof path));
	CU_ASSERT_TRUE_FATAL(flip_byte(path, size / 2));
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, path, NULL, false, NULL), SP_ERR_DB_TAMPERED);
}

/*
 * A one-shot command opens with sp_directory_open_trusted_as_read(): a changed page nothing
 * has read is not looked at, so the open succeeds; the first read of it fails as tampering
 * and sp_directory_tampered() says so from then on, for the command to ask before it writes.
 */
static void
test_open_as_read_checks_pages_when_read(void)
{
	struct sp_directory *d = NULL;
	char path[4096], *seen = NULL;
	long offset = 0;
	bool found = false;

	/* The byte the helpline's number ends with, in a page every search reads. */
	CU_ASSERT_TRUE_FATAL(copy_signed("as-read.db", path, sizeof path));
	CU_ASSERT_EQUAL_FATAL(sp_directory_open_trusted_as_read(&d, path, NULL, false, NULL),
	                      SP_OK);
	CU_ASSERT_FALSE(sp_directory_tampered(d));
	sp_directory_free(d);
	{
		FILE *f = fopen(path, "rb");
		static const char number[] = "0808 2000 247";
		size_t matched = 0;
		int c;

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		while (!found && (c = fgetc(f)) != EOF) {
			matched = c == number[matched] ? matched + 1 : c == number[0];
			found = matched == sizeof number - 1;
		}
		offset = ftell(f) - 1;
		fclose(f);
	}
	CU_ASSERT_TRUE_FATAL(found);
	CU_ASSERT_TRUE_FATAL(flip_byte(path, offset));
	/* Checked whole at open, as the kiosk opens it: refused at the door. */
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, path, NULL, false, NULL), SP_ERR_DB_TAMPERED);
	/* As read: opens, and the read that reaches the page is refused. */
	CU_ASSERT_EQUAL_FATAL(sp_directory_open_trusted_as_read(&d, path, NULL, false, NULL),
	                      SP_OK);
	CU_ASSERT_FALSE(sp_directory_tampered(d));
	CU_ASSERT_EQUAL(read_everything(d, &seen), SP_ERR_DB_TAMPERED);
	CU_ASSERT_TRUE(sp_directory_tampered(d));
	free(seen);
	sp_directory_free(d);
}

/* A signed directory with a byte more or fewer than it was signed with is refused. */
static void
test_resized_signed_directory_is_refused(void)
{
	struct sp_directory *d = NULL;
	char path[4096];
	FILE *f;

	CU_ASSERT_TRUE_FATAL(copy_signed("grown.db", path, sizeof path));
	f = fopen(path, "ab");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputc(0, f);
	fclose(f);
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, path, NULL, false, NULL), SP_ERR_DB_TAMPERED);
	CU_ASSERT_TRUE_FATAL(copy_signed("shrunk.db", path, sizeof path));
	CU_ASSERT_EQUAL(truncate(path, 8192), 0);
	CU_ASSERT_EQUAL(sp_directory_open_trusted(&d, path, NULL, false, NULL), SP_ERR_DB_TAMPERED);
	CU_ASSERT_PTR_NULL(d);
}

/* Size alone is never a reason to call a directory damaged: one larger than the old 64 MB
 * whole-file limit opens (here the built file with 80 MB of nothing after it). */
static void
test_large_file_is_not_corrupt(void)
{
	struct sp_directory *d = NULL;
	char path[4096];
	struct sp_service_list list = { 0 };
	struct sp_query q = { .text = "helpline",
		              .area = SP_AREA_NONE,
		              .now_ms = TEST_MONDAY_10AM };

	CU_ASSERT_TRUE_FATAL(copy_signed("large.db", path, sizeof path));
	CU_ASSERT_EQUAL_FATAL(truncate(path, 80L * 1024 * 1024), 0);
	CU_ASSERT_EQUAL(sp_directory_open(&d, path, NULL, NULL), SP_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(sp_directory_search(d, &q, &list), SP_OK);
	CU_ASSERT(list.count > 0);
	sp_service_list_clear(&list);
	sp_directory_free(d);
}

static void
test_profile_search_finds_specialists(void)
{
	struct {
		unsigned profile;
		const char *id;
	} cases[] = {
		{ SP_PROFILE_MALE, "mens-advice-line" },
		{ SP_PROFILE_LGBTQ, "galop" },
		{ SP_PROFILE_OLDER, "hourglass" },
		{ SP_PROFILE_STALKING, "national-stalking-helpline" },
		{ SP_PROFILE_A8, "idva-a8" },
		{ SP_PROFILE_HONOUR, "karma-nirvana" },
		{ SP_PROFILE_PERPETRATOR, "respect-phoneline" },
		{ SP_PROFILE_CHILDREN, "childline" },
		{ SP_PROFILE_SEXUAL_VIOLENCE, "rape-crisis" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sp_service_list list =
		        search(NULL, 1u << cases[i].profile, SP_AREA_NONE, false);

		CU_ASSERT_TRUE(fixture_list_has(&list, cases[i].id));
		for (size_t j = 0; j < list.count; j++)
			CU_ASSERT_TRUE(list.items[j].profiles & (1u << cases[i].profile));
		sp_service_list_clear(&list);
	}
}

static void
test_more_matched_profiles_rank_first(void)
{
	unsigned asked = (1u << SP_PROFILE_YOUNG) | (1u << SP_PROFILE_SEXUAL_VIOLENCE);
	struct sp_service_list list = search(NULL, asked, SP_AREA_NONE, false);

	CU_ASSERT_TRUE_FATAL(list.count > 1);
	for (size_t i = 1; i < list.count; i++)
		CU_ASSERT_TRUE(list.items[i - 1].matched >= list.items[i].matched);
	sp_service_list_clear(&list);
}

static void
test_text_search_is_forgiving(void)
{
	const char *queries[] = { "mens advice", "Men's Advice", "MEN’S ADVICE LINE", "mens adv",
		                  NULL };

	for (int i = 0; queries[i]; i++) {
		struct sp_service_list list = search(queries[i], 0, SP_AREA_NONE, false);

		CU_ASSERT_TRUE_FATAL(list.count > 0);
		CU_ASSERT_STRING_EQUAL(list.items[0].id, "mens-advice-line");
		sp_service_list_clear(&list);
	}
}

static void
test_everyday_words_find_services(void)
{
	struct {
		const char *words, *id;
	} cases[] = {
		{ "gay", "galop" },
		{ "lesbian", "galop" },
		{ "rape", "rape-crisis" },
		{ "forced marriage", "karma-nirvana" },
		{ "elderly", "hourglass" },
		{ "polish", "idva-a8" },
		{ "abuser", "respect-phoneline" },
		{ "ISVA", "isva-service" },
		{ "stalker", "national-stalking-helpline" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sp_service_list list = search(cases[i].words, 0, SP_AREA_NONE, false);

		if (!fixture_list_has(&list, cases[i].id))
			fprintf(stderr, "\n  \"%s\" did not find %s", cases[i].words, cases[i].id);
		CU_ASSERT_TRUE(fixture_list_has(&list, cases[i].id));
		sp_service_list_clear(&list);
	}
}

static void
test_query_syntax_is_plain_text(void)
{
	const char *queries[] = { "\"AND",  "AND",       "OR NOT",    "24-hour",
		                  "men's",  "*",         "NEAR(a b)", "col:value",
		                  "^start", "a\x01\x02", "\xff\xfe",  "'); DROP TABLE service; --",
		                  NULL };

	for (int i = 0; queries[i]; i++) {
		struct sp_service_list list = search(queries[i], 0, SP_AREA_NONE, false);

		sp_service_list_clear(&list);
	}
}

static void
test_public_view_hides_professional_lines(void)
{
	struct sp_service_list pub = search(NULL, 0, SP_AREA_NONE, false);
	struct sp_service_list staff = search(NULL, 0, SP_AREA_NONE, true);

	CU_ASSERT_FALSE(fixture_list_has_value(&pub, "01480 847718"));
	CU_ASSERT_FALSE(fixture_list_has(&pub, "marac"));
	for (size_t i = 0; i < pub.count; i++) {
		CU_ASSERT_FALSE(pub.items[i].professional_only);
		CU_ASSERT_PTR_NULL(pub.items[i].eligibility);
		for (size_t c = 0; c < pub.items[i].ncontacts; c++)
			CU_ASSERT_FALSE(pub.items[i].contacts[c].professional);
	}
	CU_ASSERT_TRUE(fixture_list_has_value(&staff, "01480 847718"));
	CU_ASSERT_TRUE(fixture_list_has(&staff, "marac"));
	CU_ASSERT_TRUE(staff.count > pub.count);
	sp_service_list_clear(&pub);
	sp_service_list_clear(&staff);
}

static void
test_closed_services_are_never_active(void)
{
	struct sp_service_list staff = search("broken rainbow", 0, SP_AREA_NONE, true);
	struct sp_service s;

	CU_ASSERT_FALSE(fixture_list_has(&staff, "broken-rainbow"));
	sp_service_list_clear(&staff);
	CU_ASSERT_EQUAL_FATAL(
	        sp_directory_get(fixture_directory(), "broken-rainbow", true, TEST_MONDAY_10AM, &s),
	        SP_OK);
	CU_ASSERT_STRING_NOT_EQUAL(s.status, "active");
	CU_ASSERT_STRING_EQUAL(s.superseded_by, "galop");
	CU_ASSERT_EQUAL(s.ncontacts, 0);
	sp_service_clear(&s);
}

static void
test_get_respects_the_view(void)
{
	struct sp_service s;

	CU_ASSERT_EQUAL(sp_directory_get(fixture_directory(), "marac", false, TEST_MONDAY_10AM, &s),
	                SP_ERR_NOT_FOUND);
	CU_ASSERT_EQUAL_FATAL(
	        sp_directory_get(fixture_directory(), "marac", true, TEST_MONDAY_10AM, &s), SP_OK);
	CU_ASSERT_TRUE(s.professional_only);
	sp_service_clear(&s);
	CU_ASSERT_EQUAL(sp_directory_get(fixture_directory(), "no-such-service", true,
	                                 TEST_MONDAY_10AM, &s),
	                SP_ERR_NOT_FOUND);
	CU_ASSERT_EQUAL_FATAL(
	        sp_directory_get(fixture_directory(), "galop", false, TEST_MONDAY_10AM, &s), SP_OK);
	CU_ASSERT_STRING_EQUAL(sp_service_main_phone(&s)->value, "0800 999 5428");
	CU_ASSERT_EQUAL(s.open_now, SP_YES);
	sp_service_clear(&s);
}

static void
test_area_filter_includes_wider_areas(void)
{
	struct sp_service_list list = search(NULL, 0, SP_AREA_PETERBOROUGH, false);

	CU_ASSERT_TRUE(fixture_list_has(&list, "national-da-helpline"));
	CU_ASSERT_TRUE(fixture_list_has(&list, "peterborough-childrens-safeguarding"));
	CU_ASSERT_FALSE(fixture_list_has(&list, "cambs-childrens-safeguarding"));
	for (size_t i = 0; i < list.count; i++) {
		const char *a = list.items[i].area;

		CU_ASSERT_TRUE(!strcmp(a, "national") || !strcmp(a, "cambs-peterborough") ||
		               !strcmp(a, "peterborough"));
	}
	sp_service_list_clear(&list);
}

static void
test_open_now_at_night(void)
{
	struct sp_query q = { .area = SP_AREA_NONE,
		              .open_now_only = true,
		              .now_ms = TEST_SATURDAY_3AM };
	struct sp_service_list list;

	CU_ASSERT_EQUAL_FATAL(sp_directory_search(fixture_directory(), &q, &list), SP_OK);
	CU_ASSERT_TRUE(fixture_list_has(&list, "national-da-helpline"));
	CU_ASSERT_TRUE(fixture_list_has(&list, "emergency-999"));
	CU_ASSERT_FALSE(fixture_list_has(&list, "galop"));
	for (size_t i = 0; i < list.count; i++)
		CU_ASSERT_EQUAL(list.items[i].open_now, SP_YES);
	sp_service_list_clear(&list);
}

static void
test_definitions_and_glossary(void)
{
	struct sp_definition_list defs;
	struct sp_glossary g;

	CU_ASSERT_EQUAL_FATAL(sp_directory_definitions(fixture_directory(), NULL, &defs), SP_OK);
	CU_ASSERT_TRUE_FATAL(defs.count >= 2);
	CU_ASSERT_STRING_EQUAL(defs.items[0].id, "da-act-s1");
	CU_ASSERT_PTR_NOT_NULL(strstr(defs.items[0].legal_text, "16"));
	sp_definition_list_clear(&defs);
	CU_ASSERT_EQUAL_FATAL(sp_directory_definitions(fixture_directory(), "da-act-s2", &defs),
	                      SP_OK);
	CU_ASSERT_EQUAL(defs.count, 1);
	sp_definition_list_clear(&defs);
	CU_ASSERT_EQUAL_FATAL(
	        sp_directory_definitions(fixture_directory(), "personally connected", &defs),
	        SP_OK);
	CU_ASSERT_TRUE(defs.count >= 1);
	sp_definition_list_clear(&defs);
	CU_ASSERT_EQUAL_FATAL(sp_directory_glossary(fixture_directory(), "marac", &g), SP_OK);
	CU_ASSERT_TRUE_FATAL(g.count >= 1);
	CU_ASSERT_STRING_EQUAL(g.items[0].term, "MARAC");
	sp_glossary_clear(&g);
}

static void
test_pathways_for_staff(void)
{
	struct sp_pathway_list p;
	int marac = 0;

	CU_ASSERT_EQUAL_FATAL(sp_directory_pathways(fixture_directory(), &p), SP_OK);
	CU_ASSERT_TRUE(p.count >= 5);
	for (size_t i = 0; i < p.count; i++)
		marac |= strstr(p.items[i].action, "MARAC") && strstr(p.items[i].condition, "17");
	CU_ASSERT_TRUE(marac);
	sp_pathway_list_clear(&p);
}

/* A search looks at English and at the UI language's translations, never at another
 * language's: Slovak "muz" must not find Czech "může". */
static size_t
count_in(const char *locale, const char *text)
{
	struct sp_query q = {
		.text = text, .area = SP_AREA_NONE, .staff = true, .now_ms = TEST_MONDAY_10AM
	};
	struct sp_service_list list;
	size_t n;

	CU_ASSERT_EQUAL(sp_directory_set_locale(fixture_directory(), locale), SP_OK);
	CU_ASSERT_EQUAL(sp_directory_search(fixture_directory(), &q, &list), SP_OK);
	n = list.count;
	sp_service_list_clear(&list);
	return n;
}

static void
test_search_speaks_one_language_at_a_time(void)
{
	size_t cs = count_in("cs", "muz"), sk = count_in("sk", "muz"),
	       en = count_in("en_GB", "muz");

	CU_ASSERT_TRUE(cs > sk);
	CU_ASSERT_TRUE(sk >= en);
	/* English words are found whatever the language. */
	CU_ASSERT_EQUAL(count_in("sk", "mens advice"), count_in("en_GB", "mens advice"));
	sp_directory_set_locale(fixture_directory(), "en_GB");
}

/* The collator is opened at the first comparison of names; one that cannot be opened then (ICU
 * refuses an unknown collation strength) fails each sorted list clearly, and the next
 * language works again. */
static void
test_collator_failing_on_first_use_is_an_error(void)
{
	struct sp_directory *dir = fixture_directory();
	struct sp_query all = { .area = SP_AREA_NONE, .now_ms = TEST_MONDAY_10AM };
	struct sp_query text = all;
	struct sp_service_list list;
	struct sp_glossary g;
	struct sp_definition_list defs;
	struct sp_search *se = NULL;

	text.text = "refuge";
	CU_ASSERT_EQUAL_FATAL(sp_directory_set_locale(dir, "en@colStrength=bogus"), SP_OK);
	CU_ASSERT_EQUAL(sp_directory_search(dir, &all, &list), SP_ERR_LOCALE);
	CU_ASSERT_EQUAL(list.count, 0);
	CU_ASSERT_EQUAL(sp_search_open(&se, dir, &all), SP_ERR_LOCALE);
	CU_ASSERT_PTR_NULL(se);
	CU_ASSERT_EQUAL(sp_directory_glossary(dir, NULL, &g), SP_ERR_LOCALE);
	CU_ASSERT_EQUAL(g.count, 0);
	/* A list that sorts nothing by name needs no collator. */
	CU_ASSERT_EQUAL(sp_directory_definitions(dir, NULL, &defs), SP_OK);
	CU_ASSERT_TRUE(defs.count > 0);
	sp_definition_list_clear(&defs);
	CU_ASSERT_EQUAL_FATAL(sp_directory_set_locale(dir, "en_GB"), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_directory_search(dir, &all, &list), SP_OK);
	CU_ASSERT_TRUE(list.count > 1);
	sp_service_list_clear(&list);
	CU_ASSERT_EQUAL_FATAL(sp_directory_search(dir, &text, &list), SP_OK);
	sp_service_list_clear(&list);
}

static void
test_training_quiz_and_charts(void)
{
	struct sp_quiz quiz;
	struct sp_chart_list charts;

	CU_ASSERT_EQUAL_FATAL(sp_directory_quiz(fixture_directory(), &quiz), SP_OK);
	CU_ASSERT_TRUE(quiz.count >= 5);
	for (size_t i = 0; i < quiz.count; i++) {
		CU_ASSERT_TRUE(quiz.items[i].noptions >= 2);
		CU_ASSERT_TRUE(quiz.items[i].answer >= 0 &&
		               (size_t) quiz.items[i].answer < quiz.items[i].noptions);
		CU_ASSERT_PTR_NOT_NULL(quiz.items[i].services[0]);
	}
	CU_ASSERT_STRING_EQUAL(quiz.items[0].id, "young-partner");
	sp_quiz_clear(&quiz);
	CU_ASSERT_EQUAL_FATAL(sp_directory_charts(fixture_directory(), &charts), SP_OK);
	CU_ASSERT_TRUE_FATAL(charts.count >= 5);
	CU_ASSERT_STRING_EQUAL(charts.items[0].id, "headlines");
	for (size_t i = 0; i < charts.count; i++)
		CU_ASSERT_TRUE(charts.items[i].nfacts > 0);
	sp_chart_list_clear(&charts);
}

static void
test_every_allocation_failure_is_an_error(void)
{
	struct sp_query q = { .text = "helpline",
		              .profiles = 1u << SP_PROFILE_MALE,
		              .area = SP_AREA_NONE,
		              .staff = true,
		              .now_ms = TEST_MONDAY_10AM };
	long total;

	sp_mem_fail_after(-1);
	{
		struct sp_service_list list;

		sp_mem_fail_after(1000000);
		CU_ASSERT_EQUAL_FATAL(sp_directory_search(fixture_directory(), &q, &list), SP_OK);
		sp_service_list_clear(&list);
		total = sp_mem_fail_after(-1);
	}
	for (long n = 0; n < total; n++) {
		struct sp_service_list list = { (void *) 1, 99 };
		enum sp_status rc;

		sp_mem_fail_after(n);
		rc = sp_directory_search(fixture_directory(), &q, &list);
		sp_mem_fail_after(-1);
		CU_ASSERT_TRUE(rc == SP_ERR_NOMEM || rc == SP_OK);
		if (rc == SP_OK)
			sp_service_list_clear(&list);
		else
			CU_ASSERT_EQUAL(list.count, 0);
	}
}

/* Issue 17: "open now" on a Sunday evening, a weekday morning and Christmas Day 2026. */
static void
open_at(const char *iso, struct sp_service_list *list)
{
	double t = 0;
	struct sp_query q = { .area = SP_AREA_NONE, .open_now_only = true };

	CU_ASSERT_TRUE_FATAL(sp_parse_utc(iso, &t));
	q.now_ms = t;
	CU_ASSERT_EQUAL_FATAL(sp_directory_search(fixture_directory(), &q, list), SP_OK);
}

static void
test_open_now_follows_bank_holidays(void)
{
	struct sp_service_list list;
	struct sp_service s;
	double xmas = 0;

	/* Sunday 29 November 2026, 19:00: the out-of-hours social care team is open. */
	open_at("2026-11-29T19:00:00Z", &list);
	CU_ASSERT_TRUE(fixture_list_has(&list, "emergency-duty-team"));
	CU_ASSERT_TRUE(fixture_list_has(&list, "samaritans"));
	CU_ASSERT_FALSE(fixture_list_has(&list, "cambs-childrens-safeguarding"));
	sp_service_list_clear(&list);
	/* Monday 10:00: office lines open, the out-of-hours team not. */
	open_at("2026-11-23T10:00:00Z", &list);
	CU_ASSERT_TRUE(fixture_list_has(&list, "cambs-childrens-safeguarding"));
	CU_ASSERT_TRUE(fixture_list_has(&list, "mens-advice-line"));
	CU_ASSERT_FALSE(fixture_list_has(&list, "emergency-duty-team"));
	sp_service_list_clear(&list);
	/* Christmas Day 2026 (a Friday), 10:00. */
	open_at("2026-12-25T10:00:00Z", &list);
	CU_ASSERT_TRUE(fixture_list_has(&list, "emergency-duty-team"));
	CU_ASSERT_TRUE(fixture_list_has(&list, "national-da-helpline"));
	CU_ASSERT_TRUE(fixture_list_has(&list, "rape-crisis-support-line"));
	CU_ASSERT_FALSE(fixture_list_has(&list, "cambs-childrens-safeguarding")); /* PH off */
	CU_ASSERT_FALSE(fixture_list_has(&list, "mens-advice-line")); /* hours silent on PH */
	for (size_t i = 0; i < list.count; i++)
		CU_ASSERT_EQUAL(list.items[i].open_now, SP_YES);
	sp_service_list_clear(&list);
	/* A line whose hours say nothing about holidays is neither open nor closed then. */
	CU_ASSERT_TRUE_FATAL(sp_parse_utc("2026-12-25T10:00:00Z", &xmas));
	CU_ASSERT_EQUAL_FATAL(
	        sp_directory_get(fixture_directory(), "mens-advice-line", false, xmas, &s), SP_OK);
	CU_ASSERT_EQUAL(s.open_now, SP_UNKNOWN);
	CU_ASSERT_EQUAL(sp_service_main_phone(&s)->open_now, SP_UNKNOWN);
	sp_service_clear(&s);
	CU_ASSERT_EQUAL_FATAL(sp_directory_get(fixture_directory(), "cambs-childrens-safeguarding",
	                                       false, xmas, &s),
	                      SP_OK);
	CU_ASSERT_EQUAL(s.open_now, SP_NO);
	CU_ASSERT_TRUE(sp_service_main_phone(&s)->has_next_open);
	CU_ASSERT_EQUAL(sp_service_main_phone(&s)->next_day,
	                2); /* Tuesday 29th: 28th is a holiday */
	sp_service_clear(&s);
}

/* A line with unknown hours is never claimed open. */
static void
test_unknown_hours_are_never_open(void)
{
	struct sp_service_list list;

	open_at("2026-11-24T11:00:00Z", &list);
	CU_ASSERT_FALSE(fixture_list_has(&list, "respect-phoneline"));
	CU_ASSERT_FALSE(fixture_list_has(&list, "victim-witness-hub"));
	sp_service_list_clear(&list);
}

static const CU_TestInfo tests[] = {
	{ "every page of a signed directory is checked as it is read",
	  test_every_page_read_is_checked },
	{ "a directory opened as read is checked page by page, and says when a page was changed",
	  test_open_as_read_checks_pages_when_read },
	{ "a signed directory grown or shrunk is refused",
	  test_resized_signed_directory_is_refused },
	{ "a large file is not called damaged", test_large_file_is_not_corrupt },
	{ "a missing database is an error and no file is created",
	  test_missing_file_is_not_created },
	{ "folders, empty files and junk are refused", test_not_a_database_is_refused },
	{ "other applications' and other versions' databases are refused",
	  test_other_applications_and_versions_are_refused },
	{ "a truncated database is refused", test_truncated_file_is_refused },
	{ "a damaged search index is refused at open", test_damaged_search_index_is_refused },
	{ "damage is reported in one line", test_damage_is_reported_in_one_line },
	{ "control characters in any text column are refused at open",
	  test_control_characters_are_refused },
	{ "the one open trusts the settings' keys besides the compiled-in ones",
	  test_open_trusts_the_settings_keys },
	{ "each profile finds its specialist line", test_profile_search_finds_specialists },
	{ "services serving more of the asked profiles rank first",
	  test_more_matched_profiles_rank_first },
	{ "text search ignores case, apostrophes and word endings", test_text_search_is_forgiving },
	{ "everyday words and acronyms find services", test_everyday_words_find_services },
	{ "query syntax, quotes and control characters are plain text",
	  test_query_syntax_is_plain_text },
	{ "the public view never holds a professional-only line",
	  test_public_view_hides_professional_lines },
	{ "closed services are never listed, and say so when asked for",
	  test_closed_services_are_never_active },
	{ "show respects the view", test_get_respects_the_view },
	{ "an area includes national and county services", test_area_filter_includes_wider_areas },
	{ "at 3 a.m. on Saturday only 24-hour lines are open", test_open_now_at_night },
	{ "open now on a Sunday evening, a weekday morning and Christmas Day",
	  test_open_now_follows_bank_holidays },
	{ "lines with unknown hours are never claimed open", test_unknown_hours_are_never_open },
	{ "definitions and glossary are looked up", test_definitions_and_glossary },
	{ "referral pathways include the MARAC threshold of 17", test_pathways_for_staff },
	{ "a search looks at one translation, the UI language's",
	  test_search_speaks_one_language_at_a_time },
	{ "a collator that fails on first use is an error, not a byte-order list",
	  test_collator_failing_on_first_use_is_an_error },
	{ "the training quiz and key-facts charts load in file order",
	  test_training_quiz_and_charts },
	{ "every allocation failure in a search is an error",
	  test_every_allocation_failure_is_an_error },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_directory(void)
{
	return test_add_suite("directory", setup, teardown, tests);
}

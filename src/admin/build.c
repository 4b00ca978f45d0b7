#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uversion.h>

#include "admin/build.h"
#include "admin/build_private.h"
#include "admin/check.h"
#include "admin/csvfile.h"
#include "admin/keys.h"
#include "admin/origin.h"
#include "admin/phone.h"
#include "core/directory.h"
#include "core/fold.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/taxonomy.h"

void __attribute__((format(printf, 2, 3))) build_row_error(struct build *b, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sp_report_error_at(b->report, b->csv->path, b->line, "record %zu: %s", b->record, msg);
}

void
build_origin(struct build *b, const char *kind, const char *id)
{
	if (b->origins && !sp_origins_note(b->origins, kind, id, b->csv->path, b->line))
		b->report->out_of_memory = 1;
}

int
build_is_slug(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char) *s) || isdigit((unsigned char) *s) || *s == '-'))
			return 0;
	return 1;
}

int
build_is_date(const char *s)
{
	int y, m, d, used = 0;

	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 &&
	       used == 10 && y >= 2000 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

int
build_one_of(const char *value, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(value, *allowed) == 0)
			return 1;
	return 0;
}

/* Checks each ;-separated item of a list with `ok`; an empty list is fine. */
int
build_list_ok(const char *list, int (*ok)(const char *item))
{
	char item[64];

	while (*list) {
		size_t n = strcspn(list, ";");

		if (n == 0 || n >= sizeof item)
			return 0;
		memcpy(item, list, n);
		item[n] = '\0';
		if (!ok(item))
			return 0;
		list += n;
		if (*list == ';' && !*++list)
			return 0;
	}
	return 1;
}

int
build_is_risk_level(const char *s)
{
	static const char *const levels[] = { "standard", "medium", "high", NULL };
	return build_one_of(s, levels);
}

int
build_is_language(const char *s)
{
	size_t n = strlen(s);

	if (n < 2 || n > 3)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char) *s))
			return 0;
	return 1;
}

int
build_is_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
	       !strpbrk(s, " \t\n<>()[],;:\"") && at[1] != '.' && s[strlen(s) - 1] != '.';
}

int
build_is_url(const char *s)
{
	return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0 ||
	        strncmp(s, "www.", 4) == 0) &&
	       !strpbrk(s, " \t\n<>\"") && strchr(s, '.');
}

const char *
build_field(const struct sp_csv_row *row, int col)
{
	return row->fields[col];
}

/* Binds a field as text, or NULL when empty. */
void
build_bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	/* Without a copy: v is a field of a CSV row, which outlives the statement's step (a
	 * million rows at 100,000 services). */
	if (*v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int
build_step_done(struct build *b, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 1;
	build_row_error(b, "%s", sqlite3_errmsg(b->db));
	return 0;
}

sqlite3_stmt *
build_prepare(struct build *b, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		sp_report_error(b->report, "internal: %s: %s", sqlite3_errmsg(b->db), sql);
	return st;
}

bool
build_attach(sqlite3 *db, const char *path, const char *name, int cache_kib)
{
	char *sql = cache_kib ?
	                    sqlite3_mprintf("ATTACH ?1 AS \"%w\"; PRAGMA \"%w\".cache_size = %d",
	                                    name, name, -cache_kib) :
	                    sqlite3_mprintf("ATTACH ?1 AS \"%w\"", name);
	const char *rest = NULL;
	sqlite3_stmt *st = NULL;
	bool ok = sql && sqlite3_prepare_v2(db, sql, -1, &st, &rest) == SQLITE_OK &&
	          sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC) == SQLITE_OK &&
	          sqlite3_step(st) == SQLITE_DONE;

	sqlite3_finalize(st);
	ok = ok && sqlite3_exec(db, rest, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_free(sql);
	return ok;
}

void
sp_build_given_free(struct sp_build_given *given, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (!given[i].used)
			sp_csv_free(&given[i].csv);
}

/* Takes the source `name` given in memory, if there is one: 1 when *csv is it. */
static int
take_given(struct build *b, const char *name, struct sp_csv *csv)
{
	for (size_t i = 0; i < b->ngiven; i++) {
		if (b->given[i].used || strcmp(b->given[i].name, name) != 0)
			continue;
		*csv = b->given[i].csv;
		b->given[i].used = 1;
		b->csv = csv;
		return 1;
	}
	return 0;
}

int
build_read_source(struct build *b, const char *name, const char *const *columns, struct sp_csv *csv,
                  int optional, struct build_source_failure *failure)
{
	char *path;
	enum sp_status rc;

	*failure = (struct build_source_failure){ 0 };
	if (take_given(b, name, csv))
		return 1;
	if (!(path = sp_asprintf("%s/%s", b->src_dir, name))) {
		b->report->out_of_memory = 1;
		return 0;
	}
	if (optional && access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	{
		FILE *f = fopen(path, "rb");

		if (!f) {
			failure->error = sp_strdup(strerror(errno));
			failure->path = path;
			return 0;
		}
		rc = sp_csv_read_stream_at(f, path, csv, &failure->error, &failure->line);
		fclose(f);
	}
	if (rc == SP_OK && sp_csv_expect(csv, columns, &failure->error) != SP_OK) {
		failure->line = csv->header_line;
		sp_csv_free(csv);
		rc = SP_ERR_DATA;
	}
	if (rc != SP_OK) {
		failure->path = path;
		return 0;
	}
	free(path);
	return 1;
}

void
build_report_source_failure(struct build *b, struct build_source_failure *failure)
{
	if (failure->path)
		sp_report_error_at(b->report, failure->path, failure->line, "%s",
		                   failure->error ? failure->error : "out of memory");
	free(failure->path);
	free(failure->error);
	*failure = (struct build_source_failure){ 0 };
}

void
build_use_source(struct build *b, const char *name, struct sp_csv *csv)
{
	b->csv = csv;
	/* Room for a key a row (and the file's) at once, not by doubling as they come. */
	if (b->origins && !sp_origins_reserve(b->origins, csv->nrows + 1))
		b->report->out_of_memory = 1;
	/* Findings about the file as a whole ("file:holidays.csv") name it, with no line. */
	b->line = 0;
	build_origin(b, "file", name);
}

int
build_open_source(struct build *b, const char *name, const char *const *columns, struct sp_csv *csv,
                  int optional)
{
	struct build_source_failure failure;

	if (!build_read_source(b, name, columns, csv, optional, &failure)) {
		build_report_source_failure(b, &failure);
		return 0;
	}
	build_use_source(b, name, csv);
	return 1;
}

/* Runs SQL; on failure reports "what: SQLite's words" and returns false. */
static bool
exec_or_report(sqlite3 *db, const char *sql, const char *what, struct sp_report *report)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK)
		return true;
	sp_report_error(report, "%s: %s", what, err ? err : "failed");
	sqlite3_free(err);
	return false;
}

enum sp_status
sp_build_load(sqlite3 *db, const char *src_dir, struct sp_report *report)
{
	return sp_build_load_given(db, src_dir, NULL, 0, report);
}

/* What a load is for: a database to search (tests: everything), the data checks only (no
 * search index), or a file (sp_build_file_given() makes the report and the indexes itself,
 * beside the writing). */
enum load_for { LOAD_WHOLE, LOAD_FOR_CHECK, LOAD_FOR_FILE };

/* The cache of a database attached for reading across all its rows (an attached database has
 * SQLite's default, 2 MB): the translations aside, the services' index being made. */
#define BUILD_ATTACH_CACHE_KIB 262144

/* Whether the translations are among the sources given in memory (an import's are not). */
static bool
given_translations(const struct sp_build_given *given, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (!strncmp(given[i].name, "translations/", 13))
			return true;
	return false;
}

/* Loads the sources into db, and what `purpose` needs of the rest; with `aside_path`, the
 * translations on a second thread into a database there (build_aside_begin), attached to db
 * as `tr` when this returns. */
static enum sp_status
build_load(sqlite3 *db, const char *src_dir, struct sp_build_given *given, size_t count,
           enum load_for purpose, const char *aside_path, struct sp_report *report)
{
	struct build b = { .db = db,
		           .src_dir = src_dir,
		           .report = report,
		           .given = given,
		           .ngiven = count,
		           .hours_rows = purpose == LOAD_WHOLE };
	char *schema_path = sp_asprintf("%s/schema.sql", src_dir), *schema = NULL;
	size_t schema_len;
	char *why = NULL;
	struct build_aside *aside = NULL;
	sqlite3_stmt *meta;
	enum sp_status rc;
	unsigned char seed;

	/* SQLite seeds its random numbers at their first use and then notes the process's id in
	 * a variable that every file it opens reads without a lock (a race its source calls
	 * harmless; helgrind reports it). Seeded here, before the build starts a thread, they
	 * leave nothing to race. */
	sqlite3_randomness(sizeof seed, &seed);

	if (!schema_path)
		return SP_ERR_NOMEM;
	if (sp_keys_read_file(schema_path, (unsigned char **) &schema, &schema_len, &why) !=
	    SP_OK) {
		sp_report_error_at(report, schema_path, 0, "%s", why ? why : "out of memory");
		free(why);
		free(schema_path);
		return SP_ERR_IO;
	}
	if (sqlite3_exec(db, schema, NULL, NULL, &why) != SQLITE_OK) {
		sp_report_error_at(report, schema_path, 0, "%s", why ? why : "failed");
		sqlite3_free(why);
		free(schema);
		free(schema_path);
		return SP_ERR_DATA;
	}
	free(schema);
	free(schema_path);
	/* Only a database to search has contact_hours' rows (build_contacts), so only it has their
	 * index: a scratch database's is left empty. */
	if (purpose != LOAD_WHOLE)
		sqlite3_exec(db, "DROP INDEX IF EXISTS hours_by_contact", NULL, NULL, NULL);
	if ((rc = sp_fold_new(&b.fold)) != SP_OK)
		return rc;
	if (!(b.order = build_order_new(purpose == LOAD_FOR_FILE))) {
		sp_fold_free(b.fold);
		return SP_ERR_NOMEM;
	}
	/* Where each row came from, for the checks' messages: db's origin_file() and
	 * origin_line() once the sources are loaded (admin/origin.h). */
	if (!(b.origins = sp_origins_new())) {
		build_order_free(b.order);
		sp_fold_free(b.fold);
		return SP_ERR_NOMEM;
	}
	if (aside_path && (rc = build_aside_begin(&b, aside_path, &aside)) != SP_OK) {
		build_order_free(b.order);
		sp_origins_free(b.origins);
		sp_fold_free(b.fold);
		return rc;
	}
	sqlite3_exec(db, "PRAGMA foreign_keys = ON; BEGIN", NULL, NULL, NULL);
	build_organisations(&b);
	build_services(&b);
	build_holidays(&b);
	build_contacts(&b);
	build_plain_tables(&b);
	/* The file's numbering needs only the services and contacts: made while the translations
	 * may still be loading on the other thread. */
	if (purpose == LOAD_FOR_FILE)
		build_write_maps(&b);
	build_order_free(b.order);
	b.order = NULL;
	if (aside) {
		build_aside_end(&b, aside);
		build_translation_synonyms(&b);
	} else {
		build_translations(&b);
	}
	/* The checks read no search index (issue 13: filling them was a third of a check). */
	if (purpose == LOAD_WHOLE) {
		build_index_services(&b);
		build_index_vocabulary(&b);
		build_index_terms(&b);
	}
	if ((meta = build_prepare(&b, "INSERT INTO meta (key, value) VALUES (?1, ?2)"))) {
		const char *rows[][2] = { { "fold_rules", SP_FOLD_RULES },
			                  { "icu_version", U_ICU_VERSION },
			                  { "source", src_dir } };

		for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
			sqlite3_bind_text(meta, 1, rows[i][0], -1, SQLITE_STATIC);
			sqlite3_bind_text(meta, 2, rows[i][1], -1, SQLITE_STATIC);
			sqlite3_step(meta);
			sqlite3_reset(meta);
		}
		sqlite3_finalize(meta);
	}
	if (!sp_origins_attach(b.origins, db))
		report->out_of_memory = 1;
	exec_or_report(db, "COMMIT", "commit", report);
	/* After the transaction: an ATTACH cannot be made within one. */
	if (aside && !build_attach(db, aside_path, "tr", BUILD_ATTACH_CACHE_KIB))
		sp_report_error_at(report, aside_path, 0, "attach: %s", sqlite3_errmsg(db));
	/* Once the translations are attached; after the other warnings, before the checks'. A
	 * file's is made beside the writing (sp_build_file_given). */
	if (purpose != LOAD_FOR_FILE)
		build_report_untranslated(&b);
	/* For the checks that pair services by name (duplicates): without it they compare every
	 * service with every other. Dropped before the file is written. */
	exec_or_report(
	        db, "CREATE INDEX IF NOT EXISTS check_service_name ON service (lower(name), area)",
	        "index", report);
	if (sqlite3_exec(db, "PRAGMA foreign_key_check", NULL, NULL, NULL) != SQLITE_OK)
		sp_report_error(report, "foreign keys: %s", sqlite3_errmsg(db));
	sp_fold_free(b.fold);
	if (report->out_of_memory)
		return SP_ERR_NOMEM;
	return report->nerrors ? SP_ERR_DATA : SP_OK;
}

enum sp_status
sp_build_load_given(sqlite3 *db, const char *src_dir, struct sp_build_given *given, size_t count,
                    struct sp_report *report)
{
	return build_load(db, src_dir, given, count, LOAD_WHOLE, NULL, report);
}

enum sp_status
sp_build_check(const char *src_dir, const char *today, struct sp_report *report)
{
	const char *dir = getenv("TMPDIR");
	char *aside = sp_asprintf("%s/signpost-check-XXXXXX", dir && *dir ? dir : "/tmp");
	sqlite3 *db = NULL;
	enum sp_status rc;
	int fd;

	if (!aside)
		return SP_ERR_NOMEM;
	/* The translations load on a second thread into a file of their own (build_aside_begin),
	 * made here empty and private; without one, on this thread. */
	if ((fd = mkstemp(aside)) >= 0) {
		close(fd);
	} else {
		free(aside);
		aside = NULL;
	}
	if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
		sp_report_error(report, "scratch database: %s",
		                db ? sqlite3_errmsg(db) : "cannot create");
		sqlite3_close(db);
		rc = SP_ERR_IO;
	} else {
		rc = build_load(db, src_dir, NULL, 0, LOAD_FOR_CHECK, aside, report);
		sp_check_directory(db, src_dir, today, report);
		sqlite3_close(db);
		if (rc == SP_OK && report->nerrors)
			rc = SP_ERR_DATA;
	}
	if (aside)
		unlink(aside);
	free(aside);
	return rc;
}

/* What `signpost --version` names: the data's version (the newest date a service was checked)
 * and the day it was built. */
static enum sp_status
build_stamp(sqlite3 *db, const char *today, struct sp_report *report)
{
	char *sql = sqlite3_mprintf(
	        "INSERT INTO meta (key, value) SELECT 'data_version', max(verified) FROM service"
	        " WHERE verified IS NOT NULL HAVING count(*) > 0;"
	        "INSERT INTO meta (key, value) VALUES ('built', %Q)",
	        today);

	if (!sql)
		return SP_ERR_NOMEM;
	if (!exec_or_report(db, sql, "meta", report)) {
		sqlite3_free(sql);
		return SP_ERR_IO;
	}
	sqlite3_free(sql);
	return SP_OK;
}

enum sp_status
sp_build_file(const char *src_dir, const char *out_path, const char *today,
              struct sp_report *report)
{
	return sp_build_file_given(src_dir, NULL, 0, out_path, today, report);
}

/* translation_fts's rows in the file's numbering (build_write_begin's service_map), made from
 * the scratch database for the writer. */
static void
give_translation_rows(sqlite3 *db, const char *src_dir, struct build_writer *writer,
                      struct sp_report *report)
{
	struct build b = { .db = db, .src_dir = src_dir, .report = report };
	struct build_translation_rows rows = { 0 };

	if (sp_fold_new(&b.fold) != SP_OK) {
		report->out_of_memory = 1;
		rows.failed = true;
	} else {
		build_translation_rows_make(
		        &b,
		        "SELECT m.new, s.id, s.profile_mask FROM service s"
		        " JOIN service_map m ON m.old = s.rowid"
		        " JOIN organisation o ON o.id = s.organisation ORDER BY s.id",
		        &rows);
	}
	build_write_give_rows(writer, &rows);
	build_translation_rows_free(&rows);
	sp_fold_free(b.fold);
}

/* service_fts in the file's numbering, filled from the scratch database db into a database of
 * its own at `path`, made here with db's declaration of it, for the writer to copy whole
 * (issue 13: the writer had the most to do). */
static void
give_service_index(sqlite3 *db, const char *src_dir, const char *path, struct build_writer *writer,
                   struct sp_report *report)
{
	struct build b = { .db = db, .src_dir = src_dir, .report = report };
	sqlite3 *made = NULL;
	sqlite3_stmt *decl = NULL;
	size_t errors = report->nerrors;
	bool ok = sqlite3_prepare_v2(
	                  db, "SELECT sql FROM main.sqlite_schema WHERE name = 'service_fts'", -1,
	                  &decl, NULL) == SQLITE_OK &&
	          sqlite3_step(decl) == SQLITE_ROW &&
	          sqlite3_open_v2(path, &made, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) ==
	                  SQLITE_OK &&
	          exec_or_report(made,
	                         "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF;"
	                         " PRAGMA synchronous = OFF",
	                         "search index", report) &&
	          exec_or_report(made, (const char *) sqlite3_column_text(decl, 0), "search index",
	                         report);

	if (!ok && report->nerrors == errors)
		sp_report_error_at(report, path, 0, "search index: %s",
		                   made ? sqlite3_errmsg(made) : sqlite3_errmsg(db));
	sqlite3_finalize(decl);
	sqlite3_close(made);
	if (ok && !build_attach(db, path, "made", BUILD_ATTACH_CACHE_KIB)) {
		sp_report_error_at(report, path, 0, "attach: %s", sqlite3_errmsg(db));
		ok = false;
	} else if (ok) {
		if (sp_fold_new(&b.fold) != SP_OK) {
			report->out_of_memory = 1;
			ok = false;
		} else if ((ok = exec_or_report(db, "BEGIN", "search index", report))) {
			ok = exec_or_report(db,
			                    "INSERT INTO made.service_fts (service_fts, rank)"
			                    " VALUES ('hashsize', " BUILD_FTS_BULK_HASHSIZE ")",
			                    "search index", report);
			if (ok)
				build_index_service_text(
				        &b,
				        BUILD_SERVICE_TEXT_SQL(
				                "m.new", " JOIN service_map m ON m.old = s.rowid"),
				        BUILD_SERVICE_FTS_INSERT("made."));
			ok = ok &&
			     exec_or_report(db,
			                    "INSERT INTO made.service_fts (service_fts, rank)"
			                    " VALUES ('hashsize', " BUILD_FTS_HASHSIZE ")",
			                    "search index", report) &&
			     report->nerrors == errors && !report->out_of_memory;
			ok = exec_or_report(db, ok ? "COMMIT" : "ROLLBACK", "search index",
			                    report) &&
			     ok;
		}
		sp_fold_free(b.fold);
		ok = exec_or_report(db, "DETACH made", "search index", report) && ok;
	}
	build_write_give_service_index(writer, ok);
}

enum sp_status
sp_build_file_given(const char *src_dir, struct sp_build_given *given, size_t count,
                    const char *out_path, const char *today, struct sp_report *report)
{
	char *tmp = sp_asprintf("%s.tmp", out_path);
	char *scratch = sp_asprintf("%s.scratch", out_path);
	/* The translations on a second thread, unless they are given in memory. */
	bool apart = !given_translations(given, count);
	char *aside = apart ? sp_asprintf("%s.scratch-translations", out_path) : NULL;
	char *index = sp_asprintf("%s.scratch-index", out_path);
	struct build_writer *writer = NULL;
	sqlite3 *db = NULL;
	enum sp_status rc;
	bool loaded;

	if (!tmp || !scratch || !index || (apart && !aside)) {
		free(tmp);
		free(scratch);
		free(aside);
		free(index);
		return SP_ERR_NOMEM;
	}
	unlink(tmp);
	unlink(scratch);
	unlink(index);
	if (aside)
		unlink(aside);
	/* The sources are loaded and checked in a scratch database beside the file (a file, so
	 * that the writer's thread can read it with a connection of its own; deleted at the
	 * end); build_write_begin() then writes the directory to tmp. */
	if (sqlite3_open_v2(scratch, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		sp_report_error_at(report, scratch, 0, "scratch database: %s",
		                   db ? sqlite3_errmsg(db) : "cannot create");
		sqlite3_close(db);
		free(tmp);
		free(scratch);
		free(aside);
		free(index);
		return SP_ERR_IO;
	}
	sqlite3_exec(
	        db,
	        "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	        " PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY",
	        NULL, NULL, NULL);
	rc = build_load(db, src_dir, given, count, LOAD_FOR_FILE, aside, report);
	loaded = rc == SP_OK || rc == SP_ERR_DATA;
	/* When the sources loaded cleanly the file is written while the data checks run (issue
	 * 13: one after the other, the checks were a third of a build of 100,000 services): the
	 * writer copies the tables and fills the search indexes on a second thread. A file the
	 * checks fail is deleted, as before, and the messages are the same, in the same order. */
	if (rc == SP_OK)
		rc = build_stamp(db, today, report);
	if (rc == SP_OK)
		rc = build_write_begin(scratch, aside, index, src_dir, tmp, &writer, report);
	if (writer) {
		give_translation_rows(db, src_dir, writer, report);
		give_service_index(db, src_dir, index, writer, report);
	}
	if (loaded) {
		struct build b = { .db = db, .src_dir = src_dir, .report = report };
		/* Beside a writer, nothing writes the scratch databases any more: the untranslated
		 * report reads them on a thread of its own while the checks run, and its warnings
		 * go before the checks' messages, where a build on one thread puts them. */
		struct build_untranslated *untranslated =
		        writer ? build_untranslated_begin(scratch, aside, src_dir, report->quiet) :
		                 NULL;
		struct sp_report checks = { .quiet = report->quiet };

		if (!untranslated)
			build_report_untranslated(&b);
		sp_check_directory(db, src_dir, today, untranslated ? &checks : report);
		if (untranslated) {
			build_untranslated_end(untranslated, report);
			sp_report_append(report, &checks);
		}
		sp_report_free(&checks);
	}
	if (writer) {
		enum sp_status write_rc = build_write_end(writer, report);

		if (rc == SP_OK)
			rc = write_rc;
	}
	if (report->nerrors && rc == SP_OK)
		rc = SP_ERR_DATA;
	sqlite3_close(db);
	if (rc == SP_OK) {
		struct sp_directory *check = NULL;
		char *detail = NULL;
		/* What the reader checks of every file. The checks that read every page
		 * (PRAGMA integrity_check, the search indexes' integrity, control characters) are
		 * left to `signpost-admin sign`, which makes them before it writes the page
		 * manifest: a file that failed them would get none, and signpost refuses it. */
		enum sp_status open_rc = sp_directory_open_built(&check, tmp, &detail);

		if (open_rc != SP_OK) {
			sp_report_error_at(report, tmp, 0, "the built file does not open: %s (%s)",
			                   sp_status_key(open_rc), detail ? detail : "");
			rc = open_rc;
		}
		sp_directory_free(check);
		free(detail);
	}
	if (rc == SP_OK && rename(tmp, out_path) != 0) {
		sp_report_error_at(report, out_path, 0, "%s", strerror(errno));
		rc = SP_ERR_IO;
	}
	if (rc != SP_OK)
		unlink(tmp);
	unlink(scratch);
	unlink(index);
	if (aside)
		unlink(aside);
	free(tmp);
	free(scratch);
	free(aside);
	free(index);
	return rc;
}

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>

#include "directory.h"
#include "fold.h"
#include "mem.h"
#include "trust.h"

enum stmt_id {
	ST_SEARCH_ALL,
	ST_SEARCH_TEXT,
	ST_SERVICE,
	ST_SERVICE_BY_ID,
	ST_SERVICE_NAME,
	ST_CONTACTS,
	ST_HOURS,
	ST_DEFINITIONS,
	ST_GLOSSARY,
	ST_TERMS,
	ST_PATHWAYS,
	ST_QUIZ,
	ST_CHARTS,
	ST_COUNT
};

/* Every value from outside is bound as a parameter: no text is ever spliced into SQL. The
 * search statements take ?1 staff, ?2 profile mask, ?3..?6 the person's area and the areas
 * above it (NULL for anywhere), ?7 the FTS query, ?8 the UI language. */
#define SEARCH_FILTER \
	" s.status = 'active' AND (?1 OR s.audience = 'public')" \
	" AND (?2 = 0 OR (s.profile_mask & ?2) != 0)" \
	" AND (?3 IS NULL OR s.area IN (?3, ?4, ?5, ?6))"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_SEARCH_ALL] =
		"SELECT s.rowid FROM service s WHERE" SEARCH_FILTER
		" ORDER BY s.name COLLATE sp_locale, s.id",
	/* English text and the UI language's translations, best match first. */
	[ST_SEARCH_TEXT] =
		"SELECT s.rowid FROM service s JOIN ("
		"   SELECT rowid AS id, bm25(service_fts, 10.0, 4.0, 1.0) AS rank FROM service_fts"
		"   WHERE service_fts MATCH ?7"
		"   UNION ALL SELECT service AS id, bm25(translation_fts) AS rank FROM translation_fts"
		"   WHERE translation_fts MATCH ?7 AND lang = ?8"
		" ) m ON m.id = s.rowid WHERE" SEARCH_FILTER
		" GROUP BY s.rowid ORDER BY min(m.rank), s.name COLLATE sp_locale",
	[ST_SERVICE] =
		"SELECT s.id, s.name, o.name, COALESCE(td.text, s.description), s.area, s.audience,"
		" s.referral, s.consent_needed, s.age_min, s.age_max, s.risk_levels, s.profile_mask,"
		" s.languages, COALESCE(te.text, s.eligibility), s.status, s.superseded_by, s.source,"
		" s.source_note, s.verified, s.verification, COALESCE(tsub.text, tsub_en.text)"
		" FROM service s JOIN organisation o ON o.id = s.organisation"
		" LEFT JOIN translation tsub ON tsub.tbl = 'service' AND tsub.id = s.id"
		"   AND tsub.field = 'subtitle' AND tsub.lang = ?2"
		" LEFT JOIN translation tsub_en ON tsub_en.tbl = 'service' AND tsub_en.id = s.id"
		"   AND tsub_en.field = 'subtitle' AND tsub_en.lang = 'en'"
		" LEFT JOIN translation td ON td.tbl = 'service' AND td.id = s.id"
		"   AND td.field = 'description' AND td.lang = ?2"
		" LEFT JOIN translation te ON te.tbl = 'service' AND te.id = s.id"
		"   AND te.field = 'eligibility' AND te.lang = ?2"
		" WHERE s.rowid = ?1",
	[ST_SERVICE_BY_ID] = "SELECT rowid, audience FROM service WHERE id = ?1",
	[ST_SERVICE_NAME] = "SELECT name FROM service WHERE id = ?1",
	[ST_CONTACTS] =
		"SELECT c.rowid, c.kind, c.value, COALESCE(t.text, c.label), c.audience, c.hours,"
		" c.verification FROM contact c"
		" LEFT JOIN translation t ON t.tbl = 'contact' AND t.field = 'label' AND t.lang = ?3"
		"   AND t.id = ?4 || '#' || c.position"
		" WHERE c.service = ?1 AND (?2 OR c.audience = 'public') ORDER BY c.position",
	[ST_HOURS] =
		"SELECT day, open_min, close_min FROM contact_hours WHERE contact = ?1"
		" ORDER BY day, open_min",
	[ST_DEFINITIONS] =
		"SELECT d.id, COALESCE(tt.text, d.term), d.act, d.section, d.legal_text,"
		" COALESCE(t.text, d.summary), t.text IS NOT NULL, d.source FROM definition d"
		" LEFT JOIN translation t ON t.tbl = 'definition' AND t.id = d.id"
		"   AND t.field = 'summary' AND t.lang = ?1"
		" LEFT JOIN translation tt ON tt.tbl = 'definition' AND tt.id = d.id"
		"   AND tt.field = 'term' AND tt.lang = ?1"
		" ORDER BY d.position",
	[ST_GLOSSARY] =
		"SELECT g.term, g.expansion, COALESCE(t.text, g.explanation) FROM glossary g"
		" LEFT JOIN translation t ON t.tbl = 'glossary' AND t.id = g.term"
		"   AND t.field = 'explanation' AND t.lang = ?1"
		" ORDER BY g.term COLLATE sp_locale",
	[ST_TERMS] =
		"SELECT term FROM term_fts WHERE term_fts MATCH ?1 AND kind = ?2",
	[ST_PATHWAYS] =
		"SELECT id, title, condition, action, consent, notes FROM pathway ORDER BY position",
	[ST_QUIZ] =
		"SELECT id, scenario, options, answer, explanation, services FROM quiz"
		" ORDER BY position, id",
	[ST_CHARTS] =
		"SELECT c.id, c.title, c.note, f.label, f.value, f.unit, f.period FROM chart c"
		" JOIN fact f ON f.chart = c.id ORDER BY c.position, f.position",
};

struct sp_directory {
	sqlite3 *db;
	sqlite3_stmt *stmt[ST_COUNT];
	struct sp_fold *fold;
	UCollator *collator;
	char lang[16]; /* ISO 639 code of the UI language, for translated fields */
};

static int
collate_locale(void *arg, int alen, const void *a, int blen, const void *b)
{
	struct sp_directory *dir = arg;
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r;

	if (!dir->collator) {
		int c = memcmp(a, b, (size_t)(alen < blen ? alen : blen));
		return c ? c : alen - blen;
	}
	r = ucol_strcollUTF8(dir->collator, a, alen, b, blen, &st);
	return U_FAILURE(st) ? 0 : (int) r;
}

static sqlite3_stmt *
dir_stmt(struct sp_directory *dir, enum stmt_id id)
{
	if (!dir->stmt[id] &&
	    sqlite3_prepare_v3(dir->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &dir->stmt[id],
	                       NULL) != SQLITE_OK)
		return NULL;
	sqlite3_reset(dir->stmt[id]);
	sqlite3_clear_bindings(dir->stmt[id]);
	return dir->stmt[id];
}

/* Appends one zeroed item to an array of `size`-byte items; NULL (array unchanged) when out of
 * memory. */
static void *
grow_one(void **items, size_t *count, size_t size)
{
	char *grown = sp_reallocarray(*items, *count + 1, size);

	if (!grown)
		return NULL;
	*items = grown;
	return memset(grown + size * (*count)++, 0, size);
}

static enum sp_status
db_status(int rc)
{
	return rc == SQLITE_NOMEM ? SP_ERR_NOMEM : SP_ERR_DB_QUERY;
}

static char *
col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? sp_strdup((const char *) t) : NULL;
}

/* Copies a column that must hold text; *failed is set when memory runs out. */
static char *
col_dup(sqlite3_stmt *st, int col, int *failed)
{
	char *s;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	if (!(s = col_text(st, col)))
		*failed = 1;
	return s;
}

static int
col_int_or(sqlite3_stmt *st, int col, int fallback)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? fallback : sqlite3_column_int(st, col);
}

static enum sp_status
dir_check(struct sp_directory *dir, char **detail)
{
	sqlite3_stmt *st = NULL;
	enum sp_status rc = SP_OK;
	int app_id = 0, version = -1;

	if (sqlite3_prepare_v2(dir->db, "PRAGMA application_id", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (detail)
			*detail = sp_strdup(sqlite3_errmsg(dir->db));
		return SP_ERR_DB_CORRUPT;
	}
	app_id = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if ((unsigned) app_id != SP_DB_APPLICATION_ID)
		return SP_ERR_DB_FOREIGN;
	if (sqlite3_prepare_v2(dir->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version != SP_DB_SCHEMA_VERSION) {
		if (detail)
			*detail = sp_asprintf("%d != %d", version, SP_DB_SCHEMA_VERSION);
		return SP_ERR_DB_VERSION;
	}
	if (sqlite3_prepare_v2(dir->db, "PRAGMA integrity_check(1)", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *) sqlite3_column_text(st, 0), "ok") != 0) {
		if (detail)
			*detail = sp_strdup(st && sqlite3_column_text(st, 0) ?
				(const char *) sqlite3_column_text(st, 0) : sqlite3_errmsg(dir->db));
		sqlite3_finalize(st);
		return SP_ERR_DB_CORRUPT;
	}
	sqlite3_finalize(st);
	/* The index holds text folded by the rules of the build: other rules would miss. */
	if (sqlite3_prepare_v2(dir->db, "SELECT value FROM meta WHERE key = 'fold_rules'", -1, &st,
	                       NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *) sqlite3_column_text(st, 0), SP_FOLD_RULES) != 0)
		rc = SP_ERR_DB_VERSION;
	sqlite3_finalize(st);
	return rc;
}

enum sp_status
sp_directory_open_bytes(struct sp_directory **out, unsigned char *bytes, size_t size,
                        char **detail)
{
	static const char magic[16] = "SQLite format 3";
	struct sp_directory *dir;
	enum sp_status rc;

	*out = NULL;
	if (size < 512 || memcmp(bytes, magic, sizeof magic) != 0) {
		sqlite3_free(bytes);
		return SP_ERR_DB_CORRUPT;
	}
	if (!(dir = sp_calloc(1, sizeof *dir))) {
		sqlite3_free(bytes);
		return SP_ERR_NOMEM;
	}
	if (sqlite3_open_v2(":memory:", &dir->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
	    SQLITE_OK) {
		sqlite3_free(bytes);
		rc = SP_ERR_NOMEM;
		goto fail;
	}
	/* The file is untrusted input until checked: no schema-defined functions, no extensions,
	 * and temporary tables in memory so a kiosk never writes a temp file. */
	sqlite3_db_config(dir->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(dir->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_exec(dir->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if (sqlite3_deserialize(dir->db, "main", bytes, (sqlite3_int64) size, (sqlite3_int64) size,
	                        SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE) !=
	    SQLITE_OK) {
		rc = SP_ERR_DB_CORRUPT;
		goto fail;
	}
	if ((rc = dir_check(dir, detail)) != SP_OK)
		goto fail;
	if (sqlite3_create_collation_v2(dir->db, "sp_locale", SQLITE_UTF8, dir, collate_locale,
	                                NULL) != SQLITE_OK) {
		rc = SP_ERR_NOMEM;
		goto fail;
	}
	if ((rc = sp_fold_new(&dir->fold)) != SP_OK)
		goto fail;
	if ((rc = sp_directory_set_locale(dir, "en_GB")) != SP_OK)
		goto fail;
	*out = dir;
	return SP_OK;
fail:
	sp_directory_free(dir);
	return rc;
}

/* The .sig file beside the directory, as text (at most a few hundred bytes); *sig is NULL
 * when there is none. Fails only when memory runs out. */
static enum sp_status
read_signature(const char *path, char **sig)
{
	char *sig_path = sp_asprintf("%s.sig", path), buf[512];
	FILE *f;
	size_t n;

	*sig = NULL;
	if (!sig_path)
		return SP_ERR_NOMEM;
	f = fopen(sig_path, "r");
	free(sig_path);
	if (!f)
		return SP_OK;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return (*sig = sp_strdup(buf)) ? SP_OK : SP_ERR_NOMEM;
}

enum sp_status
sp_directory_open(struct sp_directory **out, const char *path, const struct sp_trust *trust,
                  char **detail)
{
	unsigned char *bytes;
	struct stat sb;
	size_t got = 0;
	int fd;

	*out = NULL;
	if (detail)
		*detail = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? SP_ERR_DB_MISSING : SP_ERR_DB_UNREADABLE;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return SP_ERR_DB_UNREADABLE;
	}
	if (sb.st_size == 0 || sb.st_size > SP_DB_MAX_BYTES) {
		close(fd);
		return SP_ERR_DB_CORRUPT;
	}
	if (!(bytes = sqlite3_malloc64((sqlite3_uint64) sb.st_size))) {
		close(fd);
		return SP_ERR_NOMEM;
	}
	while (got < (size_t) sb.st_size) {
		ssize_t n = read(fd, bytes + got, (size_t) sb.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t) n;
	}
	close(fd);
	if (got != (size_t) sb.st_size) {
		sqlite3_free(bytes);
		return SP_ERR_DB_UNREADABLE;
	}
	if (trust && !trust->allow_unsigned) {
		char *sig;
		enum sp_status rc = read_signature(path, &sig);

		if (rc == SP_OK)
			rc = sp_trust_verify(trust, bytes, got, sig);

		free(sig);
		if (rc != SP_OK) {
			sqlite3_free(bytes);
			return rc;
		}
	}
	return sp_directory_open_bytes(out, bytes, got, detail);
}

void
sp_directory_free(struct sp_directory *dir)
{
	if (!dir)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(dir->stmt[i]);
	sqlite3_close(dir->db);
	if (dir->collator)
		ucol_close(dir->collator);
	sp_fold_free(dir->fold);
	free(dir);
}

enum sp_status
sp_directory_set_locale(struct sp_directory *dir, const char *locale)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollator *coll = ucol_open(locale, &st);
	char lang[sizeof dir->lang];

	if (U_FAILURE(st))
		return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_LOCALE;
	st = U_ZERO_ERROR;
	uloc_getLanguage(locale, lang, (int32_t) sizeof lang, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		strcpy(lang, "en");
	if (dir->collator)
		ucol_close(dir->collator);
	dir->collator = coll;
	strcpy(dir->lang, lang);
	return SP_OK;
}

void
sp_service_clear(struct sp_service *s)
{
	char **fields[] = { &s->id, &s->name, &s->organisation, &s->description, &s->area,
		&s->referral, &s->eligibility, &s->status, &s->superseded_by, &s->source,
		&s->source_note, &s->verified, &s->verification, &s->languages, &s->risk_levels,
		&s->subtitle };

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		free(*fields[i]);
	for (size_t i = 0; i < s->ncontacts; i++) {
		struct sp_contact *c = &s->contacts[i];

		free(c->kind);
		free(c->value);
		free(c->label);
		free(c->hours_text);
		sp_hours_clear(&c->hours);
	}
	free(s->contacts);
	memset(s, 0, sizeof *s);
}

void
sp_service_list_clear(struct sp_service_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		sp_service_clear(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

static enum sp_status
load_hours(struct sp_directory *dir, sqlite3_int64 contact, struct sp_hours *hours)
{
	sqlite3_stmt *st = dir_stmt(dir, ST_HOURS);
	int rc;

	hours->slots = NULL;
	hours->count = 0;
	if (!st)
		return db_status(sqlite3_errcode(dir->db));
	sqlite3_bind_int64(st, 1, contact);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sp_hours_slot *grown =
			sp_reallocarray(hours->slots, hours->count + 1, sizeof *grown);

		if (!grown) {
			sp_hours_clear(hours);
			sqlite3_reset(st);
			return SP_ERR_NOMEM;
		}
		hours->slots = grown;
		hours->slots[hours->count++] = (struct sp_hours_slot){
			sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2)
		};
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sp_hours_clear(hours);
		return db_status(rc);
	}
	return SP_OK;
}

static int
kind_is_live(const char *kind)
{
	return !strcmp(kind, "phone") || !strcmp(kind, "text") || !strcmp(kind, "chat");
}

static enum sp_status
load_contacts(struct sp_directory *dir, sqlite3_int64 rowid, bool staff, int day, int minute,
              struct sp_service *s)
{
	sqlite3_stmt *st = dir_stmt(dir, ST_CONTACTS);
	sqlite3_int64 *ids = NULL;
	enum sp_status status = SP_OK;
	int rc, failed = 0;

	if (!st)
		return db_status(sqlite3_errcode(dir->db));
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_int(st, 2, staff);
	sqlite3_bind_text(st, 3, dir->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, s->id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sp_contact *grown = sp_reallocarray(s->contacts, s->ncontacts + 1, sizeof *grown);
		sqlite3_int64 *grown_ids = sp_reallocarray(ids, s->ncontacts + 1, sizeof *grown_ids);
		struct sp_contact *c;

		if (grown)
			s->contacts = grown;
		if (grown_ids)
			ids = grown_ids;
		if (!grown || !grown_ids) {
			failed = 1;
			break;
		}
		c = memset(&s->contacts[s->ncontacts++], 0, sizeof *c);
		ids[s->ncontacts - 1] = sqlite3_column_int64(st, 0);
		c->kind = col_dup(st, 1, &failed);
		c->value = col_dup(st, 2, &failed);
		c->label = col_dup(st, 3, &failed);
		c->professional = strcmp((const char *) sqlite3_column_text(st, 4), "public") != 0;
		c->hours_text = col_dup(st, 5, &failed);
		c->verified = strcmp((const char *) sqlite3_column_text(st, 6), "verified") == 0;
		c->open_now = SP_UNKNOWN;
		if (failed || !c->kind || !c->value)
			break;
	}
	sqlite3_reset(st);
	if (failed)
		status = SP_ERR_NOMEM;
	else if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		status = db_status(rc);
	/* Hours are loaded after the contact statement is done with, as it is reused. */
	for (size_t i = 0; status == SP_OK && i < s->ncontacts; i++) {
		struct sp_contact *c = &s->contacts[i];

		if ((status = load_hours(dir, ids[i], &c->hours)) != SP_OK)
			break;
		if (c->hours.count == 0)
			continue;
		c->open_now = sp_hours_open_at(&c->hours, day, minute) ? SP_YES : SP_NO;
		if (c->open_now == SP_NO)
			c->has_next_open = sp_hours_next_open(&c->hours, day, minute, &c->next_day,
			                                      &c->next_min);
		if (!kind_is_live(c->kind))
			continue;
		if (c->open_now == SP_YES)
			s->open_now = SP_YES;
		else if (s->open_now == SP_UNKNOWN)
			s->open_now = SP_NO;
	}
	free(ids);
	return status;
}

static enum sp_status
load_service(struct sp_directory *dir, sqlite3_int64 rowid, bool staff, int day, int minute,
              struct sp_service *s)
{
	sqlite3_stmt *st = dir_stmt(dir, ST_SERVICE);
	int rc, failed = 0;

	memset(s, 0, sizeof *s);
	if (!st)
		return db_status(sqlite3_errcode(dir->db));
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, dir->lang, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? SP_ERR_NOT_FOUND : db_status(rc);
	}
	s->id = col_dup(st, 0, &failed);
	s->name = col_dup(st, 1, &failed);
	s->organisation = col_dup(st, 2, &failed);
	s->description = col_dup(st, 3, &failed);
	s->area = col_dup(st, 4, &failed);
	s->professional_only = strcmp((const char *) sqlite3_column_text(st, 5), "public") != 0;
	s->referral = col_dup(st, 6, &failed);
	s->consent_needed = (enum sp_tristate) col_int_or(st, 7, SP_UNKNOWN);
	s->age_min = col_int_or(st, 8, -1);
	s->age_max = col_int_or(st, 9, -1);
	s->risk_levels = col_dup(st, 10, &failed);
	s->profiles = (unsigned) sqlite3_column_int64(st, 11);
	s->languages = col_dup(st, 12, &failed);
	if (staff)
		s->eligibility = col_dup(st, 13, &failed);
	s->status = col_dup(st, 14, &failed);
	s->superseded_by = col_dup(st, 15, &failed);
	s->source = col_dup(st, 16, &failed);
	if (staff)
		s->source_note = col_dup(st, 17, &failed);
	s->verified = col_dup(st, 18, &failed);
	s->verification = col_dup(st, 19, &failed);
	s->subtitle = col_dup(st, 20, &failed);
	s->open_now = SP_UNKNOWN;
	sqlite3_reset(st);
	if (failed || !s->id || !s->name || !s->status) {
		sp_service_clear(s);
		return failed ? SP_ERR_NOMEM : SP_ERR_DB_QUERY;
	}
	/* A closed or superseded service keeps its record but offers no line to call. */
	if (strcmp(s->status, "active") != 0)
		return SP_OK;
	if ((rc = load_contacts(dir, rowid, staff, day, minute, s)) != SP_OK) {
		sp_service_clear(s);
		return (enum sp_status) rc;
	}
	return SP_OK;
}

struct ranked {
	sqlite3_int64 rowid;
	size_t order;
};

static unsigned
popcount(unsigned v)
{
	unsigned n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/* Services serving more of the asked-for profiles first; otherwise the query's own order. */
static int
compare_matched(const void *a, const void *b)
{
	const struct sp_service *x = a, *y = b;

	if (x->matched != y->matched)
		return x->matched > y->matched ? -1 : 1;
	return 0;
}

enum sp_status
sp_directory_search(struct sp_directory *dir, const struct sp_query *q,
                    struct sp_service_list *out)
{
	enum sp_area chain[SP_AREA_MAX_DEPTH];
	size_t nchain = 0, nrows = 0;
	sqlite3_int64 *rows = NULL;
	char *fts = NULL;
	sqlite3_stmt *st;
	enum sp_status status = SP_OK;
	int rc, day, minute;

	out->items = NULL;
	out->count = 0;
	if ((status = sp_london_time(q->now_ms, &day, &minute)) != SP_OK)
		return status;
	if (q->text && *q->text) {
		if ((status = sp_fold_fts_query_match(dir->fold, q->text,
		                                      sp_fold_match_for(dir->lang), &fts)) != SP_OK)
			return status;
		if (!fts)
			return SP_OK; /* only punctuation or spaces: nothing can match */
	}
	if (!(st = dir_stmt(dir, fts ? ST_SEARCH_TEXT : ST_SEARCH_ALL))) {
		free(fts);
		return db_status(sqlite3_errcode(dir->db));
	}
	sqlite3_bind_int(st, 1, q->staff);
	sqlite3_bind_int64(st, 2, q->profiles);
	if (q->area != SP_AREA_NONE) {
		nchain = sp_area_chain(q->area, chain);
		for (size_t i = 0; i < SP_AREA_MAX_DEPTH; i++)
			sqlite3_bind_text(st, 3 + (int) i, sp_area_id(chain[i < nchain ? i : 0]), -1,
			                  SQLITE_STATIC);
	}
	if (fts) {
		sqlite3_bind_text(st, 7, fts, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, dir->lang, -1, SQLITE_STATIC);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 *grown = sp_reallocarray(rows, nrows + 1, sizeof *grown);

		if (!grown) {
			status = SP_ERR_NOMEM;
			break;
		}
		rows = grown;
		rows[nrows++] = sqlite3_column_int64(st, 0);
	}
	if (status == SP_OK && rc != SQLITE_DONE)
		status = db_status(rc);
	sqlite3_reset(st);
	free(fts);
	if (status == SP_OK && nrows &&
	    !(out->items = sp_calloc(nrows, sizeof *out->items)))
		status = SP_ERR_NOMEM;
	for (size_t i = 0; status == SP_OK && i < nrows; i++) {
		struct sp_service *s = &out->items[out->count];

		if ((status = load_service(dir, rows[i], q->staff, day, minute, s)) != SP_OK)
			break;
		s->matched = popcount(s->profiles & q->profiles);
		if (q->open_now_only && s->open_now != SP_YES) {
			sp_service_clear(s);
			continue;
		}
		out->count++;
	}
	free(rows);
	if (status != SP_OK) {
		sp_service_list_clear(out);
		return status;
	}
	/* A stable ranking: insertion sort keeps the query's order among equals, and lists are
	 * a few dozen services long. */
	for (size_t i = 1; q->profiles && i < out->count; i++) {
		struct sp_service key = out->items[i];
		size_t j = i;

		while (j > 0 && compare_matched(&out->items[j - 1], &key) > 0) {
			out->items[j] = out->items[j - 1];
			j--;
		}
		out->items[j] = key;
	}
	return SP_OK;
}

enum sp_status
sp_directory_get(struct sp_directory *dir, const char *id, bool staff, double now_ms,
                 struct sp_service *out)
{
	sqlite3_stmt *st = dir_stmt(dir, ST_SERVICE_BY_ID);
	sqlite3_int64 rowid;
	int rc, day, minute, professional;
	enum sp_status status;

	memset(out, 0, sizeof *out);
	if (!st)
		return db_status(sqlite3_errcode(dir->db));
	if ((status = sp_london_time(now_ms, &day, &minute)) != SP_OK)
		return status;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? SP_ERR_NOT_FOUND : db_status(rc);
	}
	rowid = sqlite3_column_int64(st, 0);
	professional = strcmp((const char *) sqlite3_column_text(st, 1), "public") != 0;
	sqlite3_reset(st);
	if (professional && !staff)
		return SP_ERR_NOT_FOUND;
	return load_service(dir, rowid, staff, day, minute, out);
}

char *
sp_directory_service_name(struct sp_directory *dir, const char *id)
{
	sqlite3_stmt *st = dir_stmt(dir, ST_SERVICE_NAME);
	char *name = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		name = col_text(st, 0);
	sqlite3_reset(st);
	return name;
}

const struct sp_contact *
sp_service_main_phone(const struct sp_service *s)
{
	for (size_t i = 0; i < s->ncontacts; i++)
		if (!s->contacts[i].professional && strcmp(s->contacts[i].kind, "phone") == 0)
			return &s->contacts[i];
	return NULL;
}

/* The ids that match `term` in the staff search index of one kind ("definition",
 * "glossary"), as a NULL-terminated array the caller frees; *out NULL when none match. */
static enum sp_status
match_terms(struct sp_directory *dir, const char *term, const char *kind, char ***out)
{
	sqlite3_stmt *st;
	char **ids = NULL, *fts = NULL;
	size_t n = 0;
	enum sp_status status;
	int rc;

	*out = NULL;
	if ((status = sp_fold_fts_query(dir->fold, term, &fts)) != SP_OK || !fts)
		return status;
	if (!(st = dir_stmt(dir, ST_TERMS))) {
		free(fts);
		return db_status(sqlite3_errcode(dir->db));
	}
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **grown = sp_reallocarray(ids, n + 2, sizeof *grown);

		if (!grown || !(grown[n] = col_text(st, 0))) {
			if (grown)
				ids = grown;
			status = SP_ERR_NOMEM;
			break;
		}
		ids = grown;
		ids[++n] = NULL;
	}
	if (status == SP_OK && rc != SQLITE_DONE)
		status = db_status(rc);
	sqlite3_reset(st);
	free(fts);
	if (status != SP_OK) {
		for (size_t i = 0; i < n; i++)
			free(ids[i]);
		free(ids);
		return status;
	}
	*out = ids;
	return SP_OK;
}

static int
id_listed(char **ids, const char *id)
{
	for (; ids && *ids; ids++)
		if (strcmp(*ids, id) == 0)
			return 1;
	return 0;
}

static void
free_ids(char **ids)
{
	for (char **p = ids; p && *p; p++)
		free(*p);
	free(ids);
}

static void
definition_clear(struct sp_definition *d)
{
	free(d->id);
	free(d->term);
	free(d->act);
	free(d->section);
	free(d->legal_text);
	free(d->summary);
	free(d->source);
	memset(d, 0, sizeof *d);
}

void
sp_definition_list_clear(struct sp_definition_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		definition_clear(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

enum sp_status
sp_directory_definitions(struct sp_directory *dir, const char *term,
                         struct sp_definition_list *out)
{
	sqlite3_stmt *st;
	char **ids = NULL;
	enum sp_status status = SP_OK;
	int rc, failed = 0, exact = 0;

	out->items = NULL;
	out->count = 0;
	if (term && *term) {
		if ((status = match_terms(dir, term, "definition", &ids)) != SP_OK)
			return status;
		if (!ids)
			return SP_OK;
	}
	if (!(st = dir_stmt(dir, ST_DEFINITIONS))) {
		free_ids(ids);
		return db_status(sqlite3_errcode(dir->db));
	}
	sqlite3_bind_text(st, 1, dir->lang, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *) sqlite3_column_text(st, 0);
		struct sp_definition *d;

		if (term && *term && !id_listed(ids, id))
			continue;
		if (!(d = grow_one((void **) &out->items, &out->count, sizeof *d))) {
			failed = 1;
			break;
		}
		d->id = col_dup(st, 0, &failed);
		d->term = col_dup(st, 1, &failed);
		d->act = col_dup(st, 2, &failed);
		d->section = col_dup(st, 3, &failed);
		d->legal_text = col_dup(st, 4, &failed);
		d->summary = col_dup(st, 5, &failed);
		d->summary_translated = sqlite3_column_int(st, 6) != 0;
		d->source = col_dup(st, 7, &failed);
		if (failed)
			break;
		if (term && strcmp(id, term) == 0)
			exact = 1;
	}
	sqlite3_reset(st);
	free_ids(ids);
	if (failed)
		status = SP_ERR_NOMEM;
	else if (rc != SQLITE_DONE)
		status = db_status(rc);
	if (status != SP_OK) {
		sp_definition_list_clear(out);
		return status;
	}
	/* Asked for one definition by its id: give just that one. */
	for (size_t i = 0; exact && i < out->count; i++) {
		if (strcmp(out->items[i].id, term) == 0) {
			struct sp_definition keep = out->items[i];

			out->items[i] = out->items[0];
			out->items[0] = keep;
			for (size_t j = 1; j < out->count; j++)
				definition_clear(&out->items[j]);
			out->count = 1;
			break;
		}
	}
	return SP_OK;
}

void
sp_glossary_clear(struct sp_glossary *g)
{
	for (size_t i = 0; i < g->count; i++) {
		free(g->items[i].term);
		free(g->items[i].expansion);
		free(g->items[i].explanation);
	}
	free(g->items);
	g->items = NULL;
	g->count = 0;
}

enum sp_status
sp_directory_glossary(struct sp_directory *dir, const char *term, struct sp_glossary *out)
{
	sqlite3_stmt *st;
	char **ids = NULL;
	enum sp_status status = SP_OK;
	int rc, failed = 0;

	out->items = NULL;
	out->count = 0;
	if (term && *term) {
		if ((status = match_terms(dir, term, "glossary", &ids)) != SP_OK)
			return status;
		if (!ids)
			return SP_OK;
	}
	if (!(st = dir_stmt(dir, ST_GLOSSARY))) {
		free_ids(ids);
		return db_status(sqlite3_errcode(dir->db));
	}
	sqlite3_bind_text(st, 1, dir->lang, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sp_glossary_entry *e;

		if (term && *term && !id_listed(ids, (const char *) sqlite3_column_text(st, 0)))
			continue;
		if (!(e = grow_one((void **) &out->items, &out->count, sizeof *e))) {
			failed = 1;
			break;
		}
		e->term = col_dup(st, 0, &failed);
		e->expansion = col_dup(st, 1, &failed);
		e->explanation = col_dup(st, 2, &failed);
		if (failed)
			break;
	}
	sqlite3_reset(st);
	free_ids(ids);
	if (failed)
		status = SP_ERR_NOMEM;
	else if (rc != SQLITE_DONE)
		status = db_status(rc);
	if (status != SP_OK)
		sp_glossary_clear(out);
	return status;
}

void
sp_pathway_list_clear(struct sp_pathway_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		struct sp_pathway *p = &list->items[i];

		free(p->id);
		free(p->title);
		free(p->condition);
		free(p->action);
		free(p->consent);
		free(p->notes);
	}
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

enum sp_status
sp_directory_pathways(struct sp_directory *dir, struct sp_pathway_list *out)
{
	sqlite3_stmt *st = dir_stmt(dir, ST_PATHWAYS);
	enum sp_status status = SP_OK;
	int rc, failed = 0;

	out->items = NULL;
	out->count = 0;
	if (!st)
		return db_status(sqlite3_errcode(dir->db));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sp_pathway *p = grow_one((void **) &out->items, &out->count, sizeof *p);

		if (!p) {
			failed = 1;
			break;
		}
		p->id = col_dup(st, 0, &failed);
		p->title = col_dup(st, 1, &failed);
		p->condition = col_dup(st, 2, &failed);
		p->action = col_dup(st, 3, &failed);
		p->consent = col_dup(st, 4, &failed);
		p->notes = col_dup(st, 5, &failed);
		if (failed)
			break;
	}
	sqlite3_reset(st);
	if (failed)
		status = SP_ERR_NOMEM;
	else if (rc != SQLITE_DONE)
		status = db_status(rc);
	if (status != SP_OK)
		sp_pathway_list_clear(out);
	return status;
}

/* "a;b;c" -> NULL-terminated array of copies; NULL when out of memory. */
static char **
split_list(const char *list, size_t *count)
{
	size_t n = 0, cap = 1;
	char **items;

	for (const char *p = list; p && *p; p++)
		cap += *p == ';';
	if (!(items = sp_calloc(cap + 1, sizeof *items)))
		return NULL;
	while (list && *list) {
		size_t len = strcspn(list, ";");

		if (len && !(items[n++] = sp_strndup(list, len))) {
			for (size_t i = 0; i < n; i++)
				free(items[i]);
			free(items);
			return NULL;
		}
		list += len;
		if (*list == ';')
			list++;
	}
	if (count)
		*count = n;
	return items;
}

static void
free_list(char **items)
{
	for (char **p = items; p && *p; p++)
		free(*p);
	free(items);
}

void
sp_quiz_clear(struct sp_quiz *quiz)
{
	for (size_t i = 0; i < quiz->count; i++) {
		struct sp_quiz_item *q = &quiz->items[i];

		free(q->id);
		free(q->scenario);
		free(q->explanation);
		free_list(q->options);
		free_list(q->services);
	}
	free(quiz->items);
	quiz->items = NULL;
	quiz->count = 0;
}

enum sp_status
sp_directory_quiz(struct sp_directory *dir, struct sp_quiz *out)
{
	sqlite3_stmt *st = dir_stmt(dir, ST_QUIZ);
	int rc, failed = 0;

	out->items = NULL;
	out->count = 0;
	if (!st)
		return db_status(sqlite3_errcode(dir->db));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sp_quiz_item *q = grow_one((void **) &out->items, &out->count, sizeof *q);

		if (!q) {
			failed = 1;
			break;
		}
		q->id = col_dup(st, 0, &failed);
		q->scenario = col_dup(st, 1, &failed);
		q->options = split_list((const char *) sqlite3_column_text(st, 2), &q->noptions);
		q->answer = sqlite3_column_int(st, 3) - 1;
		q->explanation = col_dup(st, 4, &failed);
		q->services = split_list((const char *) sqlite3_column_text(st, 5), NULL);
		if (failed || !q->options || !q->services) {
			failed = 1;
			break;
		}
		if (q->answer < 0 || (size_t) q->answer >= q->noptions)
			q->answer = 0;
	}
	sqlite3_reset(st);
	if (failed || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		sp_quiz_clear(out);
		return failed ? SP_ERR_NOMEM : db_status(rc);
	}
	return SP_OK;
}

void
sp_chart_list_clear(struct sp_chart_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		struct sp_chart *c = &list->items[i];

		free(c->id);
		free(c->title);
		free(c->note);
		for (size_t f = 0; f < c->nfacts; f++) {
			free(c->facts[f].label);
			free(c->facts[f].unit);
			free(c->facts[f].period);
		}
		free(c->facts);
	}
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

enum sp_status
sp_directory_charts(struct sp_directory *dir, struct sp_chart_list *out)
{
	sqlite3_stmt *st = dir_stmt(dir, ST_CHARTS);
	int rc, failed = 0;

	out->items = NULL;
	out->count = 0;
	if (!st)
		return db_status(sqlite3_errcode(dir->db));
	while (!failed && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *) sqlite3_column_text(st, 0);
		struct sp_chart *c = out->count ? &out->items[out->count - 1] : NULL;
		struct sp_fact *fact;

		if (!c || strcmp(c->id, id) != 0) {
			if (!(c = grow_one((void **) &out->items, &out->count, sizeof *c))) {
				failed = 1;
				break;
			}
			c->id = col_dup(st, 0, &failed);
			c->title = col_dup(st, 1, &failed);
			c->note = col_dup(st, 2, &failed);
		}
		if (!(fact = grow_one((void **) &c->facts, &c->nfacts, sizeof *fact))) {
			failed = 1;
			break;
		}
		fact->label = col_dup(st, 3, &failed);
		fact->value = sqlite3_column_double(st, 4);
		fact->unit = col_dup(st, 5, &failed);
		fact->period = col_dup(st, 6, &failed);
	}
	sqlite3_reset(st);
	if (failed || rc != SQLITE_DONE) {
		sp_chart_list_clear(out);
		return failed ? SP_ERR_NOMEM : db_status(rc);
	}
	return SP_OK;
}

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>

#include "directory.h"
#include "directory_private.h"
#include "fileio.h"
#include "fold.h"
#include "mem.h"
#include "trust.h"

/*
 * Opening the directory: reading the file once, checking its signature and then the same bytes
 * as a database, and the prepared statements every query of the model goes through.
 */

/* Every value from outside is bound as a parameter: no text is ever spliced into SQL. The
 * search statements take ?1 staff, ?2 profile mask, ?3..?6 the person's area and the areas
 * above it (NULL for anywhere), ?7 the FTS query, ?8 and ?9 the first and last rowid
 * of the UI language's translations (sp_dir_bind_translation_range). They name the index
 * (db/schema.sql) that holds every column they read of an active service, so they read it
 * and not the services' rows: service_filter for the filter alone, service_rank when they
 * also rank or sort. */

/* A row of translation_fts's service: the low bits of its rowid (SP_TRANSLATION_SERVICE_BITS;
 * the index keeps no columns to read it from). */
#define TRANSLATION_SERVICE " (translation_fts.rowid & 4294967295)"
#define SEARCH_FILTER \
	" s.status = 'active' AND (?1 OR s.audience = 'public')" \
	" AND (?2 = 0 OR (s.profile_mask & ?2) != 0)" \
	" AND (?3 IS NULL OR s.area IN (?3, ?4, ?5, ?6))"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_SEARCH_ALL] =
	        "SELECT s.rowid FROM service s INDEXED BY service_rank WHERE" SEARCH_FILTER
	        " ORDER BY s.name COLLATE sp_locale, s.id",
	/* English text and the UI language's translations, best match first. */
	[ST_SEARCH_TEXT] =
	        "SELECT s.rowid FROM service s INDEXED BY service_rank JOIN ("
	        "   SELECT rowid AS id, bm25(service_fts, 10.0, 4.0, 1.0) AS rank FROM service_fts"
	        "   WHERE service_fts MATCH ?7"
	        "   UNION ALL SELECT" TRANSLATION_SERVICE " AS id, bm25(translation_fts) AS rank"
	        "   FROM translation_fts"
	        "   WHERE translation_fts MATCH ?7 AND rowid BETWEEN ?8 AND ?9"
	        " ) m ON m.id = s.rowid WHERE" SEARCH_FILTER
	        " GROUP BY s.rowid ORDER BY min(m.rank), s.name COLLATE sp_locale",
	/* The same matches as a stream in row order (the build's static order), which SQLite and
	 * FTS5 produce without sorting, so a page costs what it reads. */
	[ST_STREAM_ALL] =
	        "SELECT s.rowid FROM service s INDEXED BY service_filter WHERE" SEARCH_FILTER
	        " ORDER BY s.rowid",
	[ST_STREAM_TEXT] =
	        "SELECT service_fts.rowid FROM service_fts"
	        " JOIN service s INDEXED BY service_filter ON s.rowid = service_fts.rowid"
	        " WHERE service_fts MATCH ?7 AND" SEARCH_FILTER " ORDER BY service_fts.rowid",
	[ST_STREAM_TRANSLATION] =
	        "SELECT s.rowid FROM translation_fts"
	        " JOIN service s INDEXED BY service_filter ON s.rowid =" TRANSLATION_SERVICE
	        " WHERE translation_fts MATCH ?7"
	        " AND translation_fts.rowid BETWEEN ?8 AND ?9 AND" SEARCH_FILTER
	        " ORDER BY translation_fts.rowid",
	/* What a match's place needs: its referral, profiles, and every line's kind, audience
	 * and hours in order (the first public phone is its main line). */
	[ST_SEARCH_KEYS] = "SELECT s.referral, s.profile_mask, c.kind, c.audience, c.hours"
	                   " FROM service s INDEXED BY service_rank"
	                   " LEFT JOIN contact c ON c.service = s.rowid"
	                   "   AND (?2 OR c.audience = 'public')"
	                   " WHERE s.rowid = ?1 AND s.status = 'active' ORDER BY c.position",
	/* The words a typed prefix stands for (?2: the prefix and a byte no UTF-8 text holds). */
	[ST_VOCABULARY] = "SELECT term FROM search_term WHERE term >= ?1 AND term < ?2"
	                  " ORDER BY term LIMIT ?3",
	/* A service's own row; its translated fields come one at a time (ST_TRANSLATION), only
	 * those a view shows (eligibility is staff's). */
	[ST_SERVICE] = "SELECT s.id, s.name, o.name, s.description, s.area, s.audience, s.referral,"
	               " s.consent_needed, s.age_min, s.age_max, s.risk_levels, s.profile_mask,"
	               " s.languages, s.eligibility, s.status, s.superseded_by, s.source,"
	               " s.source_note, s.verified, s.verification"
	               " FROM service s JOIN organisation o ON o.id = s.organisation"
	               " WHERE s.rowid = ?1",
	[ST_TRANSLATION] = "SELECT text FROM translation"
	                   " WHERE tbl = ?1 AND id = ?2 AND field = ?3 AND lang = ?4",
	[ST_SERVICE_BY_ID] = "SELECT rowid, audience FROM service WHERE id = ?1",
	[ST_SERVICE_NAME] = "SELECT name FROM service WHERE id = ?1",
	[ST_CONTACTS] =
	        "SELECT c.rowid, c.kind, c.value, COALESCE(t.text, c.label), c.audience, c.hours,"
	        " c.verification FROM contact c"
	        " LEFT JOIN translation t ON t.tbl = 'contact' AND t.field = 'label' AND t.lang = "
	        "?3"
	        "   AND t.id = ?4 || '#' || c.position"
	        " WHERE c.service = ?1 AND (?2 OR c.audience = 'public') ORDER BY c.position",
	[ST_DEFINITIONS] = "SELECT d.id, COALESCE(tt.text, d.term), d.act, d.section, d.legal_text,"
	                   " COALESCE(t.text, d.summary), t.text IS NOT NULL, d.source, d.profiles"
	                   " FROM definition d"
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
	[ST_TERMS] = "SELECT term FROM term_fts WHERE term_fts MATCH ?1 AND kind = ?2",
	[ST_PATHWAYS] = "SELECT id, title, condition, action, consent, notes FROM pathway ORDER BY "
	                "position",
	[ST_QUIZ] = "SELECT id, scenario, options, answer, explanation, services FROM quiz"
	            " ORDER BY position, id",
	[ST_CHARTS] =
	        "SELECT c.id, c.title, c.note, f.label, f.value, f.unit, f.period FROM chart c"
	        " JOIN fact f ON f.chart = c.id ORDER BY c.position, f.position",
};

/* Opening a collator loads ICU's collation data, a tenth of a command's own work, and most
 * commands sort nothing by name: it is opened at the first comparison. An SQLite collation
 * cannot fail, so a failure is recorded for the statement's caller (sp_dir_sorted()) and
 * the names compared byte by byte meanwhile; it is not retried before the next
 * sp_directory_set_locale(). */
static int
collate_locale(void *arg, int alen, const void *a, int blen, const void *b)
{
	struct sp_directory *dir = arg;
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r;

	if (!dir->collator && dir->collator_status == SP_OK) {
		dir->collator = ucol_open(dir->locale, &st);
		if (U_FAILURE(st)) {
			dir->collator = NULL;
			dir->collator_status =
			        st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_LOCALE;
		}
		st = U_ZERO_ERROR;
	}
	if (!dir->collator) {
		int c = memcmp(a, b, (size_t) (alen < blen ? alen : blen));
		return c ? c : alen - blen;
	}
	r = ucol_strcollUTF8(dir->collator, a, alen, b, blen, &st);
	return U_FAILURE(st) ? 0 : (int) r;
}

sqlite3_stmt *
sp_dir_stmt(struct sp_directory *dir, enum sp_dir_stmt id)
{
	if (!dir->stmt[id] &&
	    sqlite3_prepare_v3(dir->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &dir->stmt[id],
	                       NULL) != SQLITE_OK)
		return NULL;
	sqlite3_reset(dir->stmt[id]);
	sqlite3_clear_bindings(dir->stmt[id]);
	return dir->stmt[id];
}

sqlite3_stmt *
sp_dir_stmt_take(struct sp_directory *dir, enum sp_dir_stmt id)
{
	sqlite3_stmt *st = sp_dir_stmt(dir, id);

	dir->stmt[id] = NULL;
	return st;
}

void
sp_dir_stmt_give(struct sp_directory *dir, enum sp_dir_stmt id, sqlite3_stmt *st)
{
	if (!st)
		return;
	if (dir->stmt[id]) {
		sqlite3_finalize(st);
		return;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	dir->stmt[id] = st;
}

int64_t
sp_translation_first_rowid(const char *lang)
{
	size_t n = strlen(lang);
	int64_t first = 0;

	if (n < 2 || n > 3)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char) lang[i] >= 0x80)
			return -1;
		first |= (int64_t) (unsigned char) lang[i]
		         << (SP_TRANSLATION_SERVICE_BITS + 16 - 8 * i);
	}
	return first;
}

void
sp_dir_bind_translation_range(struct sp_directory *dir, sqlite3_stmt *st, int first)
{
	int64_t lo = sp_translation_first_rowid(dir->lang);

	/* An empty range for a language with none. */
	sqlite3_bind_int64(st, first, lo < 0 ? 1 : lo);
	sqlite3_bind_int64(st, first + 1,
	                   lo < 0 ? 0 : lo | (((int64_t) 1 << SP_TRANSLATION_SERVICE_BITS) - 1));
}

enum sp_status
sp_dir_sorted(const struct sp_directory *dir, enum sp_dir_stmt id)
{
	bool collates = id == ST_SEARCH_ALL || id == ST_SEARCH_TEXT || id == ST_GLOSSARY;

	return collates ? dir->collator_status : SP_OK;
}

enum sp_status
sp_dir_status(const struct sp_directory *dir, int rc)
{
	/* A page that did not match its signed hash was refused: the file changed. */
	if (dir->pages.tampered)
		return SP_ERR_DB_TAMPERED;
	return rc == SQLITE_NOMEM ? SP_ERR_NOMEM : SP_ERR_DB_QUERY;
}

enum sp_status
sp_dir_error(struct sp_directory *dir)
{
	return sp_dir_status(dir, sqlite3_errcode(dir->db));
}

char *
sp_dir_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? sp_strdup((const char *) t) : NULL;
}

char *
sp_dir_col_dup(sqlite3_stmt *st, int col, int *failed)
{
	char *s;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	if (!(s = sp_dir_col_text(st, col)))
		*failed = 1;
	return s;
}

bool
sp_dir_col_is(sqlite3_stmt *st, int col, const char *text)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t && strcmp((const char *) t, text) == 0;
}

int
sp_dir_col_int_or(sqlite3_stmt *st, int col, int fallback)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? fallback : sqlite3_column_int(st, col);
}

enum sp_status
sp_dir_load_rows(struct sp_directory *dir, enum sp_dir_stmt id, const struct sp_dir_rows *r)
{
	sqlite3_stmt *st = sp_dir_stmt(dir, id);
	enum sp_status status = SP_OK;
	int rc;

	*(void **) r->items = NULL;
	*r->count = 0;
	if (!st)
		return sp_dir_error(dir);
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_text(st, 1, dir->lang, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *item = sp_array_push(r->items, r->count, r->size);
		enum sp_dir_row done = item ? r->row(st, item, r->ctx) : SP_ROW_NOMEM;

		if (done == SP_ROW_SKIP)
			--*r->count;
		if (done == SP_ROW_NOMEM) {
			status = SP_ERR_NOMEM;
			break;
		}
	}
	if (status == SP_OK && rc != SQLITE_DONE)
		status = sp_dir_status(dir, rc);
	if (status == SP_OK)
		status = sp_dir_sorted(dir, id);
	sqlite3_reset(st);
	if (status != SP_OK)
		r->clear(r->list);
	return status;
}

/* SQLite's words about damage, in brackets and on one line for a one-line message: its
 * reports run over several lines ("*** in database main ***\nOn tree page 3 ..."). */
static char *
one_line_detail(const char *text)
{
	static const char banner[] = "*** in database main ***";
	char *s, *w;

	if (!text)
		return NULL;
	text += strspn(text, " \n");
	if (strncmp(text, banner, sizeof banner - 1) == 0)
		text += sizeof banner - 1;
	/* "(", the text, ")" and the NUL. */
	if (!(s = sp_malloc(strlen(text) + 3)))
		return NULL;
	w = s;
	*w++ = '(';
	for (const char *p = text; *p; p++) {
		char c = (unsigned char) *p < 0x20 || *p == 0x7f ? ' ' : *p;

		if (c != ' ' || (w[-1] != ' ' && w[-1] != '('))
			*w++ = c;
	}
	while (w[-1] == ' ')
		w--;
	if (w[-1] == '(')
		w--; /* nothing to say */
	else
		*w++ = ')';
	*w = '\0';
	return s;
}

static void
set_detail(char **detail, char *text)
{
	if (detail && !*detail)
		*detail = text;
	else
		free(text);
}

/* The search indexes of schema version SP_DB_SCHEMA_VERSION. */
static const char *const fts_tables[] = { "service_fts", "translation_fts", "term_fts" };

/*
 * FTS5 keeps its index in ordinary tables, so PRAGMA integrity_check passes a damaged index
 * and searches then fail. FTS5's own check is an INSERT, which the read-only connection
 * refuses; it runs instead on a scratch copy of the database in memory, writable but never
 * written (the check only reads) and thrown away after.
 */
static enum sp_status
check_search_index(sqlite3 *src, char **detail)
{
	sqlite3 *db = NULL;
	sqlite3_backup *copy;
	enum sp_status rc = SP_OK;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return SP_ERR_NOMEM;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	if (sqlite3_exec(db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL) != SQLITE_OK ||
	    !(copy = sqlite3_backup_init(db, "main", src, "main"))) {
		rc = sqlite3_errcode(db) == SQLITE_NOMEM ? SP_ERR_NOMEM : SP_ERR_DB_CORRUPT;
		goto done;
	}
	sqlite3_backup_step(copy, -1);
	if (sqlite3_backup_finish(copy) != SQLITE_OK) {
		rc = sqlite3_errcode(db) == SQLITE_NOMEM ? SP_ERR_NOMEM : SP_ERR_DB_CORRUPT;
		goto done;
	}
	for (size_t i = 0; rc == SP_OK && i < sizeof fts_tables / sizeof fts_tables[0]; i++) {
		char sql[128];

		snprintf(sql, sizeof sql, "INSERT INTO %s(%s) VALUES('integrity-check')",
		         fts_tables[i], fts_tables[i]);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			rc = sqlite3_errcode(db) == SQLITE_NOMEM ? SP_ERR_NOMEM : SP_ERR_DB_CORRUPT;
			if (rc == SP_ERR_DB_CORRUPT)
				set_detail(detail, sp_asprintf("(search index %s: %s)",
				                               fts_tables[i], sqlite3_errmsg(db)));
		}
	}
done:
	sqlite3_close(db);
	return rc;
}

/*
 * Untrusted text stays text: a file opened with --allow-unsigned can hold anything, so no text
 * column may hold a control character (C0 but the line break, DEL, C1) that a terminal would
 * obey. Checked like the rest, before a front-end prints a word of it.
 */
static enum sp_status
check_text_columns(struct sp_directory *dir, char **detail)
{
	static const char columns_sql[] =
	        "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p"
	        " WHERE m.type = 'table' AND m.sql LIKE 'CREATE TABLE%' AND upper(p.type) = 'TEXT'"
	        " ORDER BY m.name, p.cid";
	static const char controls[] = "*[\x01-\x09\x0b-\x1f\x7f\xc2\x80-\xc2\x9f]*";
	sqlite3_stmt *cols = NULL;
	enum sp_status rc = SP_OK;

	if (sqlite3_prepare_v2(dir->db, columns_sql, -1, &cols, NULL) != SQLITE_OK) {
		set_detail(detail, one_line_detail(sqlite3_errmsg(dir->db)));
		return SP_ERR_DB_CORRUPT;
	}
	while (rc == SP_OK && sqlite3_step(cols) == SQLITE_ROW) {
		const char *table = (const char *) sqlite3_column_text(cols, 0);
		const char *column = (const char *) sqlite3_column_text(cols, 1);
		char *sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE \"%w\" GLOB ?1 LIMIT 1",
		                            table ? table : "", column ? column : "");
		sqlite3_stmt *st = NULL;
		int step;

		if (!sql)
			return sqlite3_finalize(cols), SP_ERR_NOMEM;
		if (sqlite3_prepare_v2(dir->db, sql, -1, &st, NULL) != SQLITE_OK) {
			rc = SP_ERR_DB_CORRUPT;
		} else {
			sqlite3_bind_text(st, 1, controls, -1, SQLITE_STATIC);
			step = sqlite3_step(st);
			if (step == SQLITE_ROW) {
				rc = SP_ERR_DB_CORRUPT;
				set_detail(detail, sp_asprintf("(a control character in %s.%s)",
				                               table, column));
			} else if (step != SQLITE_DONE) {
				rc = SP_ERR_DB_CORRUPT;
			}
		}
		sqlite3_finalize(st);
		sqlite3_free(sql);
	}
	sqlite3_finalize(cols);
	return rc;
}

/* The database checks. `full`: every page and index too; without it, only what a file
 * signed by signpost-admin (whose build ran the full checks on these very pages) can still
 * get wrong here: being for another program, schema or folding. */
static enum sp_status
dir_check(struct sp_directory *dir, bool full, char **detail)
{
	sqlite3_stmt *st = NULL;
	enum sp_status rc = SP_OK;
	int app_id = 0, version = -1;

	if (sqlite3_prepare_v2(dir->db, "PRAGMA application_id", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		set_detail(detail, one_line_detail(sqlite3_errmsg(dir->db)));
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
		set_detail(detail, sp_asprintf("%d != %d", version, SP_DB_SCHEMA_VERSION));
		return SP_ERR_DB_VERSION;
	}
	st = NULL;
	if (full &&
	    (sqlite3_prepare_v2(dir->db, "PRAGMA integrity_check(1)", -1, &st, NULL) != SQLITE_OK ||
	     sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_text(st, 0) ||
	     strcmp((const char *) sqlite3_column_text(st, 0), "ok") != 0)) {
		set_detail(detail,
		           one_line_detail(st && sqlite3_column_text(st, 0) ?
		                                   (const char *) sqlite3_column_text(st, 0) :
		                                   sqlite3_errmsg(dir->db)));
		sqlite3_finalize(st);
		return SP_ERR_DB_CORRUPT;
	}
	sqlite3_finalize(st);
	/* The index holds text folded by the rules of the build: other rules would miss. */
	if (sqlite3_prepare_v2(dir->db, "SELECT value FROM meta WHERE key = 'fold_rules'", -1, &st,
	                       NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_text(st, 0) ||
	    strcmp((const char *) sqlite3_column_text(st, 0), SP_FOLD_RULES) != 0)
		rc = SP_ERR_DB_VERSION;
	sqlite3_finalize(st);
	if (rc == SP_OK && full)
		rc = check_text_columns(dir, detail);
	if (rc == SP_OK && full)
		rc = check_search_index(dir->db, detail);
	return rc;
}

/* Opens the connection on what dir holds (bytes in memory, or the file in place), checks it
 * and sets it up; on failure the caller frees dir. */
static enum sp_status
dir_connect(struct sp_directory *dir, size_t size, bool full, char **detail)
{
	enum sp_status rc;
	int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	int open_rc;

	if (dir->bytes)
		open_rc = sqlite3_open_v2(":memory:", &dir->db,
		                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);
	else
		open_rc = sqlite3_open_v2("file:signpost.db?immutable=1", &dir->db, flags,
		                          dir->pages.vfs_name);
	if (open_rc != SQLITE_OK)
		return open_rc == SQLITE_NOMEM ? SP_ERR_NOMEM : SP_ERR_DB_UNREADABLE;
	/* The file is untrusted input until checked: no schema-defined functions, no extensions,
	 * and temporary tables in memory so a kiosk never writes a temp file. */
	sqlite3_db_config(dir->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(dir->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_exec(dir->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	/* Read in place, a page read again is a page hashed again: keep up to 16 MB of them. */
	if (!dir->bytes)
		sqlite3_exec(dir->db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
	/* Read-only, and the bytes stay ours (freed after the connection closes). */
	if (dir->bytes &&
	    sqlite3_deserialize(dir->db, "main", dir->bytes, (sqlite3_int64) size,
	                        (sqlite3_int64) size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
		return SP_ERR_DB_CORRUPT;
	if ((rc = dir_check(dir, full, detail)) != SP_OK)
		return dir->pages.tampered ? SP_ERR_DB_TAMPERED : rc;
	if (sqlite3_create_collation_v2(dir->db, "sp_locale", SQLITE_UTF8, dir, collate_locale,
	                                NULL) != SQLITE_OK)
		return SP_ERR_NOMEM;
	if ((rc = sp_fold_new(&dir->fold)) != SP_OK)
		return rc;
	return sp_directory_set_locale(dir, "en_GB");
}

long sp_directory_verify_at_open_bytes = SP_DB_VERIFY_AT_OPEN_BYTES;

static struct sp_directory *
dir_new(void)
{
	struct sp_directory *dir = sp_calloc(1, sizeof *dir);

	if (dir)
		dir->pages.fd = -1;
	return dir;
}

enum sp_status
sp_directory_open_bytes(struct sp_directory **out, unsigned char *bytes, size_t size, char **detail)
{
	static const char magic[16] = "SQLite format 3";
	struct sp_directory *dir;
	enum sp_status rc;

	*out = NULL;
	if (detail)
		*detail = NULL;
	if (size < 512 || memcmp(bytes, magic, sizeof magic) != 0) {
		free(bytes);
		return SP_ERR_DB_CORRUPT;
	}
	if (!(dir = dir_new())) {
		free(bytes);
		return SP_ERR_NOMEM;
	}
	dir->bytes = bytes;
	if ((rc = dir_connect(dir, size, true, detail)) != SP_OK) {
		sp_directory_free(dir);
		return rc;
	}
	*out = dir;
	return SP_OK;
}

/* Opens the file in place: checked page by page against the signed manifest when
 * manifest_hex is given (every page at open too when the file is small and not as_read), and
 * in full as a database when `full`. */
static enum sp_status
open_in_place(struct sp_directory **out, const char *path, const char *manifest_hex, bool full,
              bool as_read, char **detail)
{
	struct sp_directory *dir = dir_new();
	enum sp_status rc;

	if (!dir)
		return SP_ERR_NOMEM;
	rc = sp_pages_open(&dir->pages, path, manifest_hex);
	if (rc == SP_OK && manifest_hex && !as_read &&
	    dir->pages.image_size <= sp_directory_verify_at_open_bytes)
		rc = sp_pages_verify_all(&dir->pages);
	if (rc == SP_OK)
		rc = dir_connect(dir, 0, full, detail);
	if (rc != SP_OK) {
		sp_directory_free(dir);
		return rc;
	}
	*out = dir;
	return SP_OK;
}

/* A .minisig file is four lines of about 350 bytes; anything far larger is not one. */
#define SIG_MAX_BYTES 4096

/* The .minisig file beside the directory, as text; *sig is NULL when there is none or it cannot
 * be read (the directory is then unsigned). Fails only when memory runs out. */
static enum sp_status
read_signature(const char *path, char **sig)
{
	char *sig_path = sp_asprintf("%s" SP_SIGNATURE_SUFFIX, path);
	unsigned char *data = NULL;
	size_t len;
	enum sp_status rc;

	*sig = NULL;
	if (!sig_path)
		return SP_ERR_NOMEM;
	rc = sp_file_read(sig_path, SIG_MAX_BYTES, &data, &len, NULL);
	free(sig_path);
	if (rc == SP_ERR_NOMEM)
		return rc;
	*sig = (char *) data;
	return SP_OK;
}

/* A signature without a page manifest (stock minisign's): the whole file is read into memory,
 * checked against the signature, and the same bytes opened, so it cannot change in between. */
static enum sp_status
open_whole(struct sp_directory **out, const char *path, const struct sp_trust *trust,
           const char *sig, struct sp_signed *info, char **detail)
{
	unsigned char *bytes;
	size_t len;
	enum sp_status rc;

	switch ((rc = sp_file_read(path, SP_DB_MAX_BYTES, &bytes, &len, NULL))) {
	case SP_OK: break;
	case SP_ERR_NOMEM: return rc;
	case SP_ERR_NOT_FOUND: return SP_ERR_DB_MISSING;
	default: return SP_ERR_DB_UNREADABLE;
	}
	if ((rc = sp_trust_verify_info(trust, bytes, len, sig, info)) != SP_OK) {
		free(bytes);
		return rc;
	}
	return sp_directory_open_bytes(out, bytes, len, detail);
}

enum sp_status
sp_directory_open(struct sp_directory **out, const char *path, const struct sp_trust *trust,
                  char **detail)
{
	enum sp_status rc;
	struct sp_signed info = { "", "", "", "" };
	char *sig = NULL;

	*out = NULL;
	if (detail)
		*detail = NULL;
	/* Missing or unreadable comes first, as when the whole file was read first. */
	if (access(path, R_OK) != 0)
		return errno == ENOENT || errno == ENOTDIR ? SP_ERR_DB_MISSING :
		                                             SP_ERR_DB_UNREADABLE;
	if (!trust || trust->allow_unsigned)
		return open_in_place(out, path, NULL, true, false, detail);
	if ((rc = read_signature(path, &sig)) == SP_OK)
		rc = sp_trust_verify_comment(trust, sig, &info);
	if (rc == SP_OK && info.pages[0])
		rc = open_in_place(out, path, info.pages, false, trust->pages_as_read, detail);
	else if (rc == SP_OK)
		rc = open_whole(out, path, trust, sig, &info, detail);
	free(sig);
	if (rc == SP_OK)
		(*out)->signature = info;
	return rc;
}

enum sp_status
sp_directory_open_built(struct sp_directory **out, const char *path, char **detail)
{
	*out = NULL;
	if (detail)
		*detail = NULL;
	if (access(path, R_OK) != 0)
		return errno == ENOENT || errno == ENOTDIR ? SP_ERR_DB_MISSING :
		                                             SP_ERR_DB_UNREADABLE;
	return open_in_place(out, path, NULL, false, false, detail);
}

const struct sp_signed *
sp_directory_signature(const struct sp_directory *dir)
{
	return &dir->signature;
}

bool
sp_directory_tampered(const struct sp_directory *dir)
{
	return dir->pages.tampered;
}

void
sp_directory_free(struct sp_directory *dir)
{
	if (!dir)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(dir->stmt[i]);
	sqlite3_close(dir->db);
	free(dir->bytes);
	sp_pages_close(&dir->pages);
	if (dir->collator)
		ucol_close(dir->collator);
	free(dir->locale);
	sp_fold_free(dir->fold);
	sp_holidays_clear(&dir->holidays);
	/* A kiosk frees the directory it showed when it takes a newer one: nothing stays. */
	explicit_bzero(dir, sizeof *dir);
	free(dir);
}

void
sp_directory_one_thread(void)
{
	/* Each fails harmlessly (SQLITE_MISUSE, the defaults kept) once SQLite is in use. */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum sp_status
sp_directory_set_locale(struct sp_directory *dir, const char *locale)
{
	UErrorCode st = U_ZERO_ERROR;
	char lang[sizeof dir->lang], *copy = sp_strdup(locale);

	if (!copy)
		return SP_ERR_NOMEM;
	uloc_getLanguage(locale, lang, (int32_t) sizeof lang, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		strcpy(lang, "en");
	/* The collator is opened at its first use (collate_locale()). */
	if (dir->collator)
		ucol_close(dir->collator);
	dir->collator = NULL;
	dir->collator_status = SP_OK;
	free(dir->locale);
	dir->locale = copy;
	strcpy(dir->lang, lang);
	return SP_OK;
}

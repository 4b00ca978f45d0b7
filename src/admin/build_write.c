#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "admin/build.h"
#include "admin/build_private.h"
#include "admin/keys.h"
#include "core/fold.h"
#include "core/hours.h"
#include "core/mem.h"

/*
 * Writing the built directory (issue 13). The sources are loaded and checked in a scratch
 * database in the order of their files (so every message is as before); the file is then
 * written fresh in one transaction, without a journal: every table copied in key order, the
 * services renumbered in their reach order (db/schema.sql) and their contacts after them, the
 * search indexes filled from the copy (in service order) and the other indexes made last. A
 * file written that way has no free or half-empty pages for VACUUM to remove.
 */

/* Runs SQL; on failure reports "what: SQLite's words" and returns false. */
static bool
run(sqlite3 *db, const char *sql, const char *what, struct sp_report *report)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK)
		return true;
	sp_report_error(report, "%s: %s", what, err ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	return false;
}

/* The tables whose row ids change: each column that holds one, and the order rows go in. */
static const struct renumbered {
	const char *table;
	const char *column[2], *map[2];
	const char *order;
} renumbered[] = {
	{ "service", { "rowid" }, { "service_map" }, "m0.new" },
	{ "service_profile", { "service" }, { "service_map" }, "m0.new, t.profile" },
	{ "contact", { "rowid", "service" }, { "contact_map", "service_map" }, "m0.new" },
};

/* The INSERT that copies from.table (a scratch database) into main.table (the file),
 * renumbered when it is one of those (their maps are in work). */
static char *
copy_sql(sqlite3 *db, const char *from, const char *table)
{
	const struct renumbered *r = NULL;
	struct sp_buf select, joins;
	sqlite3_stmt *cols = NULL;
	char *sql = NULL;

	for (size_t i = 0; i < sizeof renumbered / sizeof renumbered[0]; i++)
		if (!strcmp(renumbered[i].table, table))
			r = &renumbered[i];
	if (!r)
		return sqlite3_mprintf("INSERT INTO main.\"%w\" SELECT * FROM \"%w\".\"%w\"", table,
		                       from, table);
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid",
	                       -1, &cols, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(cols, 1, table, -1, SQLITE_STATIC);
	sp_buf_init(&select);
	sp_buf_init(&joins);
	sp_buf_puts(&select, "");
	sp_buf_puts(&joins, "");
	while (sqlite3_step(cols) == SQLITE_ROW) {
		const char *col = (const char *) sqlite3_column_text(cols, 0);
		char *part = NULL;
		int m = -1;

		for (int i = 0; i < 2 && r->column[i]; i++)
			if (!strcmp(r->column[i], col))
				m = i;
		if (m >= 0)
			part = sqlite3_mprintf("%sm%d.new", select.len ? ", " : "", m);
		else
			part = sqlite3_mprintf("%st.\"%w\"", select.len ? ", " : "", col);
		if (part)
			sp_buf_puts(&select, part);
		else
			select.failed = true;
		sqlite3_free(part);
	}
	sqlite3_finalize(cols);
	for (int i = 0; i < 2 && r->column[i]; i++) {
		char *part = sqlite3_mprintf(" JOIN work.%s m%d ON m%d.old = t.\"%w\"", r->map[i],
		                             i, i, r->column[i]);

		if (part)
			sp_buf_puts(&joins, part);
		else
			joins.failed = true;
		sqlite3_free(part);
	}
	if (!select.failed && !joins.failed)
		sql = sqlite3_mprintf("INSERT INTO main.\"%w\" SELECT %s FROM \"%w\".\"%w\" t%s"
		                      " ORDER BY %s",
		                      table, select.data, from, table, joins.data, r->order);
	sp_buf_free(&select);
	sp_buf_free(&joins);
	return sql;
}

/* contact_hours, made from the contacts just copied into `out`: each one's hours as written,
 * parsed as the load checked them, slot after slot (the scratch database has none:
 * build_contacts). A parsed slot meets the table's CHECKs (core/hours.c); "unknown" hours are
 * NULL and have none; public holidays' rules stay in contact.hours only. */
static bool
fill_contact_hours(sqlite3 *out, struct sp_report *report)
{
	sqlite3_stmt *contacts = NULL, *ins = NULL;
	bool ok = sqlite3_prepare_v2(out,
	                             "SELECT rowid, hours FROM main.contact"
	                             " WHERE hours IS NOT NULL ORDER BY rowid",
	                             -1, &contacts, NULL) == SQLITE_OK &&
	          sqlite3_prepare_v2(out,
	                             "INSERT INTO main.contact_hours (contact, day, open_min,"
	                             " close_min) VALUES (?1, ?2, ?3, ?4)",
	                             -1, &ins, NULL) == SQLITE_OK;

	while (ok && sqlite3_step(contacts) == SQLITE_ROW) {
		const char *text = (const char *) sqlite3_column_text(contacts, 1);
		struct sp_hours hours = { 0 };
		enum sp_status rc = text ? sp_hours_parse(text, &hours, NULL) : SP_ERR_NOMEM;

		if (rc == SP_ERR_NOMEM)
			report->out_of_memory = 1;
		ok = rc != SP_ERR_NOMEM;
		for (size_t i = 0; ok && rc == SP_OK && i < hours.count; i++) {
			sqlite3_bind_int64(ins, 1, sqlite3_column_int64(contacts, 0));
			sqlite3_bind_int(ins, 2, hours.slots[i].day);
			sqlite3_bind_int(ins, 3, hours.slots[i].open_min);
			sqlite3_bind_int(ins, 4, hours.slots[i].close_min);
			ok = sqlite3_step(ins) == SQLITE_DONE;
			sqlite3_reset(ins);
		}
		sp_hours_clear(&hours);
	}
	if (!ok && !report->out_of_memory)
		sp_report_error(report, "write: %s", sqlite3_errmsg(out));
	sqlite3_finalize(contacts);
	sqlite3_finalize(ins);
	return ok;
}

/* Attaches the database at path to db as `name`; true, or false after reporting. */
static bool
attach(sqlite3 *db, const char *path, const char *name, struct sp_report *report)
{
	if (build_attach(db, path, name, 0))
		return true;
	sp_report_error(report, "write: %s", sqlite3_errmsg(db));
	return false;
}

/* Copies every table of the scratch database at `scratch` (and the translations at `aside`,
 * when they were loaded there: build_aside_begin) but the search indexes into the file `out`
 * has open (its schema made), renumbered by the scratch database's maps. */
static bool
copy_tables(sqlite3 *out, const char *scratch, const char *aside, struct sp_report *report)
{
	sqlite3_stmt *tables = NULL, *in_work = NULL;
	bool ok;

	if (!attach(out, scratch, "work", report) || (aside && !attach(out, aside, "tr", report)))
		return false;
	/* The rows' references were checked in the scratch database (PRAGMA foreign_key_check)
	 * and the copy keeps them: without the check a row, plain tables go across whole. The
	 * scratch database is only read here (the checks read it at the same time). */
	ok = run(out, "PRAGMA foreign_keys = OFF; PRAGMA work.mmap_size = 4294967296; BEGIN",
	         "write", report);
	/* Plain tables (not the search indexes' own), in the order the schema makes them. */
	if (ok &&
	    sqlite3_prepare_v2(
	            out,
	            "SELECT name FROM main.sqlite_schema t WHERE type = 'table'"
	            " AND sql LIKE 'CREATE TABLE%' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	            " AND NOT EXISTS (SELECT 1 FROM main.sqlite_schema v WHERE v.type = 'table'"
	            "  AND v.sql LIKE 'CREATE VIRTUAL TABLE%'"
	            "  AND t.name LIKE v.name || '\\_%' ESCAPE '\\')"
	            " ORDER BY rowid",
	            -1, &tables, NULL) != SQLITE_OK) {
		sp_report_error(report, "write: %s", sqlite3_errmsg(out));
		ok = false;
	}
	if (ok && sqlite3_prepare_v2(out,
	                             "SELECT 1 FROM work.sqlite_schema WHERE type = 'table'"
	                             " AND name = ?1",
	                             -1, &in_work, NULL) != SQLITE_OK) {
		sp_report_error(report, "write: %s", sqlite3_errmsg(out));
		ok = false;
	}
	while (ok && sqlite3_step(tables) == SQLITE_ROW) {
		const char *table = (const char *) sqlite3_column_text(tables, 0);
		bool here;
		char *sql;

		if (!strcmp(table, "contact_hours")) {
			ok = fill_contact_hours(out, report);
			continue;
		}
		sqlite3_bind_text(in_work, 1, table, -1, SQLITE_STATIC);
		here = sqlite3_step(in_work) == SQLITE_ROW;
		sqlite3_reset(in_work);
		sql = copy_sql(out, here || !aside ? "work" : "tr", table);

		if (!sql) {
			report->out_of_memory = 1;
			ok = false;
			break;
		}
		ok = run(out, sql, "write", report);
		sqlite3_free(sql);
	}
	sqlite3_finalize(in_work);
	sqlite3_finalize(tables);
	ok = run(out, ok ? "COMMIT" : "ROLLBACK", "write", report) && ok;
	ok = run(out, "DETACH work", "write", report) && ok;
	return (!aside || run(out, "DETACH tr", "write", report)) && ok;
}

/* Makes the empty file at `path` from schema.sql: its indexes are left for after the rows
 * (returned, to make with make_indexes()), so they are written whole. */
static bool
make_schema(const char *src_dir, const char *path, char ***indexes, struct sp_report *report)
{
	char *schema_path = sp_asprintf("%s/schema.sql", src_dir), *schema = NULL, *why = NULL;
	size_t schema_len, n = 0;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	bool ok = false;

	*indexes = NULL;
	if (!schema_path || sp_keys_read_file(schema_path, (unsigned char **) &schema, &schema_len,
	                                      &why) != SP_OK) {
		sp_report_error_at(report, schema_path, 0, "%s", why ? why : "out of memory");
		goto out;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		sp_report_error_at(report, path, 0, "%s",
		                   db ? sqlite3_errmsg(db) : "cannot create");
		goto out;
	}
	if (!run(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN", "write",
	         report) ||
	    !run(db, schema, "schema", report))
		goto out;
	if (sqlite3_prepare_v2(db,
	                       "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
	                       " AND sql IS NOT NULL ORDER BY rowid",
	                       -1, &st, NULL) != SQLITE_OK)
		goto out;
	ok = true;
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		char **slot = sp_array_push(indexes, &n, sizeof *slot);

		if (!slot || !(*slot = sp_strdup((const char *) sqlite3_column_text(st, 1)))) {
			n -= slot != NULL;
			report->out_of_memory = 1;
			ok = false;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok && sqlite3_prepare_v2(db,
	                             "SELECT name FROM sqlite_schema WHERE type = 'index'"
	                             " AND sql IS NOT NULL ORDER BY rowid",
	                             -1, &st, NULL) == SQLITE_OK) {
		char *names = NULL;

		while (sqlite3_step(st) == SQLITE_ROW) {
			char *more = sqlite3_mprintf("%zDROP INDEX \"%w\";", names,
			                             (const char *) sqlite3_column_text(st, 0));

			names = more;
		}
		sqlite3_finalize(st);
		st = NULL;
		ok = !names || run(db, names, "write", report);
		sqlite3_free(names);
	}
	{
		char **slot = ok ? sp_array_push(indexes, &n, sizeof *slot) : NULL;

		if (slot)
			*slot = NULL;
		else
			ok = false;
	}
	ok = run(db, ok ? "COMMIT" : "ROLLBACK", "write", report) && ok;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(schema);
	free(schema_path);
	if (!ok) {
		sp_strv_free(*indexes);
		*indexes = NULL;
	}
	return ok;
}

/* Writing the file, on a thread of its own (build_private.h). */
struct build_writer {
	const char *src_dir;
	char *path, *scratch, *aside, *index;
	struct sp_report report; /* its messages, added to the build's at the end */
	enum sp_status rc;
	bool threaded;
	pthread_t thread;
	/* translation_fts's rows, given by the other thread (build_write_give_rows) */
	pthread_mutex_t lock;
	pthread_cond_t given;
	bool rows_given;
	struct build_translation_rows rows;
	/* service_fts, made at `index` by the other thread (build_write_give_service_index) */
	bool index_given, index_made;
};

/* Waits for what the other thread gives (at once when not threaded: given already). */
static void
wait_for(struct build_writer *w, const bool *given)
{
	pthread_mutex_lock(&w->lock);
	while (!*given)
		pthread_cond_wait(&w->given, &w->lock);
	pthread_mutex_unlock(&w->lock);
}

/* The tables of service_fts (FTS5's own, in db/schema.sql's declaration of it): copied whole
 * from the database the other thread filled (build_write_give_service_index), which declares
 * it the same way, over the empty index the schema made. */
static const char copy_service_index_sql[] =
        "DELETE FROM main.service_fts_data; DELETE FROM main.service_fts_idx;"
        "DELETE FROM main.service_fts_docsize;"
        "DELETE FROM main.service_fts_config;"
        "INSERT INTO main.service_fts_data SELECT * FROM made.service_fts_data;"
        "INSERT INTO main.service_fts_idx SELECT * FROM made.service_fts_idx;"
        "INSERT INTO main.service_fts_docsize SELECT * FROM made.service_fts_docsize;"
        "INSERT INTO main.service_fts_config SELECT * FROM made.service_fts_config;";

/* Copies service_fts from w->index into db, in a transaction of its own; true, or false after
 * reporting (nothing more when the other thread could not make it: it reported why). */
static bool
copy_service_index(struct build_writer *w, sqlite3 *db)
{
	bool ok;

	wait_for(w, &w->index_given);
	if (!w->index_made)
		return false;
	if (!attach(db, w->index, "made", &w->report))
		return false;
	ok = run(db, "BEGIN", "write", &w->report) &&
	     run(db, copy_service_index_sql, "write", &w->report);
	ok = run(db, ok ? "COMMIT" : "ROLLBACK", "write", &w->report) && ok;
	return run(db, "DETACH made", "write", &w->report) && ok;
}

static void
write_file(struct build_writer *w)
{
	struct build b = { .src_dir = w->src_dir, .report = &w->report };
	char **indexes = NULL;
	bool ok;

	if (sp_fold_new(&b.fold) != SP_OK) {
		w->rc = SP_ERR_NOMEM;
		return;
	}
	ok = make_schema(w->src_dir, w->path, &indexes, &w->report);
	if (ok && sqlite3_open_v2(w->path, &b.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sp_report_error_at(&w->report, w->path, 0, "%s", sqlite3_errmsg(b.db));
		ok = false;
	}
	ok = ok &&
	     run(b.db,
	         "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	         " PRAGMA cache_size = -131072",
	         "write", &w->report) &&
	     copy_tables(b.db, w->scratch, w->aside, &w->report) &&
	     run(b.db, "BEGIN", "write", &w->report);
	if (ok) {
		/* 'hashsize' raised while it is filled, set back after (BUILD_FTS_HASHSIZE). */
		sqlite3_exec(b.db,
		             "INSERT INTO translation_fts (translation_fts, rank)"
		             " VALUES ('hashsize', " BUILD_FTS_BULK_HASHSIZE ")",
		             NULL, NULL, NULL);
		wait_for(w, &w->rows_given);
		build_translation_rows_index(&b, &w->rows);
		/* Freed here, not by build_write_end() on the first thread: 875,000 bodies at
		 * 100,000 services, 0.2 s after its checks. */
		build_translation_rows_free(&w->rows);
		sqlite3_exec(b.db,
		             "INSERT INTO translation_fts (translation_fts, rank)"
		             " VALUES ('hashsize', " BUILD_FTS_HASHSIZE ")",
		             NULL, NULL, NULL);
		ok = run(b.db, !w->report.nerrors ? "COMMIT" : "ROLLBACK", "write", &w->report) &&
		     !w->report.nerrors;
		/* An ATTACH is made outside a transaction: service_fts goes in a second one. */
		ok = ok && copy_service_index(w, b.db) && run(b.db, "BEGIN", "write", &w->report);
		if (ok) {
			build_index_vocabulary(&b);
			build_index_terms(&b);
			for (size_t i = 0; indexes[i] && ok; i++)
				ok = run(b.db, indexes[i], "index", &w->report);
			ok = run(b.db, ok && !w->report.nerrors ? "COMMIT" : "ROLLBACK", "write",
			         &w->report) &&
			     ok;
		}
	}
	sqlite3_close(b.db);
	sp_strv_free(indexes);
	sp_fold_free(b.fold);
	if (w->report.out_of_memory)
		w->rc = SP_ERR_NOMEM;
	else
		w->rc = ok && !w->report.nerrors ? SP_OK : SP_ERR_IO;
}

static void *
write_file_thread(void *arg)
{
	write_file(arg);
	return NULL;
}

static void
writer_free(struct build_writer *w)
{
	if (!w)
		return;
	pthread_cond_destroy(&w->given);
	pthread_mutex_destroy(&w->lock);
	build_translation_rows_free(&w->rows);
	free(w->path);
	free(w->scratch);
	free(w->aside);
	free(w->index);
	sp_report_free(&w->report);
	free(w);
}

enum sp_status
build_write_begin(const char *scratch, const char *aside, const char *index, const char *src_dir,
                  const char *path, struct build_writer **writer, struct sp_report *report)
{
	struct build_writer *w = calloc(1, sizeof *w);

	*writer = NULL;
	if (!w)
		return SP_ERR_NOMEM;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->given, NULL);
	if (!(w->path = sp_strdup(path)) || !(w->scratch = sp_strdup(scratch)) ||
	    !(w->index = sp_strdup(index)) || (aside && !(w->aside = sp_strdup(aside)))) {
		writer_free(w);
		return SP_ERR_NOMEM;
	}
	w->src_dir = src_dir;
	w->report.quiet = report->quiet;
	/* On a second core while the caller makes the rows of translation_fts and runs the
	 * data checks (issue 13); if no thread can be made, in build_write_end(). */
	w->threaded = pthread_create(&w->thread, NULL, write_file_thread, w) == 0;
	*writer = w;
	return SP_OK;
}

void
build_write_give_rows(struct build_writer *w, struct build_translation_rows *rows)
{
	pthread_mutex_lock(&w->lock);
	w->rows = *rows;
	*rows = (struct build_translation_rows){ 0 };
	w->rows_given = true;
	pthread_cond_signal(&w->given);
	pthread_mutex_unlock(&w->lock);
}

void
build_write_give_service_index(struct build_writer *w, bool made)
{
	pthread_mutex_lock(&w->lock);
	w->index_made = made;
	w->index_given = true;
	pthread_cond_signal(&w->given);
	pthread_mutex_unlock(&w->lock);
}

enum sp_status
build_write_end(struct build_writer *w, struct sp_report *report)
{
	enum sp_status rc;

	if (!w->rows_given) {
		/* The caller could not make them: the writer must not wait for ever. */
		struct build_translation_rows none = { .failed = true };

		build_write_give_rows(w, &none);
	}
	if (!w->index_given)
		build_write_give_service_index(w, false);
	if (w->threaded)
		pthread_join(w->thread, NULL);
	else
		write_file(w);
	/* Its messages after the caller's, as when the file was written after the checks. */
	sp_report_append(report, &w->report);
	rc = w->rc;
	writer_free(w);
	return rc;
}

#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "admin/build_private.h"
#include "admin/origin.h"
#include "core/mem.h"

/*
 * The translations loaded aside (build_private.h): db/translations/<lang>.csv is most of the
 * rows of a national directory, and each row is checked on its own, so they can be loaded on a
 * second thread, into a database of their own, while the first loads the services, contacts
 * and the rest (issue 13). What they check and report is the same; only where the rows go
 * differs, and the caller attaches that database so that `translation` names them.
 */
struct build_aside {
	struct build b; /* the thread's: its own connection, report and origins */
	struct sp_report report;
	bool threaded;
	pthread_t thread;
};

static void
load_aside(struct build_aside *a)
{
	char *err = NULL;

	if (sqlite3_exec(a->b.db, "BEGIN", NULL, NULL, &err) == SQLITE_OK) {
		build_translation_texts(&a->b);
		if (sqlite3_exec(a->b.db, "COMMIT", NULL, NULL, &err) == SQLITE_OK)
			return;
	}
	sp_report_error(&a->report, "translations: %s", err ? err : sqlite3_errmsg(a->b.db));
	sqlite3_free(err);
}

static void *
load_aside_thread(void *arg)
{
	load_aside(arg);
	return NULL;
}

static void
aside_free(struct build_aside *a)
{
	sqlite3_close(a->b.db);
	sp_origins_free(a->b.origins);
	sp_report_free(&a->report);
	free(a);
}

/* Makes the database at path (no file, or an empty one) with the translation table (and its
 * indexes) of b->db's schema; true, or false after reporting. */
static bool
make_database(struct build *b, struct build_aside *a, const char *path)
{
	sqlite3_stmt *st = NULL;
	bool ok;

	if (sqlite3_open_v2(path, &a->b.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		sp_report_error_at(b->report, path, 0, "scratch database: %s",
		                   a->b.db ? sqlite3_errmsg(a->b.db) : "cannot create");
		return false;
	}
	ok = sqlite3_exec(a->b.db,
	                  "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF;"
	                  " PRAGMA synchronous = OFF; PRAGMA cache_size = -131072",
	                  NULL, NULL, NULL) == SQLITE_OK &&
	     sqlite3_prepare_v2(b->db,
	                        "SELECT sql FROM sqlite_schema WHERE tbl_name = 'translation'"
	                        " AND sql IS NOT NULL ORDER BY type = 'index', rowid",
	                        -1, &st, NULL) == SQLITE_OK;
	while (ok && sqlite3_step(st) == SQLITE_ROW)
		ok = sqlite3_exec(a->b.db, (const char *) sqlite3_column_text(st, 0), NULL, NULL,
		                  NULL) == SQLITE_OK;
	sqlite3_finalize(st);
	if (!ok) {
		sp_report_error_at(b->report, path, 0, "scratch database: %s",
		                   sqlite3_errmsg(a->b.db));
		return false;
	}
	if (sqlite3_exec(b->db, "DROP TABLE main.translation", NULL, NULL, NULL) != SQLITE_OK) {
		sp_report_error(b->report, "scratch database: %s", sqlite3_errmsg(b->db));
		return false;
	}
	return true;
}

enum sp_status
build_aside_begin(struct build *b, const char *path, struct build_aside **aside)
{
	struct build_aside *a = sp_calloc(1, sizeof *a);

	*aside = NULL;
	if (!a || !(a->b.origins = sp_origins_new())) {
		free(a);
		return SP_ERR_NOMEM;
	}
	a->b.src_dir = b->src_dir;
	a->b.report = &a->report;
	a->report.quiet = b->report->quiet;
	if (!make_database(b, a, path)) {
		aside_free(a);
		return SP_ERR_IO;
	}
	/* On this thread, in build_aside_end(), if no thread can be made. */
	a->threaded = pthread_create(&a->thread, NULL, load_aside_thread, a) == 0;
	*aside = a;
	return SP_OK;
}

void
build_aside_end(struct build *b, struct build_aside *a)
{
	if (a->threaded)
		pthread_join(a->thread, NULL);
	else
		load_aside(a);
	/* Its messages where a load on this thread would have put them: after the files loaded
	 * before (the caller's so far) and before those after. */
	sp_report_append(b->report, &a->report);
	sp_origins_chain(b->origins, a->b.origins);
	a->b.origins = NULL;
	aside_free(a);
}

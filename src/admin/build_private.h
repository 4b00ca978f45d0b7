#ifndef SIGNPOST_ADMIN_BUILD_PRIVATE_H
#define SIGNPOST_ADMIN_BUILD_PRIVATE_H

/* Shared by the builder's files only (build.c, build_services.c, build_tables.c,
 * build_index.c, build_vocab.c): the state of one build and the helpers every loader uses. */
#include <stdbool.h>

#include <sqlite3.h>

#include "admin/csvfile.h"
#include "admin/origin.h"
#include "admin/report.h"
#include "core/fold.h"

/* What every loader needs: where it reads, where it writes, what it found. */
struct build {
	sqlite3 *db;
	const char *src_dir;
	struct sp_report *report;
	struct sp_fold *fold;
	const struct sp_csv *csv; /* the file being loaded, for messages */
	size_t record;
	size_t line;                /* the line the record starts on */
	size_t nholidays;           /* dates read from holidays.csv */
	struct sp_origins *origins; /* where each row came from (build_origin) */
	/* Sources given in memory (an import), used instead of reading src_dir; or none. */
	struct sp_build_given *given;
	size_t ngiven;
	/* Whether the load fills contact_hours (a database to search). A file's writer makes them
	 * from contact.hours (build_write.c), and the checks read none: a national directory's
	 * 870,000 rows went in only to be copied out again (issue 13). */
	bool hours_rows;
	/* What the load knows of the services it inserted, and what the file's numbering needs
	 * (build_order.c). */
	struct build_order *order;
};

/* Reports an error at the current record of the file being loaded. */
void build_row_error(struct build *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Notes that row `kind`:`id` (service:galop, contact:12) came from the current record, so the
 * data checks can name its file and line (admin/origin.h, never in the built file). */
void build_origin(struct build *b, const char *kind, const char *id);
int build_is_slug(const char *s);
int build_is_date(const char *s);
int build_one_of(const char *value, const char *const *allowed);
/* Whether every ';'-separated item of list passes ok(). */
int build_list_ok(const char *list, int (*ok)(const char *item));
int build_is_risk_level(const char *s);
int build_is_language(const char *s);
int build_is_email(const char *s);
int build_is_url(const char *s);
/* A row's field, NULL when empty or missing. */
const char *build_field(const struct sp_csv_row *row, int col);
/* Binds v (NULL when empty) without a copy: v must outlive the statement's next step. */
void build_bind_opt(sqlite3_stmt *st, int i, const char *v);
/* Steps an INSERT to its end and resets it; 0 (after reporting at the current record) when
 * it failed. */
int build_step_done(struct build *b, sqlite3_stmt *st);
sqlite3_stmt *build_prepare(struct build *b, const char *sql);
/* ATTACHes the database at path (bound as a parameter) to db as `name`, with a cache of
 * cache_kib KiB (0: SQLite's default); false on failure, db's error message says why. */
bool build_attach(sqlite3 *db, const char *path, const char *name, int cache_kib);
/* Reads db/<name> and checks its header; 0 (after reporting) if it cannot be used, or when
 * `optional` and there is no such file. */
int build_open_source(struct build *b, const char *name, const char *const *columns,
                      struct sp_csv *csv, int optional);
/* build_open_source() in three steps, for a loader that reads several files before it
 * reports on any (build_translation_texts): build_read_source() reads and checks the header
 * and, if the file cannot be used, keeps what build_open_source() would report in *failure;
 * build_report_source_failure() reports it (nothing when there is nothing to say) and frees
 * it; build_use_source() makes a file read the one being loaded. */
struct build_source_failure {
	char *path; /* NULL when there is nothing to report */
	size_t line;
	char *error;
};
int build_read_source(struct build *b, const char *name, const char *const *columns,
                      struct sp_csv *csv, int optional, struct build_source_failure *failure);
void build_report_source_failure(struct build *b, struct build_source_failure *failure);
void build_use_source(struct build *b, const char *name, struct sp_csv *csv);

/* The loaders, in the order a build runs them. */
void build_organisations(struct build *b);
void build_services(struct build *b);
void build_holidays(struct build *b);
void build_contacts(struct build *b);
void build_plain_tables(struct build *b);
void build_translations(struct build *b);
/* build_translations() in its two halves: db/translations/<lang>.csv, then
 * db/translations/synonyms/<lang>.csv. */
void build_translation_texts(struct build *b);
void build_translation_synonyms(struct build *b);

/*
 * Loading the translations (build_translation_texts) aside, on a thread of their own, into a
 * second scratch database at `path`, while the caller loads the rest into b->db (issue 13:
 * they were half of the load of 100,000 services). build_aside_begin() makes that
 * database with the translation table of b->db's schema and drops b->db's own, so that once
 * `path` is attached to b->db (after its transaction) `translation` names the one loaded.
 * build_aside_end() waits for the thread and adds its messages to b->report and its rows'
 * origins to b->origins, as if the caller had loaded the files then. build_aside_begin()
 * returns SP_OK or an error after reporting it; build_aside_end() must follow every
 * build_aside_begin() that gave SP_OK, before b->db's transaction ends.
 */
struct build_aside;
enum sp_status build_aside_begin(struct build *b, const char *path, struct build_aside **aside);
void build_aside_end(struct build *b, struct build_aside *aside);
void build_report_untranslated(struct build *b);
/* build_report_untranslated() on a thread of its own, beside the data checks (issue 13: they
 * were the first thread's last 3.4 s at 100,000 services, while the writer had time to
 * spare): it reads the scratch database at `scratch` (and the translations' at `aside`, NULL
 * when there is none, as "tr") with a connection of its own, into a report of its own, `quiet`
 * as the build's. NULL when the thread could not be started: the caller makes the report
 * itself. build_untranslated_end() waits for it and adds its messages to `report`. */
struct build_untranslated;
struct build_untranslated *build_untranslated_begin(const char *scratch, const char *aside,
                                                    const char *src_dir, int quiet);
void build_untranslated_end(struct build_untranslated *job, struct sp_report *report);
/* Fills both service search indexes of b->db: build_index_service_text(), then the rows
 * build_translation_rows_make() makes from b->db's services, in order. */
void build_index_services(struct build *b);
/* Fills service_fts from the services `services_sql` gives (their rowid in the index, name,
 * organisation's name, description, eligibility, area and profile_mask, in rowid order),
 * through `insert_sql` (rowid, name, keywords, body). */
void build_index_service_text(struct build *b, const char *services_sql, const char *insert_sql);
/* Those for a database's own services, numbered by `rowid` (and joined as in `join`); and
 * the INSERT into the service_fts of schema `db` ("" for main, else "name."). */
#define BUILD_SERVICE_TEXT_SQL(rowid, join) \
	"SELECT " rowid ", s.name, o.name, s.description, s.eligibility, s.area, s.profile_mask" \
	" FROM service s" join " JOIN organisation o ON o.id = s.organisation ORDER BY " rowid
/* FTS5 writes a segment each time its pending terms pass 'hashsize' (1 MB, kept in the file)
 * and merges them as it goes: with 64 MB while an index is filled it is written in a few large
 * segments, a third faster. */
#define BUILD_FTS_HASHSIZE "1048576"
#define BUILD_FTS_BULK_HASHSIZE "67108864"
#define BUILD_SERVICE_FTS_INSERT(db) \
	"INSERT INTO " db "service_fts (rowid, name, keywords, body) VALUES (?1, ?2, ?3, ?4)"

/* The rows of translation_fts, made apart from the index so that they may be made from one
 * database (the scratch one, on one thread) and put into another (the built file, on another
 * thread): in rowid order (SP_TRANSLATION_SERVICE_BITS), each body folded. */
struct build_translation_row {
	sqlite3_int64 id; /* its language and service (SP_TRANSLATION_SERVICE_BITS) */
	char *body;
};
struct build_translation_rows {
	struct build_translation_row *row;
	size_t n;
	bool failed; /* not all made (reported): the index must not be filled from them */
};
/* Makes the rows of the services `services_sql` gives (their rowid in the index, id and
 * profile_mask, in id order), from b->db's translations and synonyms. */
void build_translation_rows_make(struct build *b, const char *services_sql,
                                 struct build_translation_rows *out);
/* Puts them into b->db's translation_fts. */
void build_translation_rows_index(struct build *b, const struct build_translation_rows *rows);
void build_translation_rows_free(struct build_translation_rows *rows);
void build_index_terms(struct build *b);
void build_index_vocabulary(struct build *b);

/*
 * What the load knows of each service it inserted, and the file's numbering (build_order.c).
 * build_order_new() (NULL when out of memory) is set as b->order for every load, `numbering`
 * for a file's. build_services() notes each service it inserts (build_order_service: its row
 * id in the scratch database and the fields below, as inserted); build_contacts() finds a
 * contact's service by id (build_order_find: false when the load inserted none of that id) and
 * notes each contact it inserts (build_order_contact: its row id, its service's index, its
 * position among the service's contacts, whether it is a public phone line and always open,
 * sp_hours_is_always); build_write_maps() numbers
 * them in a file's load.
 */
struct build_order;
struct build_service_row {
	const char *id, *name, *referral, *status, *audience, *source_note; /* "" when empty */
	unsigned profiles;                                                  /* profile_mask */
};
struct build_service_seen {
	size_t index; /* for build_order_contact() */
	sqlite3_int64 rowid;
	bool live;               /* active and public */
	bool note_says_hours;    /* its source_note mentions hours (in any case) */
	sqlite3_int64 ncontacts; /* its contacts inserted so far */
};
struct build_order *build_order_new(bool numbering);
void build_order_free(struct build_order *order);
void build_order_service(struct build *b, sqlite3_int64 rowid, const struct build_service_row *row);
bool build_order_find(const struct build *b, const char *id, struct build_service_seen *seen);
void build_order_contact(struct build *b, sqlite3_int64 rowid, size_t service,
                         sqlite3_int64 position, bool public_phone, bool always_open);

/*
 * Writing the directory loaded and checked in the scratch database (`work`, a file at
 * `scratch`, with the translations in the one at `aside` when they were loaded there:
 * build_aside_begin; else NULL) to a new file at path, on a second thread while this one
 * makes the rows of translation_fts and runs the data checks (issue 13):
 * - build_write_maps() numbers the services and contacts in reach order (db/schema.sql) in
 *   `work` (b->db: tables service_map and contact_map, old and new), in the caller's
 *   transaction, once services and contacts are loaded, from what b->order noted of them
 *   (build_order_service, build_order_contact); false after reporting;
 * - build_write_begin() starts the writer: the file made from schema.sql, every table copied
 *   from the scratch databases renumbered; it then waits for the rows, fills translation_fts,
 *   and waits for service_fts to copy;
 * - build_write_give_rows() hands it translation_fts's rows (taken from `rows`), made from
 *   `work` in the new numbering;
 * - build_write_give_service_index() tells it service_fts is ready in the database at
 *   `index` (build_write_begin), filled on the caller's thread, for it to copy whole (true),
 *   or could not be made (false, reported);
 * - build_write_end() waits for the writer to end (or writes the file then, when no thread
 *   could be made) and adds its messages to report.
 * The scratch databases must not be changed between begin and end. begin and end return
 * SP_OK or an error after reporting it; build_write_end() must follow every
 * build_write_begin() that gave SP_OK.
 */
struct build_writer;
bool build_write_maps(struct build *b);
enum sp_status build_write_begin(const char *scratch, const char *aside, const char *index,
                                 const char *src_dir, const char *path,
                                 struct build_writer **writer, struct sp_report *report);
void build_write_give_rows(struct build_writer *writer, struct build_translation_rows *rows);
void build_write_give_service_index(struct build_writer *writer, bool made);
enum sp_status build_write_end(struct build_writer *writer, struct sp_report *report);

#endif

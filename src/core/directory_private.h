#ifndef SIGNPOST_DIRECTORY_PRIVATE_H
#define SIGNPOST_DIRECTORY_PRIVATE_H

/*
 * Shared by the files of the directory model only (directory.c opens and checks the file and
 * owns the statements; directory_services.c answers searches; directory_content.c loads the
 * definitions, glossary, pathways, quiz and charts). Nothing outside src/core/directory*.c
 * includes this.
 */
#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>
#include <unicode/ucol.h>

#include "directory.h"
#include "fold.h"
#include "trust.h"

enum sp_dir_stmt {
	ST_SEARCH_ALL,
	ST_SEARCH_TEXT,
	ST_SERVICE,
	ST_TRANSLATION,
	ST_SERVICE_BY_ID,
	ST_SERVICE_NAME,
	ST_CONTACTS,
	ST_DEFINITIONS,
	ST_GLOSSARY,
	ST_TERMS,
	ST_PATHWAYS,
	ST_QUIZ,
	ST_CHARTS,
	/* The paged search (directory_search.c): the matches in row order, as a stream, and the
	 * little a match's place in the person's order needs. */
	ST_STREAM_ALL,
	ST_STREAM_TEXT,
	ST_STREAM_TRANSLATION,
	ST_SEARCH_KEYS,
	ST_VOCABULARY,
	ST_COUNT
};

/*
 * A directory file read in place (directory_pages.c): a descriptor opened once, before any
 * sandbox, and an SQLite VFS of its own that reads only that descriptor and, for a file
 * signed with a page manifest, checks each page against its hash before SQLite sees it.
 */
struct sp_pages {
	int fd;
	unsigned page_size;
	uint32_t npages;
	sqlite3_int64 image_size; /* the bytes SQLite sees */
	unsigned char *hashes;    /* 32 bytes a page; NULL when unsigned (not checked) */
	unsigned char *buf;       /* one page */
	bool tampered;            /* a page did not match: the file changed after signing */
	bool registered;
	char vfs_name[48];
	sqlite3_vfs vfs;
};

/* Opens path for reading in place; with manifest_hex (the signed "pages:" hash), loads the
 * manifest and checks it against that hash. sp_pages_close() in every case. */
enum sp_status sp_pages_open(struct sp_pages *p, const char *path, const char *manifest_hex);
/* Checks every page now (a small file at open, so tampering is refused at the door). */
enum sp_status sp_pages_verify_all(struct sp_pages *p);
void sp_pages_close(struct sp_pages *p);

struct sp_directory {
	sqlite3 *db;
	unsigned char *bytes;  /* the file in memory (sp_directory_open_bytes), or NULL */
	struct sp_pages pages; /* the file read in place, when bytes is NULL */
	sqlite3_stmt *stmt[ST_COUNT];
	struct sp_fold *fold;
	/* The collation of sp_locale, opened when a statement first compares two names by it
	 * (most commands sort nothing by name): for `locale`, or a failure recorded for
	 * sp_dir_sorted(). */
	UCollator *collator;
	char *locale;
	enum sp_status collator_status;
	char lang[16];               /* ISO 639 code of the UI language, for translated fields */
	struct sp_holidays holidays; /* bank holidays, read on first use */
	bool holidays_loaded;
	struct sp_signed signature; /* what its signature says; all "" when opened unsigned */
	bool vocabulary_checked;    /* whether it has search_term (the words of its indexes) */
	bool has_vocabulary;
	bool span_checked; /* whether service's rowids were looked at (directory_search.c) */
	bool few_services; /* at most SP_SEARCH_RANKED_MAX: no search can match more */
};

/* The statement, prepared once and kept, reset with no bindings; NULL on failure (see
 * sp_dir_error()). */
sqlite3_stmt *sp_dir_stmt(struct sp_directory *dir, enum sp_dir_stmt id);
/* For a statement kept running across calls (a paged search's stream): takes the directory's
 * prepared copy (or prepares a new one) for the caller alone; sp_dir_stmt_give() hands it
 * back (or finalizes it when the directory holds another). NULL on failure. */
sqlite3_stmt *sp_dir_stmt_take(struct sp_directory *dir, enum sp_dir_stmt id);
void sp_dir_stmt_give(struct sp_directory *dir, enum sp_dir_stmt id, sqlite3_stmt *st);
/* Binds parameters `first` and `first + 1` to the first and last rowid of the UI language's
 * rows of translation_fts (SP_TRANSLATION_SERVICE_BITS); an empty range for a language code
 * that has none. */
void sp_dir_bind_translation_range(struct sp_directory *dir, sqlite3_stmt *st, int first);
/* After a statement has been stepped to its end: SP_OK, or, when it sorts by sp_locale and the
 * collator could not be opened, why (its rows were then in byte order: not to be used). */
enum sp_status sp_dir_sorted(const struct sp_directory *dir, enum sp_dir_stmt id);
/* The status for an SQLite result code: out of memory, a query that failed, or a page that
 * did not match its signed hash (tampered). */
enum sp_status sp_dir_status(const struct sp_directory *dir, int rc);
/* The status of the connection's last error. */
enum sp_status sp_dir_error(struct sp_directory *dir);

/* A copy of a text column, or NULL when it is NULL (or memory ran out). */
char *sp_dir_col_text(sqlite3_stmt *st, int col);
/* Copies a column that may hold text; *failed is set when memory runs out. */
char *sp_dir_col_dup(sqlite3_stmt *st, int col, int *failed);
/* Whether a column holds exactly this text (false when it is NULL). */
bool sp_dir_col_is(sqlite3_stmt *st, int col, const char *text);
/* An integer column, or `fallback` when it is NULL. */
int sp_dir_col_int_or(sqlite3_stmt *st, int col, int fallback);

/* Whether a line of this kind is answered live (phone, text, chat): what "open now" is about. */
bool sp_dir_kind_is_live(const char *kind);
/* Bank holidays, read on first use (directory_services.c). */
enum sp_status sp_dir_load_holidays(struct sp_directory *dir);
/* One service by rowid with its contacts (professional ones only with staff), "open now" at
 * local date and minute; the caller clears it. */
enum sp_status sp_dir_load_service(struct sp_directory *dir, sqlite3_int64 rowid, bool staff,
                                   long date, int minute, struct sp_service *s);
/* What a line with these hours (NULL: none given) is at local date and minute: open, closed
 * or unknown, and whether it is open round the clock; as a loaded contact would say. */
enum sp_status sp_dir_line_now(struct sp_directory *dir, const char *hours_text, long date,
                               int minute, enum sp_tristate *open_now, bool *always);

/* What a row function did with the item it was given. */
enum sp_dir_row {
	SP_ROW_KEEP,  /* the row is in the item */
	SP_ROW_SKIP,  /* not wanted: the item is given back (nothing may have been put in it) */
	SP_ROW_NOMEM, /* memory ran out; the item stays in the list, partly filled, to be cleared */
};

/*
 * The one row loader behind every list of the content tables. Takes statement `id` (binding
 * ?1 to the UI language when it has parameters), steps it to the end, and for each row pushes
 * a zeroed item of `size` bytes onto the array *items of *count (sp_array_push) and calls
 * row(st, item, ctx) to copy the columns into it. On failure it clears the whole list with
 * clear(list) and returns SP_ERR_NOMEM or the query's status; the statement is always reset.
 */
struct sp_dir_rows {
	void *items;   /* address of the list's array pointer */
	size_t *count; /* address of the list's count */
	size_t size;   /* of one item */
	enum sp_dir_row (*row)(sqlite3_stmt *st, void *item, void *ctx);
	void *ctx;
	void (*clear)(void *list);
	void *list;
};
enum sp_status sp_dir_load_rows(struct sp_directory *dir, enum sp_dir_stmt id,
                                const struct sp_dir_rows *rows);

#endif

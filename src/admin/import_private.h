#ifndef SIGNPOST_ADMIN_IMPORT_PRIVATE_H
#define SIGNPOST_ADMIN_IMPORT_PRIVATE_H

/* Shared by the importer's files only (import.c, import_oruk.c, import_csv.c): the rows an
 * import makes, one record at a time, and the helpers both readers use. */
#include <stdbool.h>
#include <stddef.h>

#include "admin/csvfile.h"
#include "admin/import.h"
#include "admin/report.h"

/* The columns of services.csv and contacts.csv (db/README.md), in order. */
enum {
	IM_S_ID,
	IM_S_ORG,
	IM_S_NAME,
	IM_S_DESC,
	IM_S_AREA,
	IM_S_AUDIENCE,
	IM_S_REFERRAL,
	IM_S_CONSENT,
	IM_S_AGE_MIN,
	IM_S_AGE_MAX,
	IM_S_RISK,
	IM_S_PROFILES,
	IM_S_LANGS,
	IM_S_ELIG,
	IM_S_STATUS,
	IM_S_SUPERSEDED,
	IM_S_SOURCE,
	IM_S_SOURCE_NOTE,
	IM_S_VERIFIED,
	IM_S_VERIFICATION,
	IM_S_COLS
};
enum {
	IM_C_SERVICE,
	IM_C_KIND,
	IM_C_VALUE,
	IM_C_LABEL,
	IM_C_AUDIENCE,
	IM_C_HOURS,
	IM_C_VERIFICATION,
	IM_C_COLS
};
enum { IM_O_ID, IM_O_NAME, IM_O_WEBSITE, IM_O_COLS };

/* One row of db/oruk-taxonomy.csv: a taxonomy term and the profile it means. */
struct import_term {
	char *vocabulary, *code, *name, *profile;
};

struct import {
	const struct sp_import_options *options;
	struct sp_report *report;
	struct sp_csv org, svc, con; /* organisations.csv, services.csv, contacts.csv */
	struct import_term *terms;
	size_t nterms;
	size_t nskipped;
	/* The record being read: where it is, the rows it has added so far, and why it is bad. */
	const char *file;
	size_t record, line;
	size_t record_base; /* records of the files before this one: rows count on from them */
	size_t mark_org, mark_svc, mark_con;
	char *why;
};

/* A new row of `table` (organisations, services or contacts of im) with every field empty;
 * NULL (the record marked bad) when memory ran out. */
char **import_row(struct import *im, struct sp_csv *table);
/* Sets a field to a copy of value, refusing control characters (the record is then bad). */
void import_set(struct import *im, char **row, int col, const char *value);
/* Marks the current record bad (the first reason is kept). */
void import_bad(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Starts a record: `record` (1-based) of im->file, starting on `line` (0 if not known). */
void import_begin(struct import *im, size_t record, size_t line);
/* Ends it: keeps its rows, or drops them and reports it (an error with --strict, else a
 * warning that it was skipped). */
void import_end(struct import *im);
/* The organisation with this id, added once (the first name seen wins). */
void import_organisation(struct import *im, const char *id, const char *name, const char *website);
/* The profile a taxonomy term means (db/oruk-taxonomy.csv), or NULL. */
const char *import_profile_of(const struct import *im, const char *vocabulary, const char *code,
                              const char *name);
/* An area id from a service area's id or name ("Cambridgeshire", "south-cambs"), or NULL. */
const char *import_area_of(const char *name);

enum sp_status import_oruk_json(struct import *im, const unsigned char *data, size_t len);
enum sp_status import_csv(struct import *im, const unsigned char *data, size_t len);

#endif

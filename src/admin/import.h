#ifndef SIGNPOST_IMPORT_H
#define SIGNPOST_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "admin/report.h"
#include "core/status.h"

/*
 * signpost-admin import: services from Open Referral UK 3.0 JSON (an array of "service with
 * full details" objects, or a paged API response with them in "contents") or from CSV in the
 * layout of `signpost export --format csv`, turned into the rows of organisations.csv,
 * services.csv and contacts.csv and built exactly as `build` builds db/ (same tables, checks
 * and atomic write). The other tables come from src_dir (db/README.md, "Importing").
 */
enum sp_import_format { SP_IMPORT_ORUK_JSON, SP_IMPORT_CSV };

/* The largest file an import reads. */
#define SP_IMPORT_MAX_BYTES ((size_t) 64 << 20)

struct sp_import_options {
	enum sp_import_format format;
	const char *src_dir; /* schema, the other tables, oruk-taxonomy.csv, check lists */
	const char *today;   /* YYYY-MM-DD: schedules not valid on this day are left out */
	bool strict;         /* a malformed record refuses the whole import */
};

/* "oruk-json" -> SP_IMPORT_ORUK_JSON; false when unknown. */
bool sp_import_format_from_name(const char *name, enum sp_import_format *format);

/*
 * Imports `files` (nfiles of them, read in order) and writes the directory to out_path
 * atomically: nothing is left there unless everything passed. Problems (with file and line
 * or byte offset) go into the report; returns SP_OK, SP_ERR_DATA, SP_ERR_IO or SP_ERR_NOMEM.
 */
enum sp_status sp_import_files(const struct sp_import_options *options, char *const *files,
                               size_t nfiles, const char *out_path, struct sp_report *report);

/*
 * One file's bytes, parsed into the import's rows only (no build): for the fuzz targets and
 * tests. Returns how the parse went; the report says why.
 */
enum sp_status sp_import_parse_bytes(const struct sp_import_options *options, const char *name,
                                     const unsigned char *data, size_t len,
                                     struct sp_report *report);

#endif

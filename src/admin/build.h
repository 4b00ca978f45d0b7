#ifndef SIGNPOST_BUILD_H
#define SIGNPOST_BUILD_H

#include <sqlite3.h>

#include "admin/report.h"
#include "core/status.h"

/*
 * Loads the directory's CSV sources from src_dir (db/ of the source tree, with schema.sql)
 * into `db`, an empty database, validating every value and filling the search indexes.
 * Problems go into the report; the status is SP_ERR_DATA when the report has errors.
 */
enum sp_status sp_build_load(sqlite3 *db, const char *src_dir, struct sp_report *report);

/*
 * Builds, checks (sp_check_directory) and writes the directory to out_path, atomically: the
 * file appears only when everything passed. today is "YYYY-MM-DD" for the age warnings.
 */
enum sp_status sp_build_file(const char *src_dir, const char *out_path, const char *today,
                             struct sp_report *report);

#endif

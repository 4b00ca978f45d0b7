#ifndef SIGNPOST_BUILD_H
#define SIGNPOST_BUILD_H

#include <sqlite3.h>

#include "admin/csvfile.h"
#include "admin/report.h"
#include "core/status.h"

/* Sources given in memory instead of read from src_dir (an import): each names the file it
 * stands for ("services.csv", "translations/pl.csv"). The build takes each csv it uses (and
 * frees it); what is left is the caller's to free with sp_build_given_free(). */
struct sp_build_given {
	const char *name;
	struct sp_csv csv;
	int used; /* set when the build took it */
};
void sp_build_given_free(struct sp_build_given *given, size_t count);

/* The names "SUB/<lang>.csv" of the .csv files in src_dir/SUB, in name order, the order a build loads them
 * (*count of them; the caller frees each and the array). *out_of_memory when the list is
 * short for want of memory. */
char **sp_build_lang_files(const char *src_dir, const char *sub, size_t *count, int *out_of_memory);

/*
 * Loads the directory's CSV sources from src_dir (db/ of the source tree, with schema.sql)
 * into `db`, an empty database, validating every value and filling the search indexes.
 * Problems go into the report; the status is SP_ERR_DATA when the report has errors.
 */
enum sp_status sp_build_load(sqlite3 *db, const char *src_dir, struct sp_report *report);
/* The same, with some sources given in memory (count of them) instead of read from src_dir. */
enum sp_status sp_build_load_given(sqlite3 *db, const char *src_dir, struct sp_build_given *given,
                                   size_t count, struct sp_report *report);

/* Loads the sources as a build does, without the search indexes, and runs every data check
 * (sp_check_directory): the messages of a build, without a file. */
enum sp_status sp_build_check(const char *src_dir, const char *today, struct sp_report *report);

/*
 * Builds, checks (sp_check_directory) and writes the directory to out_path, atomically: the
 * file appears only when everything passed. today is "YYYY-MM-DD" for the age warnings.
 */
enum sp_status sp_build_file(const char *src_dir, const char *out_path, const char *today,
                             struct sp_report *report);
/* The same, with some sources given in memory (sp_build_load_given). */
enum sp_status sp_build_file_given(const char *src_dir, struct sp_build_given *given, size_t count,
                                   const char *out_path, const char *today,
                                   struct sp_report *report);

#endif

/* signpost-admin: builds, checks and (later) signs the directory for data officers. Its
 * messages are diagnostics about CSV files for the data officer, in English like a
 * compiler's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "admin/build.h"
#include "admin/check.h"
#include "admin/report.h"

static void
usage(FILE *out)
{
	fputs("usage: signpost-admin build [--src DIR] --out FILE [--quiet]\n"
	      "       signpost-admin check [--src DIR]\n"
	      "\n"
	      "  build  builds the directory database from the CSV sources in DIR (default db),\n"
	      "         runs every data check, and writes FILE only if they pass;\n"
	      "         --quiet lists errors but only counts warnings\n"
	      "  check  runs the data checks and lists errors and warnings\n", out);
}

static void
today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
main(int argc, char **argv)
{
	const char *src = "db", *out = NULL, *cmd = argc > 1 ? argv[1] : NULL;
	int quiet = 0;
	struct sp_report report = { 0 };
	enum sp_status rc;
	char date[11];

	if (!cmd || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(cmd ? stdout : stderr);
		return cmd ? 0 : 2;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--src") && i + 1 < argc)
			src = argv[++i];
		else if (!strcmp(argv[i], "--out") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--quiet"))
			quiet = 1;
		else {
			fprintf(stderr, "signpost-admin: unexpected argument \"%s\"\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	today(date);
	if (!strcmp(cmd, "build")) {
		if (!out) {
			usage(stderr);
			return 2;
		}
		rc = sp_build_file(src, out, date, &report);
	} else if (!strcmp(cmd, "check")) {
		sqlite3 *db = NULL;

		if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
			sqlite3_close(db);
			return 1;
		}
		rc = sp_build_load(db, src, &report);
		sp_check_directory(db, src, date, &report);
		sqlite3_close(db);
		if (rc == SP_OK && report.nerrors)
			rc = SP_ERR_DATA;
	} else {
		fprintf(stderr, "signpost-admin: unknown command \"%s\"\n", cmd);
		usage(stderr);
		return 2;
	}
	if (quiet)
		report.quiet = 1;
	sp_report_print(&report, stderr);
	fprintf(stderr, "signpost-admin: %zu error(s), %zu warning(s)%s\n", report.nerrors,
	        report.nwarnings, quiet && report.nwarnings ?
	        " (signpost-admin check --src DIR lists them)" : "");
	sp_report_free(&report);
	return rc == SP_OK ? 0 : 1;
}

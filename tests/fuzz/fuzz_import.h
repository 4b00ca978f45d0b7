#ifndef SIGNPOST_FUZZ_IMPORT_H
#define SIGNPOST_FUZZ_IMPORT_H

/* What the import fuzz targets share: one file's bytes read into the import's rows, with
 * db/oruk-taxonomy.csv of the source tree so taxonomy terms are mapped too. */
#include "admin/import.h"
#include "admin/report.h"
#include "fuzz.h"

static inline int
fuzz_import(enum sp_import_format format, const uint8_t *data, size_t size)
{
	struct sp_import_options options = { .format = format,
		                             .src_dir = SP_ABS_SRCDIR "/db",
		                             .today = "2026-11-23" };
	struct sp_report report = { 0 };

	(void) sp_import_parse_bytes(&options, "fuzz", data, size, &report);
	sp_report_free(&report);
	return 0;
}

#endif

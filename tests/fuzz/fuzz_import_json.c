/* Open Referral UK JSON -> the import's rows: every input is read into rows or refused with a message (a
 * malformed record skipped, a bad file named with its byte or line), never a crash or a hang. */
#include "config.h"

#include "admin/import.h"
#include "admin/report.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* db/oruk-taxonomy.csv of the source tree, so taxonomy terms are mapped too. */
	struct sp_import_options options = { .format = SP_IMPORT_ORUK_JSON,
		                             .src_dir = SP_ABS_SRCDIR "/db",
		                             .today = "2026-11-23" };
	struct sp_report report = { 0 };

	(void) sp_import_parse_bytes(&options, "fuzz", data, size, &report);
	sp_report_free(&report);
	return 0;
}

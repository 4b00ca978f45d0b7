/* Open Referral UK JSON -> the import's rows: every input is read into rows or refused with a message (a
 * malformed record skipped, a bad file named with its byte or line), never a crash or a hang. */
#include "config.h"

#include "fuzz_import.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(SP_IMPORT_ORUK_JSON, data, size);
}

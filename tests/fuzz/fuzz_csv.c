/* CSV sources -> records: any file is refused with a message, never a crash. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "admin/csvfile.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *) data, size ? size : 1, "rb");
	struct sp_csv csv;
	char *error = NULL;

	if (!f)
		return 0;
	if (size == 0)
		fgetc(f); /* an empty stream */
	if (sp_csv_read_stream(f, "fuzz.csv", &csv, &error) == SP_OK) {
		(void) sp_csv_col(&csv, "id");
		sp_csv_free(&csv);
	}
	free(error);
	fclose(f);
	return 0;
}

/* Kiosk settings file -> settings: read or refused with a line number, never a crash. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/settings.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *) data, size ? size : 1, "rb");
	struct sp_settings s;
	char *error = NULL;

	if (!f)
		return 0;
	if (size == 0)
		fgetc(f);
	if (sp_settings_read_stream(f, "fuzz.conf", &s, &error) == SP_OK)
		sp_settings_clear(&s);
	free(error);
	fclose(f);
	return 0;
}

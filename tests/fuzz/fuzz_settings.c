/* Kiosk settings file -> settings: read or refused with a line number, never a crash. */
#include "config.h"

#include <stdlib.h>

#include "core/settings.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sp_settings s;
	char *error = NULL;

	if (sp_settings_parse((const char *) data, size, "fuzz.conf", &s, &error) == SP_OK)
		sp_settings_clear(&s);
	free(error);
	return 0;
}

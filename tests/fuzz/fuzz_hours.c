/* Opening-hours text -> slots: parsed or refused, and evaluated at every odd time. */
#include "config.h"

#include <stdlib.h>

#include "core/hours.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size), *error = NULL;
	struct sp_hours h;

	if (!text)
		return 0;
	if (sp_hours_parse(text, &h, &error) == SP_OK) {
		for (int day = 1; day <= 7; day++) {
			int next_day, next_min;

			(void) sp_hours_open_at(&h, day, (day * 397) % 1440);
			(void) sp_hours_next_open(&h, day, (day * 211) % 1440, &next_day, &next_min);
		}
		(void) sp_hours_is_always(&h);
		sp_hours_clear(&h);
	}
	free(error);
	free(text);
	return 0;
}

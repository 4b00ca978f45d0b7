/* Text -> wrapped lines: every line fits, offsets stay inside the text, for any bytes. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/textwrap.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	setlocale(LC_CTYPE, "C.UTF-8");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int cols = size ? 1 + data[0] % 100 : 40;
	char *text = fuzz_string(size ? data + 1 : data, size ? size - 1 : 0);
	struct sp_wrap w;

	if (!text)
		return 0;
	if (sp_wrap_text(text, cols, "pl", &w) == SP_OK) {
		size_t len = strlen(text);

		for (size_t i = 0; i < w.count; i++)
			if (w.lines[i].end > len || w.lines[i].start > w.lines[i].end)
				abort();
		sp_wrap_clear(&w);
	}
	(void) sp_text_widest_unbreakable(text);
	free(text);
	return 0;
}

/*
 * Search text -> results: any bytes are plain text to search, never syntax or a crash. Every
 * query must succeed (no results is a success): an FTS syntax error, or any other failure,
 * aborts the run.
 */
#include "config.h"

#include <stdlib.h>

#include "core/directory.h"
#include "core/fold.h"
#include "fuzz.h"

static struct sp_directory *dir;
static struct sp_fold *fold;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	if (sp_directory_open(&dir, SP_ABS_BUILDDIR "/db/signpost.db", NULL, NULL) != SP_OK ||
	    sp_fold_new(&fold) != SP_OK)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size), *q = NULL;
	struct sp_query query = {
		.text = text, .profiles = size ? data[0] & 0xfff : 0, .area = SP_AREA_NONE,
		.open_now_only = size > 1 && data[1] & 1, .staff = size > 1 && data[1] & 2,
		.now_ms = 1795428000000.0,
	};
	struct sp_service_list list;
	struct sp_glossary g;
	struct sp_definition_list d;

	if (!text)
		return 0;
	if (sp_fold_fts_query(fold, text, &q) != SP_OK)
		abort();
	free(q);
	if (sp_directory_search(dir, &query, &list) != SP_OK)
		abort();
	sp_service_list_clear(&list);
	if (sp_directory_glossary(dir, text, &g) != SP_OK)
		abort();
	sp_glossary_clear(&g);
	if (sp_directory_definitions(dir, text, &d) != SP_OK)
		abort();
	sp_definition_list_clear(&d);
	free(text);
	return 0;
}

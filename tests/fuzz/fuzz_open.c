/* Database bytes -> open and query: any file is refused with a status, never a crash. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/directory.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *bytes = malloc(size ? size : 1);
	struct sp_directory *dir = NULL;
	struct sp_service_list list;
	struct sp_service s;
	struct sp_query q = { "help", 0, SP_AREA_NONE, false, true, 1795428000000.0 };

	if (!bytes)
		return 0;
	memcpy(bytes, data, size);
	if (sp_directory_open_bytes(&dir, bytes, size, NULL) != SP_OK)
		return 0;
	if (sp_directory_search(dir, &q, &list) == SP_OK)
		sp_service_list_clear(&list);
	q.text = NULL;
	if (sp_directory_search(dir, &q, &list) == SP_OK)
		sp_service_list_clear(&list);
	if (sp_directory_get(dir, "galop", true, 1795428000000.0, &s) == SP_OK)
		sp_service_clear(&s);
	sp_directory_free(dir);
	return 0;
}

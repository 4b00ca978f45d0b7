#include "config.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "directory.h"
#include "directory_private.h"
#include "mem.h"

/* Every service's id, for the tools that go through a whole directory (signpost-admin diff). */

enum sp_status
sp_directory_service_ids(struct sp_directory *dir, char ***ids, size_t *count)
{
	sqlite3_stmt *st = NULL;
	enum sp_status status = SP_OK;
	int rc;

	*ids = NULL;
	*count = 0;
	if ((rc = sqlite3_prepare_v2(dir->db, "SELECT id FROM service ORDER BY id", -1, &st,
	                             NULL)) != SQLITE_OK) {
		sqlite3_finalize(st);
		return sp_dir_status(dir, rc);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **slot = sp_array_push(ids, count, sizeof **ids);

		if (!slot || !(*slot = sp_dir_col_text(st, 0))) {
			if (slot)
				--*count;
			status = SP_ERR_NOMEM;
			break;
		}
	}
	if (status == SP_OK && rc != SQLITE_DONE)
		status = sp_dir_status(dir, rc);
	sqlite3_finalize(st);
	if (status != SP_OK) {
		sp_strv_free_n(*ids, *count);
		*ids = NULL;
		*count = 0;
	}
	return status;
}

#include "config.h"

#include "status.h"

static const struct {
	const char *key;
	int exit_code;
} status_info[SP_STATUS_COUNT] = {
#define SP_STATUS_ROW(name, key, exit_code) [name] = { key, exit_code },
	SP_STATUS_INFO(SP_STATUS_ROW)
#undef SP_STATUS_ROW
};

const char *
sp_status_key(enum sp_status status)
{
	if ((unsigned) status >= SP_STATUS_COUNT)
		return status_info[SP_ERR_INTERNAL].key;
	return status_info[status].key;
}

int
sp_status_exit_code(enum sp_status status)
{
	if ((unsigned) status >= SP_STATUS_COUNT)
		return 1;
	return status_info[status].exit_code;
}

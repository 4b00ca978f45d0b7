#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "mem.h"
#include "settings.h"
#include "trust.h"

/*
 * The programs' one way to open the directory they show. Apart from the rest of the model as
 * it needs the compiled-in keys (src/trusted_keys.c), which signpost-admin does not link.
 */

static enum sp_status
open_trusted(struct sp_directory **out, const char *path, const struct sp_settings *settings,
             bool allow_unsigned, bool pages_as_read, char **detail)
{
	size_t nextra = settings ? settings->ntrusted_keys : 0;
	unsigned char(*keys)[SP_PUBLIC_KEY_BYTES];
	struct sp_trust trust = { .keys = sp_builtin_keys,
		                  .nkeys = sp_builtin_key_count,
		                  .allow_unsigned = allow_unsigned,
		                  .pages_as_read = pages_as_read };
	enum sp_status rc;

	*out = NULL;
	if (detail)
		*detail = NULL;
	if (!nextra)
		return sp_directory_open(out, path, &trust, detail);
	/* Keys named in the kiosk settings join the compiled-in ones. */
	if (!(keys = sp_reallocarray(NULL, sp_builtin_key_count + nextra, sizeof *keys)))
		return SP_ERR_NOMEM;
	memcpy(keys, sp_builtin_keys, sp_builtin_key_count * sizeof *keys);
	memcpy(keys + sp_builtin_key_count, settings->trusted_keys, nextra * sizeof *keys);
	trust.keys = (const unsigned char(*)[SP_PUBLIC_KEY_BYTES]) keys;
	trust.nkeys = sp_builtin_key_count + nextra;
	rc = sp_directory_open(out, path, &trust, detail);
	free(keys);
	return rc;
}

enum sp_status
sp_directory_open_trusted(struct sp_directory **out, const char *path,
                          const struct sp_settings *settings, bool allow_unsigned, char **detail)
{
	return open_trusted(out, path, settings, allow_unsigned, false, detail);
}

enum sp_status
sp_directory_open_trusted_as_read(struct sp_directory **out, const char *path,
                                  const struct sp_settings *settings, bool allow_unsigned,
                                  char **detail)
{
	return open_trusted(out, path, settings, allow_unsigned, true, detail);
}

#ifndef SIGNPOST_FILEIO_H
#define SIGNPOST_FILEIO_H

#include <stddef.h>

#include "status.h"

/*
 * The one whole-file reader: the directory, its signature, the kiosk settings and the key
 * files all come in through here. Reads the regular file at `path` into a new buffer the
 * caller frees with free(), NUL-terminated (*len excludes the NUL), so text can be used as a
 * string. Never creates or writes anything, and never reads more than `max` bytes.
 *
 * Returns SP_OK, or:
 *   SP_ERR_NOT_FOUND  there is no such file (ENOENT, ENOTDIR)
 *   SP_ERR_IO         it cannot be opened or read, or is not a regular file
 *   SP_ERR_DATA       it is larger than `max`
 *   SP_ERR_NOMEM      memory ran out
 * and, if error is not NULL, sets *error to "path: why" in English (or NULL when memory ran
 * out) for the caller to free. *data is NULL and *len 0 on failure.
 */
enum sp_status sp_file_read(const char *path, size_t max, unsigned char **data, size_t *len,
                            char **error);

#endif

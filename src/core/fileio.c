#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "mem.h"

static enum sp_status
fail(enum sp_status rc, const char *path, const char *why, char **error)
{
	if (error)
		*error = sp_asprintf("%s: %s", path, why);
	return rc;
}

enum sp_status
sp_file_read(const char *path, size_t max, unsigned char **data, size_t *len, char **error)
{
	unsigned char *bytes;
	struct stat sb;
	size_t got = 0;
	int fd, err;

	*data = NULL;
	*len = 0;
	if (error)
		*error = NULL;
	/* O_NONBLOCK: a FIFO put in the file's place must not hang the kiosk at start. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		err = errno;
		return fail(err == ENOENT || err == ENOTDIR ? SP_ERR_NOT_FOUND : SP_ERR_IO, path,
		            strerror(err), error);
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return fail(SP_ERR_IO, path, "not a regular file", error);
	}
	if (sb.st_size < 0 || (unsigned long long) sb.st_size > max) {
		close(fd);
		return fail(SP_ERR_DATA, path, "too large", error);
	}
	if (!(bytes = sp_malloc((size_t) sb.st_size + 1))) {
		close(fd);
		return SP_ERR_NOMEM;
	}
	/* Read one byte past the size fstat gave, to notice a file that grew meanwhile. */
	while (got <= (size_t) sb.st_size) {
		ssize_t n = read(fd, bytes + got, (size_t) sb.st_size + 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			close(fd);
			free(bytes);
			return fail(SP_ERR_IO, path, strerror(err), error);
		}
		if (n == 0)
			break;
		got += (size_t) n;
	}
	close(fd);
	if (got != (size_t) sb.st_size) {
		free(bytes);
		return fail(SP_ERR_IO, path, "changed while being read", error);
	}
	bytes[got] = '\0';
	*data = bytes;
	*len = got;
	return SP_OK;
}

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "kiosk/settings_file.h"

/* Why a file or folder may not be trusted, or NULL when it may. */
static const char *
untrusted(const struct stat *st, bool folder)
{
	if (st->st_uid != 0 && st->st_uid != geteuid())
		return folder ? "its folder belongs to another user" : "it belongs to another user";
	if (st->st_mode & (S_IWGRP | S_IWOTH))
		return folder ? "its folder is writable by others" : "it is writable by others";
	if (!folder && !S_ISREG(st->st_mode))
		return "it is not a regular file";
	return NULL;
}

enum sp_status
kiosk_settings_read(const char *path, struct sp_settings *s, char **why)
{
	char *copy = sp_strdup(path);
	const char *problem = NULL;
	struct stat file, folder;
	enum sp_status rc;
	FILE *f = NULL;
	int fd;

	sp_settings_clear(s);
	*why = NULL;
	if (!copy) {
		*why = sp_strdup("out of memory");
		return SP_ERR_NOMEM;
	}
	/* The descriptor checked is the one read: the file cannot be swapped in between. */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		*why = sp_asprintf("%s: %s", path, strerror(errno));
		free(copy);
		return SP_ERR_IO;
	}
	if (fstat(fd, &file) != 0 || stat(dirname(copy), &folder) != 0)
		problem = strerror(errno);
	else if (!(problem = untrusted(&file, false)))
		problem = untrusted(&folder, true);
	free(copy);
	if (problem) {
		*why = sp_asprintf("%s: not used: %s", path, problem);
		close(fd);
		return SP_ERR_USAGE;
	}
	if (!(f = fdopen(fd, "r"))) {
		*why = sp_asprintf("%s: %s", path, strerror(errno));
		close(fd);
		return SP_ERR_IO;
	}
	rc = sp_settings_read_stream(f, path, s, why);
	fclose(f);
	if (rc != SP_OK)
		sp_settings_clear(s);
	return rc;
}

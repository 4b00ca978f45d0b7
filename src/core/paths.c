#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "paths.h"

#ifndef SP_PKGDATADIR
#error "SP_PKGDATADIR must be defined by the build"
#endif
#ifndef SP_UPDATEDIR
#error "SP_UPDATEDIR must be defined by the build"
#endif

/* The file make writes beside the uninstalled program (src/), never installed. */
#define SP_BUILD_TREE_MARKER "signpost-build-tree"

/*
 * The top of the build tree the running program belongs to, or NULL: the program is
 * TOP/src/<name> and TOP/src/signpost-build-tree exists. No path is compiled in, so an
 * installed program (in /usr/bin, where no marker is) carries no trace of where it was built.
 */
static char *
build_tree_top(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash;
	static const char src[] = "/src";
	size_t dir_len;

	if (n <= 0)
		return NULL;
	self[n] = '\0';
	if (!(slash = strrchr(self, '/')))
		return NULL;
	*slash = '\0';
	dir_len = strlen(self);
	if (dir_len < sizeof src - 1 || strcmp(self + dir_len - (sizeof src - 1), src) != 0)
		return NULL;
	if (dir_len + 1 + sizeof SP_BUILD_TREE_MARKER > sizeof self)
		return NULL;
	memcpy(self + dir_len, "/" SP_BUILD_TREE_MARKER, sizeof SP_BUILD_TREE_MARKER + 1);
	if (access(self, F_OK) != 0)
		return NULL;
	self[dir_len - (sizeof src - 1)] = '\0';
	return sp_strdup(self);
}

int
sp_paths_in_build_tree(void)
{
	char *top = build_tree_top();
	int in = top != NULL;

	free(top);
	return in;
}

static char *
join(const char *top, const char *rest)
{
	size_t a = strlen(top), b = strlen(rest);
	char *out = sp_malloc(a + b + 1);

	if (!out)
		return NULL;
	memcpy(out, top, a);
	memcpy(out + a, rest, b + 1);
	return out;
}

char *
sp_paths_database(const char *option)
{
	const char *env = getenv("SIGNPOST_DB");
	char *top, *path;

	if (option)
		return sp_strdup(option);
	if (env && *env)
		return sp_strdup(env);
	if ((top = build_tree_top())) {
		path = join(top, "/db/signpost.db");
		free(top);
		return path;
	}
	return sp_strdup(SP_PKGDATADIR "/signpost.db");
}

char *
sp_paths_locales(void)
{
	char *top, *path;

	if ((top = build_tree_top())) {
		path = join(top, "/locales/");
		free(top);
		return path;
	}
	return sp_strdup(SP_PKGDATADIR "/locales/");
}

char *
sp_paths_updates(const char *setting)
{
	if (setting)
		return sp_strdup(setting);
	if (sp_paths_in_build_tree())
		return NULL;
	return sp_strdup(SP_UPDATEDIR);
}

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
#ifndef SP_ABS_BUILDDIR
#error "SP_ABS_BUILDDIR must be defined by the build"
#endif

int
sp_paths_in_build_tree(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	static const char suffix[] = "/src/signpost";
	size_t base = strlen(SP_ABS_BUILDDIR);

	if (n <= 0)
		return 0;
	self[n] = '\0';
	return (size_t) n == base + strlen(suffix) && strncmp(self, SP_ABS_BUILDDIR, base) == 0 &&
	       strcmp(self + base, suffix) == 0;
}

char *
sp_paths_database(const char *option)
{
	const char *env = getenv("SIGNPOST_DB");

	if (option)
		return sp_strdup(option);
	if (env && *env)
		return sp_strdup(env);
	if (sp_paths_in_build_tree())
		return sp_strdup(SP_ABS_BUILDDIR "/db/signpost.db");
	return sp_strdup(SP_PKGDATADIR "/signpost.db");
}

char *
sp_paths_locales(void)
{
	if (sp_paths_in_build_tree())
		return sp_strdup(SP_ABS_BUILDDIR "/locales/");
	return sp_strdup(SP_PKGDATADIR "/locales/");
}

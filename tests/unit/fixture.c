#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/trust.h"
#include "fixture.h"

static struct sp_directory *shared_dir;
static struct sp_i18n *shared_i18n;

struct sp_directory *
fixture_directory(void)
{
	char *detail = NULL;

	struct sp_trust trust = { .keys = sp_builtin_keys, .nkeys = sp_builtin_key_count };

	if (!shared_dir && sp_directory_open(&shared_dir, TEST_DB_PATH, &trust, &detail) != SP_OK) {
		fprintf(stderr, "cannot open %s: %s\n", TEST_DB_PATH, detail ? detail : "");
		shared_dir = NULL;
	}
	free(detail);
	return shared_dir;
}

void
fixture_directory_close(void)
{
	sp_directory_free(shared_dir);
	shared_dir = NULL;
}

struct sp_i18n *
fixture_i18n(void)
{
	if (!shared_i18n && sp_i18n_open(&shared_i18n, TEST_LOCALES, "en_GB") != SP_OK)
		shared_i18n = NULL;
	return shared_i18n;
}

void
fixture_i18n_close(void)
{
	sp_i18n_free(shared_i18n);
	shared_i18n = NULL;
}

char *
fixture_tempdir(void)
{
	char *path = strdup("/tmp/signpost-test-XXXXXX");

	if (path && !mkdtemp(path)) {
		free(path);
		return NULL;
	}
	return path;
}

void
fixture_rmrf(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d) {
		unlink(path);
		return;
	}
	while ((e = readdir(d))) {
		char child[4096];
		struct stat sb;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(child, sizeof child, "%s/%s", path, e->d_name);
		if (lstat(child, &sb) == 0 && S_ISDIR(sb.st_mode))
			fixture_rmrf(child);
		else
			unlink(child);
	}
	closedir(d);
	rmdir(path);
}

bool
fixture_write(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;
	bool ok;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "wb")))
		return false;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok;
}

static bool
copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char buf[8192];
	size_t n;
	bool ok = in && out;

	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	return ok;
}

static bool
copy_tree(const char *from, const char *to)
{
	DIR *d = opendir(from);
	struct dirent *e;
	bool ok = d != NULL;

	while (ok && (e = readdir(d))) {
		char a[4096], b[4096];
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		snprintf(a, sizeof a, "%s/%s", from, e->d_name);
		snprintf(b, sizeof b, "%s/%s", to, e->d_name);
		if (stat(a, &sb) != 0)
			ok = false;
		else if (S_ISDIR(sb.st_mode))
			ok = (mkdir(b, 0700) == 0 || access(b, F_OK) == 0) && copy_tree(a, b);
		else if (strstr(e->d_name, ".csv") || strstr(e->d_name, ".sql") ||
		         strstr(e->d_name, ".txt"))
			ok = copy_file(a, b);
	}
	if (d)
		closedir(d);
	return ok;
}

bool
fixture_copy_sources(const char *dir)
{
	return copy_tree(TEST_SRC_DB, dir);
}

bool
fixture_list_has(const struct sp_service_list *list, const char *id)
{
	for (size_t i = 0; i < list->count; i++)
		if (!strcmp(list->items[i].id, id))
			return true;
	return false;
}

bool
fixture_list_has_value(const struct sp_service_list *list, const char *value)
{
	for (size_t i = 0; i < list->count; i++)
		for (size_t c = 0; c < list->items[i].ncontacts; c++)
			if (!strcmp(list->items[i].contacts[c].value, value))
				return true;
	return false;
}

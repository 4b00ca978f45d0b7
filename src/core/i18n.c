#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include "i18n.h"
#include "mem.h"

#define I18N_MAX_ARGS 6

struct i18n_entry {
	char *key;
	char *text;
};

/* The English bundles compiled in (src/builtin_bundle.c, made by the build from locales/): an
 * ICU common-data package registered under this name the first time it is needed. */
#define BUILTIN_PACKAGE "spbuiltin"
extern const unsigned char sp_builtin_bundle[];

struct sp_i18n {
	UResourceBundle *bundle;
	bool builtin;
	char locale[SP_LOCALE_MAX];
	struct i18n_entry *cache;
	size_t cache_len;
};

static char *
utf16_to_utf8(const UChar *u, int32_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t need = 0;
	char *s;

	u_strToUTF8(NULL, 0, &need, u, len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	if (!(s = sp_malloc((size_t) need + 1)))
		return NULL;
	st = U_ZERO_ERROR;
	u_strToUTF8(s, need + 1, NULL, u, len, &st);
	if (U_FAILURE(st)) {
		free(s);
		return NULL;
	}
	return s;
}

static UChar *
utf8_to_utf16(const char *s, int32_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t need = 0;
	UChar *u;

	u_strFromUTF8WithSub(NULL, 0, &need, s, -1, 0xFFFD, NULL, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	if (!(u = sp_reallocarray(NULL, (size_t) need + 1, sizeof *u)))
		return NULL;
	st = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, need + 1, len, s, -1, 0xFFFD, NULL, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	return u;
}

char **
sp_i18n_installed(const char *bundle_dir)
{
	UErrorCode st = U_ZERO_ERROR;
	UResourceBundle *index = ures_openDirect(bundle_dir, "res_index", &st);
	UResourceBundle *table;
	char **list = NULL;
	int32_t n;

	if (U_FAILURE(st))
		return NULL;
	table = ures_getByKey(index, "InstalledLocales", NULL, &st);
	if (U_FAILURE(st))
		goto out;
	n = ures_getSize(table);
	if (!(list = sp_calloc((size_t) n + 1, sizeof *list)))
		goto out;
	for (int32_t i = 0; i < n; i++) {
		UResourceBundle *item = ures_getByIndex(table, i, NULL, &st);
		const char *key = U_SUCCESS(st) ? ures_getKey(item) : NULL;

		list[i] = key ? sp_strdup(key) : NULL;
		ures_close(item);
		if (!list[i]) {
			for (int32_t j = 0; j < i; j++)
				free(list[j]);
			free(list);
			list = NULL;
			break;
		}
	}
out:
	ures_close(table);
	ures_close(index);
	return list;
}

static void
free_list(char **list)
{
	if (!list)
		return;
	for (char **p = list; *p; p++)
		free(*p);
	free(list);
}

void
sp_i18n_resolve(const char *bundle_dir, const char *requested, char out[SP_LOCALE_MAX])
{
	static const char *const env_vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	char name[SP_LOCALE_MAX * 2] = "", lang[SP_LOCALE_MAX] = "";
	char canon[SP_LOCALE_MAX * 2] = "";
	UErrorCode st = U_ZERO_ERROR;
	char **installed;

	strcpy(out, "en_GB");
	for (size_t i = 0; !requested && i < sizeof env_vars / sizeof env_vars[0]; i++) {
		const char *v = getenv(env_vars[i]);

		if (v && *v)
			requested = v;
	}
	if (!requested || !*requested || strlen(requested) >= sizeof name)
		return;
	/* "pl_PL.UTF-8@euro" -> "pl_PL" */
	strncpy(name, requested, sizeof name - 1);
	name[strcspn(name, ".@")] = '\0';
	if (!strcmp(name, "C") || !strcmp(name, "POSIX") || !*name)
		return;
	uloc_canonicalize(name, canon, (int32_t) sizeof canon, &st);
	if (U_FAILURE(st))
		return;
	st = U_ZERO_ERROR;
	uloc_getLanguage(canon, lang, (int32_t) sizeof lang, &st);
	if (U_FAILURE(st) || !*lang)
		return;
	if (!(installed = sp_i18n_installed(bundle_dir)))
		return;
	/* An exact match (en_GB) wins over the language alone (pl_PL -> pl). */
	for (char **p = installed; *p; p++) {
		if (strcmp(*p, canon) == 0 && strlen(*p) < SP_LOCALE_MAX) {
			strcpy(out, *p);
			goto done;
		}
	}
	for (char **p = installed; *p; p++) {
		if (strcmp(*p, lang) == 0 && strcmp(lang, "en") != 0) {
			strcpy(out, *p);
			goto done;
		}
	}
done:
	free_list(installed);
}

enum sp_status
sp_i18n_open(struct sp_i18n **out, const char *bundle_dir, const char *locale)
{
	UErrorCode st = U_ZERO_ERROR;
	struct sp_i18n *i18n;

	*out = NULL;
	if (!(i18n = sp_calloc(1, sizeof *i18n)))
		return SP_ERR_NOMEM;
	strncpy(i18n->locale, locale, sizeof i18n->locale - 1);
	i18n->bundle = ures_open(bundle_dir, locale, &st);
	if (U_FAILURE(st) && st != U_MEMORY_ALLOCATION_ERROR) {
		/* No bundles where they should be: the words compiled in, in English. */
		st = U_ZERO_ERROR;
		udata_setAppData(BUILTIN_PACKAGE, sp_builtin_bundle, &st);
		st = U_ZERO_ERROR;
		i18n->bundle = ures_open(BUILTIN_PACKAGE, "en_GB", &st);
		i18n->builtin = true;
		snprintf(i18n->locale, sizeof i18n->locale, "en_GB");
	}
	if (U_FAILURE(st)) {
		free(i18n);
		return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_LOCALE;
	}
	*out = i18n;
	return SP_OK;
}

bool
sp_i18n_is_builtin(const struct sp_i18n *i18n)
{
	return i18n->builtin;
}

void
sp_i18n_free(struct sp_i18n *i18n)
{
	if (!i18n)
		return;
	for (size_t i = 0; i < i18n->cache_len; i++) {
		free(i18n->cache[i].key);
		free(i18n->cache[i].text);
	}
	free(i18n->cache);
	ures_close(i18n->bundle);
	free(i18n);
}

const char *
sp_i18n_locale(const struct sp_i18n *i18n)
{
	return i18n->locale;
}

const char *
sp_i18n_text(struct sp_i18n *i18n, const char *key)
{
	UErrorCode st = U_ZERO_ERROR;
	const UChar *u;
	int32_t len = 0;
	struct i18n_entry *grown;
	char *text, *key_copy;

	for (size_t i = 0; i < i18n->cache_len; i++)
		if (strcmp(i18n->cache[i].key, key) == 0)
			return i18n->cache[i].text;
	u = ures_getStringByKey(i18n->bundle, key, &len, &st);
	/* A key no bundle has (a bug the completeness check catches) shows as itself; the copy
	 * is cached so the caller's buffer may go away. */
	text = U_FAILURE(st) ? sp_strdup(key) : utf16_to_utf8(u, len);
	key_copy = sp_strdup(key);
	grown = text && key_copy ?
	                sp_reallocarray(i18n->cache, i18n->cache_len + 1, sizeof *grown) :
	                NULL;
	if (!grown) {
		free(text);
		free(key_copy);
		return "";
	}
	i18n->cache = grown;
	i18n->cache[i18n->cache_len++] = (struct i18n_entry){ key_copy, text };
	return text;
}

/*
 * ICU's C message API takes its arguments as C varargs whose types the pattern decides. We
 * keep to two shapes, all strings or a leading double then strings, and call it with a fixed
 * argument list so a pattern can never read a type we did not pass.
 */
static char *
i18n_vformat(struct sp_i18n *i18n, const char *key, int with_count, double count, size_t nargs,
             const char *const *args)
{
	UChar *pattern = NULL, *uargs[I18N_MAX_ARGS] = { 0 }, *result = NULL;
	int32_t plen = 0, cap = 256, len;
	UErrorCode st;
	char *out = NULL;

	if (nargs > I18N_MAX_ARGS - 1)
		nargs = I18N_MAX_ARGS - 1;
	if (!(pattern = utf8_to_utf16(sp_i18n_text(i18n, key), &plen)))
		goto out;
	for (size_t i = 0; i < I18N_MAX_ARGS; i++) {
		int32_t ignored;

		if (!(uargs[i] = utf8_to_utf16(i < nargs && args[i] ? args[i] : "", &ignored)))
			goto out;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		free(result);
		if (!(result = sp_reallocarray(NULL, (size_t) cap, sizeof *result)))
			goto out;
		st = U_ZERO_ERROR;
		if (with_count)
			len = u_formatMessage(i18n->locale, pattern, plen, result, cap, &st, count,
			                      uargs[0], uargs[1], uargs[2], uargs[3], uargs[4]);
		else
			len = u_formatMessage(i18n->locale, pattern, plen, result, cap, &st,
			                      uargs[0], uargs[1], uargs[2], uargs[3], uargs[4],
			                      uargs[5]);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		cap = len + 1;
	}
	if (U_SUCCESS(st))
		out = utf16_to_utf8(result, len);
	else
		out = sp_strdup(
		        sp_i18n_text(i18n, key)); /* a broken translation still shows words */
out:
	free(result);
	for (size_t i = 0; i < I18N_MAX_ARGS; i++)
		free(uargs[i]);
	free(pattern);
	return out;
}

char *
sp_i18n_format(struct sp_i18n *i18n, const char *key, size_t nargs, const char *const *args)
{
	return i18n_vformat(i18n, key, 0, 0, nargs, args);
}

char *
sp_i18n_format_count(struct sp_i18n *i18n, const char *key, double count, size_t nargs,
                     const char *const *args)
{
	return i18n_vformat(i18n, key, 1, count, nargs, args);
}

char *
sp_i18n_self_name(const char *locale)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar name[128];
	int32_t len = uloc_getDisplayName(locale, locale, name, 128, &st);

	if (U_FAILURE(st) || len <= 0)
		return sp_strdup(locale);
	/* Menus list languages capitalised, whatever the language's own rule for mid-sentence. */
	if (U16_IS_SINGLE(name[0]))
		name[0] = (UChar) u_totitle(name[0]);
	return utf16_to_utf8(name, len);
}

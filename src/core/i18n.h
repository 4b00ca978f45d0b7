#ifndef SIGNPOST_I18N_H
#define SIGNPOST_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/*
 * The user interface's words, from ICU resource bundles (locales/<lang>.txt compiled by
 * genrb). Every user-visible string in signpost comes through here; English is the root
 * bundle, and a key missing from a translation falls back to it.
 */
struct sp_i18n;

#define SP_LOCALE_MAX 32

/*
 * Picks the UI locale: `requested` if given, else LC_ALL, LC_MESSAGES, LANG (the first that
 * is set and not empty). "pl_PL.UTF-8" becomes "pl" when pl is installed; anything not
 * installed (or "C", "POSIX") becomes "en_GB". bundle_dir ends with '/'.
 */
void sp_i18n_resolve(const char *bundle_dir, const char *requested, char out[SP_LOCALE_MAX]);

/*
 * Opens the bundles of `locale` (already resolved) from bundle_dir. When bundle_dir has no
 * bundles at all (missing, unreadable), the English words compiled into the program are used
 * instead (see sp_i18n_is_builtin()), so signpost always has words for 999 and the helplines.
 * The caller frees the result with sp_i18n_free(). Fails only when memory runs out.
 */
enum sp_status sp_i18n_open(struct sp_i18n **out, const char *bundle_dir, const char *locale);

/* Whether i18n speaks the built-in English because the bundles could not be read. */
bool sp_i18n_is_builtin(const struct sp_i18n *i18n);
void sp_i18n_free(struct sp_i18n *i18n);

/* The resolved locale ("en_GB", "pl"): use it for ICU formatting and collation too. */
const char *sp_i18n_locale(const struct sp_i18n *i18n);

/*
 * The UTF-8 text of a key. The string is owned by i18n and lives as long as it does. A key
 * missing even from root (a bug the completeness check catches) gives a copy of the key; when
 * memory runs out, "". Never NULL.
 */
const char *sp_i18n_text(struct sp_i18n *i18n, const char *key);

/*
 * Formats the MessageFormat pattern of `key`. Arguments {0}..{nargs-1} are strings. Returns a
 * new string the caller frees, NULL only when memory runs out.
 */
char *sp_i18n_format(struct sp_i18n *i18n, const char *key, size_t nargs, const char *const *args);

/* As sp_i18n_format, but {0} is a number (for plural and number formats) and the strings are
 * {1}..{nargs}. */
char *sp_i18n_format_count(struct sp_i18n *i18n, const char *key, double count, size_t nargs,
                           const char *const *args);

/*
 * The installed locales (from res_index), as a NULL-terminated array of strings. The caller
 * frees each string and the array. NULL if res_index cannot be read.
 */
char **sp_i18n_installed(const char *bundle_dir);

/* A locale's name in its own language ("polski" -> "Polski"), new string, caller frees. */
char *sp_i18n_self_name(const char *locale);

#endif

/*
 * rbcheck BUNDLE_DIR LOCALE...: the translation-completeness check. For each locale, every key
 * of the root bundle must exist (MISSING), no key may be unknown to root (EXTRA), every string
 * must parse as a MessageFormat pattern in that locale (BAD PATTERN), and every string must use
 * the same arguments as English, of the same kind (PLACEHOLDERS): {0} where English has {0},
 * a plural where English has a plural. Exit status: the number of problems (at most 255).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <unicode/umsg.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

/* The arguments a pattern uses, as "0:plural 1:string", sorted by number. */
static void
placeholders(const UChar *u, int32_t len, char *out, size_t cap)
{
	char kinds[10][16] = { { 0 } };
	int quoted = 0;

	for (int32_t i = 0; i < len; i++) {
		if (u[i] == '\'') {
			/* ICU: an apostrophe quotes only before a syntax character or another one. */
			if (i + 1 < len && (u[i + 1] == '{' || u[i + 1] == '}' || u[i + 1] == '\'' ||
			                    u[i + 1] == '#' || u[i + 1] == '|'))
				quoted = !quoted;
			continue;
		}
		if (quoted || u[i] != '{' || i + 1 >= len || u[i + 1] < '0' || u[i + 1] > '9')
			continue;
		{
			int n = u[i + 1] - '0';
			int32_t j = i + 2;
			char kind[16] = "string";

			while (j < len && u[j] == ' ')
				j++;
			if (j < len && u[j] == ',') {
				size_t k = 0;

				j++;
				while (j < len && u[j] == ' ')
					j++;
				while (j < len && u[j] >= 'a' && u[j] <= 'z' && k + 1 < sizeof kind)
					kind[k++] = (char) u[j++];
				kind[k] = '\0';
			}
			snprintf(kinds[n], sizeof kinds[n], "%s", kind);
		}
	}
	out[0] = '\0';
	for (int n = 0; n < 10; n++) {
		if (kinds[n][0]) {
			size_t used = strlen(out);

			snprintf(out + used, cap - used, "%s%d:%s", used ? " " : "", n, kinds[n]);
		}
	}
}

static int
check_locale(const char *dir, const char *locale)
{
	UErrorCode st = U_ZERO_ERROR;
	UResourceBundle *root = ures_openDirect(dir, "root", &st), *tr, *item = NULL;
	int problems = 0, keys = 0;

	if (U_FAILURE(st)) {
		printf("%s: cannot open root bundle in %s: %s\n", locale, dir, u_errorName(st));
		return 1;
	}
	tr = ures_openDirect(dir, locale, &st);
	if (U_FAILURE(st)) {
		printf("%s: MISSING the whole bundle (%s)\n", locale, u_errorName(st));
		ures_close(root);
		return 1;
	}
	ures_resetIterator(root);
	while (ures_hasNext(root)) {
		UErrorCode s2 = U_ZERO_ERROR;
		const UChar *want, *have;
		int32_t wlen = 0, hlen = 0;
		const char *key;
		char pw[128], ph[128];
		UParseError pe;
		UMessageFormat *mf;

		item = ures_getNextResource(root, item, &s2);
		if (U_FAILURE(s2))
			break;
		key = ures_getKey(item);
		keys++;
		want = ures_getString(item, &wlen, &s2);
		have = ures_getStringByKey(tr, key, &hlen, &s2);
		if (U_FAILURE(s2)) {
			printf("%s: MISSING %s\n", locale, key);
			problems++;
			continue;
		}
		mf = umsg_open(have, hlen, locale, &pe, &s2);
		if (U_FAILURE(s2)) {
			printf("%s: BAD PATTERN %s (%s at offset %d)\n", locale, key, u_errorName(s2),
			       pe.offset);
			problems++;
		}
		umsg_close(mf);
		placeholders(want, wlen, pw, sizeof pw);
		placeholders(have, hlen, ph, sizeof ph);
		if (strcmp(pw, ph) != 0) {
			printf("%s: PLACEHOLDERS %s: English has [%s], translation has [%s]\n", locale, key,
			       pw, ph);
			problems++;
		}
	}
	ures_close(item);
	item = NULL;
	ures_resetIterator(tr);
	while (ures_hasNext(tr)) {
		UErrorCode s2 = U_ZERO_ERROR;
		int32_t len;

		item = ures_getNextResource(tr, item, &s2);
		if (U_FAILURE(s2))
			break;
		ures_getStringByKey(root, ures_getKey(item), &len, &s2);
		if (U_FAILURE(s2)) {
			printf("%s: EXTRA %s\n", locale, ures_getKey(item));
			problems++;
		}
	}
	ures_close(item);
	ures_close(tr);
	ures_close(root);
	printf("%s: %d keys, %s\n", locale, keys, problems ? "INCOMPLETE" : "complete");
	return problems;
}

int
main(int argc, char **argv)
{
	int problems = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: rbcheck BUNDLE_DIR/ LOCALE...\n");
		return 255;
	}
	for (int i = 2; i < argc; i++)
		problems += check_locale(argv[1], argv[i]);
	return problems > 255 ? 255 : problems;
}

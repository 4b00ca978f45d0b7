/*
 * rbcheck BUNDLE_DIR LOCALE...: the translation-completeness check. For each locale, every key
 * of the root bundle must exist (MISSING), no key may be unknown to root (EXTRA), every string
 * must parse as a MessageFormat pattern in that locale (BAD PATTERN), and every string must use
 * the same arguments as English, of the same kind (PLACEHOLDERS): {0} where English has {0},
 * a plural where English has a plural. A message that takes a weekday (English selects on
 * {0} with the cases 1 to 7) must choose every day's words itself, with a select of its own
 * on 1 to 7, and no string may put ICU's stand-alone weekday name ("Pirmdiena", the form for
 * headings and lists) inside a sentence (WEEKDAY). Exit status: the number of problems (at
 * most 255).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/udat.h>
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

/* Whether the pattern selects on {0} with every weekday, "1" to "7", as a case. */
static int
selects_weekdays(const UChar *u, int32_t len)
{
	static const UChar sel[] = u"select";
	const UChar *p = NULL;

	for (int32_t i = 0; i + 1 < len && !p; i++) {
		if (u[i] == '{' && u[i + 1] == '0') {
			int32_t j = i + 2;

			while (j < len && (u[j] == ' ' || u[j] == ','))
				j++;
			if (len - j >= 6 && u_strncmp(u + j, sel, 6) == 0)
				p = u + j + 6;
		}
	}
	if (!p)
		return 0;
	for (UChar day = '1'; day <= '7'; day++) {
		int found = 0;

		for (const UChar *q = p; q + 1 < u + len && !found; q++)
			found = q[0] == day && (q[-1] == ' ' || q[-1] == ',') &&
			        (q[1] == ' ' || q[1] == '{');
		if (!found)
			return 0;
	}
	return 1;
}

/* The stand-alone weekday names of a locale that differ from the names used in running text
 * (lv "Pirmdiena" against "pirmdiena"); an empty string where they are the same. */
static void
standalone_days(const char *locale, UChar names[7][64])
{
	UErrorCode st = U_ZERO_ERROR;
	UDateFormat *df = udat_open(UDAT_NONE, UDAT_FULL, locale, u"UTC", -1, NULL, 0, &st);

	for (int d = 0; d < 7; d++) {
		UChar fmt[64];
		UErrorCode s2 = U_ZERO_ERROR;

		names[d][0] = 0;
		if (U_FAILURE(st))
			continue;
		udat_getSymbols(df, UDAT_STANDALONE_WEEKDAYS, d + 1, names[d], 64, &s2);
		udat_getSymbols(df, UDAT_WEEKDAYS, d + 1, fmt, 64, &s2);
		if (U_FAILURE(s2) || u_strcmp(fmt, names[d]) == 0)
			names[d][0] = 0;
	}
	if (U_SUCCESS(st))
		udat_close(df);
}

/* Whether `name` stands as a whole word inside a longer text. */
static int
has_word(const UChar *u, int32_t len, const UChar *name)
{
	int32_t n = u_strlen(name);

	if (n == 0 || n >= len)
		return 0;
	for (int32_t i = 0; i + n <= len; i++) {
		if (u_strncmp(u + i, name, n) != 0)
			continue;
		if ((i == 0 || !u_isalpha(u[i - 1])) && (i + n == len || !u_isalpha(u[i + n])))
			return 1;
	}
	return 0;
}

static int
check_locale(const char *dir, const char *locale)
{
	UErrorCode st = U_ZERO_ERROR;
	UResourceBundle *root = ures_openDirect(dir, "root", &st), *tr, *item = NULL;
	int problems = 0, keys = 0;
	UChar days[7][64];

	standalone_days(locale, days);
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
		if (selects_weekdays(want, wlen) && !selects_weekdays(have, hlen)) {
			printf("%s: WEEKDAY %s: choose each day's words with {0, select, 1 {…} … 7 {…} "
			       "other {…}}\n", locale, key);
			problems++;
		}
		for (int d = 0; d < 7; d++) {
			if (has_word(have, hlen, days[d])) {
				char name[128];

				u_strToUTF8(name, sizeof name, NULL, days[d], -1, &s2);
				printf("%s: WEEKDAY %s: the stand-alone name “%s” inside a sentence\n", locale,
				       key, name);
				problems++;
			}
		}
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

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hours_fmt.h"
#include "core/i18n.h"
#include "fixture.h"
#include "suites.h"

static void
test_resolve_falls_back_to_english(void)
{
	char loc[SP_LOCALE_MAX];

	sp_i18n_resolve(TEST_LOCALES, "xx_YY", loc);
	CU_ASSERT_STRING_EQUAL(loc, "en_GB");
	sp_i18n_resolve(TEST_LOCALES, "C", loc);
	CU_ASSERT_STRING_EQUAL(loc, "en_GB");
	sp_i18n_resolve(TEST_LOCALES, "en_GB.UTF-8", loc);
	CU_ASSERT_STRING_EQUAL(loc, "en_GB");
	sp_i18n_resolve(TEST_LOCALES, "", loc);
	CU_ASSERT_STRING_EQUAL(loc, "en_GB");
}

static void
test_resolve_reads_environment(void)
{
	char loc[SP_LOCALE_MAX];
	char *saved = getenv("LANG") ? strdup(getenv("LANG")) : NULL;

	setenv("LANG", "de_DE.UTF-8", 1);
	sp_i18n_resolve(TEST_LOCALES, NULL, loc);
	CU_ASSERT_STRING_EQUAL(loc, "en_GB");
	if (saved) {
		setenv("LANG", saved, 1);
		free(saved);
	} else {
		unsetenv("LANG");
	}
}

static void
test_installed_lists_english(void)
{
	char **list = sp_i18n_installed(TEST_LOCALES);
	int en_gb = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(list);
	for (char **p = list; *p; p++) {
		en_gb |= !strcmp(*p, "en_GB");
		free(*p);
	}
	free(list);
	CU_ASSERT_TRUE(en_gb);
	CU_ASSERT_PTR_NULL(sp_i18n_installed("/nonexistent/"));
}

static void
test_text_and_missing_key(void)
{
	struct sp_i18n *i18n = fixture_i18n();

	CU_ASSERT_PTR_NOT_NULL_FATAL(i18n);
	CU_ASSERT_STRING_EQUAL(sp_i18n_text(i18n, "emergency_banner"),
	                       "In immediate danger? Call 999.");
	/* The same pointer comes back from the cache. */
	CU_ASSERT_PTR_EQUAL(sp_i18n_text(i18n, "kind_phone"), sp_i18n_text(i18n, "kind_phone"));
	CU_ASSERT_STRING_EQUAL(sp_i18n_text(i18n, "no_such_key"), "no_such_key");
	/* A missing key comes back as a copy: the caller's buffer may be on its stack. */
	{
		char key[32] = "reason_nobody";

		CU_ASSERT_PTR_NOT_EQUAL(sp_i18n_text(i18n, key), key);
	}
}

static void
test_format_strings_and_plurals(void)
{
	struct sp_i18n *i18n = fixture_i18n();
	const char *args[2] = { "1", "09:00" };
	char *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(i18n);
	s = sp_i18n_format(i18n, "closed_opens_at", 2, args);
	CU_ASSERT_STRING_EQUAL(s, "closed now, opens on Monday at 09:00");
	free(s);
	s = sp_i18n_format_count(i18n, "services_found", 1, 0, NULL);
	CU_ASSERT_STRING_EQUAL(s, "1 service found.");
	free(s);
	s = sp_i18n_format_count(i18n, "services_found", 12, 0, NULL);
	CU_ASSERT_STRING_EQUAL(s, "12 services found.");
	free(s);
	s = sp_i18n_format_count(i18n, "services_found", 0, 0, NULL);
	CU_ASSERT_STRING_EQUAL(s, "No services found.");
	free(s);
}

/* "closed now, opens on <day> at <time>" as each language says it: the day in the case its
 * preposition (or its own ending) needs, the time in the language's style. */
static const struct {
	const char *locale;
	int day;
	const char *want;
} opens_at[] = {
	{ "en_GB", 1, "closed now, opens on Monday at 09:00" },
	{ "en_GB", 7, "closed now, opens on Sunday at 09:00" },
	{ "pl", 1, "teraz nieczynne, czynne w poniedziałek od godz. 09:00" },
	{ "pl", 2, "teraz nieczynne, czynne we wtorek od godz. 09:00" },
	{ "pl", 3, "teraz nieczynne, czynne w środę od godz. 09:00" },
	{ "lt", 1, "dabar neveikia, veiks pirmadienį nuo 09:00" },
	{ "lt", 6, "dabar neveikia, veiks šeštadienį nuo 09:00" },
	{ "lv", 1, "pašlaik nestrādā, darbu sāks pirmdien plkst. 09:00" },
	{ "lv", 7, "pašlaik nestrādā, darbu sāks svētdien plkst. 09:00" },
	{ "cs", 1, "nyní zavřeno, otevírá v pondělí v 9:00" },
	{ "cs", 3, "nyní zavřeno, otevírá ve středu v 9:00" },
	{ "sk", 1, "teraz zatvorené, otvára v pondelok o 9:00" },
	{ "sk", 4, "teraz zatvorené, otvára vo štvrtok o 9:00" },
	{ "hu", 1, "most zárva, hétfőn 9:00-kor nyit" },
	{ "hu", 7, "most zárva, vasárnap 9:00-kor nyit" },
	{ "et", 1, "praegu suletud, avatakse esmaspäeval kell 09:00" },
	{ "et", 5, "praegu suletud, avatakse reedel kell 09:00" },
	{ "sl", 1, "zdaj zaprto, odpre se v ponedeljek ob 09:00" },
	{ "sl", 3, "zdaj zaprto, odpre se v sredo ob 09:00" },
	{ "ro", 1, "închis acum, se deschide luni la ora 09:00" },
	{ "ro", 6, "închis acum, se deschide sâmbătă la ora 09:00" },
	{ "pt", 1, "fechado agora, abre na segunda-feira às 09:00" },
	{ "pt", 6, "fechado agora, abre no sábado às 09:00" },
	{ "bg", 1, "затворено сега, отваря в понеделник в 09:00 ч." },
	{ "bg", 2, "затворено сега, отваря във вторник в 09:00 ч." },
};

static void
test_opens_at_in_every_language(void)
{
	for (size_t i = 0; i < sizeof opens_at / sizeof opens_at[0]; i++) {
		struct sp_i18n *i18n = NULL;
		struct sp_hours_fmt *fmt = NULL;
		char *s;

		CU_ASSERT_EQUAL_FATAL(sp_i18n_open(&i18n, TEST_LOCALES, opens_at[i].locale), SP_OK);
		CU_ASSERT_EQUAL_FATAL(sp_hours_fmt_new(&fmt, opens_at[i].locale), SP_OK);
		s = sp_hours_fmt_opens_at(i18n, fmt, opens_at[i].day, 9 * 60);
		CU_ASSERT_PTR_NOT_NULL(s);
		if (s && strcmp(s, opens_at[i].want) != 0)
			printf("\n%s: got “%s”, want “%s”\n", opens_at[i].locale, s,
			       opens_at[i].want);
		CU_ASSERT_STRING_EQUAL(s ? s : "", opens_at[i].want);
		free(s);
		sp_hours_fmt_free(fmt);
		sp_i18n_free(i18n);
	}
}

static void
test_open_without_bundles_speaks_builtin_english(void)
{
	struct sp_i18n *i18n = NULL;

	/* No bundles where they should be: the English words compiled into the program. */
	CU_ASSERT_EQUAL_FATAL(sp_i18n_open(&i18n, "/nonexistent/", "pl"), SP_OK);
	CU_ASSERT_TRUE(sp_i18n_is_builtin(i18n));
	CU_ASSERT_STRING_EQUAL(sp_i18n_locale(i18n), "en_GB");
	CU_ASSERT_STRING_EQUAL(sp_i18n_text(i18n, "emergency_banner"),
	                       "In immediate danger? Call 999.");
	sp_i18n_free(i18n);
	CU_ASSERT_EQUAL_FATAL(sp_i18n_open(&i18n, TEST_LOCALES, "pl"), SP_OK);
	CU_ASSERT_FALSE(sp_i18n_is_builtin(i18n));
	sp_i18n_free(i18n);
}

static void
test_self_names(void)
{
	char *pl = sp_i18n_self_name("pl"), *lt = sp_i18n_self_name("lt");

	CU_ASSERT_STRING_EQUAL(pl, "Polski");
	CU_ASSERT_STRING_EQUAL(lt, "Lietuvių");
	free(pl);
	free(lt);
}

static int
teardown(void)
{
	fixture_i18n_close();
	return 0;
}

static const CU_TestInfo tests[] = {
	{ "unknown, C and empty locales resolve to en_GB", test_resolve_falls_back_to_english },
	{ "LANG is read when no locale is asked for", test_resolve_reads_environment },
	{ "res_index lists the installed languages", test_installed_lists_english },
	{ "text comes from the bundle; a missing key shows itself", test_text_and_missing_key },
	{ "MessageFormat fills strings and plurals", test_format_strings_and_plurals },
	{ "closed now, opens on Monday at 09:00, in every language",
	  test_opens_at_in_every_language },
	{ "missing bundles give the built-in English words",
	  test_open_without_bundles_speaks_builtin_english },
	{ "languages are named in their own language", test_self_names },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_i18n(void)
{
	return test_add_suite("i18n", NULL, teardown, tests);
}

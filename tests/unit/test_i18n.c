#include "config.h"

#include <stdlib.h>
#include <string.h>

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
	CU_ASSERT_STRING_EQUAL(sp_i18n_text(i18n, "emergency_banner"), "In immediate danger? Call 999.");
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
	const char *args[2] = { "pon.", "09:00" };
	char *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(i18n);
	s = sp_i18n_format(i18n, "closed_opens_at", 2, args);
	CU_ASSERT_STRING_EQUAL(s, "closed now, opens pon. 09:00");
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

static void
test_open_without_bundles_speaks_builtin_english(void)
{
	struct sp_i18n *i18n = NULL;

	/* No bundles where they should be: the English words compiled into the program. */
	CU_ASSERT_EQUAL_FATAL(sp_i18n_open(&i18n, "/nonexistent/", "pl"), SP_OK);
	CU_ASSERT_TRUE(sp_i18n_is_builtin(i18n));
	CU_ASSERT_STRING_EQUAL(sp_i18n_locale(i18n), "en_GB");
	CU_ASSERT_STRING_EQUAL(sp_i18n_text(i18n, "emergency_banner"), "In immediate danger? Call 999.");
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
	{ "missing bundles give the built-in English words", test_open_without_bundles_speaks_builtin_english },
	{ "languages are named in their own language", test_self_names },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_i18n(void)
{
	return test_add_suite("i18n", NULL, teardown, tests);
}

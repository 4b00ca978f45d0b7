#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/fallback.h"
#include "core/hours.h"
#include "core/settings.h"
#include "fixture.h"
#include "suites.h"

static char *dir;

static int
setup(void)
{
	return (dir = fixture_tempdir()) ? 0 : 1;
}

static int
teardown(void)
{
	fixture_rmrf(dir);
	free(dir);
	fixture_directory_close();
	fixture_i18n_close();
	return 0;
}

static enum sp_status
read_settings(const char *text, struct sp_settings *s, char **error)
{
	char path[4096];

	fixture_write(dir, "kiosk.conf", text);
	snprintf(path, sizeof path, "%s/kiosk.conf", dir);
	return sp_settings_read(path, s, error);
}

static void
test_reads_every_setting(void)
{
	struct sp_settings s;
	char *error;

	CU_ASSERT_EQUAL_FATAL(read_settings("# kiosk at the library\n"
	                                    "idle_timeout = 120\n"
	                                    "neutral_text = Opening hours\\nMon-Fri 9-5\n"
	                                    "  admin_quit=open sesame \n"
	                                    "language = pl\n"
	                                    "theme = high-contrast\n", &s, &error), SP_OK);
	CU_ASSERT_EQUAL(s.idle_timeout, 120);
	CU_ASSERT_STRING_EQUAL(s.neutral_text, "Opening hours\nMon-Fri 9-5");
	CU_ASSERT_STRING_EQUAL(s.admin_quit, "open sesame");
	CU_ASSERT_STRING_EQUAL(s.language, "pl");
	CU_ASSERT_STRING_EQUAL(s.theme, "high-contrast");
	sp_settings_clear(&s);
}

static void
test_bad_settings_name_the_line(void)
{
	const char *bad[] = { "idle_timeout = soon\n", "idle_timeout = 5\n", "colour = red\n",
		"theme = pink\n", "just words\n", "admin_quit = ab\n", NULL };

	for (int i = 0; bad[i]; i++) {
		struct sp_settings s;
		char *error = NULL;

		CU_ASSERT_EQUAL(read_settings(bad[i], &s, &error), SP_ERR_USAGE);
		CU_ASSERT_PTR_NOT_NULL(error ? strstr(error, ":1:") : NULL);
		free(error);
	}
}

static void
test_missing_file(void)
{
	struct sp_settings s;
	char *error = NULL;

	CU_ASSERT_EQUAL(sp_settings_read("/nonexistent/kiosk.conf", &s, &error), SP_ERR_IO);
	free(error);
}

/* The compiled-in helplines must say what the directory says. */
static void
test_fallback_matches_directory(void)
{
	struct sp_directory *d = fixture_directory();

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_TRUE(sp_fallback_count >= 9);
	for (size_t i = 0; i < sp_fallback_count; i++) {
		const struct sp_fallback_line *l = &sp_fallback_lines[i];
		struct sp_service s;
		const struct sp_contact *c;

		CU_ASSERT_EQUAL_FATAL(sp_directory_get(d, l->id, false, TEST_MONDAY_10AM, &s), SP_OK);
		CU_ASSERT_STRING_EQUAL(s.status, "active");
		c = sp_service_main_phone(&s);
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_STRING_EQUAL(c->value, l->phone);
		if (l->hours || c->hours_text)
			CU_ASSERT_STRING_EQUAL(c->hours_text ? c->hours_text : "", l->hours ? l->hours : "");
		CU_ASSERT_STRING_NOT_EQUAL(sp_i18n_text(fixture_i18n(), l->who_key), l->who_key);
		sp_service_clear(&s);
	}
}

static const CU_TestInfo tests[] = {
	{ "every kiosk setting is read", test_reads_every_setting },
	{ "bad settings are refused with their line", test_bad_settings_name_the_line },
	{ "a missing settings file is an I/O error", test_missing_file },
	{ "the built-in helplines match the directory", test_fallback_matches_directory },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_settings(void)
{
	return test_add_suite("settings", setup, teardown, tests);
}

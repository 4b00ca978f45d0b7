#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "fixture.h"
#include "suites.h"

static enum sp_status
parse(struct sp_cli *cli, char **error, const char *first, ...)
{
	char *argv[32] = { "signpost" };
	int argc = 1;
	va_list ap;
	const char *a;

	va_start(ap, first);
	for (a = first; a && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = (char *) a;
	va_end(ap);
	argv[argc] = NULL;
	*error = NULL;
	return sp_cli_parse(cli, argc, argv, fixture_i18n(), error);
}

static int
teardown(void)
{
	fixture_i18n_close();
	return 0;
}

static void
test_options_before_or_after_the_command(void)
{
	struct sp_cli a, b;
	char *e;

	CU_ASSERT_EQUAL_FATAL(
	        parse(&a, &e, "--staff", "--db", "x.db", "search", "mens", "advice", NULL), SP_OK);
	CU_ASSERT_EQUAL_FATAL(
	        parse(&b, &e, "search", "mens", "--db=x.db", "advice", "--staff", NULL), SP_OK);
	CU_ASSERT_EQUAL(a.command, SP_CMD_SEARCH);
	CU_ASSERT_EQUAL(b.command, SP_CMD_SEARCH);
	CU_ASSERT_STRING_EQUAL(a.text, "mens advice");
	CU_ASSERT_STRING_EQUAL(b.text, "mens advice");
	CU_ASSERT_STRING_EQUAL(b.db, "x.db");
	CU_ASSERT_EQUAL(a.mode, SP_MODE_STAFF);
	CU_ASSERT_EQUAL(b.mode, SP_MODE_STAFF);
	sp_cli_clear(&a);
	sp_cli_clear(&b);
}

static void
test_profiles_combine(void)
{
	struct sp_cli c;
	char *e;

	CU_ASSERT_EQUAL_FATAL(parse(&c, &e, "search", "--for", "male", "--for=lgbtq", "--area",
	                            "fenland", "--open-now", "--format", "json", NULL),
	                      SP_OK);
	CU_ASSERT_EQUAL(c.profiles, (1u << SP_PROFILE_MALE) | (1u << SP_PROFILE_LGBTQ));
	CU_ASSERT_EQUAL(c.area, SP_AREA_FENLAND);
	CU_ASSERT_TRUE(c.open_now);
	CU_ASSERT_EQUAL(c.format, SP_FORMAT_JSON);
	sp_cli_clear(&c);
}

static void
assert_usage(const char *expect_in_message, const char *first, ...)
{
	char *argv[32] = { "signpost" }, *error = NULL;
	int argc = 1;
	va_list ap;
	struct sp_cli c;

	va_start(ap, first);
	for (const char *a = first; a && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = (char *) a;
	va_end(ap);
	CU_ASSERT_EQUAL(sp_cli_parse(&c, argc, argv, fixture_i18n(), &error), SP_ERR_USAGE);
	CU_ASSERT_PTR_NOT_NULL(error);
	if (error && !strstr(error, expect_in_message))
		fprintf(stderr, "\n  message \"%s\" lacks \"%s\"", error, expect_in_message);
	CU_ASSERT_PTR_NOT_NULL(error ? strstr(error, expect_in_message) : NULL);
	free(error);
}

static void
test_usage_errors_list_the_choices(void)
{
	assert_usage("male, lgbtq, older", "search", "--for", "men", NULL);
	assert_usage("fenland", "search", "--area", "norfolk", NULL);
	assert_usage("text, tsv, json", "search", "--format", "xml", NULL);
	assert_usage("csv, markdown", "export", NULL);
	assert_usage("search, show, define, export", "find", "galop", NULL);
}

static void
test_usage_errors_name_the_problem(void)
{
	assert_usage("--frobnicate", "search", "--frobnicate", NULL);
	assert_usage("--db", "search", "--db", NULL);
	assert_usage("reference", "show", NULL);
	assert_usage("extra", "show", "galop", "extra", NULL);
	assert_usage("--for", "show", "galop", "--for", "male", NULL);
	assert_usage("--kiosk", "search", "--kiosk", NULL);
	assert_usage("--kiosk", "--kiosk", "--staff", NULL);
	assert_usage("--for", "--for", "male", NULL);
	assert_usage("abc", "--idle-timeout", "abc", NULL);
}

static void
test_double_dash_makes_words(void)
{
	struct sp_cli c;
	char *e;

	CU_ASSERT_EQUAL_FATAL(parse(&c, &e, "search", "--", "--for", "-x", NULL), SP_OK);
	CU_ASSERT_STRING_EQUAL(c.text, "--for -x");
	CU_ASSERT_EQUAL(c.profiles, 0);
	sp_cli_clear(&c);
}

static void
test_no_command_is_the_interactive_directory(void)
{
	struct sp_cli c;
	char *e;

	CU_ASSERT_EQUAL_FATAL(parse(&c, &e, "--kiosk", "--idle-timeout", "60", NULL), SP_OK);
	CU_ASSERT_EQUAL(c.command, SP_CMD_NONE);
	CU_ASSERT_EQUAL(c.mode, SP_MODE_KIOSK);
	CU_ASSERT_EQUAL(c.idle_timeout, 60);
	sp_cli_clear(&c);
	CU_ASSERT_STRING_EQUAL(
	        sp_cli_find_locale(4, (char *[]){ "signpost", "search", "--locale", "pl", NULL }),
	        "pl");
}

static const CU_TestInfo tests[] = {
	{ "global options work before and after the command",
	  test_options_before_or_after_the_command },
	{ "--for repeats and combines with --area, --open-now, --format", test_profiles_combine },
	{ "usage errors list the valid choices", test_usage_errors_list_the_choices },
	{ "usage errors name the option or argument", test_usage_errors_name_the_problem },
	{ "after -- every argument is a word", test_double_dash_makes_words },
	{ "no command means the interactive directory",
	  test_no_command_is_the_interactive_directory },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_cli(void)
{
	return test_add_suite("cli", NULL, teardown, tests);
}

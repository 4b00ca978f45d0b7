#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/describe.h"
#include "fixture.h"
#include "suites.h"

static char *
who_for(const char *id, unsigned asked)
{
	struct sp_service s;
	char *who;

	CU_ASSERT_FATAL(sp_directory_get(fixture_directory(), id, false, TEST_MONDAY_10AM, &s) ==
	                SP_OK);
	who = sp_describe_who_for(fixture_i18n(), &s, asked);
	sp_service_clear(&s);
	return who;
}

static void
test_who_a_line_is_for(void)
{
	char *who = who_for("samaritans", 0);

	/* A line for everyone says so; the languages it offers follow. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(who);
	CU_ASSERT_PTR_NOT_NULL(strstr(who, "for anyone"));
	free(who);
	who = who_for("mens-advice-line", 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(who, "for male victims"));
	free(who);
}

static void
test_ages_come_from_the_service_itself(void)
{
	char *who = who_for("idva-young-people", 1u << SP_PROFILE_YOUNG);

	/* Its own limits, not a general "13 to 25" for every young people's service. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(who);
	CU_ASSERT_PTR_NOT_NULL(strstr(who, "ages 13 to"));
	free(who);
	who = who_for("mens-advice-line", 1u << SP_PROFILE_MALE);
	CU_ASSERT_PTR_NULL(strstr(who, "ages"));
	free(who);
}

static const CU_TestInfo tests[] = { { "who a line is for, or everyone", test_who_a_line_is_for },
	                             { "ages come from the service itself",
	                               test_ages_come_from_the_service_itself },
	                             CU_TEST_INFO_NULL };

CU_ErrorCode
test_register_describe(void)
{
	return test_add_suite("describe", NULL, NULL, tests);
}

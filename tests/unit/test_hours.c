#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/hours_fmt.h"
#include "fixture.h"
#include "suites.h"

static void
test_parse_always(void)
{
	struct sp_hours h;

	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("24/7", &h, NULL), SP_OK);
	CU_ASSERT_EQUAL(h.count, 7);
	CU_ASSERT_TRUE(sp_hours_is_always(&h));
	sp_hours_clear(&h);
}

static void
test_parse_galop_hours(void)
{
	struct sp_hours h;

	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Thu 10:00-20:30; Fri 10:00-16:30", &h, NULL), SP_OK);
	CU_ASSERT_EQUAL(h.count, 5);
	CU_ASSERT_TRUE(sp_hours_open_at(&h, 1, 10 * 60));
	CU_ASSERT_TRUE(sp_hours_open_at(&h, 4, 20 * 60 + 29));
	CU_ASSERT_FALSE(sp_hours_open_at(&h, 4, 20 * 60 + 30));
	CU_ASSERT_FALSE(sp_hours_open_at(&h, 5, 17 * 60));
	CU_ASSERT_FALSE(sp_hours_open_at(&h, 6, 12 * 60));
	CU_ASSERT_FALSE(sp_hours_is_always(&h));
	sp_hours_clear(&h);
}

static void
test_parse_lists_and_wrapping_ranges(void)
{
	struct sp_hours h;

	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon,Tue,Thu,Fri 09:30-16:00; Wed 13:00-16:00", &h, NULL),
	                      SP_OK);
	CU_ASSERT_FALSE(sp_hours_open_at(&h, 3, 10 * 60));
	CU_ASSERT_TRUE(sp_hours_open_at(&h, 3, 13 * 60));
	sp_hours_clear(&h);
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Fri-Mon 10:00-12:00, 14:00-16:00", &h, NULL), SP_OK);
	CU_ASSERT_EQUAL(h.count, 8);
	CU_ASSERT_TRUE(sp_hours_open_at(&h, 7, 15 * 60));
	CU_ASSERT_FALSE(sp_hours_open_at(&h, 3, 15 * 60));
	sp_hours_clear(&h);
}

static void
test_overnight_spills_into_next_day(void)
{
	struct sp_hours h;

	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Sat 22:00-02:00", &h, NULL), SP_OK);
	CU_ASSERT_TRUE(sp_hours_open_at(&h, 6, 23 * 60));
	CU_ASSERT_TRUE(sp_hours_open_at(&h, 7, 30));
	CU_ASSERT_FALSE(sp_hours_open_at(&h, 7, 2 * 60));
	sp_hours_clear(&h);
}

static void
test_parse_errors_say_where(void)
{
	const char *bad[] = { "", "Mon", "Mon 9:00-17:00", "Mon 09:00-25:00", "Mon 09:00-09:00",
		"Monday 09:00-17:00", "Mon 09:00-17:00;Tue 09:00-17:00", "Mon 09:00-17:00 ", NULL };

	for (int i = 0; bad[i]; i++) {
		struct sp_hours h;
		char *error = NULL;

		CU_ASSERT_EQUAL(sp_hours_parse(bad[i], &h, &error), SP_ERR_DATA);
		CU_ASSERT_PTR_NOT_NULL(error);
		CU_ASSERT_PTR_NOT_NULL(error ? strstr(error, "column") : NULL);
		CU_ASSERT_EQUAL(h.count, 0);
		free(error);
	}
}

static void
test_next_open(void)
{
	struct sp_hours h;
	int day, min;

	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Fri 09:00-17:00", &h, NULL), SP_OK);
	CU_ASSERT_TRUE(sp_hours_next_open(&h, 5, 18 * 60, &day, &min));
	CU_ASSERT_EQUAL(day, 1);
	CU_ASSERT_EQUAL(min, 9 * 60);
	CU_ASSERT_TRUE(sp_hours_next_open(&h, 2, 8 * 60, &day, &min));
	CU_ASSERT_EQUAL(day, 2);
	sp_hours_clear(&h);
	CU_ASSERT_FALSE(sp_hours_next_open(&h, 2, 8 * 60, &day, &min));
}

static void
test_london_time_across_clock_change(void)
{
	double t;
	int day, min;

	/* 1 April 2025, 08:30Z is 09:30 BST (Tuesday). */
	CU_ASSERT_TRUE_FATAL(sp_parse_utc("2025-04-01T08:30:00Z", &t));
	CU_ASSERT_EQUAL(sp_london_time(t, &day, &min), SP_OK);
	CU_ASSERT_EQUAL(day, 2);
	CU_ASSERT_EQUAL(min, 9 * 60 + 30);
	/* 23 November 2026, 10:00Z is 10:00 GMT (Monday). */
	CU_ASSERT_EQUAL(sp_london_time(TEST_MONDAY_10AM, &day, &min), SP_OK);
	CU_ASSERT_EQUAL(day, 1);
	CU_ASSERT_EQUAL(min, 10 * 60);
	CU_ASSERT_FALSE(sp_parse_utc("2025-13-01T00:00Z", &t));
	CU_ASSERT_FALSE(sp_parse_utc("yesterday", &t));
}

static void
test_localised_table(void)
{
	struct sp_hours_fmt *fmt = NULL;
	struct sp_hours h;
	struct sp_hours_table table;

	CU_ASSERT_EQUAL_FATAL(sp_hours_fmt_new(&fmt, "en_GB"), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Thu 10:00-20:30; Fri 10:00-16:30", &h, NULL), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_hours_fmt_table(fmt, &h, &table), SP_OK);
	CU_ASSERT_EQUAL_FATAL(table.count, 2);
	CU_ASSERT_STRING_EQUAL(table.rows[0].days, "Mon\u2013Thu");
	CU_ASSERT_STRING_EQUAL(table.rows[0].spans, "10:00\u201320:30");
	CU_ASSERT_STRING_EQUAL(table.rows[1].days, "Fri");
	sp_hours_table_clear(&table);
	sp_hours_clear(&h);
	sp_hours_fmt_free(fmt);
	/* Polish day names come from ICU, not from us. */
	CU_ASSERT_EQUAL_FATAL(sp_hours_fmt_new(&fmt, "pl"), SP_OK);
	CU_ASSERT_STRING_EQUAL(sp_hours_fmt_day(fmt, 1), "pon.");
	sp_hours_fmt_free(fmt);
}

static const CU_TestInfo tests[] = {
	{ "24/7 covers every minute", test_parse_always },
	{ "Galop's hours: open and closed at the edges", test_parse_galop_hours },
	{ "day lists and ranges that wrap the week", test_parse_lists_and_wrapping_ranges },
	{ "a span past midnight spills into the next day", test_overnight_spills_into_next_day },
	{ "malformed hours are refused with a column", test_parse_errors_say_where },
	{ "the next opening is found across the weekend", test_next_open },
	{ "London time follows the clock change", test_london_time_across_clock_change },
	{ "the hours table groups days, in the UI language", test_localised_table },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_hours(void)
{
	return test_add_suite("hours", NULL, NULL, tests);
}

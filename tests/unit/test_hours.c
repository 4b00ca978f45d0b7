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

	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Thu 10:00-20:30; Fri 10:00-16:30", &h, NULL),
	                      SP_OK);
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

	CU_ASSERT_EQUAL_FATAL(
	        sp_hours_parse("Mon,Tue,Thu,Fri 09:30-16:00; Wed 13:00-16:00", &h, NULL), SP_OK);
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
	const char *bad[] = { "",
		              "Mon",
		              "Mon 9:00-17:00",
		              "Mon 09:00-25:00",
		              "Mon 09:00-09:00",
		              "Monday 09:00-17:00",
		              "Mon 09:00-17:00;Tue 09:00-17:00",
		              "Mon 09:00-17:00 ",
		              NULL };

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
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Thu 10:00-20:30; Fri 10:00-16:30", &h, NULL),
	                      SP_OK);
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

/* Issue 17: public holidays. Day numbers of the dates used below. */
static long
day_of(const char *iso)
{
	long d = 0;

	CU_ASSERT_TRUE(sp_parse_date(iso, &d));
	return d;
}

static void
test_dates_and_weekdays(void)
{
	long d;

	CU_ASSERT_EQUAL(sp_days_from_civil(1970, 1, 1), 0);
	CU_ASSERT_EQUAL(sp_weekday_of(0), 4); /* a Thursday */
	CU_ASSERT_TRUE_FATAL(sp_parse_date("2026-12-25", &d));
	CU_ASSERT_EQUAL(sp_weekday_of(d), 5); /* Christmas Day 2026 is a Friday */
	CU_ASSERT_TRUE_FATAL(sp_parse_date("2028-02-29", &d));
	CU_ASSERT_EQUAL(sp_weekday_of(d), 2);
	CU_ASSERT_FALSE(sp_parse_date("2027-02-29", &d)); /* not a leap year */
	CU_ASSERT_FALSE(sp_parse_date("2026-04-31", &d));
	CU_ASSERT_FALSE(sp_parse_date("2026-13-01", &d));
	CU_ASSERT_FALSE(sp_parse_date("2026-1-01", &d));
	CU_ASSERT_FALSE(sp_parse_date("2026-01-01 ", &d));
	CU_ASSERT_FALSE(sp_parse_date("", &d));
}

static void
test_holiday_list(void)
{
	struct sp_holidays h = { 0 };

	CU_ASSERT_EQUAL(sp_holidays_add(&h, day_of("2026-12-28")), SP_OK);
	CU_ASSERT_EQUAL(sp_holidays_add(&h, day_of("2026-12-25")), SP_OK);
	CU_ASSERT_EQUAL(sp_holidays_add(&h, day_of("2027-01-01")), SP_OK);
	CU_ASSERT_EQUAL(sp_holidays_add(&h, day_of("2026-12-25")), SP_ERR_DATA); /* twice */
	CU_ASSERT_EQUAL(h.count, 3);
	CU_ASSERT_TRUE(h.dates[0] < h.dates[1] && h.dates[1] < h.dates[2]);
	CU_ASSERT_TRUE(sp_holidays_has(&h, day_of("2026-12-28")));
	CU_ASSERT_FALSE(sp_holidays_has(&h, day_of("2026-12-26")));
	CU_ASSERT_FALSE(sp_holidays_has(NULL, day_of("2026-12-25")));
	sp_holidays_clear(&h);
}

static void
test_parse_public_holiday_rules(void)
{
	struct sp_hours h;
	char *why = NULL;

	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Fri 09:00-17:00; PH off", &h, NULL), SP_OK);
	CU_ASSERT_TRUE(h.ph_rule);
	CU_ASSERT_EQUAL(h.ph_count, 0);
	CU_ASSERT_EQUAL(h.count, 5);
	sp_hours_clear(&h);
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("PH 24h", &h, NULL), SP_OK);
	CU_ASSERT_TRUE(h.ph_rule);
	CU_ASSERT_EQUAL(h.ph_count, 1);
	CU_ASSERT_EQUAL(h.count, 0);
	sp_hours_clear(&h);
	CU_ASSERT_EQUAL_FATAL(
	        sp_hours_parse("Mon-Fri 17:00-09:00; Sat,Sun 24h; PH 10:00-14:00", &h, NULL),
	        SP_OK);
	CU_ASSERT_EQUAL(h.ph_count, 1);
	CU_ASSERT_EQUAL(h.ph_slots[0].open_min, 600);
	CU_ASSERT_EQUAL(h.ph_slots[0].close_min, 840);
	CU_ASSERT_FALSE(sp_hours_is_always(&h));
	sp_hours_clear(&h);
	/* Without a PH rule nothing is said about holidays. */
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Fri 09:00-17:00", &h, NULL), SP_OK);
	CU_ASSERT_FALSE(h.ph_rule);
	sp_hours_clear(&h);
	/* PH is a day of its own, never part of a range, and named once. */
	CU_ASSERT_EQUAL(sp_hours_parse("PH-Mon 09:00-17:00", &h, &why), SP_ERR_DATA);
	CU_ASSERT_PTR_NOT_NULL(why);
	free(why);
	CU_ASSERT_EQUAL(sp_hours_parse("Fri-PH 09:00-17:00", &h, NULL), SP_ERR_DATA);
	CU_ASSERT_EQUAL(sp_hours_parse("PH off; PH 24h", &h, NULL), SP_ERR_DATA);
	CU_ASSERT_EQUAL(sp_hours_parse("PH of", &h, NULL), SP_ERR_DATA);
	CU_ASSERT_EQUAL(sp_hours_parse("PH", &h, NULL), SP_ERR_DATA);
}

static void
test_public_holidays_decide_open_now(void)
{
	struct sp_holidays hol = { 0 };
	struct sp_hours office, office_ph, edt, always, evenings;
	struct sp_hours_now now;
	long xmas = day_of("2026-12-25"), boxing = day_of("2026-12-28"), mon = day_of("2026-11-23");
	long easter_mon = day_of("2027-03-29");

	CU_ASSERT_EQUAL(sp_holidays_add(&hol, xmas), SP_OK);
	CU_ASSERT_EQUAL(sp_holidays_add(&hol, boxing), SP_OK);
	CU_ASSERT_EQUAL(sp_holidays_add(&hol, easter_mon), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Fri 09:00-17:00", &office, NULL), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Fri 09:00-17:00; PH off", &office_ph, NULL),
	                      SP_OK);
	CU_ASSERT_EQUAL_FATAL(
	        sp_hours_parse("Mon-Fri 00:00-09:00, 17:00-24:00; Sat,Sun 24h; PH 24h", &edt, NULL),
	        SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("24/7", &always, NULL), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Thu 20:00-02:00", &evenings, NULL), SP_OK);

	/* An ordinary Monday morning: office lines open, the out-of-hours team not. */
	sp_hours_state_at(&office_ph, &hol, mon, 10 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_OPEN);
	sp_hours_state_at(&edt, &hol, mon, 10 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_CLOSED);
	CU_ASSERT_TRUE(now.has_next_open);
	CU_ASSERT_EQUAL(now.next_day, 1);
	CU_ASSERT_EQUAL(now.next_min, 17 * 60);

	/* Christmas Day 2026 (a Friday), 10:00. */
	sp_hours_state_at(&office_ph, &hol, xmas, 10 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_CLOSED);
	/* Closed on Christmas Day, and Monday 28th is the Boxing Day holiday: Tuesday 09:00. */
	CU_ASSERT_TRUE(now.has_next_open);
	CU_ASSERT_EQUAL(now.next_date, day_of("2026-12-29"));
	CU_ASSERT_EQUAL(now.next_day, 2);
	CU_ASSERT_EQUAL(now.next_min, 9 * 60);
	sp_hours_state_at(&edt, &hol, xmas, 10 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_OPEN);
	sp_hours_state_at(&always, &hol, xmas, 10 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_OPEN);
	/* Hours that say nothing about holidays: never claimed open, nor closed. */
	sp_hours_state_at(&office, &hol, xmas, 10 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_UNKNOWN);
	CU_ASSERT_FALSE(now.has_next_open);
	/* The evening before, such a line's next opening is not promised across the holiday. */
	sp_hours_state_at(&office, &hol, xmas - 1, 18 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_CLOSED);
	CU_ASSERT_FALSE(now.has_next_open);
	/* A Thursday-evening span runs on past midnight into Christmas Day: it is Thursday's. */
	sp_hours_state_at(&evenings, &hol, xmas, 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_OPEN);
	sp_hours_clear(&evenings);
	/* A Friday-evening span, on a Friday that is a holiday, is not known to run into Saturday. */
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Fri 20:00-02:00", &evenings, NULL), SP_OK);
	sp_hours_state_at(&evenings, &hol, xmas + 1, 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_UNKNOWN);
	sp_hours_state_at(&evenings, &hol, xmas + 1, 3 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_CLOSED);

	/* Easter Monday 2027: office closed, out-of-hours open all day. */
	sp_hours_state_at(&office_ph, &hol, easter_mon, 12 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_CLOSED);
	sp_hours_state_at(&edt, &hol, easter_mon, 12 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_OPEN);
	/* No holiday data: the weekday hours apply as before. */
	sp_hours_state_at(&office, NULL, xmas, 10 * 60, &now);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_OPEN);

	sp_hours_clear(&office);
	sp_hours_clear(&office_ph);
	sp_hours_clear(&edt);
	sp_hours_clear(&always);
	sp_hours_clear(&evenings);
	sp_holidays_clear(&hol);
}

static void
test_public_holiday_in_london_time(void)
{
	struct sp_holidays hol = { 0 };
	struct sp_hours office_ph;
	struct sp_hours_now now;
	double t;
	long date;
	int day, min;

	/* 2027-03-29 00:30 BST is still 23:30Z on the 28th: the date is London's. */
	CU_ASSERT_TRUE_FATAL(sp_parse_utc("2027-03-28T23:30:00Z", &t));
	CU_ASSERT_EQUAL(sp_london_date(t, &date, &day, &min), SP_OK);
	CU_ASSERT_EQUAL(date, day_of("2027-03-29"));
	CU_ASSERT_EQUAL(day, 1);
	CU_ASSERT_EQUAL(min, 30);
	CU_ASSERT_EQUAL(sp_holidays_add(&hol, day_of("2027-03-29")), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_hours_parse("Mon-Fri 09:00-17:00; PH off", &office_ph, NULL),
	                      SP_OK);
	CU_ASSERT_TRUE_FATAL(sp_parse_utc("2027-03-29T09:00:00Z", &t)); /* 10:00 BST */
	CU_ASSERT_EQUAL(sp_hours_state_utc(&office_ph, &hol, t, &now), SP_OK);
	CU_ASSERT_EQUAL(now.state, SP_HOURS_CLOSED);
	sp_hours_clear(&office_ph);
	sp_holidays_clear(&hol);
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
	{ "calendar dates: real days only, and their weekdays", test_dates_and_weekdays },
	{ "the holiday list stays sorted and refuses a date twice", test_holiday_list },
	{ "PH rules: PH off, PH 24h, PH hours; PH alone", test_parse_public_holiday_rules },
	{ "Christmas Day and Easter Monday: PH rules decide, silence is unknown",
	  test_public_holidays_decide_open_now },
	{ "a holiday is London's date, not UTC's", test_public_holiday_in_london_time },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_hours(void)
{
	return test_add_suite("hours", NULL, NULL, tests);
}

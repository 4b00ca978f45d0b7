#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/policy.h"
#include "fixture.h"
#include "suites.h"

/* A Sunday evening, 21:00 in London (GMT). */
#define TEST_SUNDAY_9PM 1795208400000.0 /* 2026-11-22T21:00:00Z */

static void
search_all(double now_ms, struct sp_service_list *list)
{
	struct sp_query q = { .area = SP_AREA_NONE, .now_ms = now_ms };

	CU_ASSERT_FATAL(sp_directory_search(fixture_directory(), &q, list) == SP_OK);
}

static void
test_callers_order_round_the_clock_then_open_then_later(void)
{
	struct sp_service_list list = { 0 };
	enum sp_call_group last = SP_CALL_ALWAYS;

	search_all(TEST_SUNDAY_9PM, &list);
	sp_policy_sort_for_callers(&list);
	CU_ASSERT_FATAL(list.count > 5);
	CU_ASSERT_EQUAL(sp_policy_call_group(&list.items[0]), SP_CALL_ALWAYS);
	for (size_t i = 0; i < list.count; i++) {
		enum sp_call_group g = sp_policy_call_group(&list.items[i]);

		CU_ASSERT(g >= last);
		last = g;
	}
	/* Among the round-the-clock lines, those for everyone come first. */
	CU_ASSERT_EQUAL(list.items[0].profiles, 0);
	sp_service_list_clear(&list);
}

static void
test_keep_phones_and_one_entry_per_number(void)
{
	struct sp_service_list list = { 0 };
	size_t before;

	search_all(TEST_MONDAY_10AM, &list);
	before = list.count;
	sp_policy_keep_phones(&list);
	CU_ASSERT(list.count < before);
	for (size_t i = 0; i < list.count; i++)
		CU_ASSERT_NOT_EQUAL(sp_policy_call_group(&list.items[i]), SP_CALL_NONE);
	CU_ASSERT_TRUE(fixture_list_has(&list, "national-da-helpline"));
	sp_policy_drop_repeated_numbers(&list);
	for (size_t i = 0; i < list.count; i++)
		for (size_t k = 0; k < i; k++)
			CU_ASSERT_STRING_NOT_EQUAL(sp_service_main_phone(&list.items[i])->value,
			                           sp_service_main_phone(&list.items[k])->value);
	/* The first service with a number keeps it. */
	CU_ASSERT_TRUE(fixture_list_has(&list, "national-da-helpline"));
	sp_service_list_clear(&list);
}

static void
test_unknown_hours_come_before_closed_lines(void)
{
	struct sp_service_list list = { 0 };
	bool seen_later = false;

	search_all(TEST_SUNDAY_9PM, &list);
	sp_policy_keep_phones(&list);
	sp_policy_sort_for_callers(&list);
	for (size_t i = 0; i < list.count; i++) {
		enum sp_call_group g = sp_policy_call_group(&list.items[i]);

		seen_later |= g == SP_CALL_LATER;
		CU_ASSERT(!(seen_later && g == SP_CALL_UNKNOWN));
	}
	sp_service_list_clear(&list);
}

static void
test_keep_general_and_drop_listed(void)
{
	struct sp_service_list all = { 0 }, general = { 0 };

	search_all(TEST_MONDAY_10AM, &all);
	search_all(TEST_MONDAY_10AM, &general);
	sp_policy_keep_general(&general);
	CU_ASSERT(general.count > 0 && general.count < all.count);
	for (size_t i = 0; i < general.count; i++)
		CU_ASSERT_EQUAL(general.items[i].profiles, 0);
	CU_ASSERT_FALSE(fixture_list_has(&general, "mens-advice-line"));
	sp_policy_drop_listed(&all, &general);
	for (size_t i = 0; i < all.count; i++)
		CU_ASSERT_NOT_EQUAL(all.items[i].profiles, 0);
	sp_service_list_clear(&all);
	sp_service_list_clear(&general);
}

static void
test_sort_is_stable(void)
{
	struct sp_service_list a = { 0 }, b = { 0 };

	search_all(TEST_MONDAY_10AM, &a);
	search_all(TEST_MONDAY_10AM, &b);
	sp_policy_sort_for_callers(&a);
	sp_policy_sort_for_callers(&b);
	sp_policy_sort_for_callers(&b);
	CU_ASSERT_EQUAL_FATAL(a.count, b.count);
	for (size_t i = 0; i < a.count; i++)
		CU_ASSERT_STRING_EQUAL(a.items[i].id, b.items[i].id);
	sp_service_list_clear(&a);
	sp_service_list_clear(&b);
}

static void
test_person_order_puts_lines_to_ring_first(void)
{
	for (unsigned p = 0; p < SP_PROFILE_COUNT; p++) {
		struct sp_query q = { .profiles = 1u << p,
			              .area = SP_AREA_NONE,
			              .now_ms = TEST_MONDAY_10AM };
		struct sp_service_list list = { 0 };
		enum sp_reach last = SP_REACH_CALL_NOW;

		CU_ASSERT_FATAL(sp_directory_search(fixture_directory(), &q, &list) == SP_OK);
		sp_policy_sort_for_person(&list);
		for (size_t i = 0; i < list.count; i++) {
			enum sp_reach r = sp_policy_reach(&list.items[i]);

			CU_ASSERT(r >= last);
			last = r;
		}
		/* Every profile leads first to a line a person may ring themselves. */
		CU_ASSERT(list.count > 0 && sp_policy_reach(&list.items[0]) <= SP_REACH_CALL);
		sp_service_list_clear(&list);
	}
}

static void
test_reach_of_known_services(void)
{
	struct sp_service s;

	CU_ASSERT_FATAL(sp_directory_get(fixture_directory(), "national-da-helpline", false,
	                                 TEST_MONDAY_10AM, &s) == SP_OK);
	CU_ASSERT_EQUAL(sp_policy_reach(&s), SP_REACH_CALL_NOW);
	CU_ASSERT_TRUE(sp_policy_self_referral(&s));
	sp_service_clear(&s);
	CU_ASSERT_FATAL(sp_directory_get(fixture_directory(), "idva-a8", false, TEST_MONDAY_10AM,
	                                 &s) == SP_OK);
	CU_ASSERT_EQUAL(sp_policy_reach(&s), SP_REACH_REFERRAL);
	sp_service_clear(&s);
}

static const CU_TestInfo tests[] = {
	{ "a person's order: lines to ring first, referrals last",
	  test_person_order_puts_lines_to_ring_first },
	{ "how directly a person reaches a service", test_reach_of_known_services },
	{ "callers: round the clock, then open now, then later",
	  test_callers_order_round_the_clock_then_open_then_later },
	{ "phones only, one entry per number", test_keep_phones_and_one_entry_per_number },
	{ "hours unknown come before lines closed now",
	  test_unknown_hours_come_before_closed_lines },
	{ "for everyone, and dropping what was listed", test_keep_general_and_drop_listed },
	{ "the callers' order is stable", test_sort_is_stable },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_policy(void)
{
	return test_add_suite("policy", NULL, NULL, tests);
}

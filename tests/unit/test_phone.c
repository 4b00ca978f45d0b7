#include "config.h"

#include <stdio.h>

#include "admin/phone.h"
#include "suites.h"

static void
test_valid_uk_numbers(void)
{
	const char *ok[] = { "999",
		             "101",
		             "111",
		             "116 123",
		             "0808 2000 247",
		             "0800 999 5428",
		             "0808 801 0327",
		             "01480 847718",
		             "0345 045 5203",
		             "08 08 16 89 111",
		             "0800 1111",
		             "01733 864180",
		             "020 7251 6575",
		             "0300 373 1073",
		             NULL };

	for (int i = 0; ok[i]; i++)
		CU_ASSERT_PTR_NULL(sp_phone_check_uk(ok[i]));
}

static void
test_invalid_numbers(void)
{
	const char *bad[] = { "",
		              "0808 2000 24",
		              "0808  2000 247",
		              " 0808 2000 247",
		              "+44 808 2000 247",
		              "0808-2000-247",
		              "1234",
		              "0808 2000 2477 1",
		              "0412 345678",
		              "0808 2000 247 ",
		              NULL };

	for (int i = 0; bad[i]; i++)
		CU_ASSERT_PTR_NOT_NULL(sp_phone_check_uk(bad[i]));
}

static void
test_withdrawn_rates(void)
{
	CU_ASSERT_TRUE(sp_phone_is_withdrawn_rate("0845 045 5203"));
	CU_ASSERT_TRUE(sp_phone_is_withdrawn_rate("0870 123 4567"));
	CU_ASSERT_FALSE(sp_phone_is_withdrawn_rate("0345 045 5203"));
	CU_ASSERT_FALSE(sp_phone_is_withdrawn_rate("0808 2000 247"));
}

/* Issue 17: where each number sits in the UK numbering plan. */
static void
test_numbering_plan_kinds(void)
{
	static const struct {
		const char *number;
		enum sp_phone_kind kind;
		int refused; /* on a public line of an active service */
	} cases[] = {
		{ "999", SP_PHONE_SHORT, 0 },
		{ "101", SP_PHONE_SHORT, 0 },
		{ "111", SP_PHONE_SHORT, 0 },
		{ "0800 1111", SP_PHONE_SHORT, 0 },
		{ "116 123", SP_PHONE_HARMONISED, 0 },
		{ "01223 460947", SP_PHONE_GEOGRAPHIC, 0 },
		{ "01733 234724", SP_PHONE_GEOGRAPHIC, 0 },
		{ "0121 496 0000", SP_PHONE_GEOGRAPHIC, 0 },
		{ "0113 496 0000", SP_PHONE_GEOGRAPHIC, 0 },
		{ "020 7008 0151", SP_PHONE_GEOGRAPHIC, 0 },
		{ "029 2018 0000", SP_PHONE_GEOGRAPHIC, 0 },
		{ "0171 123 4567", SP_PHONE_BAD_AREA, 1 }, /* London's code until 2000 */
		{ "0181 123 4567", SP_PHONE_BAD_AREA, 1 },
		{ "0101 123 4567", SP_PHONE_BAD_AREA, 1 },
		{ "0119 123 4567", SP_PHONE_BAD_AREA, 1 },
		{ "021 1234 5678", SP_PHONE_BAD_AREA, 1 },
		{ "025 1234 5678", SP_PHONE_BAD_AREA, 1 },
		{ "0345 045 5203", SP_PHONE_NON_GEO_03, 0 },
		{ "0300 1234 999", SP_PHONE_NON_GEO_03, 0 },
		{ "0808 2000 247", SP_PHONE_FREEPHONE, 0 },
		{ "0800 999 5428", SP_PHONE_FREEPHONE, 0 },
		{ "08 08 16 89 111", SP_PHONE_FREEPHONE, 0 },
		{ "07700 900123", SP_PHONE_MOBILE, 0 },
		{ "070 1234 5678", SP_PHONE_PERSONAL, 1 },
		{ "076 1234 5678", SP_PHONE_PAGER, 1 },
		{ "0845 045 5203", SP_PHONE_SPECIAL_084, 1 },
		{ "0844 123 4567", SP_PHONE_SPECIAL_084, 1 },
		{ "0870 123 4567", SP_PHONE_SPECIAL_087, 1 },
		{ "0871 123 4567", SP_PHONE_SPECIAL_087, 1 },
		{ "0909 123 4567", SP_PHONE_PREMIUM, 1 },
		{ "0560 123 4567", SP_PHONE_CORPORATE, 0 },
		{ "0820 123 4567", SP_PHONE_OTHER, 1 },
		{ "0808 2000 24", SP_PHONE_INVALID, 1 },
		{ "+44 808 2000 247", SP_PHONE_INVALID, 1 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum sp_phone_kind kind = sp_phone_kind(cases[i].number);
		const char *why = sp_phone_refused_reason(cases[i].number);

		if (kind != cases[i].kind)
			fprintf(stderr, "\n  %s: kind %d, expected %d", cases[i].number, (int) kind,
			        (int) cases[i].kind);
		CU_ASSERT_EQUAL(kind, cases[i].kind);
		CU_ASSERT_EQUAL(why != NULL, cases[i].refused);
	}
	/* An unknown area code is a format error wherever the number is used. */
	CU_ASSERT_PTR_NOT_NULL(sp_phone_check_uk("0171 123 4567"));
	CU_ASSERT_STRING_EQUAL(sp_phone_check_uk("0171 123 4567"), "no such geographic area code");
}

static const CU_TestInfo tests[] = {
	{ "the directory's numbers are valid UK numbers", test_valid_uk_numbers },
	{ "short, long, spaced and punctuated numbers are refused", test_invalid_numbers },
	{ "0845 and 0870 numbers are withdrawn rates", test_withdrawn_rates },
	{ "the numbering plan: each kind of number, and which are refused",
	  test_numbering_plan_kinds },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_phone(void)
{
	return test_add_suite("phone", NULL, NULL, tests);
}

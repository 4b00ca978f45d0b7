#include "config.h"

#include "admin/phone.h"
#include "suites.h"

static void
test_valid_uk_numbers(void)
{
	const char *ok[] = { "999", "101", "111", "116 123", "0808 2000 247", "0800 999 5428",
		"0808 801 0327", "01480 847718", "0345 045 5203", "08 08 16 89 111", "0800 1111",
		"01733 864180", "020 7251 6575", "0300 373 1073", NULL };

	for (int i = 0; ok[i]; i++)
		CU_ASSERT_PTR_NULL(sp_phone_check_uk(ok[i]));
}

static void
test_invalid_numbers(void)
{
	const char *bad[] = { "", "0808 2000 24", "0808  2000 247", " 0808 2000 247", "+44 808 2000 247",
		"0808-2000-247", "1234", "0808 2000 2477 1", "0412 345678", "0808 2000 247 ", NULL };

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

static const CU_TestInfo tests[] = {
	{ "the directory's numbers are valid UK numbers", test_valid_uk_numbers },
	{ "short, long, spaced and punctuated numbers are refused", test_invalid_numbers },
	{ "0845 and 0870 numbers are withdrawn rates", test_withdrawn_rates },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_phone(void)
{
	return test_add_suite("phone", NULL, NULL, tests);
}

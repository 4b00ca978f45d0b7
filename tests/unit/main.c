/* Runs every CUnit suite. The exit status is the number of failed assertions and tests, so a
 * failing assertion fails `make check` (CU_get_error() would only report framework errors). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <locale.h>

#include <CUnit/Basic.h>

#include "suites.h"

CU_ErrorCode
test_add_suite(const char *name, CU_InitializeFunc init, CU_CleanupFunc cleanup,
               const CU_TestInfo *tests)
{
	CU_pSuite suite = CU_add_suite(name, init, cleanup);

	if (!suite)
		return CU_get_error();
	for (; tests->pName; tests++)
		if (!CU_add_test(suite, tests->pName, tests->pTestFunc))
			return CU_get_error();
	return CUE_SUCCESS;
}

int
main(int argc, char **argv)
{
	unsigned failures;

	/* Display widths are measured as ncursesw measures them, in a UTF-8 locale. */
	setlocale(LC_CTYPE, "C.UTF-8");
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
#define SP_TEST_REGISTER(name) \
	if (test_register_##name() != CUE_SUCCESS) { \
		fprintf(stderr, "cannot register suite %s: %s\n", #name, CU_get_error_msg()); \
		CU_cleanup_registry(); \
		return 1; \
	}
	SP_TEST_SUITES(SP_TEST_REGISTER)
#undef SP_TEST_REGISTER
	CU_basic_set_mode(argc > 1 && !strcmp(argv[1], "-v") ? CU_BRM_VERBOSE : CU_BRM_NORMAL);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed() +
	           CU_get_number_of_suites_failed();
	printf("\n%u passed, %u failed\n",
	       CU_get_number_of_tests_run() - CU_get_number_of_tests_failed(),
	       CU_get_number_of_tests_failed());
	CU_cleanup_registry();
	return failures > 255 ? 255 : (int) failures;
}

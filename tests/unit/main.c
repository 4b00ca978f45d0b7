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

/* Whether the command line names a suite after --skip. */
static int
skipped(int argc, char **argv, const char *suite)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--skip") && !strcmp(argv[i + 1], suite))
			return 1;
	return 0;
}

/* run-unit-tests [-v] [--skip SUITE]...: every suite, less those skipped (valgrind skips the
 * builder's, which builds whole directories again and again). */
int
main(int argc, char **argv)
{
	unsigned failures;
	int verbose = 0;

	/* Display widths are measured as ncursesw measures them, in a UTF-8 locale. */
	setlocale(LC_CTYPE, "C.UTF-8");
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	for (int i = 1; i < argc; i++)
		verbose |= !strcmp(argv[i], "-v");
#define SP_TEST_REGISTER(name) \
	if (!skipped(argc, argv, #name) && test_register_##name() != CUE_SUCCESS) { \
		fprintf(stderr, "cannot register suite %s: %s\n", #name, CU_get_error_msg()); \
		CU_cleanup_registry(); \
		return 1; \
	}
	SP_TEST_SUITES(SP_TEST_REGISTER)
#undef SP_TEST_REGISTER
	CU_basic_set_mode(verbose ? CU_BRM_VERBOSE : CU_BRM_NORMAL);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed() +
	           CU_get_number_of_suites_failed();
	printf("\n%u passed, %u failed\n",
	       CU_get_number_of_tests_run() - CU_get_number_of_tests_failed(),
	       CU_get_number_of_tests_failed());
	CU_cleanup_registry();
	return failures > 255 ? 255 : (int) failures;
}

#ifndef SIGNPOST_TEST_SUITES_H
#define SIGNPOST_TEST_SUITES_H

#include <CUnit/CUnit.h>

/* One registration function per module's suite (tests/unit/test_<module>.c). */
/* clang-format off */
#define SP_TEST_SUITES(_) \
	_(mem) _(taxonomy) _(fold) _(hours) _(i18n) _(csvfile) _(phone) _(origin) _(build) _(check) _(diff) _(directory) \
	_(search) _(policy) _(describe) _(output) _(cli) _(textwrap) _(settings) _(sandbox) _(kiosk_exit) _(tui) _(update) _(oom)
/* clang-format on */

#define SP_TEST_DECLARE(name) CU_ErrorCode test_register_##name(void);
SP_TEST_SUITES(SP_TEST_DECLARE)
#undef SP_TEST_DECLARE

/* Adds a suite with its tests from a { name, fn } array ending in { NULL, NULL }. */
CU_ErrorCode test_add_suite(const char *name, CU_InitializeFunc init, CU_CleanupFunc cleanup,
                            const CU_TestInfo *tests);

#endif

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "core/mem.h"
#include "suites.h"

static struct sp_fold *fold;

static int
setup(void)
{
	return sp_fold_new(&fold) == SP_OK ? 0 : 1;
}

static int
teardown(void)
{
	sp_fold_free(fold);
	return 0;
}

static void
assert_fold(const char *in, const char *want)
{
	char *out = NULL;

	CU_ASSERT_EQUAL_FATAL(sp_fold_utf8(fold, in, &out), SP_OK);
	CU_ASSERT_STRING_EQUAL(out, want);
	free(out);
}

static void
test_case_accents_and_apostrophes(void)
{
	assert_fold("Men’s Advice Line", "mens advice line");
	assert_fold("MEN'S", "mens");
	assert_fold("Łódź ŹRÓDŁO", "lodz zrodlo");
	assert_fold("Straße Ærø", "strasse aero");
	assert_fold("žena", "zena");
}

static void
test_punctuation_becomes_space(void)
{
	assert_fold("24-hour", "24 hour");
	assert_fold("  (LGBT+)  helpline!! ", "lgbt helpline");
	assert_fold("...", "");
}

static void
test_control_and_invalid_bytes_are_spaces(void)
{
	assert_fold("a\x01\x1b[2Jb", "a 2jb");
	assert_fold("x\xff\xfey", "x y");
}

static void
test_other_scripts_keep_letters_and_marks(void)
{
	assert_fold("مَرْكَز", "مركز");
	assert_fold("কেন্দ্র", "কেন্দ্র");
}

static void
test_fts_query_quotes_every_term(void)
{
	char *q = NULL;

	CU_ASSERT_EQUAL(sp_fold_fts_query(fold, "\"AND OR NOT* NEAR(", &q), SP_OK);
	CU_ASSERT_STRING_EQUAL(q, "\"and\"* \"or\"* \"not\"* \"near\"*");
	free(q);
	CU_ASSERT_EQUAL(sp_fold_fts_query(fold, "men's advice", &q), SP_OK);
	CU_ASSERT_STRING_EQUAL(q, "\"mens\"* \"advice\"*");
	free(q);
}

static void
test_fts_query_of_nothing_is_null(void)
{
	char *q = (char *) 1;

	CU_ASSERT_EQUAL(sp_fold_fts_query(fold, " - ' \" ", &q), SP_OK);
	CU_ASSERT_PTR_NULL(q);
}

static void
test_fts_query_caps_terms(void)
{
	char text[4 * 100 + 1], *q = NULL;
	size_t quotes = 0;

	for (int i = 0; i < 100; i++)
		memcpy(text + i * 4, "ab  ", 4);
	text[400] = '\0';
	CU_ASSERT_EQUAL(sp_fold_fts_query(fold, text, &q), SP_OK);
	for (char *p = q; p && *p; p++)
		quotes += *p == '"';
	CU_ASSERT_EQUAL(quotes, 2 * SP_FOLD_MAX_TERMS);
	free(q);
}

static void
test_megabyte_query(void)
{
	size_t n = 1024 * 1024;
	char *text = malloc(n + 1), *out = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	memset(text, 'x', n);
	text[n] = '\0';
	CU_ASSERT_EQUAL(sp_fold_utf8(fold, text, &out), SP_OK);
	CU_ASSERT_EQUAL(out ? strlen(out) : 0, n);
	free(out);
	free(text);
}

static void
test_out_of_memory_is_reported(void)
{
	char *out = NULL;
	enum sp_status rc;

	sp_mem_fail_after(0);
	rc = sp_fold_utf8(fold, "Galop", &out);
	sp_mem_fail_after(-1);
	CU_ASSERT_EQUAL(rc, SP_ERR_NOMEM);
	CU_ASSERT_PTR_NULL(out);
}

static const CU_TestInfo tests[] = {
	{ "case, accents and apostrophes fold away", test_case_accents_and_apostrophes },
	{ "punctuation becomes single spaces", test_punctuation_becomes_space },
	{ "control characters and invalid UTF-8 become spaces",
	  test_control_and_invalid_bytes_are_spaces },
	{ "Arabic loses harakat, Bengali keeps its marks", test_other_scripts_keep_letters_and_marks },
	{ "every FTS term is quoted, operators are words", test_fts_query_quotes_every_term },
	{ "a query of punctuation only gives no FTS query", test_fts_query_of_nothing_is_null },
	{ "a query keeps at most SP_FOLD_MAX_TERMS terms", test_fts_query_caps_terms },
	{ "a megabyte of text folds", test_megabyte_query },
	{ "running out of memory is an error, not a crash", test_out_of_memory_is_reported },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_fold(void)
{
	return test_add_suite("fold", setup, teardown, tests);
}

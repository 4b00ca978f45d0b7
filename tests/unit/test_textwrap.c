#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/textwrap.h"
#include "suites.h"

static char **
wrap_lines(const char *text, int cols, const char *locale, size_t *n)
{
	struct sp_wrap w;
	char **lines;

	CU_ASSERT_EQUAL_FATAL(sp_wrap_text(text, cols, locale, &w), SP_OK);
	lines = calloc(w.count + 1, sizeof *lines);
	for (size_t i = 0; i < w.count; i++) {
		lines[i] = strndup(text + w.lines[i].start, w.lines[i].end - w.lines[i].start);
		CU_ASSERT_TRUE(w.lines[i].width <= cols);
		CU_ASSERT_EQUAL(w.lines[i].width, sp_text_width(lines[i], strlen(lines[i])));
	}
	*n = w.count;
	sp_wrap_clear(&w);
	return lines;
}

static void
free_lines(char **lines)
{
	for (char **p = lines; *p; p++)
		free(*p);
	free(lines);
}

static void
test_width_counts_columns_not_bytes(void)
{
	CU_ASSERT_EQUAL(sp_text_width("Łódź", strlen("Łódź")), 4);
	CU_ASSERT_EQUAL(sp_text_width("0808\u00a02000", strlen("0808\u00a02000")), 9);
	CU_ASSERT_EQUAL(sp_text_width("e\u0301", 3), 1); /* e + combining acute */
	CU_ASSERT_EQUAL(sp_text_width("\u4e2d", 3), 2);  /* a wide CJK character */
}

static void
test_polish_wraps_at_words(void)
{
	size_t n;
	char **l =
	        wrap_lines("Jeśli grozi Ci bezpośrednie niebezpieczeństwo, zadzwoń pod numer 999.",
	                   24, "pl", &n);

	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_STRING_EQUAL(l[0], "Jeśli grozi Ci");
	CU_ASSERT_STRING_EQUAL(l[3], "zadzwoń pod numer 999.");
	free_lines(l);
}

static void
test_phone_number_stays_whole(void)
{
	char *whole = sp_text_keep_whole("0808 2000 247");
	char *text = malloc(strlen(whole) + 64);
	size_t n;
	char **l;
	int found = 0;

	sprintf(text, "Call the helpline free on %s at any time", whole);
	for (int cols = 14; cols <= 40; cols++) {
		l = wrap_lines(text, cols, "en_GB", &n);
		found = 0;
		for (size_t i = 0; i < n; i++)
			found |= strstr(l[i], whole) != NULL;
		CU_ASSERT_TRUE(found);
		free_lines(l);
	}
	CU_ASSERT_EQUAL(sp_text_widest_unbreakable(text), 13);
	free(text);
	free(whole);
}

static void
test_hard_breaks_and_empty_lines(void)
{
	size_t n;
	char **l = wrap_lines("one\ntwo\n\nfour", 40, "en_GB", &n);

	CU_ASSERT_EQUAL_FATAL(n, 4);
	CU_ASSERT_STRING_EQUAL(l[1], "two");
	CU_ASSERT_STRING_EQUAL(l[2], "");
	free_lines(l);
	l = wrap_lines("", 10, "en_GB", &n);
	CU_ASSERT_EQUAL(n, 1);
	free_lines(l);
}

static void
test_long_word_is_cut_between_characters(void)
{
	size_t n;
	char **l = wrap_lines("Dziękujemy-za-cierpliwość-bardzo-długie-słowo", 7, "pl", &n);

	CU_ASSERT_TRUE(n >= 6);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_TRUE(sp_text_width(l[i], strlen(l[i])) <= 7);
	free_lines(l);
	/* A base letter and its combining mark are never split. */
	l = wrap_lines("e\u0301e\u0301e\u0301e\u0301", 1, "en_GB", &n);
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_STRING_EQUAL(l[0], "e\u0301");
	free_lines(l);
}

static void
test_one_column_never_loops(void)
{
	size_t n;
	char **l = wrap_lines("In immediate danger? Call 999.", 1, "en_GB", &n);

	CU_ASSERT_TRUE(n >= 20);
	free_lines(l);
}

static void
test_invalid_utf8_keeps_offsets_inside(void)
{
	/* A cut-off Polish letter (0xC5 then 'b') once pushed the line ends past the text. */
	const char text[] = "bezpo\xc5"
	                    "bezpo\xc5\x9bredni niebezpiecze\xc5\x84stwo \xff\xfe end";
	struct sp_wrap w;

	for (int cols = 1; cols < 30; cols++) {
		CU_ASSERT_EQUAL_FATAL(sp_wrap_text(text, cols, "pl", &w), SP_OK);
		for (size_t i = 0; i < w.count; i++) {
			CU_ASSERT_TRUE(w.lines[i].start <= w.lines[i].end);
			CU_ASSERT_TRUE(w.lines[i].end <= strlen(text));
		}
		CU_ASSERT_EQUAL(w.lines[w.count - 1].end, strlen(text));
		sp_wrap_clear(&w);
	}
}

static const CU_TestInfo tests[] = {
	{ "invalid UTF-8 never moves a line outside the text",
	  test_invalid_utf8_keeps_offsets_inside },
	{ "width is columns, not bytes", test_width_counts_columns_not_bytes },
	{ "Polish wraps at word boundaries", test_polish_wraps_at_words },
	{ "a phone number is never broken at any width", test_phone_number_stays_whole },
	{ "hard line breaks and empty lines", test_hard_breaks_and_empty_lines },
	{ "a word longer than the line is cut between characters",
	  test_long_word_is_cut_between_characters },
	{ "one column wraps without looping", test_one_column_never_loops },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_textwrap(void)
{
	return test_add_suite("textwrap", NULL, NULL, tests);
}

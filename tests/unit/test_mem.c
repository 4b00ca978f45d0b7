#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "suites.h"

static void
test_fail_after_counts_and_fails(void)
{
	void *a, *b;

	sp_mem_fail_after(1);
	a = sp_malloc(8);
	b = sp_malloc(8);
	CU_ASSERT_PTR_NOT_NULL(a);
	CU_ASSERT_PTR_NULL(b);
	CU_ASSERT_EQUAL(sp_mem_fail_after(-1), 2);
	free(a);
	b = sp_malloc(8);
	CU_ASSERT_PTR_NOT_NULL(b);
	free(b);
}

static void
test_reallocarray_overflow(void)
{
	CU_ASSERT_PTR_NULL(sp_reallocarray(NULL, (size_t) -1, 16));
}

static void
test_array_push_grows_geometrically(void)
{
	int *items = NULL;
	size_t count = 0;
	long reallocs;

	sp_mem_fail_after(1000);
	for (int i = 0; i < 1000; i++) {
		int *slot = sp_array_push(&items, &count, sizeof *items);

		CU_ASSERT_PTR_NOT_NULL_FATAL(slot);
		CU_ASSERT_EQUAL(*slot, 0);
		*slot = i;
	}
	reallocs = sp_mem_fail_after(-1);
	CU_ASSERT_EQUAL(count, 1000);
	/* 4, 8, ..., 1024: nine allocations for a thousand items, not a thousand. */
	CU_ASSERT(reallocs <= 10);
	for (int i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL(items[i], i);
	/* After shrinking the count, pushing still has room or grows. */
	count = 5;
	for (int i = 0; i < 20; i++)
		CU_ASSERT_PTR_NOT_NULL(sp_array_push(&items, &count, sizeof *items));
	CU_ASSERT_EQUAL(count, 25);
	free(items);
}

static void
test_array_push_out_of_memory_keeps_array(void)
{
	int *items = NULL, *slot;
	size_t count = 0;

	for (int i = 0; i < 4; i++)
		*(int *) sp_array_push(&items, &count, sizeof *items) = i;
	sp_mem_fail_after(0);
	slot = sp_array_push(&items, &count, sizeof *items);
	sp_mem_fail_after(-1);
	CU_ASSERT_PTR_NULL(slot);
	CU_ASSERT_EQUAL(count, 4);
	CU_ASSERT_EQUAL(items[3], 3);
	free(items);
}

static void
test_buf_appends_and_takes(void)
{
	struct sp_buf buf;
	char *s;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "0808 ");
	sp_buf_printf(&buf, "%d %s", 2000, "247");
	sp_buf_putc(&buf, '!');
	s = sp_buf_take(&buf);
	CU_ASSERT_STRING_EQUAL(s, "0808 2000 247!");
	CU_ASSERT_PTR_NULL(buf.data);
	free(s);
}

static void
test_buf_failure_sticks(void)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_mem_fail_after(0);
	sp_buf_puts(&buf, "lost");
	sp_mem_fail_after(-1);
	sp_buf_puts(&buf, "later");
	CU_ASSERT_TRUE(buf.failed);
	CU_ASSERT_PTR_NULL(sp_buf_take(&buf));
}

static void
test_strdup_and_asprintf(void)
{
	char *a = sp_strdup("Galop"), *b = sp_asprintf("%s %04d", "Galop", 5428);

	CU_ASSERT_STRING_EQUAL(a, "Galop");
	CU_ASSERT_STRING_EQUAL(b, "Galop 5428");
	CU_ASSERT_PTR_NULL(sp_strdup(NULL));
	free(a);
	free(b);
}

static const CU_TestInfo tests[] = {
	{ "failure injection counts and fails the n-th allocation",
	  test_fail_after_counts_and_fails },
	{ "reallocarray refuses an overflowing size", test_reallocarray_overflow },
	{ "buffer appends and hands over its string", test_buf_appends_and_takes },
	{ "a failed append makes the whole buffer fail", test_buf_failure_sticks },
	{ "strdup and asprintf copy", test_strdup_and_asprintf },
	{ "array push grows geometrically", test_array_push_grows_geometrically },
	{ "array push out of memory keeps the array", test_array_push_out_of_memory_keeps_array },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_mem(void)
{
	return test_add_suite("mem", NULL, NULL, tests);
}

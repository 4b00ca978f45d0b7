#include "config.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* Failure injection state. Only tests change it, through sp_mem_fail_after(). The budget is
 * atomic, as signpost-admin build allocates on two threads at once (src/admin/build_write.c),
 * but only read while injection is off; the count is each thread's own (a counter shared by
 * two threads that allocate millions of times was a contended cache line, issue 13). */
static atomic_long mem_budget = -1;
static _Thread_local long mem_count;

static int
mem_should_fail(void)
{
	long budget;

	mem_count++;
	budget = atomic_load_explicit(&mem_budget, memory_order_relaxed);
	while (budget > 0)
		if (atomic_compare_exchange_weak_explicit(&mem_budget, &budget, budget - 1,
		                                          memory_order_relaxed,
		                                          memory_order_relaxed))
			return 0;
	return budget == 0;
}

long
sp_mem_fail_after(long n)
{
	long made = mem_count;

	mem_count = 0;
	atomic_store(&mem_budget, n);
	return made;
}

void *
sp_malloc(size_t size)
{
	return mem_should_fail() ? NULL : malloc(size ? size : 1);
}

void *
sp_calloc(size_t count, size_t size)
{
	return mem_should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1);
}

void *
sp_realloc(void *ptr, size_t size)
{
	return mem_should_fail() ? NULL : realloc(ptr, size ? size : 1);
}

void *
sp_reallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return sp_realloc(ptr, count * size);
}

char *
sp_strndup(const char *s, size_t n)
{
	char *copy = sp_malloc(n + 1);

	if (copy) {
		memcpy(copy, s, n);
		copy[n] = '\0';
	}
	return copy;
}

static int
array_full(size_t count)
{
	/* Room is 4 from the first push, then doubles: full at 0, 4, 8, 16, ... */
	return count == 0 || (count >= 4 && (count & (count - 1)) == 0);
}

void *
sp_array_push(void *items, size_t *count, size_t size)
{
	void **array = items;
	char *slot;

	if (array_full(*count)) {
		void *grown = sp_reallocarray(*array, *count ? *count * 2 : 4, size);

		if (!grown)
			return NULL;
		*array = grown;
	}
	slot = (char *) *array + *count * size;
	memset(slot, 0, size);
	(*count)++;
	return slot;
}

/* Puts (hash, item) in the first free slot from its hash's (there is one: at most half full). */
static void
index_put(struct sp_index_slot *slot, size_t nslots, uint64_t hash, size_t item)
{
	size_t at = hash & (nslots - 1);

	while (slot[at].item)
		at = (at + 1) & (nslots - 1);
	slot[at] = (struct sp_index_slot){ hash, item + 1 };
}

bool
sp_index_add(struct sp_index *x, uint64_t hash, size_t item)
{
	if (2 * (x->count + 1) > x->nslots) {
		size_t n = x->nslots ? 2 * x->nslots : 1024;
		struct sp_index_slot *slot =
		        n > SIZE_MAX / sizeof *slot ? NULL : sp_calloc(n, sizeof *slot);

		if (!slot)
			return false;
		for (size_t i = 0; i < x->nslots; i++)
			if (x->slot[i].item)
				index_put(slot, n, x->slot[i].hash, x->slot[i].item - 1);
		free(x->slot);
		x->slot = slot;
		x->nslots = n;
	}
	index_put(x->slot, x->nslots, hash, item);
	x->count++;
	return true;
}

/* The slot at or after `at` (cyclically) holding `hash`, or NULL at the first empty one. */
static const struct sp_index_slot *
index_scan(const struct sp_index *x, size_t at, uint64_t hash)
{
	for (; x->slot[at].item; at = (at + 1) & (x->nslots - 1))
		if (x->slot[at].hash == hash)
			return &x->slot[at];
	return NULL;
}

const struct sp_index_slot *
sp_index_first(const struct sp_index *x, uint64_t hash)
{
	return x->nslots ? index_scan(x, hash & (x->nslots - 1), hash) : NULL;
}

const struct sp_index_slot *
sp_index_next(const struct sp_index *x, const struct sp_index_slot *at, uint64_t hash)
{
	return index_scan(x, ((size_t) (at - x->slot) + 1) & (x->nslots - 1), hash);
}

void
sp_index_free(struct sp_index *x)
{
	free(x->slot);
	*x = (struct sp_index){ 0 };
}

void
sp_strv_free_n(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void
sp_strv_free(char **strv)
{
	for (char **p = strv; p && *p; p++)
		free(*p);
	free(strv);
}

char *
sp_strdup(const char *s)
{
	return s ? sp_strndup(s, strlen(s)) : NULL;
}

char *
sp_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(s = sp_malloc((size_t) n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t) n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void
sp_buf_init(struct sp_buf *buf)
{
	buf->data = NULL;
	buf->len = buf->cap = 0;
	buf->failed = 0;
}

void
sp_buf_free(struct sp_buf *buf)
{
	free(buf->data);
	sp_buf_init(buf);
}

static int
buf_reserve(struct sp_buf *buf, size_t extra)
{
	size_t want, cap;
	char *grown;

	if (buf->failed)
		return 0;
	if (extra > SIZE_MAX - buf->len - 1) {
		buf->failed = 1;
		return 0;
	}
	want = buf->len + extra + 1;
	if (want <= buf->cap)
		return 1;
	cap = buf->cap ? buf->cap : 64;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	grown = sp_realloc(buf->data, cap);
	if (!grown) {
		buf->failed = 1;
		return 0;
	}
	buf->data = grown;
	buf->cap = cap;
	return 1;
}

void
sp_buf_append(struct sp_buf *buf, const char *s, size_t n)
{
	if (!buf_reserve(buf, n))
		return;
	memcpy(buf->data + buf->len, s, n);
	buf->len += n;
	buf->data[buf->len] = '\0';
}

void
sp_buf_puts(struct sp_buf *buf, const char *s)
{
	sp_buf_append(buf, s, strlen(s));
}

void
sp_buf_putc_grow(struct sp_buf *buf, char c)
{
	sp_buf_append(buf, &c, 1);
}

void
sp_buf_reserve(struct sp_buf *buf, size_t extra)
{
	if (buf_reserve(buf, extra))
		buf->data[buf->len] = '\0';
}

void
sp_buf_printf(struct sp_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_reserve(buf, (size_t) n)) {
		buf->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf->data + buf->len, (size_t) n + 1, fmt, ap);
	va_end(ap);
	buf->len += (size_t) n;
}

char *
sp_buf_take(struct sp_buf *buf)
{
	char *s;

	if (buf->failed) {
		sp_buf_free(buf);
		return NULL;
	}
	if (!buf_reserve(buf, 0)) {
		sp_buf_free(buf);
		return NULL;
	}
	s = buf->data;
	sp_buf_init(buf);
	return s;
}

#ifndef SIGNPOST_MEM_H
#define SIGNPOST_MEM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every allocation in the core goes through these, so tests can make the n-th one fail and
 * check that each failure comes back as SP_ERR_NOMEM rather than a crash. They return NULL on
 * failure like their libc namesakes; callers own what they return and release it with free().
 */
void *sp_malloc(size_t size);
void *sp_calloc(size_t count, size_t size);
void *sp_realloc(void *ptr, size_t size);
/* Grows an array of count items of size bytes, checking the multiplication for overflow. */
void *sp_reallocarray(void *ptr, size_t count, size_t size);
/*
 * The one growable array: appends a zeroed item to the array *items of *count items of `size`
 * bytes and returns it, or NULL (array unchanged) when memory runs out. The room grows
 * geometrically (4, 8, 16, ...) and is implied by the count, so an array needs no capacity
 * field; it must start empty (NULL, 0) and grow only through here (lowering *count is fine).
 */
void *sp_array_push(void *items, size_t *count, size_t size);
/* Frees the first n strings of v, then v. */
void sp_strv_free_n(char **v, size_t n);
/* Frees a NULL-terminated array of strings and the strings in it; NULL is fine. */
void sp_strv_free(char **strv);
char *sp_strdup(const char *s);
char *sp_strndup(const char *s, size_t n);
/* printf into a new string; NULL on failure. */
char *sp_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Test hook: the next `n` allocations succeed, every one after fails. A negative n (the
 * default) turns failure injection off. Returns how many allocations this thread made since
 * its last call, which lets a test walk every allocation site of an operation.
 */
long sp_mem_fail_after(long n);

/* FNV-1a, 64 bits, for the builder's hash tables: the hash of a string or of n bytes, going
 * on from h (SP_HASH_START for a new one). */
#define SP_HASH_START UINT64_C(14695981039346656037)
static inline uint64_t
sp_hash_string(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char) *s) * UINT64_C(1099511628211);
	return h;
}

static inline uint64_t
sp_hash_bytes(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * UINT64_C(1099511628211);
	return h;
}

/*
 * A hash index of a caller's array: each entry's hash and its index, in open addressing (a
 * power of two of slots, at most half full, grown as entries are added). The caller compares
 * keys; the index only finds the entries whose hash is the one asked for:
 *   for (const struct sp_index_slot *s = sp_index_first(x, h); s; s = sp_index_next(x, s, h))
 *           if (the key of entry s->item is the one) ...
 * It must start zeroed; sp_index_add() is false when out of memory.
 */
struct sp_index_slot {
	uint64_t hash;
	size_t item; /* the entry's index + 1; 0 in an empty slot */
};
struct sp_index {
	struct sp_index_slot *slot;
	size_t nslots, count;
};
bool sp_index_add(struct sp_index *x, uint64_t hash, size_t item);
const struct sp_index_slot *sp_index_first(const struct sp_index *x, uint64_t hash);
const struct sp_index_slot *sp_index_next(const struct sp_index *x, const struct sp_index_slot *at,
                                          uint64_t hash);
void sp_index_free(struct sp_index *x);

/* A growable UTF-8 byte buffer; always NUL-terminated once anything was appended. */
struct sp_buf {
	char *data;
	size_t len;
	size_t cap;
	int failed; /* an append ran out of memory; the content is incomplete */
};

void sp_buf_init(struct sp_buf *buf);
void sp_buf_free(struct sp_buf *buf);
void sp_buf_append(struct sp_buf *buf, const char *s, size_t n);
void sp_buf_puts(struct sp_buf *buf, const char *s);
/* Makes room for `extra` more bytes at once (a string about to be built whose length is known
 * roughly), so appends up to it do not move the data, and NUL-terminates what there is; on
 * failure the buffer is failed. */
void sp_buf_reserve(struct sp_buf *buf, size_t extra);
void sp_buf_putc_grow(struct sp_buf *buf, char c);
/* Appends one byte: inline, as the fold emits its output a character at a time (issue 13). */
static inline void
sp_buf_putc(struct sp_buf *buf, char c)
{
	if (buf->failed || buf->len + 1 >= buf->cap) {
		sp_buf_putc_grow(buf, c);
		return;
	}
	buf->data[buf->len++] = c;
	buf->data[buf->len] = '\0';
}
void sp_buf_printf(struct sp_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (who frees it) and resets the buffer; NULL if an append failed. */
char *sp_buf_take(struct sp_buf *buf);

#endif

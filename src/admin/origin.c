#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "admin/origin.h"
#include "core/mem.h"

/* One noted key: its text (at `key` in the key arena), hash, file and line. */
struct origin_slot {
	uint64_t hash;
	size_t key;
	size_t line;
	uint32_t file;
	bool used;
};

struct sp_origins {
	struct sp_buf keys; /* every key, NUL-terminated, one after the other */
	struct origin_slot *slots;
	size_t nslots, used; /* nslots a power of two, at most half used */
	char **files;
	size_t nfiles;
	struct sp_origins *next; /* looked in after this one (sp_origins_chain) */
	int refs;                /* the two SQL functions' (sp_origins_attach) */
};

/*
 * n empty slots, written now rather than calloc'd: a fresh calloc'd block is the kernel's zero
 * page until written, and the probes read a slot before they write it, so each page would be
 * faulted twice, the second time with a flush of the other thread's TLB (issue 13: a second of
 * a build of 100,000 services).
 */
static struct origin_slot *
new_slots(size_t n)
{
	struct origin_slot *slots = sp_reallocarray(NULL, n, sizeof *slots);

	if (slots)
		memset(slots, 0, n * sizeof *slots);
	return slots;
}

struct sp_origins *
sp_origins_new(void)
{
	struct sp_origins *o = sp_calloc(1, sizeof *o);

	if (!o)
		return NULL;
	sp_buf_init(&o->keys);
	o->nslots = 1024;
	if (!(o->slots = new_slots(o->nslots))) {
		free(o);
		return NULL;
	}
	return o;
}

void
sp_origins_free(struct sp_origins *o)
{
	if (!o)
		return;
	sp_origins_free(o->next);
	sp_buf_free(&o->keys);
	free(o->slots);
	sp_strv_free_n(o->files, o->nfiles);
	free(o);
}

void
sp_origins_chain(struct sp_origins *o, struct sp_origins *next)
{
	while (o->next)
		o = o->next;
	o->next = next;
}

/* The hash of "kind:id", the key as the checks name it. */
static uint64_t
hash_key(const char *kind, const char *id)
{
	uint64_t h = SP_HASH_START;

	if (kind)
		h = sp_hash_bytes(sp_hash_string(h, kind), ":", 1);
	return sp_hash_string(h, id);
}

/* Whether the key at `at` is kind:id (kind NULL: id is the whole key). */
static bool
key_is(const struct sp_origins *o, size_t at, const char *kind, const char *id)
{
	const char *k = o->keys.data + at;

	if (kind) {
		size_t n = strlen(kind);

		if (strncmp(k, kind, n) != 0 || k[n] != ':')
			return false;
		k += n + 1;
	}
	return strcmp(k, id) == 0;
}

/* The slot of kind:id, or the empty slot where it would go. */
static struct origin_slot *
slot_of(const struct sp_origins *o, uint64_t hash, const char *kind, const char *id)
{
	size_t i = (size_t) hash & (o->nslots - 1);

	while (o->slots[i].used &&
	       !(o->slots[i].hash == hash && key_is(o, o->slots[i].key, kind, id)))
		i = (i + 1) & (o->nslots - 1);
	return &o->slots[i];
}

/* Makes room for `more` keys beyond those noted (the table at most half full). */
static bool
grow(struct sp_origins *o, size_t more)
{
	size_t n = o->nslots;
	struct origin_slot *old = o->slots, *slots;

	if (more > SIZE_MAX / 4 - o->used)
		return false;
	while ((o->used + more) * 2 > n) {
		if (n > SIZE_MAX / 2 / sizeof *slots)
			return false;
		n *= 2;
	}
	if (n == o->nslots)
		return true;
	if (!(slots = new_slots(n)))
		return false;
	for (size_t i = 0; i < o->nslots; i++) {
		size_t j;

		if (!old[i].used)
			continue;
		for (j = (size_t) old[i].hash & (n - 1); slots[j].used; j = (j + 1) & (n - 1))
			;
		slots[j] = old[i];
	}
	o->slots = slots;
	o->nslots = n;
	free(old);
	return true;
}

/* The index of file in o->files, added when it is new (files come one after the other). */
static bool
file_index(struct sp_origins *o, const char *file, uint32_t *index)
{
	char **slot;

	if (o->nfiles && strcmp(o->files[o->nfiles - 1], file) == 0) {
		*index = (uint32_t) (o->nfiles - 1);
		return true;
	}
	for (size_t i = 0; i < o->nfiles; i++)
		if (strcmp(o->files[i], file) == 0) {
			*index = (uint32_t) i;
			return true;
		}
	if (o->nfiles >= UINT32_MAX || !(slot = sp_array_push(&o->files, &o->nfiles, sizeof *slot)))
		return false;
	if (!(*slot = sp_strdup(file))) {
		o->nfiles--;
		return false;
	}
	*index = (uint32_t) (o->nfiles - 1);
	return true;
}

bool
sp_origins_note(struct sp_origins *o, const char *kind, const char *id, const char *file,
                size_t line)
{
	uint64_t hash = hash_key(kind, id);
	struct origin_slot *s;
	size_t at = o->keys.len;
	uint32_t f;

	if (!grow(o, 1))
		return false;
	s = slot_of(o, hash, kind, id);
	if (s->used)
		return true; /* the first place noted is the one named */
	if (!file_index(o, file, &f))
		return false;
	sp_buf_puts(&o->keys, kind);
	sp_buf_putc(&o->keys, ':');
	sp_buf_puts(&o->keys, id);
	sp_buf_append(&o->keys, "", 1);
	if (o->keys.failed)
		return false;
	*s = (struct origin_slot){ .key = at, .hash = hash, .file = f, .line = line, .used = true };
	o->used++;
	return true;
}

bool
sp_origins_reserve(struct sp_origins *o, size_t count)
{
	return grow(o, count);
}

bool
sp_origins_find(const struct sp_origins *o, const char *key, const char **file, size_t *line)
{
	uint64_t hash = hash_key(NULL, key);

	for (; o; o = o->next) {
		const struct origin_slot *s = slot_of(o, hash, NULL, key);

		if (s->used) {
			*file = o->files[s->file];
			*line = s->line;
			return true;
		}
	}
	return false;
}

static void
sql_origin(sqlite3_context *ctx, sqlite3_value **argv, bool want_file)
{
	const unsigned char *key = sqlite3_value_text(argv[0]);
	const char *file;
	size_t line;

	if (!key || !sp_origins_find(sqlite3_user_data(ctx), (const char *) key, &file, &line))
		sqlite3_result_null(ctx);
	else if (want_file)
		sqlite3_result_text(ctx, file, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_int64(ctx, (sqlite3_int64) line);
}

static void
sql_origin_file(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sql_origin(ctx, argv, true);
}

static void
sql_origin_line(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sql_origin(ctx, argv, false);
}

/* Each function holds a reference; the last one gone frees the table. */
static void
release(void *p)
{
	struct sp_origins *o = p;

	if (--o->refs == 0)
		sp_origins_free(o);
}

bool
sp_origins_attach(struct sp_origins *o, sqlite3 *db)
{
	o->refs = 2;
	if (sqlite3_create_function_v2(db, "origin_file", 1, SQLITE_UTF8, o, sql_origin_file, NULL,
	                               NULL, release) != SQLITE_OK) {
		/* xDestroy ran (the function was not made): the other reference is this one. */
		sp_origins_free(o);
		return false;
	}
	if (sqlite3_create_function_v2(db, "origin_line", 1, SQLITE_UTF8, o, sql_origin_line, NULL,
	                               NULL, release) != SQLITE_OK) {
		/* That failure released one reference; taking origin_file away releases the other. */
		sqlite3_create_function(db, "origin_file", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL);
		return false;
	}
	return true;
}

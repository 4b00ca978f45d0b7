#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "admin/csvfile.h"
#include "core/mem.h"

struct reader {
	struct sp_csv *csv;
	char **fields; /* the record being read (its strings in csv's arena) */
	size_t nfields, cap;
	size_t record; /* records seen, the header being 0 */
	size_t line;   /* the physical line being parsed, 1-based */
	size_t start;  /* the line the current record started on */
	int in_record; /* whether a field or record callback is running */
	int header_done;
	char *error;
	size_t error_line;
};

static int
valid_text(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *) s, *end = p + n;

	while (p < end) {
		unsigned c = *p;
		size_t len;
		unsigned cp;

		if (c < 0x80) {
			if ((c < 0x20 && c != '\n' && c != '\r') || c == 0x7f)
				return 0;
			p++;
			continue;
		}
		if ((c & 0xe0) == 0xc0)
			len = 2, cp = c & 0x1f;
		else if ((c & 0xf0) == 0xe0)
			len = 3, cp = c & 0x0f;
		else if ((c & 0xf8) == 0xf0)
			len = 4, cp = c & 0x07;
		else
			return 0;
		if ((size_t) (end - p) < len)
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0x80 && cp < 0xa0))
			return 0;
		p += len;
	}
	return 1;
}

/* A block of a file's storage (struct sp_csv's arena): they never move once made. */
struct sp_csv_arena {
	struct sp_csv_arena *next; /* the blocks made before */
	size_t used, cap;
	_Alignas(max_align_t) char data[];
};

enum { ARENA_BLOCK = 1 << 20 };

/* n bytes of csv's arena, aligned to `align` (a power of two); NULL when out of memory. */
static void *
arena_alloc(struct sp_csv *csv, size_t n, size_t align)
{
	struct sp_csv_arena *a = csv->arena;
	size_t at = a ? (a->used + align - 1) & ~(align - 1) : 0;

	if (!a || at > a->cap || n > a->cap - at) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		if (!(a = sp_malloc(sizeof *a + cap)))
			return NULL;
		a->next = csv->arena;
		a->used = 0;
		a->cap = cap;
		csv->arena = a;
		at = 0;
	}
	a->used = at + n;
	return a->data + at;
}

/* The record's field pointers, copied into the arena for good. */
static char **
keep_fields(struct reader *r)
{
	char **kept = arena_alloc(r->csv, r->nfields * sizeof *kept, _Alignof(char *));

	if (kept)
		memcpy(kept, r->fields, r->nfields * sizeof *kept);
	r->nfields = 0;
	return kept;
}

static void
reader_fail(struct reader *r, const char *what)
{
	if (!r->error) {
		r->error = r->header_done ? sp_asprintf("record %zu: %s", r->record, what) :
		                            sp_asprintf("header: %s", what);
		r->error_line = r->in_record ? r->start : r->line;
	}
}

static void
on_field(void *data, size_t len, void *ctx)
{
	struct reader *r = ctx;
	char *copy;

	if (r->error)
		return;
	if (r->nfields == 0) {
		/* The first field ends on this line: the record began as many lines back as the
		 * field holds line breaks. */
		size_t breaks = 0;

		for (size_t i = 0; i < len; i++)
			breaks += ((char *) data)[i] == '\n';
		r->start = r->line > breaks ? r->line - breaks : 1;
	}
	if (!valid_text(data, len)) {
		r->in_record = 1;
		reader_fail(r, "invalid UTF-8 or a control character");
		return;
	}
	if (r->nfields == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		char **grown = sp_reallocarray(r->fields, cap, sizeof *grown);

		if (!grown) {
			reader_fail(r, "out of memory");
			return;
		}
		r->fields = grown;
		r->cap = cap;
	}
	if (!(copy = arena_alloc(r->csv, len + 1, 1))) {
		reader_fail(r, "out of memory");
		return;
	}
	r->fields[r->nfields++] = copy;
	/* Carriage returns from spreadsheet exports are dropped; line breaks stay. */
	if (!memchr(data, '\r', len)) {
		memcpy(copy, data, len);
		copy[len] = '\0';
	} else {
		size_t j = 0;
		for (size_t i = 0; i < len; i++)
			if (((char *) data)[i] != '\r')
				copy[j++] = ((char *) data)[i];
		copy[j] = '\0';
	}
}

/* Drops the record being read (its strings stay in the arena until the file is freed). */
static void
drop_fields(struct reader *r)
{
	r->nfields = 0;
}

static void
on_record(int term, void *ctx)
{
	struct reader *r = ctx;
	struct sp_csv *csv = r->csv;
	struct sp_csv_row *row;

	(void) term;
	if (r->error) {
		drop_fields(r);
		return;
	}
	if (r->nfields > 0 && r->fields[0][0] == '#') {
		drop_fields(r);
		return;
	}
	if (!r->header_done) {
		csv->ncols = r->nfields;
		csv->header_line = r->start;
		if (!(csv->header = keep_fields(r)))
			reader_fail(r, "out of memory");
		r->header_done = 1;
		return;
	}
	r->record++;
	if (r->nfields != csv->ncols) {
		char msg[96];

		snprintf(msg, sizeof msg, "%zu fields where the header has %zu", r->nfields,
		         csv->ncols);
		r->in_record = 1;
		reader_fail(r, msg);
		drop_fields(r);
		return;
	}
	if (!(row = sp_array_push(&csv->rows, &csv->nrows, sizeof *row))) {
		reader_fail(r, "out of memory");
		drop_fields(r);
		return;
	}
	*row = (struct sp_csv_row){ .record = r->record, .line = r->start };
	if (!(row->fields = keep_fields(r))) {
		csv->nrows--;
		reader_fail(r, "out of memory");
	}
}

enum sp_status
sp_csv_read_stream_at(FILE *f, const char *name, struct sp_csv *csv, char **error, size_t *line)
{
	struct reader r = { .csv = csv };
	struct csv_parser parser;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	enum sp_status rc = SP_OK;

	memset(csv, 0, sizeof *csv);
	*error = NULL;
	*line = 0;
	if (!(csv->path = sp_strdup(name)))
		return SP_ERR_NOMEM;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		sp_csv_free(csv);
		return SP_ERR_NOMEM;
	}
	/* A line at a time, so every record knows the line it starts on. */
	while (!r.error && (n = getline(&buf, &cap, f)) > 0) {
		r.line++;
		if (csv_parse(&parser, buf, (size_t) n, on_field, on_record, &r) != (size_t) n) {
			reader_fail(&r, csv_strerror(csv_error(&parser)));
		}
	}
	free(buf);
	if (ferror(f))
		reader_fail(&r, strerror(errno));
	if (!r.error && csv_fini(&parser, on_field, on_record, &r) != 0)
		reader_fail(&r, csv_strerror(csv_error(&parser)));
	csv_free(&parser);
	free(r.fields);
	if (!r.error && !r.header_done)
		reader_fail(&r, "no header row");
	if (r.error) {
		*error = r.error;
		*line = r.error_line;
		rc = SP_ERR_DATA;
		sp_csv_free(csv);
	}
	return rc;
}

enum sp_status
sp_csv_read_stream(FILE *f, const char *name, struct sp_csv *csv, char **error)
{
	size_t line;
	enum sp_status rc = sp_csv_read_stream_at(f, name, csv, error, &line);

	if (rc != SP_OK && *error) {
		char *located = line ? sp_asprintf("%s:%zu: %s", name, line, *error) :
		                       sp_asprintf("%s: %s", name, *error);

		free(*error);
		*error = located;
	}
	return rc;
}

enum sp_status
sp_csv_read(const char *path, struct sp_csv *csv, char **error)
{
	FILE *f = fopen(path, "rb");
	enum sp_status rc;

	memset(csv, 0, sizeof *csv);
	*error = NULL;
	if (!f) {
		*error = sp_asprintf("%s: %s", path, strerror(errno));
		return SP_ERR_IO;
	}
	rc = sp_csv_read_stream(f, path, csv, error);
	fclose(f);
	return rc;
}

void
sp_csv_row_free(const struct sp_csv *csv, struct sp_csv_row *row)
{
	if (!csv->arena) {
		for (size_t j = 0; row->fields && j < csv->ncols; j++)
			free(row->fields[j]);
		free(row->fields);
	}
	row->fields = NULL;
}

void
sp_csv_free(struct sp_csv *csv)
{
	for (size_t i = 0; i < csv->nrows; i++)
		sp_csv_row_free(csv, &csv->rows[i]);
	if (!csv->arena) {
		for (size_t j = 0; csv->header && j < csv->ncols; j++)
			free(csv->header[j]);
		free(csv->header);
	}
	while (csv->arena) {
		struct sp_csv_arena *next = csv->arena->next;

		free(csv->arena);
		csv->arena = next;
	}
	free(csv->rows);
	free(csv->path);
	memset(csv, 0, sizeof *csv);
}

int
sp_csv_col(const struct sp_csv *csv, const char *name)
{
	for (size_t i = 0; i < csv->ncols; i++)
		if (strcmp(csv->header[i], name) == 0)
			return (int) i;
	return -1;
}

enum sp_status
sp_csv_expect(const struct sp_csv *csv, const char *const *names, char **error)
{
	size_t n = 0;

	while (names[n])
		n++;
	for (size_t i = 0; i < n || i < csv->ncols; i++) {
		if (i >= n || i >= csv->ncols || strcmp(csv->header[i], names[i]) != 0) {
			*error = sp_asprintf("header column %zu is \"%s\", expected \"%s\"", i + 1,
			                     i < csv->ncols ? csv->header[i] : "",
			                     i < n ? names[i] : "(nothing)");
			return SP_ERR_DATA;
		}
	}
	return SP_OK;
}

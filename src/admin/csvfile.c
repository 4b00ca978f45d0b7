#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "admin/csvfile.h"
#include "core/mem.h"

struct reader {
	struct sp_csv *csv;
	char **fields; /* the record being read */
	size_t nfields;
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
	char **slot;
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
	if (!(copy = sp_malloc(len + 1)) ||
	    !(slot = sp_array_push(&r->fields, &r->nfields, sizeof *slot))) {
		free(copy);
		reader_fail(r, "out of memory");
		return;
	}
	*slot = copy;
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

static void
drop_fields(struct reader *r)
{
	for (size_t i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	free(r->fields);
	r->fields = NULL;
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
		csv->header = r->fields;
		csv->ncols = r->nfields;
		csv->header_line = r->start;
		r->fields = NULL;
		r->nfields = 0;
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
	*row = (struct sp_csv_row){ .fields = r->fields, .record = r->record, .line = r->start };
	r->fields = NULL;
	r->nfields = 0;
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
	drop_fields(&r);
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
sp_csv_free(struct sp_csv *csv)
{
	for (size_t i = 0; i < csv->nrows; i++) {
		for (size_t j = 0; j < csv->ncols; j++)
			free(csv->rows[i].fields[j]);
		free(csv->rows[i].fields);
	}
	for (size_t j = 0; j < csv->ncols; j++)
		free(csv->header[j]);
	free(csv->header);
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

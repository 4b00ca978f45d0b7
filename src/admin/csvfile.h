#ifndef SIGNPOST_CSVFILE_H
#define SIGNPOST_CSVFILE_H

#include <stddef.h>
#include <stdio.h>

#include "core/status.h"

/* A whole CSV file in memory: the header names and every record's fields, all UTF-8 strings
 * (empty fields are ""). Rows whose first field starts with '#' are comments and are dropped. */
struct sp_csv_row {
	char **fields; /* ncols fields */
	size_t record; /* 1-based record number after the header, for messages */
	size_t line;   /* the line of the file the record starts on */
};

struct sp_csv_arena;

struct sp_csv {
	char *path;
	char **header;
	size_t ncols;
	size_t header_line;
	struct sp_csv_row *rows;
	size_t nrows;
	/* A file's header, fields and rows' field arrays, in large blocks freed together
	 * (issue 13: a national file's millions of fields one allocation each were a tenth of
	 * its load); NULL when they are each allocated (a table made in memory: import). */
	struct sp_csv_arena *arena;
};

/*
 * Reads and checks the file: strict CSV, valid UTF-8, no control characters but line breaks,
 * every record as wide as the header. On failure returns SP_ERR_DATA (or SP_ERR_IO) and sets
 * *error to a message the caller frees.
 */
enum sp_status sp_csv_read(const char *path, struct sp_csv *csv, char **error);
/* The same from an open stream; `name` is used in messages. The caller closes the stream. */
enum sp_status sp_csv_read_stream(FILE *f, const char *name, struct sp_csv *csv, char **error);
/* The same, the message without the file and line: *line is the line it is about (0 if none). */
enum sp_status sp_csv_read_stream_at(FILE *f, const char *name, struct sp_csv *csv, char **error,
                                     size_t *line);
void sp_csv_free(struct sp_csv *csv);
/* Frees one row's fields (when they are not in csv's arena), before it is dropped. */
void sp_csv_row_free(const struct sp_csv *csv, struct sp_csv_row *row);

/* The index of a header column, or -1. */
int sp_csv_col(const struct sp_csv *csv, const char *name);

/* Checks the header is exactly `names` (NULL-terminated) in order; message on mismatch. */
enum sp_status sp_csv_expect(const struct sp_csv *csv, const char *const *names, char **error);

#endif

#ifndef SIGNPOST_REPORT_H
#define SIGNPOST_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Where a diagnostic points: a source file and its line (1-based), or nothing known. */
struct sp_report_where {
	char *file;  /* NULL when the message is about the directory as a whole */
	size_t line; /* 0 when only the file is known */
};

/* What a data build or check found: errors fail it, warnings are listed for a data officer.
 * errors[i] is the message of the error at error_at[i] (warnings likewise). */
struct sp_report {
	char **errors;
	struct sp_report_where *error_at;
	size_t nerrors;
	char **warnings;
	struct sp_report_where *warning_at;
	size_t nwarnings;
	int out_of_memory;
	int quiet; /* print errors only, count the warnings */
};

/* How sp_report_print_as writes diagnostics. */
enum sp_report_format {
	SP_REPORT_TEXT, /* "FILE:LINE: error: message", like a compiler's */
	SP_REPORT_TSV,  /* a header "severity file line message", then one row each */
	SP_REPORT_JSON, /* one object: schema_version, errors, warnings, diagnostics[] */
};

/* An error (or a warning) about line `line` of `file` (copied; line 0 names the file only;
 * NULL names no file). */
void sp_report_at(struct sp_report *report, bool error, const char *file, size_t line,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define sp_report_error_at(report, file, line, ...) \
	sp_report_at((report), true, (file), (line), __VA_ARGS__)
#define sp_report_warn_at(report, file, line, ...) \
	sp_report_at((report), false, (file), (line), __VA_ARGS__)
#define sp_report_error(report, ...) sp_report_at((report), true, NULL, 0, __VA_ARGS__)
#define sp_report_warn(report, ...) sp_report_at((report), false, NULL, 0, __VA_ARGS__)
/* Adds from's warnings and errors after report's, in their order, places and all (a report made
 * on another thread). */
void sp_report_append(struct sp_report *report, const struct sp_report *from);
/* Prints warnings then errors, one per line: "FILE:LINE: warning: message" or, with no
 * place, "warning: message". */
void sp_report_print(const struct sp_report *report, FILE *out);
/* The same in a format for people or tools; returns 0, or -1 on a write error. */
int sp_report_print_as(const struct sp_report *report, FILE *out, enum sp_report_format format);
void sp_report_free(struct sp_report *report);

#endif

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include <jansson.h>

#include "admin/report.h"
#include "core/mem.h"

static void
report_add(struct sp_report *r, int is_error, const char *file, size_t line, const char *fmt,
           va_list ap)
{
	char ***list = is_error ? &r->errors : &r->warnings;
	struct sp_report_where **at = is_error ? &r->error_at : &r->warning_at;
	size_t *n = is_error ? &r->nerrors : &r->nwarnings;
	struct sp_report_where *grown_at;
	va_list copy;
	char **grown, *msg, *where = NULL;
	int len;

	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0 || !(msg = sp_malloc((size_t) len + 1))) {
		r->out_of_memory = 1;
		return;
	}
	vsnprintf(msg, (size_t) len + 1, fmt, ap);
	if ((file && !(where = sp_strdup(file))) ||
	    !(grown_at = sp_reallocarray(*at, *n + 1, sizeof *grown_at))) {
		free(where);
		free(msg);
		r->out_of_memory = 1;
		return;
	}
	*at = grown_at;
	if (!(grown = sp_reallocarray(*list, *n + 1, sizeof *grown))) {
		free(where);
		free(msg);
		r->out_of_memory = 1;
		return;
	}
	*list = grown;
	(*at)[*n] = (struct sp_report_where){ .file = where, .line = file ? line : 0 };
	(*list)[(*n)++] = msg;
}

void
sp_report_at(struct sp_report *r, bool error, const char *file, size_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_add(r, error, file, line, fmt, ap);
	va_end(ap);
}

/* TSV fields may not hold tabs or line breaks. */
static void
put_tsv(FILE *out, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void
print_one(FILE *out, enum sp_report_format format, const char *severity,
          const struct sp_report_where *at, const char *msg, json_t *list)
{
	switch (format) {
	case SP_REPORT_TSV:
		fprintf(out, "%s\t", severity);
		put_tsv(out, at->file);
		fputc('\t', out);
		if (at->line)
			fprintf(out, "%zu", at->line);
		fputc('\t', out);
		put_tsv(out, msg);
		fputc('\n', out);
		break;
	case SP_REPORT_JSON:
		json_array_append_new(
		        list,
		        json_pack("{s:s, s:o, s:o, s:s}", "severity", severity, "file",
		                  at->file ? json_string(at->file) : json_null(), "line",
		                  at->line ? json_integer((json_int_t) at->line) : json_null(),
		                  "message", msg));
		break;
	default:
		if (at->file && at->line)
			fprintf(out, "%s:%zu: ", at->file, at->line);
		else if (at->file)
			fprintf(out, "%s: ", at->file);
		fprintf(out, "%s: %s\n", severity, msg);
		break;
	}
}

int
sp_report_print_as(const struct sp_report *r, FILE *out, enum sp_report_format format)
{
	static const struct sp_report_where nowhere = { 0 };
	json_t *list = format == SP_REPORT_JSON ? json_array() : NULL;

	if (format == SP_REPORT_TSV)
		fputs("severity\tfile\tline\tmessage\n", out);
	for (size_t i = 0; !r->quiet && i < r->nwarnings; i++)
		print_one(out, format, "warning", &r->warning_at[i], r->warnings[i], list);
	for (size_t i = 0; i < r->nerrors; i++)
		print_one(out, format, "error", &r->error_at[i], r->errors[i], list);
	if (r->out_of_memory)
		print_one(out, format, "error", &nowhere, "out of memory while reporting", list);
	if (format == SP_REPORT_JSON) {
		json_t *doc =
		        json_pack("{s:i, s:I, s:I, s:o}", "schema_version", 1, "errors",
		                  (json_int_t) r->nerrors, "warnings", (json_int_t) r->nwarnings,
		                  "diagnostics", list ? list : json_null());
		char *s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

		json_decref(doc);
		if (!s)
			return -1;
		fputs(s, out);
		fputc('\n', out);
		free(s);
	}
	return ferror(out) ? -1 : 0;
}

void
sp_report_append(struct sp_report *report, const struct sp_report *from)
{
	for (size_t i = 0; i < from->nwarnings; i++)
		sp_report_at(report, false, from->warning_at[i].file, from->warning_at[i].line,
		             "%s", from->warnings[i]);
	for (size_t i = 0; i < from->nerrors; i++)
		sp_report_at(report, true, from->error_at[i].file, from->error_at[i].line, "%s",
		             from->errors[i]);
	if (from->out_of_memory)
		report->out_of_memory = 1;
}

void
sp_report_print(const struct sp_report *r, FILE *out)
{
	sp_report_print_as(r, out, SP_REPORT_TEXT);
}

void
sp_report_free(struct sp_report *r)
{
	for (size_t i = 0; i < r->nerrors; i++) {
		free(r->errors[i]);
		free(r->error_at[i].file);
	}
	for (size_t i = 0; i < r->nwarnings; i++) {
		free(r->warnings[i]);
		free(r->warning_at[i].file);
	}
	free(r->errors);
	free(r->warnings);
	free(r->error_at);
	free(r->warning_at);
	r->errors = r->warnings = NULL;
	r->error_at = r->warning_at = NULL;
	r->nerrors = r->nwarnings = 0;
	r->out_of_memory = 0;
}

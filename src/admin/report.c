#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include "admin/report.h"
#include "core/mem.h"

static void
report_add(struct sp_report *r, char ***list, size_t *n, const char *fmt, va_list ap)
{
	va_list copy;
	char **grown, *msg;
	int len;

	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0 || !(msg = sp_malloc((size_t) len + 1))) {
		r->out_of_memory = 1;
		return;
	}
	vsnprintf(msg, (size_t) len + 1, fmt, ap);
	if (!(grown = sp_reallocarray(*list, *n + 1, sizeof *grown))) {
		free(msg);
		r->out_of_memory = 1;
		return;
	}
	*list = grown;
	(*list)[(*n)++] = msg;
}

void
sp_report_error(struct sp_report *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_add(r, &r->errors, &r->nerrors, fmt, ap);
	va_end(ap);
}

void
sp_report_warn(struct sp_report *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_add(r, &r->warnings, &r->nwarnings, fmt, ap);
	va_end(ap);
}

void
sp_report_print(const struct sp_report *r, FILE *out)
{
	for (size_t i = 0; !r->quiet && i < r->nwarnings; i++)
		fprintf(out, "warning: %s\n", r->warnings[i]);
	for (size_t i = 0; i < r->nerrors; i++)
		fprintf(out, "error: %s\n", r->errors[i]);
	if (r->out_of_memory)
		fprintf(out, "error: out of memory while reporting\n");
}

void
sp_report_free(struct sp_report *r)
{
	for (size_t i = 0; i < r->nerrors; i++)
		free(r->errors[i]);
	for (size_t i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->errors);
	free(r->warnings);
	r->errors = r->warnings = NULL;
	r->nerrors = r->nwarnings = 0;
	r->out_of_memory = 0;
}

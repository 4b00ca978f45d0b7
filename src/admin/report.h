#ifndef SIGNPOST_REPORT_H
#define SIGNPOST_REPORT_H

#include <stddef.h>
#include <stdio.h>

/* What a data build or check found: errors fail it, warnings are listed for a data officer. */
struct sp_report {
	char **errors;
	size_t nerrors;
	char **warnings;
	size_t nwarnings;
	int out_of_memory;
	int quiet; /* print errors only, count the warnings */
};

void sp_report_error(struct sp_report *report, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void sp_report_warn(struct sp_report *report, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* Prints warnings then errors, one per line, each with its prefix. */
void sp_report_print(const struct sp_report *report, FILE *out);
void sp_report_free(struct sp_report *report);

#endif

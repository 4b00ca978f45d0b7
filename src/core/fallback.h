#ifndef SIGNPOST_FALLBACK_H
#define SIGNPOST_FALLBACK_H

#include <stddef.h>

/*
 * The national helplines, compiled into the program so they are shown even when the directory
 * cannot be opened or is refused. Numbers and hours are checked against the directory by the
 * unit tests, so the two cannot drift apart. `who_key` is the bundle key saying who the line
 * is for; `hours` uses the db/README.md grammar.
 */
struct sp_fallback_line {
	const char *id;   /* the directory's service id */
	const char *name; /* the service's own name (not translated) */
	const char *phone;
	const char *hours;
	const char *who_key;
};

extern const struct sp_fallback_line sp_fallback_lines[];
extern const size_t sp_fallback_count;

#endif

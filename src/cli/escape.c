#include "config.h"

#include <string.h>

#include "cli/escape.h"

static int
is_control(const unsigned char *p, size_t left, const char *keep)
{
	if ((*p < 0x20 || *p == 0x7f) && !(*p && strchr(keep, *p)))
		return 1;
	return *p == 0xc2 && left > 1 && p[1] >= 0x80 && p[1] <= 0x9f ? 2 : 0;
}

int
sp_escape_write(FILE *out, const char *s, size_t n, const char *keep, int flatten)
{
	const unsigned char *p = (const unsigned char *) s, *end = p + n;

	while (p < end) {
		size_t run = 0;
		int kind;
		char esc[8];

		/* The longest run of plain bytes, written as it is. */
		while (p + run < end && !is_control(p + run, (size_t) (end - p - run), keep))
			run++;
		if (run && fwrite(p, 1, run, out) != run)
			return -1;
		if ((p += run) >= end)
			break;
		kind = is_control(p, (size_t) (end - p), keep);
		if (kind == 1 && flatten && (*p == '\t' || *p == '\n' || *p == '\r'))
			snprintf(esc, sizeof esc, " ");
		else if (kind == 2)
			snprintf(esc, sizeof esc, "\\u%04x", p[1]);
		else
			snprintf(esc, sizeof esc, "\\x%02x", *p);
		if (fputs(esc, out) == EOF)
			return -1;
		p += kind;
	}
	return 0;
}

#ifndef SIGNPOST_CLI_ESCAPE_H
#define SIGNPOST_CLI_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Untrusted text stays text. The directory's words are untrusted (a file opened with
 * --allow-unsigned can hold anything) and a terminal obeys ESC ] ... BEL, so the command line
 * never writes a raw control character: C0 characters other than those in `keep`, DEL and C1
 * (U+0080..U+009F) are written as visible escapes (\x1b, \u009b). With `flatten`, tabs and
 * line breaks not in `keep` become spaces instead (for TSV cells and table cells).
 * Writes the first n bytes of s; returns 0, or -1 on a write error.
 */
int sp_escape_write(FILE *out, const char *s, size_t n, const char *keep, int flatten);

#endif

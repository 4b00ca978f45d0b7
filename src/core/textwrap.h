#ifndef SIGNPOST_TEXTWRAP_H
#define SIGNPOST_TEXTWRAP_H

#include <stddef.h>

#include "status.h"

/*
 * Laying text out in terminal columns: width is measured the way ncursesw advances the
 * cursor (wcwidth per code point; the caller's LC_CTYPE must be UTF-8), and lines break at
 * ICU line-break opportunities of the UI language. A word longer than the line is cut between
 * grapheme clusters, never inside one. U+00A0 (no-break space) joins words that must stay on
 * one line, such as the groups of a phone number: see sp_text_keep_whole().
 */
struct sp_wrap_line {
	size_t start, end; /* byte offsets into the text; trailing spaces excluded */
	int width;         /* display columns */
};

struct sp_wrap {
	struct sp_wrap_line *lines;
	size_t count;
};

/* Display columns of UTF-8 text (control characters count 0). */
int sp_text_width(const char *utf8, size_t len);

/* Wraps text to `cols` columns (at least 1). The caller frees with sp_wrap_clear(). */
enum sp_status sp_wrap_text(const char *utf8, int cols, const char *locale, struct sp_wrap *out);
void sp_wrap_clear(struct sp_wrap *wrap);

/* A copy of text whose spaces are no-break spaces, so it wraps as one piece. Caller frees. */
char *sp_text_keep_whole(const char *text);

/* Removes the last character (not the last byte) of the UTF-8 text s of *len bytes. */
void sp_text_erase_last(char *s, size_t *len);

/* The widest piece that sp_wrap_text can never break (a phone number kept whole, a long word
 * is cut instead): the width a screen needs to show the text without cutting it. */
int sp_text_widest_unbreakable(const char *utf8);

#endif

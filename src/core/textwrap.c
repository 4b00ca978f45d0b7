#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "mem.h"
#include "textwrap.h"

static int
cp_width(UChar32 c)
{
	int w;

	if (c == 0xA0)
		return 1;
	w = wcwidth((wchar_t) c);
	return w < 0 ? 0 : w;
}

int
sp_text_width(const char *s, size_t len)
{
	int32_t i = 0, n = (int32_t) len;
	int width = 0;

	while (i < n) {
		UChar32 c;

		U8_NEXT(s, i, n, c);
		if (c >= 0)
			width += cp_width(c);
	}
	return width;
}

void
sp_wrap_clear(struct sp_wrap *wrap)
{
	free(wrap->lines);
	wrap->lines = NULL;
	wrap->count = 0;
}

static int
wrap_push(struct sp_wrap *wrap, const char *text, size_t start, size_t end)
{
	struct sp_wrap_line *line;

	while (end > start && text[end - 1] == ' ')
		end--;
	if (!(line = sp_array_push(&wrap->lines, &wrap->count, sizeof *line)))
		return 0;
	*line = (struct sp_wrap_line){ start, end, sp_text_width(text + start, end - start) };
	return 1;
}

/*
 * UTF-8 to UTF-16 for ICU, with the byte offset of every UTF-16 unit (and of the end), made
 * in one walk so that invalid bytes (each run shown as U+FFFD) cannot make the two drift.
 */
static enum sp_status
to_utf16(const char *text, UChar **u_out, int32_t *ulen_out, size_t **map_out)
{
	size_t len = strlen(text);
	UChar *u = sp_reallocarray(NULL, len + 1, sizeof *u);
	size_t *map = sp_reallocarray(NULL, len + 1, sizeof *map);
	int32_t i = 0, n = 0;

	if (!u || !map || len > INT32_MAX / 2) {
		free(u);
		free(map);
		return SP_ERR_NOMEM;
	}
	while ((size_t) i < len) {
		int32_t start = i;
		UChar32 c;

		U8_NEXT(text, i, (int32_t) len, c);
		if (c < 0)
			c = 0xFFFD;
		if (U_IS_BMP(c)) {
			map[n] = (size_t) start;
			u[n++] = (UChar) c;
		} else {
			map[n] = (size_t) start;
			u[n++] = U16_LEAD(c);
			map[n] = (size_t) start;
			u[n++] = U16_TRAIL(c);
		}
	}
	map[n] = len;
	u[n] = 0;
	*u_out = u;
	*ulen_out = n;
	*map_out = map;
	return SP_OK;
}

/* Cuts [start, end) of a too-long piece into lines of `cols` at grapheme boundaries. */
static int
cut_piece(const char *text, const UChar *u, int32_t ustart, int32_t uend, const size_t *map,
          int cols, const char *locale, struct sp_wrap *wrap, int32_t *line_start)
{
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *chars = ubrk_open(UBRK_CHARACTER, locale, u + ustart, uend - ustart, &st);
	int32_t prev = 0, b;
	int ok = 1;

	if (U_FAILURE(st))
		return 0;
	for (b = ubrk_next(chars); b != UBRK_DONE; b = ubrk_next(chars)) {
		size_t s = map[*line_start], e = map[ustart + b];

		if (sp_text_width(text + s, e - s) > cols && ustart + prev > *line_start) {
			if (!(ok = wrap_push(wrap, text, s, map[ustart + prev])))
				break;
			*line_start = ustart + prev;
		}
		prev = b;
	}
	ubrk_close(chars);
	return ok;
}

enum sp_status
sp_wrap_text(const char *text, int cols, const char *locale, struct sp_wrap *out)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar *u = NULL;
	int32_t ulen = 0, line_start = 0, last_fit = -1, b;
	UBreakIterator *lines = NULL;
	size_t *map = NULL;
	enum sp_status rc = SP_ERR_NOMEM;

	out->lines = NULL;
	out->count = 0;
	if (cols < 1)
		cols = 1;
	if ((rc = to_utf16(text, &u, &ulen, &map)) != SP_OK)
		return rc;
	rc = SP_ERR_NOMEM;
	lines = ubrk_open(UBRK_LINE, locale, u, ulen, &st);
	if (U_FAILURE(st)) {
		rc = SP_ERR_LOCALE;
		goto out;
	}
	for (b = ubrk_next(lines); b != UBRK_DONE; b = ubrk_next(lines)) {
		size_t s = map[line_start], e = map[b];
		int hard = ubrk_getRuleStatus(lines) >= UBRK_LINE_HARD;
		/* Width without the trailing spaces (and the newline of a hard break). */
		size_t trimmed = e;

		while (trimmed > s && (text[trimmed - 1] == ' ' || text[trimmed - 1] == '\n'))
			trimmed--;
		if (sp_text_width(text + s, trimmed - s) > cols) {
			if (last_fit > line_start) {
				if (!wrap_push(out, text, s, map[last_fit]))
					goto out;
				line_start = last_fit;
			}
			/* The piece alone is still too wide: cut it between characters. */
			s = map[line_start];
			trimmed = e;
			while (trimmed > s &&
			       (text[trimmed - 1] == ' ' || text[trimmed - 1] == '\n'))
				trimmed--;
			if (sp_text_width(text + s, trimmed - s) > cols &&
			    !cut_piece(text, u, line_start, b, map, cols, locale, out, &line_start))
				goto out;
		}
		last_fit = b;
		if (hard) {
			size_t end = map[b];

			while (end > map[line_start] &&
			       (text[end - 1] == '\n' || text[end - 1] == '\r'))
				end--;
			if (!wrap_push(out, text, map[line_start], end))
				goto out;
			line_start = b;
		}
	}
	if (line_start < ulen && !wrap_push(out, text, map[line_start], map[ulen]))
		goto out;
	if (out->count == 0 && !wrap_push(out, text, 0, 0))
		goto out;
	rc = SP_OK;
out:
	if (rc != SP_OK)
		sp_wrap_clear(out);
	ubrk_close(lines);
	free(map);
	free(u);
	return rc;
}

char *
sp_text_keep_whole(const char *text)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	for (; *text; text++) {
		if (*text == ' ')
			sp_buf_puts(&buf, "\u00a0");
		else
			sp_buf_putc(&buf, *text);
	}
	return sp_buf_take(&buf);
}

int
sp_text_widest_unbreakable(const char *text)
{
	int widest = 0;
	const char *p = text;

	/* Pieces joined by no-break spaces, separated by anything else that is a space. */
	while (*p) {
		size_t n = strcspn(p, " \n\t");
		int w = sp_text_width(p, n);

		/* A word with no no-break space can be cut; only joined pieces count. */
		if (memmem(p, n, "\u00a0", 2) && w > widest)
			widest = w;
		p += n;
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
	}
	return widest;
}

void
sp_text_erase_last(char *s, size_t *len)
{
	while (*len > 0) {
		unsigned char c = (unsigned char) s[--*len];

		s[*len] = '\0';
		if ((c & 0xC0) != 0x80)
			break;
	}
}

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/mem.h"
#include "core/textwrap.h"
#include "tui/frame.h"

/* Below this the screen says it is too small instead of cutting anything. */
#define MIN_COLS 20
#define MIN_CONTENT_ROWS 3

void
tui_canvas_clear(struct tui_canvas *c)
{
	for (size_t i = 0; i < c->nruns; i++)
		free(c->runs[i].text);
	free(c->runs);
	memset(c, 0, sizeof *c);
}

static void
put(struct tui_canvas *c, int y, int x, int cols, const char *text, size_t len, enum tui_role role,
    bool fill)
{
	struct tui_run *r;
	char *copy;

	if (y < 0 || y >= c->rows || !(copy = sp_strndup(text, len)))
		return;
	if (!(r = sp_array_push(&c->runs, &c->nruns, sizeof *r))) {
		free(copy);
		return;
	}
	*r = (struct tui_run){
		.y = y, .x = x, .cols = cols, .text = copy, .role = role, .fill = fill
	};
}

/* Wraps text across the whole width from row y, each row filled in role; returns rows used. */
static int
put_wrapped(struct tui_canvas *c, struct tui_app *app, int y, int max_rows, const char *text,
            enum tui_role role)
{
	struct sp_wrap wrap;
	int rows = 0;

	if (max_rows <= 0 || sp_wrap_text(text, c->cols, app->locale, &wrap) != SP_OK)
		return 0;
	for (size_t i = 0; i < wrap.count && rows < max_rows; i++, rows++)
		put(c, y + rows, 0, c->cols, text + wrap.lines[i].start,
		    wrap.lines[i].end - wrap.lines[i].start, role, true);
	sp_wrap_clear(&wrap);
	return rows;
}

static int
wrapped_rows(const struct tui_canvas *c, struct tui_app *app, const char *text)
{
	struct sp_wrap wrap;
	int rows;

	if (sp_wrap_text(text, c->cols > 0 ? c->cols : 1, app->locale, &wrap) != SP_OK)
		return 1;
	rows = (int) wrap.count;
	sp_wrap_clear(&wrap);
	return rows;
}

static char *
footer_text(struct tui_app *app)
{
	return sp_asprintf("%s  %s  %s%s%s", app_text(app, "footer_quick_exit"),
	                   app_text(app, "footer_language"), app_text(app, "footer_back"),
	                   app->kiosk ? "" : "  ", app->kiosk ? "" : app_text(app, "footer_quit"));
}

static void
layout_too_small(struct tui_canvas *c, struct tui_app *app)
{
	const char *forms[] = { app_text(app, "emergency_banner"), app_text(app, "emergency_short"),
		                "999" };
	size_t nforms = sizeof forms / sizeof forms[0];
	int y = 0;

	/* Narrower than the number itself: one digit a row, never a cut "9". */
	if (c->cols < 3) {
		for (int i = 0; i < 3 && i < c->rows; i++)
			put(c, i, 0, 1, "9", 1, TH_EMERGENCY, true);
		return;
	}
	/* 999 first, in the longest form that fits; then why there is nothing else. */
	for (size_t i = 0; i < nforms; i++) {
		if (wrapped_rows(c, app, forms[i]) <= c->rows || i + 1 == nforms) {
			y += put_wrapped(c, app, y, c->rows, forms[i], TH_EMERGENCY);
			break;
		}
	}
	put_wrapped(c, app, y, c->rows - y, app_text(app, "window_too_small"), TH_NORMAL);
}

static void
layout_neutral(struct tui_canvas *c, struct tui_app *app)
{
	const char *text = app->settings.neutral_text ? app->settings.neutral_text :
	                                                app_text(app, "neutral_text");

	put_wrapped(c, app, c->rows / 3, c->rows - c->rows / 3, text, TH_NORMAL);
}

static void
ensure_visible(struct tui_screen *s, int rows)
{
	size_t first, last;

	if (s->selected == DOC_NO_ITEM || !doc_item_lines(&s->doc, s->selected, &first, &last))
		return;
	if (last >= s->scroll + (size_t) rows)
		s->scroll = last + 1 - (size_t) rows;
	if (first < s->scroll)
		s->scroll = first;
	/* A long item whose start scrolled away: show its start. */
	if (last - first + 1 > (size_t) rows)
		s->scroll = first;
}

static void
build_if_dirty(struct tui_app *app, struct tui_screen *s)
{
	if (!s->dirty && s->doc.laid_out_width == app->content_cols)
		return;
	if (s->dirty) {
		doc_clear(&s->doc);
		s->ops->build(s, app);
		s->dirty = false;
		/* Never a silently empty page: say that something is missing. */
		if (s->doc.failed) {
			s->doc.failed = false;
			doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0,
			        app_text(app, "screen_incomplete"));
		}
		if (s->selected >= s->doc.nitems)
			s->selected = s->doc.nitems ? s->doc.nitems - 1 : DOC_NO_ITEM;
		if (s->selected == DOC_NO_ITEM && s->doc.nitems && !s->ops->reading)
			s->selected = 0;
	}
	doc_layout(&s->doc, app->content_cols, app->locale);
	if (s->scroll >= s->doc.nlines)
		s->scroll = s->doc.nlines ? s->doc.nlines - 1 : 0;
}

static void
layout_document(struct tui_canvas *c, struct tui_screen *s, int top, int rows)
{
	for (int row = 0; row < rows; row++) {
		size_t line = s->scroll + (size_t) row;
		const struct doc_line *l;
		const struct doc_block *b;
		bool selected;

		if (line >= s->doc.nlines)
			break;
		l = &s->doc.lines[line];
		b = &s->doc.blocks[l->block];
		selected = b->item != DOC_NO_ITEM && b->item == s->selected;
		put(c, top + row, l->indent, c->cols - l->indent, b->text + l->start,
		    l->end - l->start, selected ? TH_SELECTED : b->role, selected);
	}
	/* Where there is more above or below, say so at the edge. */
	if (s->scroll > 0)
		put(c, top, c->cols - 1, 1, "\u2191", 3, TH_HINT, false);
	if (s->scroll + (size_t) rows < s->doc.nlines)
		put(c, top + rows - 1, c->cols - 1, 1, "\u2193", 3, TH_HINT, false);
}

void
tui_frame_layout(struct tui_canvas *c, struct tui_app *app, int rows, int cols, long warning_left)
{
	struct tui_screen *s = app_top(app);
	char *footer, *warning = NULL, *title;
	int top = 0, bottom, footer_rows, warn_rows = 0;

	tui_canvas_clear(c);
	c->rows = rows > 0 ? rows : 0;
	c->cols = cols > 0 ? cols : 0;
	if (app->neutral) {
		layout_neutral(c, app);
		return;
	}
	footer = footer_text(app);
	if (warning_left >= 0)
		warning = sp_i18n_format_count(app->i18n, "idle_warning", (double) warning_left, 0,
		                               NULL);
	footer_rows = wrapped_rows(c, app, footer ? footer : "");
	if (warning)
		warn_rows = wrapped_rows(c, app, warning);
	/* The safety lines are never cut: if they leave too little room, the window is too small. */
	top += put_wrapped(c, app, top, c->rows, app_text(app, "emergency_banner"), TH_EMERGENCY);
	top += put_wrapped(c, app, top, c->rows - top, app_text(app, "silent_solution"),
	                   TH_EMERGENCY);
	title = s ? sp_asprintf("%s%s", app_text(app, s->ops->title_key),
	                        app->staff ? app_text(app, "staff_view_marker") : "") :
	            NULL;
	top += put_wrapped(c, app, top, c->rows - top, title ? title : "", TH_TITLE);
	free(title);
	bottom = c->rows - footer_rows - warn_rows;
	c->content_top = top;
	app->content_rows = bottom - top;
	app->content_cols = c->cols;
	if (s)
		build_if_dirty(app, s);
	if (!s || c->cols < MIN_COLS || app->content_rows < MIN_CONTENT_ROWS ||
	    doc_min_width(&s->doc) + 1 > c->cols) {
		tui_canvas_clear(c);
		c->rows = rows > 0 ? rows : 0;
		c->cols = cols > 0 ? cols : 0;
		layout_too_small(c, app);
	} else {
		ensure_visible(s, app->content_rows);
		layout_document(c, s, top, app->content_rows);
		if (warning)
			put_wrapped(c, app, bottom, warn_rows, warning, TH_WARNING);
		put_wrapped(c, app, c->rows - footer_rows, footer_rows, footer ? footer : "",
		            TH_FOOTER);
	}
	free(footer);
	free(warning);
}

int
tui_frame_item_at(const struct tui_canvas *c, struct tui_screen *s, int row)
{
	int line = row - c->content_top;

	if (!s || line < 0)
		return DOC_NO_ITEM;
	return doc_line_item(&s->doc, s->scroll + (size_t) line);
}

/* Places one run's text into a row of cells (one string per column). */
static void
place(char cells[][8], int cols, const struct tui_run *r)
{
	const char *p = r->text;
	size_t len = strlen(p);
	mbstate_t ps;
	int x = r->x, end = r->x + r->cols;

	memset(&ps, 0, sizeof ps);
	while (len > 0 && x < cols && x < end) {
		wchar_t wc;
		size_t used = mbrtowc(&wc, p, len, &ps);
		int w;

		if (used == (size_t) -1 || used == (size_t) -2 || used == 0)
			break;
		w = wcwidth(wc);
		if (w < 0)
			w = 0;
		if (x + w > end || x + w > cols)
			break;
		if (w > 0) {
			/* A no-break space shows as a space. */
			if (wc == 0xA0 || wc < L' ')
				strcpy(cells[x], " ");
			else
				snprintf(cells[x], sizeof cells[x], "%.*s", (int) used, p);
			for (int k = 1; k < w; k++)
				cells[x + k][0] = '\0';
			x += w;
		}
		p += used;
		len -= used;
	}
}

char *
tui_canvas_row_text(const struct tui_canvas *c, int y)
{
	char(*cells)[8];
	struct sp_buf buf;
	size_t keep = 0;

	if (c->cols <= 0 || !(cells = sp_calloc((size_t) c->cols, sizeof *cells)))
		return sp_strdup("");
	for (int x = 0; x < c->cols; x++)
		strcpy(cells[x], " ");
	for (size_t i = 0; i < c->nruns; i++)
		if (c->runs[i].y == y)
			place(cells, c->cols, &c->runs[i]);
	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	for (int x = 0; x < c->cols; x++) {
		sp_buf_puts(&buf, cells[x]);
		if (strcmp(cells[x], " ") != 0)
			keep = buf.len;
	}
	free(cells);
	if (buf.data)
		buf.data[keep] = '\0';
	return sp_buf_take(&buf);
}

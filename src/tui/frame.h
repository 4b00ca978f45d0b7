#ifndef SIGNPOST_TUI_FRAME_H
#define SIGNPOST_TUI_FRAME_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/app.h"
#include "tui/role.h"

/*
 * One frame of the screen, laid out but not painted: pieces of text at a row and column.
 * tui/term.c paints a canvas with curses; tests read it back as text, which makes a frame
 * checkable without a terminal. The safety lines (999, the Silent Solution, the quick-exit key)
 * are laid out first and never cut: when they leave too little room, the frame says the window
 * is too small, still showing 999.
 */
struct tui_run {
	int y, x, cols; /* where, and at most how many columns */
	char *text;     /* owned */
	enum tui_role role;
	bool fill; /* the row is filled across in the role's colours first */
};

struct tui_canvas {
	int rows, cols;
	struct tui_run *runs;
	size_t nruns;
	int content_top; /* the first row of the document, for mouse clicks */
};

void tui_canvas_clear(struct tui_canvas *c);

/* Lays out the top screen (building its document if it is dirty) or the neutral page.
 * warning_left: seconds left on the idle countdown, or -1 when none shows. */
void tui_frame_layout(struct tui_canvas *c, struct tui_app *app, int rows, int cols,
                      long warning_left);

/* Row y of a canvas as plain text, as a terminal would show it (no trailing blanks). New
 * string, NULL when memory runs out. */
char *tui_canvas_row_text(const struct tui_canvas *c, int y);

/* The item on a screen row, or DOC_NO_ITEM (for mouse clicks). */
int tui_frame_item_at(const struct tui_canvas *c, struct tui_screen *s, int row);

#endif

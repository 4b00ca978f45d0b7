#ifndef SIGNPOST_TERM_H
#define SIGNPOST_TERM_H

/* The one place that includes curses, sets the terminal up and always gives it back. */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>

/* Display roles and how each looks in colour and without it (NO_COLOR, monochrome). */
#define TERM_THEME_INFO(_) \
	/* role          fg             bg           mono attrs           high-contrast */ \
	_(TH_NORMAL,    COLOR_WHITE,   COLOR_BLACK, A_NORMAL,            A_NORMAL) \
	_(TH_EMERGENCY, COLOR_WHITE,   COLOR_RED,   A_REVERSE | A_BOLD,  A_REVERSE | A_BOLD) \
	_(TH_HINT,      COLOR_YELLOW,  COLOR_BLACK, A_BOLD,              A_BOLD) \
	_(TH_TITLE,     COLOR_CYAN,    COLOR_BLACK, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE) \
	_(TH_HEADING,   COLOR_GREEN,   COLOR_BLACK, A_BOLD,              A_BOLD) \
	_(TH_PHONE,     COLOR_YELLOW,  COLOR_BLACK, A_BOLD,              A_BOLD) \
	_(TH_MUTED,     COLOR_WHITE,   COLOR_BLACK, A_DIM,               A_NORMAL) \
	_(TH_SELECTED,  COLOR_BLACK,   COLOR_CYAN,  A_REVERSE,           A_REVERSE | A_BOLD) \
	_(TH_FOOTER,    COLOR_BLACK,   COLOR_WHITE, A_REVERSE,           A_REVERSE | A_BOLD) \
	_(TH_WARNING,   COLOR_BLACK,   COLOR_YELLOW, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD)

enum term_role {
#define TERM_ROLE_ENUM(role, fg, bg, mono, contrast) role,
	TERM_THEME_INFO(TERM_ROLE_ENUM)
#undef TERM_ROLE_ENUM
	TERM_ROLE_COUNT
};

enum term_theme { TERM_THEME_COLOUR, TERM_THEME_MONO, TERM_THEME_HIGH_CONTRAST };

/*
 * Checks the terminal can address the cursor, then starts curses on it. Returns 0, or 2 with
 * *why set to a bundle key ("err_terminal_dumb", "err_not_a_terminal") for the caller's message.
 */
int term_start(enum term_theme theme, bool kiosk, const char **why);

/* Gives the terminal back (endwin), once, from any path: normal exit, die, signal, atexit. */
void term_stop(void);

/* Clears the screen and the terminal's scrollback (the Linux console has no alternate screen:
 * clear, then ESC [3J). */
void term_wipe(void);

attr_t term_attr(enum term_role role);

/* Draws UTF-8 text at (y, x), at most `cols` columns; no-break spaces show as spaces. */
void term_put(int y, int x, int cols, const char *utf8, size_t len, attr_t attr);

/* Fills a row from x to the right edge with blanks in attr. */
void term_fill(int y, int x, attr_t attr);

#endif

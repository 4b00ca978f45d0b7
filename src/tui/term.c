#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>
#include <wchar.h>

#include "tui/term.h"

static bool term_running;
static SCREEN *screen;
static attr_t role_attrs[TERM_ROLE_COUNT];

static const struct {
	short fg, bg;
	attr_t mono, contrast;
} theme_table[TERM_ROLE_COUNT] = {
#define TERM_ROLE_ROW(role, fg, bg, mono, contrast) [role] = { fg, bg, mono, contrast },
	TERM_THEME_INFO(TERM_ROLE_ROW)
#undef TERM_ROLE_ROW
};

void
term_stop(void)
{
	if (!term_running)
		return;
	term_running = false;
	endwin();
	delscreen(screen);
	screen = NULL;
}

static void
term_atexit(void)
{
	term_stop();
}

int
term_start(enum term_theme theme, bool kiosk, const char **why)
{
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*why = "err_not_a_terminal";
		return 2;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK || err <= 0 || !cursor_address ||
	    !clear_screen) {
		*why = "err_terminal_dumb";
		return 2;
	}
	/* newterm, unlike initscr, returns on failure instead of exiting with its own words. */
	if (!(screen = newterm(NULL, stdout, stdin))) {
		*why = "err_terminal_dumb";
		return 2;
	}
	set_term(screen);
	/* A lone Esc must reach us at once: quick exit is Esc twice within a second. */
	set_escdelay(25);
	term_running = true;
	atexit(term_atexit);
	if (kiosk)
		raw(); /* Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys, not signals */
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	if (getenv("NO_COLOR") && *getenv("NO_COLOR") && theme == TERM_THEME_COLOUR)
		theme = TERM_THEME_MONO;
	if (theme == TERM_THEME_COLOUR && has_colors() && start_color() == OK) {
		use_default_colors();
		for (int r = 0; r < TERM_ROLE_COUNT; r++) {
			short bg = theme_table[r].bg == COLOR_BLACK ? -1 : theme_table[r].bg;

			init_pair((short)(r + 1), theme_table[r].fg, bg);
			role_attrs[r] = COLOR_PAIR(r + 1) |
				(theme_table[r].mono & (A_BOLD | A_UNDERLINE));
		}
		role_attrs[TH_NORMAL] = A_NORMAL;
		role_attrs[TH_MUTED] = A_NORMAL;
	} else {
		for (int r = 0; r < TERM_ROLE_COUNT; r++)
			role_attrs[r] = theme == TERM_THEME_HIGH_CONTRAST ? theme_table[r].contrast :
			                theme_table[r].mono;
	}
	return 0;
}

void
term_wipe(void)
{
	erase();
	clearok(curscr, TRUE);
	refresh();
	/* Scrollback too: E3 where terminfo knows it, else the xterm sequence. */
	fputs("\033[H\033[2J\033[3J", stdout);
	fflush(stdout);
}

attr_t
term_attr(enum term_role role)
{
	return (unsigned) role < TERM_ROLE_COUNT ? role_attrs[role] : A_NORMAL;
}

void
term_put(int y, int x, int cols, const char *s, size_t len, attr_t attr)
{
	wchar_t buf[512];
	mbstate_t ps;
	size_t n = 0;
	int width = 0;

	memset(&ps, 0, sizeof ps);
	while (len > 0 && n < sizeof buf / sizeof buf[0] - 1) {
		wchar_t wc;
		size_t used = mbrtowc(&wc, s, len, &ps);
		int w;

		if (used == (size_t) -1 || used == (size_t) -2) {
			wc = L'?';
			used = 1;
			memset(&ps, 0, sizeof ps);
		} else if (used == 0) {
			break;
		}
		if (wc == 0xA0)
			wc = L' ';
		if (wc < L' ' || wc == 0x7f)
			wc = L' ';
		w = wcwidth(wc);
		if (w < 0)
			w = 0;
		if (width + w > cols)
			break;
		width += w;
		buf[n++] = wc;
		s += used;
		len -= used;
	}
	buf[n] = L'\0';
	attrset(attr);
	mvaddnwstr(y, x, buf, (int) n);
	attrset(A_NORMAL);
}

void
term_fill(int y, int x, attr_t attr)
{
	attrset(attr);
	for (int i = x; i < COLS; i++)
		mvaddch(y, i, ' ');
	attrset(A_NORMAL);
}

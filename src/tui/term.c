#include "config.h"

#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/* Ours first: terminfo's <term.h> defines macros (lines, columns) that clash with C names. */
#include "tui/term.h"
#include "tui/term_plain.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <term.h>

/* The terminal this process draws on: one per process, set up once by term_start(). */
static bool term_running;
static SCREEN *screen;
static attr_t role_attrs[TUI_ROLE_COUNT];
/* Set when curses cannot run here: every function below hands over to the plain terminal. */
static const struct term_plain_ops *plain;

/* How each role looks in colour and without it (NO_COLOR, monochrome, high contrast). */
static const struct {
	short fg, bg;
	attr_t mono, contrast;
} theme_table[TUI_ROLE_COUNT] = {
	/* role          fg             bg           mono attrs            high-contrast */
	[TH_NORMAL] = { COLOR_WHITE, COLOR_BLACK, A_NORMAL, A_NORMAL },
	[TH_EMERGENCY] = { COLOR_WHITE, COLOR_RED, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD },
	[TH_HINT] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_BOLD },
	[TH_TITLE] = { COLOR_CYAN, COLOR_BLACK, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE },
	[TH_HEADING] = { COLOR_GREEN, COLOR_BLACK, A_BOLD, A_BOLD },
	[TH_PHONE] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_BOLD },
	[TH_MUTED] = { COLOR_WHITE, COLOR_BLACK, A_DIM, A_NORMAL },
	[TH_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_REVERSE | A_BOLD },
	[TH_FOOTER] = { COLOR_BLACK, COLOR_WHITE, A_REVERSE, A_REVERSE | A_BOLD },
	[TH_WARNING] = { COLOR_BLACK, COLOR_YELLOW, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD },
};

void
term_stop(void)
{
	if (plain) {
		plain->stop();
		plain = NULL;
		return;
	}
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
		for (int r = 0; r < TUI_ROLE_COUNT; r++) {
			short bg = theme_table[r].bg == COLOR_BLACK ? -1 : theme_table[r].bg;

			init_pair((short) (r + 1), theme_table[r].fg, bg);
			role_attrs[r] =
			        COLOR_PAIR(r + 1) | (theme_table[r].mono & (A_BOLD | A_UNDERLINE));
		}
		role_attrs[TH_NORMAL] = A_NORMAL;
		role_attrs[TH_MUTED] = A_NORMAL;
	} else {
		for (int r = 0; r < TUI_ROLE_COUNT; r++)
			role_attrs[r] = theme == TERM_THEME_HIGH_CONTRAST ?
			                        theme_table[r].contrast :
			                        theme_table[r].mono;
	}
	return 0;
}

void
term_start_plain(void)
{
	plain = term_plain_start();
	atexit(term_atexit);
}

void
term_wipe(void)
{
	if (plain) {
		plain->wipe();
		return;
	}
	erase();
	clearok(curscr, TRUE);
	refresh();
	/* Scrollback too: E3 where terminfo knows it, else the xterm sequence. */
	fputs("\033[H\033[2J\033[3J", stdout);
	fflush(stdout);
}

static attr_t
term_attr(enum tui_role role)
{
	return (unsigned) role < TUI_ROLE_COUNT ? role_attrs[role] : A_NORMAL;
}

/* Draws UTF-8 text at (y, x), at most `cols` columns; no-break spaces show as spaces. */
static void
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

/* Fills a row from x to the right edge with blanks in attr. */
static void
term_fill(int y, int x, attr_t attr)
{
	attrset(attr);
	for (int i = x; i < COLS; i++)
		mvaddch(y, i, ' ');
	attrset(A_NORMAL);
}

void
term_size(int *rows, int *cols)
{
	if (plain) {
		plain->size(rows, cols);
		return;
	}
	*rows = LINES;
	*cols = COLS;
}

void
term_paint(const struct tui_canvas *canvas)
{
	if (plain) {
		plain->paint(canvas);
		return;
	}
	erase();
	for (size_t i = 0; i < canvas->nruns; i++) {
		const struct tui_run *r = &canvas->runs[i];
		attr_t attr = term_attr(r->role);

		if (r->fill)
			term_fill(r->y, 0, attr);
		term_put(r->y, r->x, r->cols, r->text, strlen(r->text), attr);
	}
	refresh();
}

/* F12 as xterm, VT220, rxvt and the Linux console send it, with or without modifiers
 * ("[24~", "[24;5~", rxvt's "[24$" and "[24^"): quick exit must work whether or not the
 * terminal description lists the key (vt100 and ansi do not). */
static bool
is_f12_sequence(const char *seq)
{
	if (strncmp(seq, "[24", 3) != 0)
		return false;
	seq += 3;
	if (*seq == ';')
		for (seq++; *seq >= '0' && *seq <= '9'; seq++)
			;
	return (seq[0] == '~' || seq[0] == '$' || seq[0] == '^' || seq[0] == '@') && !seq[1];
}

/*
 * A key whose escape sequence terminfo does not know arrives as Esc, '[' or 'O', then more
 * bytes, all at once. Taken one by one they would mean "back" and then whatever the letters
 * and digits do; the whole sequence is read instead and is F12 or nothing. A person's own Esc
 * is never followed by '[' within a few milliseconds.
 */
static enum tui_keycode
read_unknown_sequence(void)
{
	char seq[20];
	size_t n = 0;
	wint_t next;
	int rc;

	timeout(5);
	rc = get_wch(&next);
	if (rc == ERR || rc == KEY_CODE_YES || (next != L'[' && next != L'O')) {
		if (rc == KEY_CODE_YES)
			ungetch((int) next);
		else if (rc != ERR)
			unget_wch((wchar_t) next);
		return TUI_KEY_ESC;
	}
	seq[n++] = (char) next;
	/* CSI parameters and intermediates, up to the final byte (@ to ~, or rxvt's $ ^). */
	for (int i = 0; i < 16; i++) {
		rc = get_wch(&next);
		if (rc == ERR || rc == KEY_CODE_YES)
			break;
		if (n + 1 < sizeof seq && next < 0x80)
			seq[n++] = (char) next;
		if ((next >= 0x40 && next <= 0x7e && (i > 0 || next != L'[')) || next == L'$' ||
		    next == L'^')
			break;
	}
	seq[n] = '\0';
	return is_f12_sequence(seq) ? TUI_KEY_QUICK_EXIT : TUI_KEY_OTHER;
}

static enum tui_keycode
function_key(wint_t ch)
{
	switch (ch) {
	case KEY_UP: return TUI_KEY_UP;
	case KEY_DOWN: return TUI_KEY_DOWN;
	case KEY_LEFT: return TUI_KEY_LEFT;
	case KEY_RIGHT: return TUI_KEY_RIGHT;
	case KEY_PPAGE: return TUI_KEY_PAGE_UP;
	case KEY_NPAGE: return TUI_KEY_PAGE_DOWN;
	case KEY_HOME: return TUI_KEY_HOME;
	case KEY_END: return TUI_KEY_END;
	case KEY_ENTER: return TUI_KEY_ENTER;
	case KEY_BACKSPACE: return TUI_KEY_BACKSPACE;
	case KEY_RESIZE: return TUI_KEY_RESIZE;
	case KEY_MOUSE: return TUI_KEY_CLICK;
	default:
		if (ch == (wint_t) KEY_F(12))
			return TUI_KEY_QUICK_EXIT;
		if (ch == (wint_t) KEY_F(2))
			return TUI_KEY_LANGUAGE;
		return TUI_KEY_OTHER;
	}
}

static void
read_mouse(struct tui_key *key)
{
	MEVENT ev;

	key->code = TUI_KEY_OTHER;
	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		key->code = TUI_KEY_WHEEL_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		key->code = TUI_KEY_WHEEL_DOWN;
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) {
		key->code = TUI_KEY_CLICK;
		key->row = ev.y;
	}
}

bool
term_read_key(struct tui_key *key, int timeout_ms)
{
	if (plain)
		return plain->read_key(key, timeout_ms);
	wint_t ch;
	int rc;

	timeout(timeout_ms);
	rc = get_wch(&ch);
	if (rc == ERR)
		return false;
	*key = (struct tui_key){ .code = TUI_KEY_CHAR, .ch = ch };
	if (rc == KEY_CODE_YES) {
		key->code = function_key(ch);
		key->ch = 0;
		if (key->code == TUI_KEY_CLICK)
			read_mouse(key);
	} else if (ch == 27) {
		key->code = read_unknown_sequence();
	} else if (ch == L'\r' || ch == L'\n') {
		key->code = TUI_KEY_ENTER;
	} else if (ch == 127 || ch == 8) {
		key->code = TUI_KEY_BACKSPACE;
	}
	return true;
}

bool
term_lost(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "tui/term_plain.h"

/* One plain terminal per process, like curses' own. */
static bool raw_set;
static struct termios saved_termios;
/* Bytes read but not yet turned into keys. */
static unsigned char pending[64];
static size_t npending;

static const struct term_plain_ops plain_ops;

const struct term_plain_ops *
term_plain_start(void)
{
	struct termios raw;

	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_termios) == 0) {
		raw = saved_termios;
		/* Every key arrives as bytes; Ctrl-C, Ctrl-Z and Ctrl-\ are keys, not signals. */
		cfmakeraw(&raw);
		raw.c_oflag |= OPOST | ONLCR;
		raw_set = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
	}
	return &plain_ops;
}

static void
plain_stop(void)
{
	if (raw_set)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
	raw_set = false;
}

static void
plain_wipe(void)
{
	/* Clear and clear the scrollback where the terminal understands it; where it does not,
	 * push what was shown out of sight. */
	for (int i = 0; i < 100; i++)
		fputc('\n', stdout);
	fputs("\033[H\033[2J\033[3J", stdout);
	fflush(stdout);
}

static void
plain_size(int *rows, int *cols)
{
	struct winsize ws;

	*rows = 24;
	*cols = 80;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
}

static void
plain_paint(const struct tui_canvas *canvas)
{
	fputs("\033[H\033[2J", stdout);
	for (int y = 0; y < canvas->rows; y++) {
		char *row = tui_canvas_row_text(canvas, y);

		fputs(row ? row : "", stdout);
		if (y + 1 < canvas->rows)
			fputc('\n', stdout);
		free(row);
	}
	fflush(stdout);
}

/* Reads what is waiting (up to timeout_ms for the first byte); false when nothing came. */
static bool
fill(int timeout_ms)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	ssize_t n;

	if (npending >= sizeof pending)
		return true;
	if (poll(&p, 1, timeout_ms) <= 0 || !(p.revents & POLLIN))
		return false;
	n = read(STDIN_FILENO, pending + npending, sizeof pending - npending);
	if (n <= 0)
		return false;
	npending += (size_t) n;
	return true;
}

static void
consume(size_t n)
{
	memmove(pending, pending + n, npending - n);
	npending -= n;
}

/* An escape sequence after ESC: its length in pending (ESC included) and what key it is. */
static size_t
decode_sequence(enum tui_keycode *code)
{
	static const struct {
		const char *seq;
		enum tui_keycode code;
	} known[] = {
		{ "[A", TUI_KEY_UP },           { "[B", TUI_KEY_DOWN },
		{ "[C", TUI_KEY_RIGHT },        { "[D", TUI_KEY_LEFT },
		{ "OA", TUI_KEY_UP },           { "OB", TUI_KEY_DOWN },
		{ "OC", TUI_KEY_RIGHT },        { "OD", TUI_KEY_LEFT },
		{ "[5~", TUI_KEY_PAGE_UP },     { "[6~", TUI_KEY_PAGE_DOWN },
		{ "[H", TUI_KEY_HOME },         { "[F", TUI_KEY_END },
		{ "[1~", TUI_KEY_HOME },        { "[4~", TUI_KEY_END },
		{ "[24~", TUI_KEY_QUICK_EXIT }, { "[12~", TUI_KEY_LANGUAGE },
		{ "OQ", TUI_KEY_LANGUAGE },
	};
	size_t len = 1;

	/* Up to the final byte: a letter or '~' after '[' or 'O' and any parameters. */
	while (len < npending && len < 16) {
		unsigned char c = pending[len++];

		if (len > 2 && ((c >= 0x40 && c <= 0x7e) || c == '$' || c == '^'))
			break;
		if (len == 2 && c != '[' && c != 'O')
			return 1; /* ESC and a key of its own */
	}
	*code = TUI_KEY_OTHER;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strlen(known[i].seq) == len - 1 && !memcmp(known[i].seq, pending + 1, len - 1))
			*code = known[i].code;
	/* F12 with modifiers ("[24;5~") is quick exit too. */
	if (len > 4 && !memcmp(pending + 1, "[24;", 4))
		*code = TUI_KEY_QUICK_EXIT;
	return len;
}

static bool
plain_read_key(struct tui_key *key, int timeout_ms)
{
	unsigned char c;

	if (!npending && !fill(timeout_ms))
		return false;
	c = pending[0];
	*key = (struct tui_key){ .code = TUI_KEY_CHAR, .ch = c };
	if (c == 27) {
		enum tui_keycode code = TUI_KEY_ESC;
		size_t used;

		/* The rest of a sequence comes at once; a person's own Esc stands alone. */
		if (npending == 1)
			fill(5);
		used = npending > 1 ? decode_sequence(&code) : 1;
		key->code = used > 1 ? code : TUI_KEY_ESC;
		key->ch = 0;
		consume(used);
		return true;
	}
	if (c == '\r' || c == '\n') {
		key->code = TUI_KEY_ENTER;
	} else if (c == 127 || c == 8) {
		key->code = TUI_KEY_BACKSPACE;
	} else if (c >= 0x80) {
		mbstate_t ps;
		wchar_t wc;
		size_t n;

		memset(&ps, 0, sizeof ps);
		n = mbrtowc(&wc, (const char *) pending, npending, &ps);
		if (n == (size_t) -2 && fill(5)) {
			memset(&ps, 0, sizeof ps);
			n = mbrtowc(&wc, (const char *) pending, npending, &ps);
		}
		if (n == (size_t) -1 || n == (size_t) -2 || n == 0) {
			key->code = TUI_KEY_OTHER;
			consume(1);
			return true;
		}
		key->ch = (wint_t) wc;
		consume(n);
		return true;
	}
	consume(1);
	return true;
}

static const struct term_plain_ops plain_ops = {
	.stop = plain_stop,
	.wipe = plain_wipe,
	.size = plain_size,
	.paint = plain_paint,
	.read_key = plain_read_key,
};

#ifndef SIGNPOST_TUI_KEY_H
#define SIGNPOST_TUI_KEY_H

#include <wchar.h>

/*
 * A key press as the screens and the dispatcher see it, whatever the terminal sent: term.c
 * turns curses' codes and escape sequences into these, and tests make them directly.
 */
enum tui_keycode {
	TUI_KEY_CHAR, /* a character: ch */
	TUI_KEY_UP,
	TUI_KEY_DOWN,
	TUI_KEY_LEFT,
	TUI_KEY_RIGHT,
	TUI_KEY_PAGE_UP,
	TUI_KEY_PAGE_DOWN,
	TUI_KEY_HOME,
	TUI_KEY_END,
	TUI_KEY_ENTER,
	TUI_KEY_BACKSPACE,
	TUI_KEY_ESC,        /* a lone Esc, not the start of a sequence */
	TUI_KEY_QUICK_EXIT, /* F12 */
	TUI_KEY_LANGUAGE,   /* F2 */
	TUI_KEY_RESIZE,
	TUI_KEY_CLICK, /* a mouse click on screen row `row` */
	TUI_KEY_WHEEL_UP,
	TUI_KEY_WHEEL_DOWN,
	TUI_KEY_OTHER, /* any other function key: ignored */
};

struct tui_key {
	enum tui_keycode code;
	wint_t ch; /* TUI_KEY_CHAR only */
	int row;   /* TUI_KEY_CLICK only */
};

#define TUI_KEY_CTRL_RIGHT_BRACKET 0x1d

#endif

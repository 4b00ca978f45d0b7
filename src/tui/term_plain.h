#ifndef SIGNPOST_TERM_PLAIN_H
#define SIGNPOST_TERM_PLAIN_H

#include <stdbool.h>

#include "tui/frame.h"
#include "tui/key.h"

/*
 * The terminal without curses, for a kiosk whose terminal description is missing or useless
 * (TERM unset, dumb or unknown): frames are written as plain lines, keys are read as bytes and
 * the common escape sequences decoded by hand. A kiosk never stops for want of a terminfo
 * entry: 999 and the helplines still show, and quick exit still clears what it can.
 * tui/term.c hands over to these functions while plain mode is on.
 */
struct term_plain_ops {
	void (*stop)(void);
	void (*wipe)(void);
	void (*size)(int *rows, int *cols);
	void (*paint)(const struct tui_canvas *canvas);
	bool (*read_key)(struct tui_key *key, int timeout_ms);
};

/* Sets the terminal up for plain mode (raw bytes in, lines out) and returns its functions. */
const struct term_plain_ops *term_plain_start(void);

#endif

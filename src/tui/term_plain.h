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
void term_plain_start(void);
bool term_plain_active(void);
void term_plain_stop(void);
void term_plain_wipe(void);
void term_plain_size(int *rows, int *cols);
void term_plain_paint(const struct tui_canvas *canvas);
bool term_plain_read_key(struct tui_key *key, int timeout_ms);

#endif

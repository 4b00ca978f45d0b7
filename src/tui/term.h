#ifndef SIGNPOST_TERM_H
#define SIGNPOST_TERM_H

/*
 * The one place that talks to curses: it sets the terminal up and always gives it back,
 * paints laid-out frames, and turns what the keyboard sends into struct tui_key.
 */
#include <stdbool.h>

#include "tui/frame.h"
#include "tui/key.h"

enum term_theme { TERM_THEME_COLOUR, TERM_THEME_MONO, TERM_THEME_HIGH_CONTRAST };

/*
 * Checks the terminal can address the cursor, then starts curses on it. Returns 0, or 2 with
 * *why set to a bundle key ("err_terminal_dumb", "err_not_a_terminal") for the caller's message.
 */
int term_start(enum term_theme theme, bool kiosk, const char **why);

/* A kiosk whose terminal description is missing or useless: plain lines and bytes, no curses
 * (tui/term_plain.c). Every function below then works in that mode. */
void term_start_plain(void);

/* Gives the terminal back (endwin), once, from any path: normal exit, die, signal, atexit. */
void term_stop(void);

/* Clears the screen and the terminal's scrollback (the Linux console has no alternate screen:
 * clear, then ESC [3J). */
void term_wipe(void);

/* The window's size now. */
void term_size(int *rows, int *cols);

/* Paints a frame over the whole screen. */
void term_paint(const struct tui_canvas *canvas);

/*
 * Waits up to timeout_ms (0: only a key already waiting) for a key; false when none came.
 * An escape sequence the terminal description does not know is swallowed whole, so it cannot
 * act as Esc followed by stray keys.
 */
bool term_read_key(struct tui_key *key, int timeout_ms);

/*
 * True once the terminal has hung up (the other end of a pseudo-terminal closed, a serial line
 * dropped): no key can come and nothing can be shown. A kiosk ignores SIGHUP (it means "look
 * for a newer directory"), so without this check it would wait on a dead terminal for ever.
 */
bool term_lost(void);

#endif

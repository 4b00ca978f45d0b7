#ifndef SIGNPOST_TUI_SESSION_H
#define SIGNPOST_TUI_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/exit.h"
#include "tui/app.h"
#include "tui/key.h"

/*
 * The rules above every screen, in one place and free of curses: quick exit (F12, or Esc
 * twice within TUI_DOUBLE_ESC_MS), back, the idle countdown and reset, the kiosk
 * administrator's sequence, and moving through a document. Time comes in as an argument, so
 * tests run the rules against a fake clock and a fake terminal.
 */
#define TUI_DOUBLE_ESC_MS 1000

/* What the terminal must do for the rules; a test passes one that records the calls. */
struct tui_terminal {
	/* Clears the screen and the terminal's scrollback at once, before any state goes. */
	void (*blank)(void *ctx);
	void *ctx;
};

struct tui_session {
	struct tui_app *app;
	struct tui_terminal term;
	double last_key_ms;
	double last_esc_ms;
	bool quit;
	bool visit;             /* a key since the last reset: a visitor may be using it */
	bool reload_requested;  /* look for a newer directory as soon as no visit is on */
	struct kiosk_exit exit; /* the administrator's way out of a kiosk */
};

/* Starts a session on an app (which must hold its first screen) at time now_ms. A kiosk's way
 * out is armed with the settings' admin_quit secret. */
void tui_session_start(struct tui_session *session, struct tui_app *app,
                       const struct tui_terminal *term, double now_ms);

/* Handles one key pressed at now_ms. */
void tui_session_key(struct tui_session *session, const struct tui_key *key, double now_ms);

/* Runs the idle clock: at the timeout, the visit is forgotten (and a kiosk takes a newer
 * directory if there is one, tui/load.h). A reload that was asked for is carried out here too,
 * once no visit is on (Home, nothing typed since the last reset). true when the screen
 * changed. */
bool tui_session_tick(struct tui_session *session, double now_ms);

/* Asks for a newer directory (SIGHUP): taken at once if no visit is on, else at the idle
 * reset, never in the middle of a visit. */
void tui_session_request_reload(struct tui_session *session);

/* Seconds left on the idle countdown while its warning shows, else -1. */
long tui_session_warning_left(const struct tui_session *session, double now_ms);

/* Ends a session, wiping what it holds. */
void tui_session_end(struct tui_session *session);

/* Quick exit: the screen goes first, then every trace of the visit; the neutral page is up. */
void tui_session_quick_exit(struct tui_session *session);

#endif

#include "config.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>

#include "tui/load.h"
#include "tui/session.h"

void
tui_session_start(struct tui_session *session, struct tui_app *app, const struct tui_terminal *term,
                  double now_ms)
{
	memset(session, 0, sizeof *session);
	session->app = app;
	session->term = *term;
	session->last_key_ms = now_ms;
	kiosk_exit_init(&session->exit, app->kiosk ? app->settings.admin_quit : NULL);
}

void
tui_session_end(struct tui_session *session)
{
	kiosk_exit_clear(&session->exit);
	explicit_bzero(session, sizeof *session);
}

static void
blank(struct tui_session *session)
{
	if (session->term.blank)
		session->term.blank(session->term.ctx);
}

void
tui_session_quick_exit(struct tui_session *session)
{
	blank(session);
	app_reset(session->app);
	session->app->neutral = true;
	session->visit = false;
	session->last_esc_ms = 0;
	kiosk_exit_close(&session->exit);
}

static long
idle_warning_seconds(const struct tui_app *app)
{
	return app->idle_timeout >= 60 ? 20 : app->idle_timeout / 3;
}

long
tui_session_warning_left(const struct tui_session *session, double now_ms)
{
	const struct tui_app *app = session->app;
	double idle_ms = now_ms - session->last_key_ms;
	long left;

	if (app->idle_timeout <= 0 || app->neutral ||
	    idle_ms < (double) (app->idle_timeout - idle_warning_seconds(app)) * 1000.0)
		return -1;
	left = app->idle_timeout - (long) (idle_ms / 1000.0);
	return left > 0 ? left : 0;
}

void
tui_session_request_reload(struct tui_session *session)
{
	session->reload_requested = true;
}

/* Between visits only: a kiosk takes a newer directory if there is one. */
static bool
reload(struct tui_session *session)
{
	session->reload_requested = false;
	return session->app->kiosk && tui_reload_directory(session->app);
}

bool
tui_session_tick(struct tui_session *session, double now_ms)
{
	struct tui_app *app = session->app;

	if (app->idle_timeout <= 0 || app->neutral ||
	    now_ms - session->last_key_ms < (double) app->idle_timeout * 1000.0)
		return session->reload_requested && !session->visit && reload(session);
	blank(session);
	app_reset(app);
	session->visit = false;
	session->last_key_ms = now_ms;
	session->last_esc_ms = 0;
	kiosk_exit_close(&session->exit);
	reload(session);
	return true;
}

static void
move_selection(struct tui_screen *s, int delta, int rows)
{
	if (s->doc.nitems == 0 || s->selected == DOC_NO_ITEM) {
		/* Nothing to select: the arrows scroll. */
		if (delta < 0 && s->scroll > 0)
			s->scroll--;
		else if (delta > 0 && s->scroll + (size_t) rows < s->doc.nlines)
			s->scroll++;
		return;
	}
	s->selected += delta;
	if (s->selected < 0)
		s->selected = 0;
	if (s->selected >= s->doc.nitems)
		s->selected = s->doc.nitems - 1;
}

static void
page(struct tui_screen *s, int direction, int rows)
{
	size_t step = rows > 1 ? (size_t) rows - 1 : 1;

	if (direction < 0)
		s->scroll = s->scroll > step ? s->scroll - step : 0;
	else if (s->scroll + step < s->doc.nlines)
		s->scroll += step;
	/* Keep the selection on what is now shown. */
	for (size_t line = s->scroll; line < s->doc.nlines && line < s->scroll + (size_t) rows;
	     line++) {
		int item = doc_line_item(&s->doc, line);

		if (item != DOC_NO_ITEM) {
			if (direction > 0 || item < s->selected || s->selected == DOC_NO_ITEM)
				s->selected = item;
			break;
		}
	}
}

static void
activate(struct tui_app *app, struct tui_screen *s, int item)
{
	if (item != DOC_NO_ITEM && item < s->doc.nitems && s->ops->activate)
		app_apply(app, s, s->ops->activate(s, app, item));
}

static void
click(struct tui_app *app, struct tui_screen *s, int row)
{
	int item;

	if (row < 0 || row >= app->content_rows)
		return;
	item = doc_line_item(&s->doc, s->scroll + (size_t) row);
	if (item == DOC_NO_ITEM)
		return;
	if (item == s->selected)
		activate(app, s, item);
	else
		s->selected = item;
}

/* The administrator's sequence (kiosk/exit.c) sees every key first in a kiosk. */
static enum kiosk_exit_result
exit_key(struct tui_session *session, const struct tui_key *key, double now_ms)
{
	char utf8[MB_LEN_MAX + 1] = "";
	enum kiosk_exit_input input;

	switch (key->code) {
	case TUI_KEY_ENTER: input = KIOSK_EXIT_ENTER; break;
	case TUI_KEY_BACKSPACE: input = KIOSK_EXIT_BACKSPACE; break;
	case TUI_KEY_ESC: input = KIOSK_EXIT_ESC; break;
	case TUI_KEY_CHAR: {
		mbstate_t ps;
		size_t n;

		memset(&ps, 0, sizeof ps);
		n = wcrtomb(utf8, (wchar_t) key->ch, &ps);
		utf8[n == (size_t) -1 ? 0 : n] = '\0';
		input = KIOSK_EXIT_CHAR;
		break;
	}
	default: input = KIOSK_EXIT_OTHER; break;
	}
	return kiosk_exit_key(&session->exit, input, utf8, now_ms);
}

/* The keys every screen shares, after the screen itself has refused the key. */
static void
common_key(struct tui_session *session, struct tui_screen *s, const struct tui_key *key)
{
	struct tui_app *app = session->app;
	int rows = app->content_rows;

	switch (key->code) {
	case TUI_KEY_UP: move_selection(s, -1, rows); break;
	case TUI_KEY_DOWN: move_selection(s, 1, rows); break;
	case TUI_KEY_PAGE_UP: page(s, -1, rows); break;
	case TUI_KEY_PAGE_DOWN: page(s, 1, rows); break;
	case TUI_KEY_WHEEL_UP: page(s, -1, 4); break;
	case TUI_KEY_WHEEL_DOWN: page(s, 1, 4); break;
	case TUI_KEY_HOME:
		s->scroll = 0;
		s->selected = s->doc.nitems ? 0 : DOC_NO_ITEM;
		break;
	case TUI_KEY_END:
		s->selected = s->doc.nitems ? s->doc.nitems - 1 : DOC_NO_ITEM;
		s->scroll = s->doc.nlines > (size_t) rows ? s->doc.nlines - (size_t) rows : 0;
		break;
	case TUI_KEY_ENTER:
	case TUI_KEY_RIGHT: activate(app, s, s->selected); break;
	case TUI_KEY_BACKSPACE:
	case TUI_KEY_LEFT: app_pop(app); break;
	case TUI_KEY_LANGUAGE: app_open(app, &screen_language, NULL); break;
	case TUI_KEY_CLICK: click(app, s, key->row); break;
	case TUI_KEY_CHAR:
		if (s->ops->numbered && key->ch >= L'1' && key->ch <= L'9' &&
		    (int) (key->ch - L'1') < s->doc.nitems) {
			s->selected = (int) (key->ch - L'1');
			activate(app, s, s->selected);
		} else if ((key->ch == L'q' || key->ch == L'Q') && !app->kiosk) {
			session->quit = true;
		}
		/* Anything else (Ctrl-C, Ctrl-Z, Ctrl-D in a kiosk) does nothing at all. */
		break;
	default: break;
	}
}

void
tui_session_key(struct tui_session *session, const struct tui_key *key, double now_ms)
{
	struct tui_app *app = session->app;
	struct tui_screen *s = app_top(app);
	bool warning_up = tui_session_warning_left(session, now_ms) >= 0;

	session->last_key_ms = now_ms;
	session->visit = true;
	/* Quick exit comes before anything else, on every screen. */
	if (key->code == TUI_KEY_QUICK_EXIT) {
		tui_session_quick_exit(session);
		return;
	}
	if (!app->neutral && !warning_up) {
		enum kiosk_exit_result taken = exit_key(session, key, now_ms);

		if (taken == KIOSK_EXIT_QUIT)
			session->quit = true;
		if (taken != KIOSK_EXIT_PASS)
			return;
	}
	if (key->code == TUI_KEY_ESC) {
		if (session->last_esc_ms && now_ms - session->last_esc_ms <= TUI_DOUBLE_ESC_MS) {
			tui_session_quick_exit(session);
			return;
		}
		session->last_esc_ms = now_ms;
		if (!app->neutral) {
			app_pop(app);
			return;
		}
	}
	if (key->code == TUI_KEY_RESIZE) {
		for (int i = 0; i < app->depth; i++) {
			struct tui_screen *each = app->stack[i];

			if (each->ops->resize)
				app_apply(app, each, each->ops->resize(each, app));
		}
		return;
	}
	/* A key during the idle countdown only keeps the visit going. */
	if (warning_up)
		return;
	if (app->neutral) {
		/* Any key on the neutral page starts afresh. */
		app->neutral = false;
		blank(session);
		return;
	}
	if (!s)
		return;
	if (s->ops->key) {
		unsigned flags = s->ops->key(s, app, key);

		app_apply(app, s, flags);
		if (flags & TUI_QUIT && !app->kiosk)
			session->quit = true;
		if (flags & TUI_HANDLED)
			return;
	}
	common_key(session, s, key);
}

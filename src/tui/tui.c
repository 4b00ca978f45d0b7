#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "core/paths.h"
#include "core/sandbox.h"
#include "core/settings.h"
#include "core/textwrap.h"
#include "core/trust.h"
#include "tui/app.h"
#include "tui/kiosk.h"
#include "tui/term.h"
#include "tui/tui.h"

/* The loop wakes this often to run the idle clock, even with no key. */
#define TICK_MS 100
#define DOUBLE_ESC_MS 1000
#define ADMIN_WINDOW_MS 10000
#define KEY_CTRL_RIGHT_BRACKET 0x1d

/* Frame state: what the loop needs between keys. Nothing a visitor typed is kept here. */
struct frame {
	struct tui_app *app;
	double last_key_ms;
	double last_esc_ms;
	int minute_built;       /* the clock minute the top screen was built in */
	bool redraw;            /* something changed since the screen was last drawn */
	long warning_shown;     /* seconds left on the countdown as last drawn, -1 for none */
	bool admin_capture;
	double admin_started_ms;
	char admin_typed[64];
	size_t admin_len;
};

static double
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6;
}

/* Draws wrapped text from row y, each line filled across in attr; returns rows used. */
static int
draw_wrapped(struct tui_app *app, int y, int max_rows, const char *text, attr_t attr)
{
	struct sp_wrap wrap;
	int rows = 0;

	if (max_rows <= 0 || sp_wrap_text(text, COLS, app->locale, &wrap) != SP_OK)
		return 0;
	for (size_t i = 0; i < wrap.count && rows < max_rows; i++, rows++) {
		term_fill(y + rows, 0, attr);
		term_put(y + rows, 0, COLS, text + wrap.lines[i].start,
		         wrap.lines[i].end - wrap.lines[i].start, attr);
	}
	sp_wrap_clear(&wrap);
	return rows;
}

static int
wrapped_rows(struct tui_app *app, const char *text)
{
	struct sp_wrap wrap;
	int rows;

	if (sp_wrap_text(text, COLS > 0 ? COLS : 1, app->locale, &wrap) != SP_OK)
		return 1;
	rows = (int) wrap.count;
	sp_wrap_clear(&wrap);
	return rows;
}

static char *
footer_text(struct tui_app *app)
{
	return sp_asprintf("%s  %s  %s%s%s", app_text(app, "footer_quick_exit"),
	                   app_text(app, "footer_language"), app_text(app, "footer_back"),
	                   app->kiosk ? "" : "  ", app->kiosk ? "" : app_text(app, "footer_quit"));
}

/* Below this the screen says it is too small instead of cutting anything. */
#define MIN_COLS 20
#define MIN_CONTENT_ROWS 3

static void
draw_too_small(struct tui_app *app)
{
	const char *forms[] = { app_text(app, "emergency_banner"), app_text(app, "emergency_short"),
		"999" };
	int y = 0;

	erase();
	/* 999 first, in the longest form that fits; then why there is nothing else. */
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		if (wrapped_rows(app, forms[i]) <= LINES || i + 1 == sizeof forms / sizeof forms[0]) {
			y += draw_wrapped(app, y, LINES, forms[i], term_attr(TH_EMERGENCY));
			break;
		}
	}
	draw_wrapped(app, y, LINES - y, app_text(app, "window_too_small"), term_attr(TH_NORMAL));
	refresh();
}

static void
ensure_visible(struct tui_screen *s, int rows)
{
	size_t first, last;

	if (s->selected == DOC_NO_ITEM || !doc_item_lines(&s->doc, s->selected, &first, &last))
		return;
	if (last >= s->scroll + (size_t) rows)
		s->scroll = last + 1 - (size_t) rows;
	if (first < s->scroll)
		s->scroll = first;
	/* A long item whose start scrolled away: show its start. */
	if (last - first + 1 > (size_t) rows)
		s->scroll = first;
}

static void
build_if_dirty(struct frame *f, struct tui_screen *s)
{
	struct tui_app *app = f->app;

	if (!s->dirty && s->doc.laid_out_width == app->content_cols)
		return;
	if (s->dirty) {
		doc_clear(&s->doc);
		s->ops->build(s, app);
		s->dirty = false;
		/* Never a silently empty page: say that something is missing. */
		if (s->doc.failed) {
			s->doc.failed = false;
			doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0, app_text(app, "screen_incomplete"));
		}
		if (s->selected >= s->doc.nitems)
			s->selected = s->doc.nitems ? s->doc.nitems - 1 : DOC_NO_ITEM;
		if (s->selected == DOC_NO_ITEM && s->doc.nitems)
			s->selected = 0;
	}
	doc_layout(&s->doc, app->content_cols, app->locale);
	if (s->scroll >= s->doc.nlines)
		s->scroll = s->doc.nlines ? s->doc.nlines - 1 : 0;
}

static long
idle_warning_seconds(const struct tui_app *app)
{
	long warn = app->idle_timeout / 3;

	return app->idle_timeout >= 60 ? 20 : warn;
}

/* Seconds left before the idle reset while its warning is due, else -1. */
static long
warning_left(const struct frame *f)
{
	const struct tui_app *app = f->app;
	double idle_ms = monotonic_ms() - f->last_key_ms;
	long left;

	if (app->idle_timeout <= 0 || app->neutral ||
	    idle_ms < (double)(app->idle_timeout - idle_warning_seconds(app)) * 1000.0)
		return -1;
	left = app->idle_timeout - (long)(idle_ms / 1000.0);
	return left > 0 ? left : 0;
}

static void
draw(struct frame *f)
{
	struct tui_app *app = f->app;
	struct tui_screen *s = app_top(app);
	char *footer = footer_text(app), *warning = NULL, *title;
	int top = 0, bottom, footer_rows, warn_rows = 0;
	long left = warning_left(f);

	f->warning_shown = left;
	if (left >= 0)
		warning = sp_i18n_format_count(app->i18n, "idle_warning", (double) left, 0, NULL);
	footer_rows = wrapped_rows(app, footer ? footer : "");
	if (warning)
		warn_rows = wrapped_rows(app, warning);
	erase();
	/* The safety lines are never cut: if they leave too little room, the window is too small. */
	top += draw_wrapped(app, top, LINES, app_text(app, "emergency_banner"),
	                    term_attr(TH_EMERGENCY));
	top += draw_wrapped(app, top, LINES - top, app_text(app, "silent_solution"),
	                    term_attr(TH_EMERGENCY));
	title = sp_asprintf("%s%s", app_text(app, s->ops->title_key),
	                    app->staff ? app_text(app, "staff_view_marker") : "");
	top += draw_wrapped(app, top, LINES - top, title ? title : "", term_attr(TH_TITLE));
	free(title);
	bottom = LINES - footer_rows - warn_rows;
	app->content_top = top;
	app->content_rows = bottom - top;
	app->content_cols = COLS;
	build_if_dirty(f, s);
	if (COLS < MIN_COLS || app->content_rows < MIN_CONTENT_ROWS ||
	    doc_min_width(&s->doc) + 1 > COLS) {
		free(footer);
		free(warning);
		draw_too_small(app);
		return;
	}
	ensure_visible(s, app->content_rows);
	for (int row = 0; row < app->content_rows; row++) {
		size_t line = s->scroll + (size_t) row;
		const struct doc_line *l;
		const struct doc_block *b;
		attr_t attr;

		if (line >= s->doc.nlines)
			break;
		l = &s->doc.lines[line];
		b = &s->doc.blocks[l->block];
		attr = b->item != DOC_NO_ITEM && b->item == s->selected ? term_attr(TH_SELECTED) :
		       term_attr(b->role);
		if (b->item != DOC_NO_ITEM && b->item == s->selected)
			term_fill(top + row, 0, attr);
		term_put(top + row, l->indent, COLS - l->indent, b->text + l->start, l->end - l->start,
		         attr);
	}
	/* Where there is more above or below, say so at the edge. */
	if (s->scroll > 0)
		term_put(top, COLS - 1, 1, "\u2191", 3, term_attr(TH_HINT));
	if (s->scroll + (size_t) app->content_rows < s->doc.nlines)
		term_put(bottom - 1, COLS - 1, 1, "\u2193", 3, term_attr(TH_HINT));
	if (warning)
		draw_wrapped(app, bottom, warn_rows, warning, term_attr(TH_WARNING));
	draw_wrapped(app, LINES - footer_rows, footer_rows, footer ? footer : "",
	             term_attr(TH_FOOTER));
	refresh();
	free(footer);
	free(warning);
}

static void
draw_neutral(struct tui_app *app)
{
	const char *text = app->settings.neutral_text ? app->settings.neutral_text :
	                   app_text(app, "neutral_text");

	erase();
	draw_wrapped(app, LINES / 3, LINES - LINES / 3, text, term_attr(TH_NORMAL));
	refresh();
}

/* Quick exit: the screen goes first, then every trace of the visit. */
static void
frame_quick_exit(struct frame *f)
{
	struct tui_app *app = f->app;

	erase();
	refresh();
	term_wipe();
	app_reset(app);
	app->neutral = true;
	draw_neutral(app);
	f->last_esc_ms = 0;
	f->admin_capture = false;
	explicit_bzero(f->admin_typed, sizeof f->admin_typed);
	f->admin_len = 0;
}

static void
idle_reset(struct frame *f)
{
	term_wipe();
	app_reset(f->app);
	f->redraw = true;
	f->last_key_ms = monotonic_ms();
	explicit_bzero(f->admin_typed, sizeof f->admin_typed);
	f->admin_len = 0;
	f->admin_capture = false;
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
		s->ops->activate(s, app, item);
}

static void
on_mouse(struct tui_app *app, struct tui_screen *s)
{
	MEVENT ev;
	int row, item;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		page(s, -1, 4);
		return;
	}
	if (ev.bstate & BUTTON5_PRESSED) {
		page(s, 1, 4);
		return;
	}
	row = ev.y - app->content_top;
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

/* Ctrl-] then the configured secret and Enter quits a kiosk; nothing shows while typing. */
static bool
admin_key(struct frame *f, wint_t ch, bool fkey)
{
	const char *secret = f->app->settings.admin_quit;

	if (!f->app->kiosk || !secret)
		return false;
	if (!f->admin_capture) {
		if (fkey || ch != KEY_CTRL_RIGHT_BRACKET)
			return false;
		f->admin_capture = true;
		f->admin_started_ms = monotonic_ms();
		f->admin_len = 0;
		return true;
	}
	if (monotonic_ms() - f->admin_started_ms > ADMIN_WINDOW_MS) {
		f->admin_capture = false;
		return false;
	}
	if (!fkey && (ch == L'\r' || ch == L'\n')) {
		f->admin_typed[f->admin_len] = '\0';
		if (strcmp(f->admin_typed, secret) == 0)
			f->app->quit = true;
		f->admin_capture = false;
		explicit_bzero(f->admin_typed, sizeof f->admin_typed);
		f->admin_len = 0;
		return true;
	}
	if (!fkey && ch < 128 && f->admin_len + 1 < sizeof f->admin_typed)
		f->admin_typed[f->admin_len++] = (char) ch;
	return true;
}

/*
 * A key whose escape sequence terminfo does not know arrives as Esc, '[' or 'O', then more
 * bytes, all at once. Taken one by one they would mean "back" and then whatever the letters
 * and digits do; swallow the whole sequence instead. A person's own Esc is never followed by
 * '[' within a few milliseconds.
 */
static bool
swallow_unknown_sequence(void)
{
	wint_t next;
	int rc;

	timeout(5);
	rc = get_wch(&next);
	if (rc == ERR || rc == KEY_CODE_YES || (next != L'[' && next != L'O')) {
		if (rc == KEY_CODE_YES)
			ungetch((int) next);
		else if (rc != ERR)
			unget_wch((wchar_t) next);
		timeout(TICK_MS);
		return false;
	}
	/* CSI parameters and intermediates, up to the final byte (@ to ~). */
	for (int i = 0; i < 16; i++) {
		rc = get_wch(&next);
		if (rc == ERR || rc == KEY_CODE_YES || (next >= 0x40 && next <= 0x7e && i > 0) ||
		    (next >= 0x40 && next <= 0x7e && next != L'['))
			break;
	}
	timeout(TICK_MS);
	return true;
}

static void
handle_key(struct frame *f, wint_t ch, bool fkey)
{
	struct tui_app *app = f->app;
	struct tui_screen *s = app_top(app);
	double now = monotonic_ms();

	/* Quick exit comes before anything else, on every screen. */
	if (fkey && ch == KEY_F(12)) {
		frame_quick_exit(f);
		return;
	}
	if (!fkey && ch == 27 && swallow_unknown_sequence())
		return;
	if (!fkey && ch == 27) {
		if (f->last_esc_ms && now - f->last_esc_ms <= DOUBLE_ESC_MS) {
			frame_quick_exit(f);
			return;
		}
		f->last_esc_ms = now;
		if (!app->neutral) {
			app_pop(app);
			return;
		}
	}
	if (fkey && ch == KEY_RESIZE) {
		app_dirty_all(app);
		return;
	}
	if (app->neutral) {
		/* Any key on the neutral page starts afresh. */
		app->neutral = false;
		term_wipe();
		return;
	}
	if (admin_key(f, ch, fkey))
		return;
	if (s->ops->key && s->ops->key(s, app, ch, fkey) == TUI_HANDLED)
		return;
	if (fkey) {
		switch (ch) {
		case KEY_UP: move_selection(s, -1, app->content_rows); break;
		case KEY_DOWN: move_selection(s, 1, app->content_rows); break;
		case KEY_PPAGE: page(s, -1, app->content_rows); break;
		case KEY_NPAGE: page(s, 1, app->content_rows); break;
		case KEY_HOME: s->scroll = 0; s->selected = s->doc.nitems ? 0 : DOC_NO_ITEM; break;
		case KEY_END:
			s->selected = s->doc.nitems ? s->doc.nitems - 1 : DOC_NO_ITEM;
			s->scroll = s->doc.nlines > (size_t) app->content_rows ?
			            s->doc.nlines - (size_t) app->content_rows : 0;
			break;
		case KEY_ENTER: case KEY_RIGHT: activate(app, s, s->selected); break;
		case KEY_BACKSPACE: case KEY_LEFT: app_pop(app); break;
		case KEY_F(2): app_push(app, &screen_language, NULL); break;
		case KEY_MOUSE: on_mouse(app, s); break;
		default: break;
		}
		return;
	}
	if (ch == L'\r' || ch == L'\n') {
		activate(app, s, s->selected);
	} else if (ch == 127 || ch == 8) {
		app_pop(app);
	} else if (s->ops->numbered && ch >= L'1' && ch <= L'9' && (int)(ch - L'1') < s->doc.nitems) {
		s->selected = (int)(ch - L'1');
		activate(app, s, s->selected);
	} else if ((ch == L'q' || ch == L'Q') && !app->kiosk) {
		app->quit = true;
	}
	/* Anything else (Ctrl-C, Ctrl-Z, Ctrl-D in a kiosk) does nothing at all. */
}

static void
run(struct frame *f)
{
	struct tui_app *app = f->app;

	f->last_key_ms = monotonic_ms();
	f->redraw = true;
	f->warning_shown = -1;
	timeout(TICK_MS);
	while (!app->quit && !kiosk_stop_requested) {
		wint_t ch;
		int rc;

		if (app->idle_timeout > 0 && !app->neutral &&
		    monotonic_ms() - f->last_key_ms >= (double) app->idle_timeout * 1000.0)
			idle_reset(f);
		/* Draw only what changed: a key, the clock's minute ("open now" moves with it), a
		 * countdown second. An idle kiosk otherwise sleeps in get_wch. */
		if (app->neutral) {
			if (f->redraw)
				draw_neutral(app);
		} else {
			int minute = (int)(time(NULL) / 60);

			if (minute != f->minute_built) {
				app_top(app)->dirty = true;
				f->minute_built = minute;
			}
			if (f->redraw || app_top(app)->dirty || warning_left(f) != f->warning_shown)
				draw(f);
		}
		f->redraw = false;
		rc = get_wch(&ch);
		/* Keys already waiting (a paste, a burst) are all handled before the next redraw,
		 * a few hundred at a time so the screen still moves. Quick exit acts at once. */
		for (int burst = 0; rc != ERR && burst < 256 && !app->quit; burst++) {
			bool warning_up = warning_left(f) >= 0;

			f->redraw = true;
			f->last_key_ms = monotonic_ms();
			/* A key during the countdown only keeps the session. */
			if (!warning_up || (rc == KEY_CODE_YES && ch == KEY_F(12)) || ch == 27)
				handle_key(f, ch, rc == KEY_CODE_YES);
			timeout(0);
			rc = get_wch(&ch);
		}
		timeout(TICK_MS);
	}
}

static enum term_theme
theme_of(const struct sp_settings *settings)
{
	if (settings->theme && !strcmp(settings->theme, "mono"))
		return TERM_THEME_MONO;
	if (settings->theme && !strcmp(settings->theme, "high-contrast"))
		return TERM_THEME_HIGH_CONTRAST;
	return TERM_THEME_COLOUR;
}

static void
app_free(struct tui_app *app)
{
	app_clear(app);
	sp_directory_free(app->dir);
	sp_i18n_free(app->i18n);
	sp_hours_fmt_free(app->hours);
	sp_settings_clear(&app->settings);
	free(app->bundles);
	free(app->dir_problem);
	for (char **w = app->language_words; w && *w; w++)
		free(*w);
	free(app->language_words);
}

static int
open_directory(struct tui_app *app, const struct sp_cli *cli)
{
	char *path = sp_paths_database(cli->db), *detail = NULL;
	enum sp_status rc;
	struct sp_trust trust;
	unsigned char (*keys)[SP_PUBLIC_KEY_BYTES] = NULL;

	if (!path)
		return 1;
	sp_cli_trust(cli, &trust);
	/* Keys named in the kiosk settings join the compiled-in ones. */
	if (app->settings.ntrusted_keys) {
		size_t n = sp_builtin_key_count + app->settings.ntrusted_keys;

		if (!(keys = sp_reallocarray(NULL, n, sizeof *keys))) {
			free(path);
			return 1;
		}
		memcpy(keys, sp_builtin_keys, sp_builtin_key_count * sizeof *keys);
		memcpy(keys + sp_builtin_key_count, app->settings.trusted_keys,
		       app->settings.ntrusted_keys * sizeof *keys);
		trust.keys = (const unsigned char (*)[SP_PUBLIC_KEY_BYTES]) keys;
		trust.nkeys = n;
	}
	rc = sp_directory_open(&app->dir, path, &trust, &detail);
	free(keys);
	/* The language was chosen before the directory was open: its data follows now. */
	if (rc == SP_OK && (rc = sp_directory_set_locale(app->dir, app->locale)) != SP_OK) {
		sp_directory_free(app->dir);
		app->dir = NULL;
	}
	if (rc != SP_OK) {
		const char *args[2] = { path, detail ? detail : "" };

		app->dir = NULL;
		app->dir_problem = app_format(app, sp_status_key(rc), 2, args);
	}
	free(detail);
	free(path);
	return 0;
}

int
sp_tui_main(const struct sp_cli *cli, struct sp_i18n *cli_i18n)
{
	struct tui_app app = { 0 };
	struct frame f = { 0 };
	const char *why = NULL;
	char *error = NULL;
	int code = 0;

	app.mode = cli->mode;
	app.kiosk = cli->mode == SP_MODE_KIOSK;
	app.training = cli->mode == SP_MODE_TRAINING;
	app.staff = cli->mode == SP_MODE_STAFF || app.training;
	sp_settings_clear(&app.settings);
	if (cli->config && sp_settings_read(cli->config, &app.settings, &error) != SP_OK) {
		sp_cli_error(error ? error : sp_i18n_text(cli_i18n, "err_nomem"));
		free(error);
		return 2;
	}
	app.idle_timeout = cli->idle_timeout > 0 ? cli->idle_timeout :
	                   app.settings.idle_timeout > 0 ? app.settings.idle_timeout :
	                   app.kiosk ? 90 : 0;
	if (!(app.bundles = sp_paths_locales()))
		return 1;
	if (app.kiosk && app.settings.language && !cli->locale)
		sp_i18n_resolve(app.bundles, app.settings.language, app.default_locale);
	else
		snprintf(app.default_locale, sizeof app.default_locale, "%s", sp_i18n_locale(cli_i18n));
	if (!app_set_locale(&app, app.default_locale)) {
		sp_cli_error(sp_i18n_text(cli_i18n, "err_locale"));
		app_free(&app);
		return 1;
	}
	if (app.kiosk) {
		kiosk_lockdown();
		sp_sandbox_scrub_environment();
	}
	open_directory(&app, cli);
	kiosk_signals(app.kiosk);
	if ((code = term_start(theme_of(&app.settings), app.kiosk, &why)) != 0) {
		sp_cli_error(app_text(&app, why));
		app_free(&app);
		return code;
	}
	if (app.kiosk) {
		/* From here on the kiosk can read its bundles and talk to its terminal, nothing
		 * more. Without seccomp (an old kernel) it still runs: helplines matter more. */
		const char *read_dirs[] = { app.bundles, NULL };
		int landlock;

		sp_sandbox_apply(read_dirs, &landlock);
	}
	f.app = &app;
	app_reset(&app);
	run(&f);
	term_wipe();
	term_stop();
	app_free(&app);
	return 0;
}

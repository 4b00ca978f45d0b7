#include "config.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/paths.h"
#include "core/settings.h"
#include "kiosk/lockdown.h"
#include "kiosk/sandbox.h"
#include "kiosk/settings_file.h"
#include "tui/app.h"
#include "tui/frame.h"
#include "tui/load.h"
#include "tui/session.h"
#include "tui/term.h"
#include "tui/tui.h"

/* The loop wakes this often to run the idle clock, even with no key. */
#define TICK_MS 100
/* Keys already waiting (a paste, a burst) are handled this many at a time between redraws. */
#define BURST_KEYS 256

static double
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6;
}

static void
blank_terminal(void *ctx)
{
	(void) ctx;
	term_wipe();
}

static void
paint(struct tui_canvas *canvas, struct tui_app *app, long warning_left)
{
	int rows, cols;

	term_size(&rows, &cols);
	tui_frame_layout(canvas, app, rows, cols, warning_left);
	term_paint(canvas);
}

/* Runs visits until the session quits, a stop is asked for (SIGTERM), or the terminal is
 * lost; returns true in the last case. */
static bool
run(struct tui_app *app)
{
	struct tui_session session;
	struct tui_terminal term = { .blank = blank_terminal };
	struct tui_canvas canvas = { 0 };
	bool redraw = true;
	long warning_shown = -1;
	int minute_built = -1;
	bool lost = false;

	tui_session_start(&session, app, &term, monotonic_ms());
	while (!session.quit && !kiosk_stop_requested && !lost) {
		struct tui_key key;
		long left;
		int minute = (int) (time(NULL) / 60);

		if (kiosk_reload_requested) {
			kiosk_reload_requested = 0;
			tui_session_request_reload(&session);
		}

		if (tui_session_tick(&session, monotonic_ms()))
			redraw = true;
		/* Draw only what changed: a key, the clock's minute ("open now" moves with it), a
		 * countdown second. An idle kiosk otherwise sleeps in term_read_key. */
		if (minute != minute_built && app_top(app)) {
			app_top(app)->dirty = true;
			minute_built = minute;
		}
		left = tui_session_warning_left(&session, monotonic_ms());
		if (redraw || left != warning_shown || (app_top(app) && app_top(app)->dirty)) {
			paint(&canvas, app, left);
			warning_shown = left;
		}
		redraw = false;
		for (int burst = 0; burst < BURST_KEYS && !session.quit; burst++) {
			if (!term_read_key(&key, burst ? 0 : TICK_MS)) {
				/* No key: the wait timed out, or the terminal hung up. */
				lost = term_lost();
				break;
			}
			if (key.code == TUI_KEY_CLICK)
				key.row -= canvas.content_top;
			tui_session_key(&session, &key, monotonic_ms());
			redraw = true;
		}
	}
	tui_canvas_clear(&canvas);
	tui_session_end(&session);
	return lost;
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
report(const char *message)
{
	fprintf(stderr, "signpost: %s\n", message);
}

/* A kiosk's line for the administrator: the unit sends stderr to the journal. When stderr is
 * the kiosk's own terminal it is left out, so it never shows on the visitor's screen. */
static void
journal_line(const char *line)
{
	if (isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "%s\n", line);
	fflush(stderr);
}

/* The folder the packaged directory is in (new string), for the sandbox's reading rules. */
static char *
folder_of(const char *path)
{
	char *copy = sp_strdup(path), *folder = copy ? sp_strdup(dirname(copy)) : NULL;

	free(copy);
	return folder;
}

/* Reads the settings file. A kiosk never stops over it: a file it cannot trust or read is
 * left out, the kiosk runs on its defaults and tells staff why. false: stop with status 2. */
static bool
read_settings(struct tui_app *app, const struct sp_tui_options *options, struct sp_i18n *i18n)
{
	char *why = NULL;
	enum sp_status rc;

	if (!options->config)
		return true;
	rc = options->kiosk ? kiosk_settings_read(options->config, &app->settings, &why) :
	                      sp_settings_read(options->config, &app->settings, &why);
	if (rc == SP_OK)
		return true;
	sp_settings_clear(&app->settings);
	if (options->kiosk)
		app_note_for_staff(app, why ? why : sp_i18n_text(i18n, "err_nomem"));
	else
		report(why ? why : sp_i18n_text(i18n, "err_nomem"));
	free(why);
	return options->kiosk;
}

int
sp_tui_main(const struct sp_tui_options *options, struct sp_i18n *i18n)
{
	struct tui_app app = { .kiosk = options->kiosk,
		               .training = options->training,
		               .staff = options->staff || options->training };
	const char *why = NULL;
	int code;
	bool lost;

	sp_settings_clear(&app.settings);
	if (options->notice)
		app_note_for_staff(&app, options->notice);
	if (!read_settings(&app, options, i18n)) {
		app_free(&app);
		return 2;
	}
	app.idle_timeout = options->idle_timeout > 0     ? options->idle_timeout :
	                   app.settings.idle_timeout > 0 ? app.settings.idle_timeout :
	                   app.kiosk                     ? 90 :
	                                                   0;
	if (!(app.bundles = sp_paths_locales())) {
		app_free(&app);
		return 1;
	}
	if (app.kiosk && app.settings.language && !options->locale)
		sp_i18n_resolve(app.bundles, app.settings.language, app.default_locale);
	else
		snprintf(app.default_locale, sizeof app.default_locale, "%s", sp_i18n_locale(i18n));
	if (!app_set_locale(&app, app.default_locale) &&
	    !app_set_locale(&app, sp_i18n_locale(i18n))) {
		report(sp_i18n_text(i18n, "err_locale"));
		app_free(&app);
		return 1;
	}
	if (app.kiosk) {
		kiosk_lockdown();
		sp_sandbox_scrub_environment();
		app.journal = journal_line;
	}
	app.allow_unsigned = options->allow_unsigned && !options->kiosk;
	if (!(app.db_path = sp_paths_database(options->db))) {
		report(sp_i18n_text(i18n, "err_nomem"));
		app_free(&app);
		return 1;
	}
	app.update_dir = sp_paths_updates(app.settings.update_dir);
	tui_load_directory(&app);
	kiosk_signals(app.kiosk);
	if ((code = term_start(theme_of(&app.settings), app.kiosk, &why)) != 0) {
		if (!app.kiosk) {
			report(app_text(&app, why));
			app_free(&app);
			return code;
		}
		/* A kiosk shows 999 and the helplines on any terminal at all. */
		app_note_for_staff(&app, app_text(&app, why));
		app.fallback_only = true;
		term_start_plain();
	}
	if (app.kiosk) {
		/* From here on the kiosk can read its bundles and the folders a directory comes
		 * from (for an update between visits) and talk to its terminal, nothing more.
		 * Without seccomp (an old kernel) it still runs, unconfined, and says so to staff:
		 * the helplines matter more than the sandbox. */
		char *db_folder = folder_of(app.db_path);
		const char *read_dirs[] = { app.bundles, db_folder ? db_folder : app.bundles,
			                    app.update_dir, NULL };
		int landlock = 0;

		if (sp_sandbox_apply(read_dirs, &landlock) != SP_OK)
			app_note_for_staff(&app, app_text(&app, "notice_no_sandbox"));
		free(db_folder);
	}
	app_reset(&app);
	lost = run(&app);
	term_wipe();
	term_stop();
	app_free(&app);
	/* A lost terminal is a failure, so a kiosk's unit (Restart=on-failure) starts it again on
	 * its console. */
	return lost ? 1 : 0;
}

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "core/paths.h"
#include "core/settings.h"
#include "core/trust.h"
#include "kiosk/lockdown.h"
#include "kiosk/sandbox.h"
#include "kiosk/settings_file.h"
#include "tui/app.h"
#include "tui/frame.h"
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

static void
run(struct tui_app *app)
{
	struct tui_session session;
	struct tui_terminal term = { .blank = blank_terminal };
	struct tui_canvas canvas = { 0 };
	bool redraw = true;
	long warning_shown = -1;
	int minute_built = -1;

	tui_session_start(&session, app, &term, monotonic_ms());
	while (!session.quit && !kiosk_stop_requested) {
		struct tui_key key;
		long left;
		int minute = (int) (time(NULL) / 60);

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
		for (int burst = 0; burst < BURST_KEYS && !session.quit &&
		                    term_read_key(&key, burst ? 0 : TICK_MS);
		     burst++) {
			if (key.code == TUI_KEY_CLICK)
				key.row -= canvas.content_top;
			tui_session_key(&session, &key, monotonic_ms());
			redraw = true;
		}
	}
	tui_canvas_clear(&canvas);
	tui_session_end(&session);
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

/* Opens the directory; when it cannot be used, app->dir stays NULL, the staff notice says why,
 * and the fallback screen shows the built-in national helplines. false: out of memory. */
/* Opens the directory with the compiled-in keys and those the settings name; when it cannot be
 * used, app->dir stays NULL, the staff notice says why, and the fallback screen shows the
 * built-in national helplines. false: out of memory. */
static bool
open_directory(struct tui_app *app, const struct sp_tui_options *options)
{
	char *path = sp_paths_database(options->db), *detail = NULL;
	enum sp_status rc;

	if (!path)
		return false;
	rc = sp_directory_open_trusted(&app->dir, path, &app->settings,
	                               options->allow_unsigned && !options->kiosk, &detail);
	/* The language was chosen before the directory was open: its data follows now. */
	if (rc == SP_OK && (rc = sp_directory_set_locale(app->dir, app->locale)) != SP_OK) {
		sp_directory_free(app->dir);
		app->dir = NULL;
	}
	if (rc != SP_OK) {
		const char *args[2] = { path, detail ? detail : "" };
		char *problem = app_format(app, sp_status_key(rc), 2, args);

		app->dir = NULL;
		app_note_for_staff(app, problem ? problem : path);
		free(problem);
	} else if (sp_trust_expired(sp_directory_signature(app->dir), (long long) time(NULL))) {
		/* Never blank a kiosk over a date: still shown, and staff are told (in English,
		 * like the settings file's problems, for the administrator). */
		char *expired = sp_asprintf("the directory (version %s) was valid until %s; it is "
		                            "still shown, but a newer "
		                            "signed directory should be installed",
		                            sp_directory_signature(app->dir)->version,
		                            sp_directory_signature(app->dir)->valid_until);

		app_note_for_staff(app, expired ? expired : "the directory has expired");
		free(expired);
	}
	if (app->dir && app->kiosk &&
	    !strcmp(sp_directory_signature(app->dir)->key_id, SP_DEVELOPMENT_KEY_ID))
		app_note_for_staff(app, "the directory is signed with the public development key, "
		                        "which anyone can use: build with --with-signing-key");
	free(detail);
	free(path);
	return true;
}

static void
report(const char *message)
{
	fprintf(stderr, "signpost: %s\n", message);
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
	}
	if (!open_directory(&app, options)) {
		report(sp_i18n_text(i18n, "err_nomem"));
		app_free(&app);
		return 1;
	}
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
		/* From here on the kiosk can read its bundles and talk to its terminal, nothing
		 * more. Without seccomp (an old kernel) it still runs, unconfined, and says so to
		 * staff: the helplines matter more than the sandbox. */
		const char *read_dirs[] = { app.bundles, NULL };
		int landlock = 0;

		if (sp_sandbox_apply(read_dirs, &landlock) != SP_OK)
			app_note_for_staff(&app, app_text(&app, "notice_no_sandbox"));
	}
	app_reset(&app);
	run(&app);
	term_wipe();
	term_stop();
	app_free(&app);
	return 0;
}

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "core/trust.h"
#include "core/update.h"
#include "tui/load.h"

/* One line for the administrator: English, and never anything a visitor typed or chose. */
static void
journal(const struct tui_app *app, const char *line)
{
	if (app->journal && line)
		app->journal(line);
}

static const char *
version_of(const struct sp_directory *dir)
{
	const char *v = sp_directory_signature(dir)->version;

	return *v ? v : "none";
}

/* What staff should know about the directory now in app->dir (new string), or NULL. */
static char *
directory_notice(const struct tui_app *app)
{
	const struct sp_signed *sig = sp_directory_signature(app->dir);
	char *expired = NULL, *joined;
	const char *development = NULL;

	/* Never blank a kiosk over a date: still shown, and staff are told (in English, like the
	 * settings file's problems, for the administrator). */
	if (sp_trust_expired(sig, (long long) time(NULL)))
		expired = sp_asprintf("the directory (version %s) was valid until %s; it is still "
		                      "shown, but a newer signed directory should be installed",
		                      sig->version, sig->valid_until);
	if (app->kiosk && !strcmp(sig->key_id, SP_DEVELOPMENT_KEY_ID))
		development =
		        "the directory is signed with the public development key, which anyone "
		        "can use: build with --with-signing-key";
	if (!development)
		return expired;
	joined = expired ? sp_asprintf("%s; %s", expired, development) : sp_strdup(development);
	free(expired);
	return joined;
}

static void
set_notice(struct tui_app *app, char *notice)
{
	free(app->dir_notice);
	app->dir_notice = notice;
}

void
tui_load_directory(struct tui_app *app)
{
	struct sp_update_report report;
	struct sp_directory *dir = NULL;
	enum sp_status rc;
	char *line;

	rc = sp_update_open(&dir, app->db_path, app->update_dir, &app->settings,
	                    app->allow_unsigned && !app->kiosk, NULL, &report);
	/* The language was chosen before the directory was open: its data follows now. */
	if (rc == SP_OK && (rc = sp_directory_set_locale(dir, app->locale)) != SP_OK) {
		sp_directory_free(dir);
		dir = NULL;
	}
	if (rc != SP_OK) {
		const struct sp_update_candidate *c = &report.candidate[0];
		const char *args[2] = { c->path ? c->path : app->db_path,
			                c->detail ? c->detail : "" };
		char *problem = app_format(app, sp_status_key(rc), 2, args);

		set_notice(app, problem ? problem : sp_strdup(args[0]));
		journal(app, "signpost: kiosk started without a directory: the built-in helplines "
		             "only");
	} else {
		app->dir = dir;
		set_notice(app, directory_notice(app));
		line = sp_asprintf("signpost: kiosk started with directory version %s",
		                   version_of(dir));
		journal(app, line);
		free(line);
	}
	sp_update_report_clear(&report);
}

bool
tui_reload_directory(struct tui_app *app)
{
	struct sp_update_report report;
	struct sp_directory *dir = NULL;
	char was[sizeof((struct sp_signed *) 0)->version + 8], *line;
	enum sp_status rc;

	if (!app->db_path)
		return false;
	snprintf(was, sizeof was, "%s", app->dir ? version_of(app->dir) : "none");
	rc = sp_update_open(&dir, app->db_path, app->update_dir, &app->settings, false,
	                    app->dir ? sp_directory_signature(app->dir)->version : NULL, &report);
	sp_update_report_clear(&report);
	if (rc != SP_OK || !dir)
		return false;
	if (sp_directory_set_locale(dir, app->locale) != SP_OK) {
		sp_directory_free(dir);
		return false;
	}
	/* No screen may outlive the directory it was built from. */
	app_clear(app);
	sp_directory_free(app->dir);
	app->dir = dir;
	set_notice(app, directory_notice(app));
	line = sp_asprintf("signpost: directory version %s now in use (was %s)", version_of(dir),
	                   was);
	journal(app, line);
	free(line);
	app_reset(app);
	return true;
}

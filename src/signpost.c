/* signpost: an offline directory of domestic-abuse support services. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/directory.h"
#include "core/i18n.h"
#include "core/mem.h"
#include "core/paths.h"
#include "core/settings.h"
#include "core/trust.h"
#include "core/update.h"
#include "kiosk/settings_file.h"
#include "tui/tui.h"

/* One "directory:" line (the one chosen) or "not used:" line for a place a directory may come
 * from, with why it was not used. */
static void
print_candidate(const struct sp_update_candidate *c, struct sp_i18n *i18n)
{
	char *problem = NULL;

	if (c->chosen) {
		printf("directory: %s\n", c->path);
		return;
	}
	if (c->status == SP_OK) {
		printf("not used: %s: version %s is not newer\n", c->path,
		       c->version[0] ? c->version : "none");
		return;
	}
	if (c->status != SP_ERR_NOMEM) {
		const char *args[2] = { c->path, c->detail ? c->detail : "" };

		problem = sp_i18n_format(i18n, sp_status_key(c->status), 2, args);
	}
	printf("not used: %s: %s\n", c->path ? c->path : "?",
	       problem ? problem : sp_status_key(c->status));
	free(problem);
}

/*
 * signpost --check [--config FILE] [--db PATH] (first on the line): for monitoring. Chooses and
 * opens the directory exactly as a kiosk would (its settings read as a kiosk reads them, so the
 * same trusted keys and update folder; never unsigned) and prints "key: value" lines in
 * English: directory (the file chosen), "not used" for each other place with why, status,
 * version, key, valid-until, services and, when there is one, problem (in the chosen
 * language). Exit 0 when a kiosk would show the directory (an expired one too: a kiosk still
 * shows it), 3 when it would show only the built-in helplines, 2 on a usage error.
 */
static int
health_check(int argc, char **argv, struct sp_i18n *i18n)
{
	const char *config = NULL, *db = NULL;
	struct sp_settings settings;
	struct sp_directory *dir = NULL;
	struct sp_service_list list = { 0 };
	struct sp_query query = { .text = "", .area = SP_AREA_NONE, .staff = true };
	struct sp_update_report report;
	char *path, *updates, *why = NULL;
	const struct sp_signed *sig;
	enum sp_status rc;

	memset(&settings, 0, sizeof settings);
	for (int i = 2; i < argc; i++) {
		if ((!strcmp(argv[i], "--config") || !strcmp(argv[i], "--db")) && i + 1 < argc) {
			*(argv[i][2] == 'c' ? &config : &db) = argv[i + 1];
			i++;
			continue;
		}
		fprintf(stderr,
		        "signpost: --check takes only --config FILE and --db PATH, not "
		        "\"%s\"\n",
		        argv[i]);
		return 2;
	}
	if (config && kiosk_settings_read(config, &settings, &why) != SP_OK) {
		/* A kiosk runs on its defaults then, trusting only the compiled-in key. */
		printf("settings: %s\n", why ? why : "cannot be read");
		free(why);
		sp_settings_clear(&settings);
		memset(&settings, 0, sizeof settings);
	}
	if (!(path = sp_paths_database(db)))
		return 1;
	updates = sp_paths_updates(settings.update_dir);
	rc = sp_update_open(&dir, path, updates, &settings, false, NULL, &report);
	/* Each place a directory may come from, and what became of it. */
	for (size_t i = 0; i < report.n; i++)
		print_candidate(&report.candidate[i], i18n);
	if (rc == SP_OK)
		rc = sp_directory_search(dir, &query, &list);
	if (rc != SP_OK) {
		const struct sp_update_candidate *c = &report.candidate[0];
		const char *args[2] = { path, c->detail ? c->detail : "" };
		char *problem = sp_i18n_format(i18n, sp_status_key(rc), 2, args);

		printf("status: refused (a kiosk shows only the built-in helplines)\nproblem: %s\n",
		       problem ? problem : sp_status_key(rc));
		free(problem);
		sp_update_report_clear(&report);
		free(updates);
		free(path);
		sp_directory_free(dir);
		sp_settings_clear(&settings);
		return 3;
	}
	sig = sp_directory_signature(dir);
	printf("status: %s\nversion: %s\nkey: %s\nvalid-until: %s\nservices: %zu\n",
	       sp_trust_expired(sig, (long long) time(NULL)) ?
	               "expired (still shown, with a notice for staff)" :
	               "ok",
	       sig->version[0] ? sig->version : "none", sig->key_id,
	       sig->valid_until[0] ? sig->valid_until : "none", list.count);
	if (!strcmp(sig->key_id, SP_DEVELOPMENT_KEY_ID))
		printf("warning: signed with the public development key: for testing, not "
		       "kiosks\n");
	sp_service_list_clear(&list);
	sp_directory_free(dir);
	sp_settings_clear(&settings);
	sp_update_report_clear(&report);
	free(updates);
	free(path);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	char locale[SP_LOCALE_MAX], *bundles, *error = NULL, *words_notice = NULL;
	struct sp_i18n *i18n = NULL;
	struct sp_cli cli;
	enum sp_status rc;
	int code;

	/* signpost runs one thread: its SQLite needs no locks (a tenth of a search's calls). */
	sp_directory_one_thread();
	setlocale(LC_ALL, "");
	/* Text is UTF-8 whatever the environment says: widths and wide characters need a UTF-8
	 * LC_CTYPE (the UI language is chosen separately, through ICU). */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (!(bundles = sp_paths_locales()))
		return 1;
	sp_i18n_resolve(bundles, sp_cli_find_locale(argc, argv), locale);
	if (sp_i18n_open(&i18n, bundles, locale) != SP_OK) {
		/* Only memory can fail here: without bundles the built-in English words are used. */
		fprintf(stderr, "signpost: out of memory\n");
		free(bundles);
		return 1;
	}
	if (sp_i18n_is_builtin(i18n)) {
		const char *args[1] = { bundles };
		char *why = sp_i18n_format(i18n, "warn_builtin_words", 1, args);

		/* A kiosk says it on screen, to staff; a command says it on stderr. */
		words_notice = why;
	}
	free(bundles);
	if (argc > 1 && !strcmp(argv[1], "--check")) {
		code = health_check(argc, argv, i18n);
		sp_i18n_free(i18n);
		free(words_notice);
		return code;
	}
	rc = sp_cli_parse(&cli, argc, argv, i18n, &error);
	if (rc != SP_OK) {
		sp_cli_error(error ? error : sp_i18n_text(i18n, "err_nomem"));
		if (rc == SP_ERR_USAGE)
			sp_cli_error(sp_i18n_text(i18n, "try_help"));
		free(error);
		sp_i18n_free(i18n);
		free(words_notice);
		return sp_status_exit_code(rc);
	}
	if (cli.help) {
		fputs(sp_i18n_text(i18n, "help_text"), stdout);
		fputc('\n', stdout);
		code = fflush(stdout) == 0 ? 0 : 1;
	} else if (cli.version) {
		code = sp_cli_version(&cli);
	} else if (cli.command != SP_CMD_NONE) {
		if (words_notice)
			sp_cli_error(words_notice);
		code = sp_cli_run(&cli, i18n);
	} else {
		struct sp_tui_options options = {
			.kiosk = cli.mode == SP_MODE_KIOSK,
			.staff = cli.mode == SP_MODE_STAFF,
			.training = cli.mode == SP_MODE_TRAINING,
			.db = cli.db,
			.locale = cli.locale,
			.config = cli.config,
			.allow_unsigned = cli.allow_unsigned,
			.idle_timeout = cli.idle_timeout,
		};

		options.notice = words_notice;
		code = sp_tui_main(&options, i18n);
	}
	sp_cli_clear(&cli);
	sp_i18n_free(i18n);
	free(words_notice);
	return code;
}

/* signpost: an offline directory of domestic-abuse support services. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/mem.h"
#include "core/paths.h"
#include "tui/tui.h"

int
main(int argc, char **argv)
{
	char locale[SP_LOCALE_MAX], *bundles, *error = NULL, *words_notice = NULL;
	struct sp_i18n *i18n = NULL;
	struct sp_cli cli;
	enum sp_status rc;
	int code;

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

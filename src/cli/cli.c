#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/directory.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/paths.h"
#include "core/policy.h"
#include "core/settings.h"
#include "core/trust.h"

enum {
	OPT_KIOSK = 256,
	OPT_STAFF,
	OPT_TRAINING,
	OPT_DB,
	OPT_LOCALE,
	OPT_CONFIG,
	OPT_FOR,
	OPT_AREA,
	OPT_OPEN_NOW,
	OPT_FORMAT,
	OPT_VERSION,
	OPT_HELP,
	OPT_IDLE,
	OPT_ALLOW_UNSIGNED
};

static const struct option long_options[] = {
	{ "kiosk", no_argument, NULL, OPT_KIOSK },
	{ "staff", no_argument, NULL, OPT_STAFF },
	{ "training", no_argument, NULL, OPT_TRAINING },
	{ "db", required_argument, NULL, OPT_DB },
	{ "locale", required_argument, NULL, OPT_LOCALE },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "for", required_argument, NULL, OPT_FOR },
	{ "area", required_argument, NULL, OPT_AREA },
	{ "open-now", no_argument, NULL, OPT_OPEN_NOW },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "idle-timeout", required_argument, NULL, OPT_IDLE },
	{ "allow-unsigned", no_argument, NULL, OPT_ALLOW_UNSIGNED },
	{ NULL, 0, NULL, 0 },
};

static const char *const command_names[] = {
	[SP_CMD_SEARCH] = "search",
	[SP_CMD_SHOW] = "show",
	[SP_CMD_DEFINE] = "define",
	[SP_CMD_EXPORT] = "export",
};

void
sp_cli_error(const char *message)
{
	const char *m = message ? message : "";

	/* Each line of a message is one of signpost's. */
	do {
		size_t len = strcspn(m, "\n");

		fprintf(stderr, "signpost: %.*s\n", (int) len, m);
		m += len + (m[len] == '\n');
	} while (*m);
}

const char *
sp_cli_find_locale(int argc, char **argv)
{
	const char *found = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--locale") == 0 && i + 1 < argc)
			found = argv[++i];
		else if (strncmp(argv[i], "--locale=", 9) == 0)
			found = argv[i] + 9;
	}
	return found;
}

void
sp_cli_clear(struct sp_cli *cli)
{
	free(cli->text);
	cli->text = NULL;
}

static char *
usage_error(struct sp_i18n *i18n, const char *key, size_t n, const char *const *args)
{
	return sp_i18n_format(i18n, key, n, args);
}

/* The options each command takes (without one: the interactive directory's), for the line
 * that follows an unknown or misplaced option. */
static const char *const command_options[] = {
	[SP_CMD_NONE] = "--kiosk, --staff, --training, --db, --locale, --config, --idle-timeout,"
	                " --allow-unsigned, --check, --version, --help",
	[SP_CMD_SEARCH] = "--for, --area, --open-now, --staff, --format, --db, --locale, --config,"
	                  " --allow-unsigned, --help",
	[SP_CMD_SHOW] = "--staff, --format, --db, --locale, --config, --allow-unsigned, --help",
	[SP_CMD_DEFINE] = "--format, --db, --locale, --config, --allow-unsigned, --help",
	[SP_CMD_EXPORT] = "--format, --staff, --db, --locale, --config, --allow-unsigned, --help",
};

/* A usage error about an option, and on a second line the options `command` takes. */
static char *
option_error(struct sp_i18n *i18n, const char *key, size_t n, const char *const *args,
             enum sp_command command)
{
	char *who = command == SP_CMD_NONE ? sp_strdup("signpost") :
	                                     sp_asprintf("signpost %s", command_names[command]);
	const char *valid_args[2] = { who, command_options[command] };
	char *error = usage_error(i18n, key, n, args);
	char *valid = who ? usage_error(i18n, "valid_options", 2, valid_args) : NULL;
	char *both = error && valid ? sp_asprintf("%s\n%s", error, valid) : NULL;

	free(who);
	free(error);
	free(valid);
	return both;
}

/* "male, lgbtq, older, …" */
static char *
choices(const char *(*name)(int), int count)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	for (int i = 0; i < count; i++) {
		if (i)
			sp_buf_puts(&buf, ", ");
		sp_buf_puts(&buf, name(i));
	}
	return sp_buf_take(&buf);
}

static const char *
profile_name_at(int i)
{
	return sp_profile_id((enum sp_profile) i);
}

static const char *
area_name_at(int i)
{
	return sp_area_id((enum sp_area) i);
}

static char *
bad_choice(struct sp_i18n *i18n, const char *key, const char *value, const char *(*name)(int),
           int count)
{
	char *list = choices(name, count), *msg;
	const char *args[2] = { value, list ? list : "" };

	msg = usage_error(i18n, key, 2, args);
	free(list);
	return msg;
}

/* The formats each command accepts; the first is the default. */
static const enum sp_format command_formats[][4] = {
	[SP_CMD_NONE] = { SP_FORMAT_COUNT },
	[SP_CMD_SEARCH] = { SP_FORMAT_TEXT, SP_FORMAT_TSV, SP_FORMAT_JSON, SP_FORMAT_COUNT },
	[SP_CMD_SHOW] = { SP_FORMAT_TEXT, SP_FORMAT_JSON, SP_FORMAT_COUNT },
	[SP_CMD_DEFINE] = { SP_FORMAT_TEXT, SP_FORMAT_JSON, SP_FORMAT_COUNT },
	[SP_CMD_EXPORT] = { SP_FORMAT_CSV, SP_FORMAT_MARKDOWN, SP_FORMAT_ORUK_JSON,
	                    SP_FORMAT_COUNT },
};

static int
format_allowed(enum sp_command cmd, enum sp_format f)
{
	for (int i = 0; command_formats[cmd][i] != SP_FORMAT_COUNT; i++)
		if (command_formats[cmd][i] == f)
			return 1;
	return 0;
}

static char *
bad_format(struct sp_i18n *i18n, enum sp_command cmd, const char *value)
{
	struct sp_buf buf;
	char *list, *msg;
	const char *args[3];

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	for (int i = 0; command_formats[cmd][i] != SP_FORMAT_COUNT; i++) {
		if (i)
			sp_buf_puts(&buf, ", ");
		sp_buf_puts(&buf, sp_format_name(command_formats[cmd][i]));
	}
	list = sp_buf_take(&buf);
	args[0] = value;
	args[1] = command_names[cmd];
	args[2] = list ? list : "";
	msg = usage_error(i18n, "err_unknown_format", 3, args);
	free(list);
	return msg;
}

enum sp_status
sp_cli_parse(struct sp_cli *cli, int argc, char **argv, struct sp_i18n *i18n, char **error)
{
	const char *format_name = NULL, *scoped_option = NULL;
	bool staff = false, kiosk = false, training = false;
	struct sp_buf text;
	int c, positional = 0;

	memset(cli, 0, sizeof *cli);
	cli->format = SP_FORMAT_COUNT;
	cli->area = SP_AREA_NONE;
	cli->idle_timeout = -1;
	*error = NULL;
	sp_buf_init(&text);

	opterr = 0;
	optind = 1;
	/* A leading '-' in optstring makes getopt hand back positionals in place, so options may
	 * come before or after the subcommand and its words. */
	while ((c = getopt_long(argc, argv, "-:h", long_options, NULL)) != -1) {
		switch (c) {
		case 1: /* a positional argument */
			if (positional++ == 0) {
				for (int i = SP_CMD_SEARCH; i <= SP_CMD_EXPORT; i++)
					if (strcmp(optarg, command_names[i]) == 0)
						cli->command = (enum sp_command) i;
				if (cli->command == SP_CMD_NONE) {
					const char *args[1] = { optarg };

					*error = usage_error(i18n, "err_unknown_command", 1, args);
					goto usage;
				}
			} else {
				if (text.len)
					sp_buf_putc(&text, ' ');
				sp_buf_puts(&text, optarg);
				if (cli->command != SP_CMD_SEARCH && positional > 2) {
					const char *args[1] = { optarg };

					*error = usage_error(i18n, "err_extra_argument", 1, args);
					goto usage;
				}
			}
			break;
		case OPT_KIOSK: kiosk = true; break;
		case OPT_STAFF: staff = true; break;
		case OPT_TRAINING: training = true; break;
		case OPT_DB: cli->db = optarg; break;
		case OPT_LOCALE: cli->locale = optarg; break;
		case OPT_CONFIG: cli->config = optarg; break;
		case OPT_FOR: {
			enum sp_profile p = sp_profile_from_id(optarg);

			if (p == SP_PROFILE_COUNT) {
				*error = bad_choice(i18n, "err_unknown_profile", optarg,
				                    profile_name_at, SP_PROFILE_COUNT);
				goto usage;
			}
			cli->profiles |= 1u << p;
			scoped_option = "--for";
			break;
		}
		case OPT_AREA:
			if ((cli->area = sp_area_from_id(optarg)) == SP_AREA_NONE) {
				*error = bad_choice(i18n, "err_unknown_area", optarg, area_name_at,
				                    SP_AREA_COUNT);
				goto usage;
			}
			scoped_option = "--area";
			break;
		case OPT_OPEN_NOW:
			cli->open_now = true;
			scoped_option = "--open-now";
			break;
		case OPT_FORMAT: format_name = optarg; break;
		case OPT_ALLOW_UNSIGNED: cli->allow_unsigned = true; break;
		case OPT_VERSION: cli->version = true; break;
		case 'h':
		case OPT_HELP: cli->help = true; break;
		case OPT_IDLE: {
			char *end;

			errno = 0;
			cli->idle_timeout = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || cli->idle_timeout < 10 ||
			    cli->idle_timeout > 86400) {
				const char *args[1] = { optarg };

				*error = usage_error(i18n, "err_bad_idle_timeout", 1, args);
				goto usage;
			}
			break;
		}
		case ':': {
			const char *args[1] = { argv[optind - 1] };

			*error = usage_error(i18n, "err_missing_value", 1, args);
			goto usage;
		}
		default: {
			const char *args[1] = { argv[optind - 1] };

			*error = option_error(i18n, "err_unknown_option", 1, args, cli->command);
			goto usage;
		}
		}
	}
	/* After "--" everything is a word, even if it starts with '-'. */
	for (; optind < argc; optind++) {
		if (positional++ == 0) {
			const char *args[1] = { argv[optind] };

			*error = usage_error(i18n, "err_unknown_command", 1, args);
			goto usage;
		}
		if (text.len)
			sp_buf_putc(&text, ' ');
		sp_buf_puts(&text, argv[optind]);
	}
	if (cli->help || cli->version)
		goto done;
	if (kiosk && (staff || training)) {
		*error = usage_error(i18n, "err_modes_conflict", 0, NULL);
		goto usage;
	}
	/* A kiosk never shows a directory nobody vouched for. */
	if (kiosk && cli->allow_unsigned) {
		*error = usage_error(i18n, "err_kiosk_unsigned", 0, NULL);
		goto usage;
	}
	cli->mode = kiosk    ? SP_MODE_KIOSK :
	            training ? SP_MODE_TRAINING :
	            staff    ? SP_MODE_STAFF :
	                       SP_MODE_PUBLIC;
	if (cli->command != SP_CMD_NONE) {
		/* --config applies too: its trusted_key lines say who may sign the directory. */
		const char *tui_only = kiosk                  ? "--kiosk" :
		                       training               ? "--training" :
		                       cli->idle_timeout >= 0 ? "--idle-timeout" :
		                                                NULL;

		if (!tui_only && cli->command != SP_CMD_SEARCH)
			tui_only = scoped_option;
		if (tui_only) {
			const char *args[2] = { tui_only, command_names[cli->command] };

			*error = option_error(i18n, "err_option_not_here", 2, args, cli->command);
			goto usage;
		}
	} else if (scoped_option || format_name) {
		const char *args[1] = { scoped_option ? scoped_option : "--format" };

		*error = usage_error(i18n, "err_option_needs_command", 1, args);
		goto usage;
	}
	if (format_name) {
		cli->format = sp_format_from_name(format_name);
		if (cli->format == SP_FORMAT_COUNT || !format_allowed(cli->command, cli->format)) {
			*error = bad_format(i18n, cli->command, format_name);
			goto usage;
		}
	} else if (cli->command == SP_CMD_EXPORT) {
		*error = bad_format(i18n, cli->command, "");
		goto usage;
	} else {
		cli->format = command_formats[cli->command][0];
	}
	if (cli->command == SP_CMD_SHOW && !text.len) {
		*error = usage_error(i18n, "err_show_needs_id", 0, NULL);
		goto usage;
	}
	if (cli->command == SP_CMD_EXPORT && text.len) {
		const char *args[1] = { text.data };

		*error = usage_error(i18n, "err_extra_argument", 1, args);
		goto usage;
	}
done:
	if (text.len && !(cli->text = sp_buf_take(&text)))
		return SP_ERR_NOMEM;
	sp_buf_free(&text);
	return SP_OK;
usage:
	sp_buf_free(&text);
	if (!*error)
		return SP_ERR_NOMEM;
	return SP_ERR_USAGE;
}

void
sp_cli_trust(const struct sp_cli *cli, struct sp_trust *trust)
{
	trust->keys = sp_builtin_keys;
	trust->nkeys = sp_builtin_key_count;
	trust->allow_unsigned = cli->allow_unsigned && cli->mode != SP_MODE_KIOSK;
}

/* Says why the directory at path is not used and returns the exit code; a person reading text
 * output still gets the national helplines. */
static int
refuse_directory(const struct sp_cli *cli, struct sp_i18n *i18n, const char *path,
                 enum sp_status rc, const char *detail)
{
	const char *args[2] = { path, detail ? detail : "" };
	char *msg = sp_i18n_format(i18n, sp_status_key(rc), 2, args);

	sp_cli_error(msg);
	free(msg);
	if (cli->format == SP_FORMAT_TEXT) {
		struct sp_output out = { .out = stdout, .i18n = i18n };

		sp_format_emergency(&out);
		sp_format_fallback(&out);
		fflush(stdout);
	}
	return sp_status_exit_code(rc);
}

/*
 * Opens the directory (trusting the keys of --config's settings too) and sets *path to where it
 * is, or prints why not and returns the exit code. A command reads only some of the file, so
 * only the pages it reads are checked against the signed manifest, each as it is read; every
 * command reads all it needs before it writes a word and asks checked_read() first.
 */
static int
open_directory(const struct sp_cli *cli, struct sp_i18n *i18n, struct sp_directory **dir,
               char **path)
{
	char *detail = NULL;
	enum sp_status rc;
	struct sp_settings settings = { .idle_timeout = -1 };
	struct sp_trust trust;
	int code;

	*dir = NULL;
	*path = NULL;
	if (cli->config && sp_settings_read(cli->config, &settings, &detail) != SP_OK) {
		sp_cli_error(detail ? detail : sp_i18n_text(i18n, "err_nomem"));
		free(detail);
		return sp_status_exit_code(SP_ERR_USAGE);
	}
	if (!(*path = sp_paths_database(cli->db))) {
		sp_settings_clear(&settings);
		return sp_status_exit_code(SP_ERR_NOMEM);
	}
	sp_cli_trust(cli, &trust);
	rc = sp_directory_open_trusted_as_read(dir, *path, &settings, trust.allow_unsigned,
	                                       &detail);
	sp_settings_clear(&settings);
	if (rc == SP_OK)
		rc = sp_directory_set_locale(*dir, sp_i18n_locale(i18n));
	if (rc == SP_OK)
		return 0;
	code = refuse_directory(cli, i18n, *path, rc, detail);
	free(detail);
	free(*path);
	*path = NULL;
	sp_directory_free(*dir);
	*dir = NULL;
	return code;
}

/* What a command needs to say what it read: the directory and where it is. */
struct command {
	const struct sp_cli *cli;
	struct sp_directory *dir;
	const char *path;
	const struct sp_output *out;
};

/* Asked after a command has read all it needs and before it writes any of it: 0 when every
 * page read matched its signed hash; otherwise the directory is refused exactly as at open
 * (the message, and the national helplines for text) and the exit code returned. */
static int
checked_read(const struct command *c)
{
	if (!sp_directory_tampered(c->dir))
		return 0;
	return refuse_directory(c->cli, c->out->i18n, c->path, SP_ERR_DB_TAMPERED, NULL);
}

static int
report_status(struct sp_i18n *i18n, enum sp_status rc, const char *arg)
{
	const char *args[1] = { arg ? arg : "" };
	char *msg;

	if (rc == SP_OK)
		return 0;
	msg = sp_i18n_format(i18n, sp_status_key(rc), 1, args);
	sp_cli_error(msg);
	free(msg);
	return sp_status_exit_code(rc);
}

/* report_status() for a command, but for a directory that could not be searched: that one is
 * refused as one that cannot be opened, named, with the national helplines. */
static int
command_status(const struct command *c, enum sp_status rc, const char *arg)
{
	if (rc == SP_ERR_DB_QUERY)
		return refuse_directory(c->cli, c->out->i18n, c->path, rc, NULL);
	return report_status(c->out->i18n, rc, arg);
}

/* Services are printed a page at a time as the search gives them, so the first comes at once
 * whatever the directory's size. */
#define CLI_SEARCH_PAGE 50

static int
run_search(const struct command *c)
{
	const struct sp_cli *cli = c->cli;
	const struct sp_output *out = c->out;
	struct sp_query q = {
		.text = cli->text,
		.profiles = cli->profiles,
		.area = cli->area,
		.open_now_only = cli->open_now,
		.staff = out->staff,
		.now_ms = sp_clock_now(),
	};
	struct sp_search *search = NULL;
	struct sp_service_list page = { 0 };
	struct sp_format_stream fs;
	bool exact;
	/* The same order as every screen: lines a person can ring themselves first. */
	enum sp_status rc = sp_search_open(&search, c->dir, &q);
	int code = 0;

	/* What can be ranked is read whole before a word is written (all of the signed answer,
	 * or the refusal); a national list too long to rank is written a page at a time, each
	 * page checked before it is written (docs/performance.md). */
	if (rc == SP_OK) {
		size_t count = sp_search_count(search, &exact);

		rc = sp_search_next(search, exact ? count : CLI_SEARCH_PAGE, &page);
	}
	if ((code = checked_read(c)) != 0 || rc != SP_OK)
		goto done;
	if (cli->format == SP_FORMAT_TEXT && !out->staff)
		rc = sp_format_emergency(out);
	if (rc == SP_OK)
		sp_format_services_begin(&fs, out, cli->format);
	while (rc == SP_OK) {
		if ((rc = sp_format_services_page(&fs, &page)) != SP_OK || !sp_search_more(search))
			break;
		sp_service_list_clear(&page);
		rc = sp_search_next(search, CLI_SEARCH_PAGE, &page);
		if ((code = checked_read(c)) != 0)
			goto done;
	}
	if (rc == SP_OK)
		rc = sp_format_services_end(&fs);
done:
	sp_service_list_clear(&page);
	sp_search_free(search);
	return code ? code : command_status(c, rc, NULL);
}

static int
run_show(const struct command *c)
{
	const struct sp_cli *cli = c->cli;
	const struct sp_output *out = c->out;
	struct sp_service s;
	enum sp_status rc = sp_directory_get(c->dir, cli->text, out->staff, sp_clock_now(), &s);
	char *successor = NULL;
	int code;

	if (rc == SP_OK && s.superseded_by)
		successor = sp_directory_service_name(c->dir, s.superseded_by);
	if ((code = checked_read(c)) != 0 || rc != SP_OK) {
		if (rc == SP_OK) {
			free(successor);
			sp_service_clear(&s);
		}
		return code ? code : command_status(c, rc, cli->text);
	}
	if (cli->format == SP_FORMAT_TEXT && !out->staff)
		rc = sp_format_emergency(out);
	if (rc == SP_OK)
		rc = sp_format_service(out, cli->format, &s, successor);
	free(successor);
	sp_service_clear(&s);
	return command_status(c, rc, NULL);
}

static int
run_define(const struct command *c)
{
	const struct sp_cli *cli = c->cli;
	const struct sp_output *out = c->out;
	struct sp_definition_list defs = { 0 };
	struct sp_glossary glossary = { 0 };
	enum sp_status rc = sp_directory_definitions(c->dir, cli->text, &defs);
	int code;

	if (rc == SP_OK)
		rc = sp_directory_glossary(c->dir, cli->text, &glossary);
	if ((code = checked_read(c)) != 0) {
		sp_definition_list_clear(&defs);
		sp_glossary_clear(&glossary);
		return code;
	}
	if (rc == SP_OK && cli->text && !defs.count && !glossary.count)
		rc = SP_ERR_NOT_FOUND;
	if (rc == SP_OK)
		rc = sp_format_definitions(out, cli->format, &defs, &glossary);
	sp_definition_list_clear(&defs);
	sp_glossary_clear(&glossary);
	return command_status(c, rc, cli->text);
}

static int
run_export(const struct command *c)
{
	const struct sp_output *out = c->out;
	struct sp_query q = { .area = SP_AREA_NONE, .staff = out->staff, .now_ms = sp_clock_now() };
	struct sp_service_list list;
	enum sp_status rc = sp_directory_search(c->dir, &q, &list);
	int code;

	if ((code = checked_read(c)) != 0) {
		sp_service_list_clear(&list);
		return code;
	}
	if (rc == SP_OK)
		rc = sp_format_export(out, c->cli->format, &list);
	sp_service_list_clear(&list);
	return command_status(c, rc, NULL);
}

int
sp_cli_version(const struct sp_cli *cli)
{
	struct sp_directory *dir = NULL;
	struct sp_settings settings = { .idle_timeout = -1 };
	struct sp_trust trust;
	char *path = sp_paths_database(cli->db), *detail = NULL;
	enum sp_status rc = SP_ERR_NOMEM;

	/* Fixed English, like every tool's --version: scripts read it. */
	printf("signpost %s\n", PACKAGE_VERSION);
	if (cli->config && sp_settings_read(cli->config, &settings, &detail) != SP_OK)
		rc = SP_ERR_USAGE;
	else if (path) {
		sp_cli_trust(cli, &trust);
		rc = sp_directory_open_trusted(&dir, path, &settings, trust.allow_unsigned,
		                               &detail);
	}
	if (rc == SP_OK) {
		char *data = sp_directory_meta(dir, "data_version");
		char *built = sp_directory_meta(dir, "built");

		printf("directory %s (schema %d), built %s: %s\n", data ? data : "unknown",
		       SP_DB_SCHEMA_VERSION, built ? built : "unknown", path);
		free(data);
		free(built);
	} else {
		printf("directory: none usable at %s (%s)\n", path ? path : "?", sp_status_key(rc));
	}
	sp_settings_clear(&settings);
	sp_directory_free(dir);
	free(detail);
	free(path);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
sp_cli_run(const struct sp_cli *cli, struct sp_i18n *i18n)
{
	struct sp_directory *dir = NULL;
	struct sp_output out = { .out = stdout,
		                 .i18n = i18n,
		                 .staff = cli->mode == SP_MODE_STAFF ||
		                          cli->mode == SP_MODE_TRAINING };
	struct command c = { .cli = cli, .out = &out };
	char *path;
	int code;

	if ((code = open_directory(cli, i18n, &dir, &path)) != 0)
		return code;
	c.dir = dir;
	c.path = path;
	/* Only text shows hours and dates in the language's words; the machine formats give them
	 * as the data has them, so they skip ICU's date patterns (a tenth of a cold start). */
	if (cli->format == SP_FORMAT_TEXT &&
	    sp_hours_fmt_new(&out.hours, sp_i18n_locale(i18n)) != SP_OK) {
		sp_directory_free(dir);
		free(path);
		return report_status(i18n, SP_ERR_LOCALE, NULL);
	}
	switch (cli->command) {
	case SP_CMD_SEARCH: code = run_search(&c); break;
	case SP_CMD_SHOW: code = run_show(&c); break;
	case SP_CMD_DEFINE: code = run_define(&c); break;
	case SP_CMD_EXPORT: code = run_export(&c); break;
	default: code = 2; break;
	}
	sp_hours_fmt_free(out.hours);
	sp_directory_free(dir);
	free(path);
	if (fflush(stdout) != 0 && code == 0)
		code = report_status(i18n, SP_ERR_IO, NULL);
	return code;
}

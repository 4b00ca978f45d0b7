#ifndef SIGNPOST_CLI_H
#define SIGNPOST_CLI_H

#include <stdbool.h>

#include "cli/output.h"
#include "core/describe.h"
#include "core/i18n.h"
#include "core/taxonomy.h"

/* The command line (man signpost, COMMANDS), parsed. Global options may stand before or after
 * the subcommand. */
enum sp_mode { SP_MODE_PUBLIC, SP_MODE_KIOSK, SP_MODE_STAFF, SP_MODE_TRAINING };

enum sp_command { SP_CMD_NONE, SP_CMD_SEARCH, SP_CMD_SHOW, SP_CMD_DEFINE, SP_CMD_EXPORT };

struct sp_cli {
	enum sp_mode mode;
	enum sp_command command;
	const char *db;        /* --db, or NULL */
	const char *locale;    /* --locale, or NULL */
	const char *config;    /* --config, or NULL */
	enum sp_format format; /* SP_FORMAT_COUNT when not given */
	unsigned profiles;
	enum sp_area area;
	bool open_now;
	bool help, version;
	bool allow_unsigned; /* --allow-unsigned: open a directory without a valid signature */
	long idle_timeout;   /* seconds, -1 when not given */
	char *text;          /* search text or the argument of show/define, joined; owned */
};

/* The value of --locale, found before anything else so errors speak the right language. */
const char *sp_cli_find_locale(int argc, char **argv);

/*
 * Parses argv. On a usage error returns SP_ERR_USAGE with *error set to a message in the
 * UI language (the caller frees it). cli->text is freed by sp_cli_clear().
 */
enum sp_status sp_cli_parse(struct sp_cli *cli, int argc, char **argv, struct sp_i18n *i18n,
                            char **error);
void sp_cli_clear(struct sp_cli *cli);

struct sp_trust;
/* The keys the directory must be signed with, and whether that may be skipped. */
void sp_cli_trust(const struct sp_cli *cli, struct sp_trust *trust);

/* Runs a subcommand, printing to stdout and errors to stderr; returns the exit code. */
int sp_cli_run(const struct sp_cli *cli, struct sp_i18n *i18n);

/* --version: prints signpost's version and the directory's (its data version, schema and build
 * date) to stdout; returns the exit code (0 even when the directory cannot be opened, which
 * the second line then says). */
int sp_cli_version(const struct sp_cli *cli);

/* Prints "signpost: message" to stderr. */
void sp_cli_error(const char *message);

#endif

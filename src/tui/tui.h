#ifndef SIGNPOST_TUI_H
#define SIGNPOST_TUI_H

#include <stdbool.h>

#include "core/i18n.h"

/* How the interactive directory is to run: what the command line asked for. */
struct sp_tui_options {
	bool kiosk, staff, training;
	const char *db;      /* --db, or NULL for SIGNPOST_DB / the installed directory */
	const char *locale;  /* --locale, or NULL */
	const char *config;  /* --config, or NULL */
	bool allow_unsigned; /* --allow-unsigned (never honoured in a kiosk) */
	long idle_timeout;   /* seconds, -1 when not given */
	const char *notice;  /* something staff should know from start-up, or NULL */
};

/* Runs the interactive directory; i18n speaks the language chosen at start. Returns the exit
 * code. */
int sp_tui_main(const struct sp_tui_options *options, struct sp_i18n *i18n);

#endif

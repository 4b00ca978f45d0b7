#ifndef SIGNPOST_TUI_H
#define SIGNPOST_TUI_H

#include "cli/cli.h"
#include "core/i18n.h"

/* Runs the interactive directory in the mode the command line chose; returns the exit code. */
int sp_tui_main(const struct sp_cli *cli, struct sp_i18n *i18n);

#endif

#ifndef SIGNPOST_TUI_LOAD_H
#define SIGNPOST_TUI_LOAD_H

#include <stdbool.h>

#include "tui/app.h"

/*
 * The directory the interactive program shows: app->db_path, or a newer signed one in
 * app->update_dir (core/update.h chooses). What staff should know about it (refused, expired,
 * the development key) goes in app->dir_notice; each change is one line to app->journal, the
 * version only.
 */

/* At start: opens the directory into app->dir, or leaves it NULL (the built-in helplines)
 * with the reason in app->dir_notice. */
void tui_load_directory(struct tui_app *app);

/*
 * Between visits only (the caller makes sure): when a directory newer than the one in use can
 * be shown, the screens are closed, the old directory is freed and wiped, the new one takes
 * its place and the app is reset to Home. true when it did; false leaves everything as it was
 * (nothing newer, a damaged or unsigned file, an older version, memory).
 */
bool tui_reload_directory(struct tui_app *app);

#endif

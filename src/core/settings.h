#ifndef SIGNPOST_SETTINGS_H
#define SIGNPOST_SETTINGS_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

/*
 * Kiosk settings from the --config file: "key = value" lines, '#' comments.
 *   idle_timeout = 90                 seconds without a key before the screen resets
 *   neutral_text = Library opening…   the page quick exit shows (\n for a new line)
 *   admin_quit = SECRET               Ctrl-] then SECRET then Enter quits a kiosk
 *   language = pl                     the language a kiosk starts and resets to
 *   theme = colour | mono | high-contrast
 *   trusted_key = ed25519-public <hex>   another key the directory may be signed with
 *   update_dir = /var/lib/signpost    where a newer signed directory may be placed (tests)
 */
/* The administrator's secret must be at least this long: it is all that stands between a
 * kiosk and a keyboard emulator. */
#define SP_SETTINGS_MIN_SECRET 12

struct sp_settings {
	long idle_timeout; /* seconds; -1 when not set */
	char *neutral_text;
	char *admin_quit;
	char *language;
	char *theme;
	char *update_dir; /* absolute; NULL: the configured folder (none in the build tree) */
	unsigned char (*trusted_keys)[32]; /* Ed25519 public keys besides the compiled-in ones */
	size_t ntrusted_keys;
};

/* A settings file is a few lines; anything far larger is not one. */
#define SP_SETTINGS_MAX_BYTES (1024 * 1024)

/* Reads the file. On a bad line returns SP_ERR_USAGE (or SP_ERR_IO) with *error set to
 * "path:line: what" in English for the administrator; the caller frees it. */
enum sp_status sp_settings_read(const char *path, struct sp_settings *s, char **error);
/* The same from an open stream; `name` is used in messages. The caller closes the stream. */
enum sp_status sp_settings_read_stream(FILE *f, const char *name, struct sp_settings *s,
                                       char **error);
/* The same from the file's text (`len` bytes, NUL not needed). */
enum sp_status sp_settings_parse(const char *text, size_t len, const char *name,
                                 struct sp_settings *s, char **error);
void sp_settings_clear(struct sp_settings *s);

#endif

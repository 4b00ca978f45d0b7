#ifndef SIGNPOST_KIOSK_SETTINGS_FILE_H
#define SIGNPOST_KIOSK_SETTINGS_FILE_H

#include "core/settings.h"

/*
 * Reads a kiosk's settings file only if it can be trusted, like sshd's StrictModes: whoever
 * can write it sets the administrator's secret, the neutral page and the keys a directory may
 * be signed with. The file must be a regular file owned by root or by the user the kiosk runs
 * as, and neither it nor its folder may be writable by anyone else (a folder with the sticky
 * bit, like /tmp, is refused too: anyone could put a file there first).
 *
 * On failure returns the status with *why set to a one-line reason in English for the
 * administrator (the caller frees it) and *s cleared: the kiosk runs on its defaults.
 */
enum sp_status kiosk_settings_read(const char *path, struct sp_settings *s, char **why);

#endif

#ifndef SIGNPOST_SANDBOX_H
#define SIGNPOST_SANDBOX_H

#include "core/status.h"

/*
 * The kiosk's sandbox, applied once start-up is done (directory in memory, terminal open).
 * seccomp (libseccomp) refuses with EPERM: every network call, running a program, new
 * processes, and opening, creating, renaming, deleting or changing any file for writing.
 * Where the kernel has Landlock, files become readable only under `read_dirs` (the resource
 * bundles, for a change of language) and nothing is writable. PR_SET_NO_NEW_PRIVS is set, so
 * nothing can undo it. Returns SP_OK when seccomp is in force (Landlock is best effort:
 * *landlock says whether it is).
 */
enum sp_status sp_sandbox_apply(const char *const *read_dirs, int *landlock);

/*
 * Keeps only the environment a kiosk needs (terminal, locale, colour) and drops the rest,
 * test and debug settings included (a kiosk never runs on a fixed test clock), then wipes the
 * original environment's bytes, so nothing inherited from the session that started it lingers
 * in the process's memory (/proc/PID/environ).
 */
void sp_sandbox_scrub_environment(void);

#endif

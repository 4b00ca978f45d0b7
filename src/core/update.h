#ifndef SIGNPOST_UPDATE_H
#define SIGNPOST_UPDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "directory.h"
#include "settings.h"
#include "status.h"
#include "trust.h"

/*
 * Which directory a program shows: the packaged file, or a newer one placed in the update
 * folder (SP_UPDATE_FILE and its .minisig, by apt, a USB stick or any tool). Each candidate is
 * opened with sp_directory_open_trusted(), so its version is the one in its signed trusted
 * comment, never an unsigned field; a damaged or unsigned file is ignored; the newest usable
 * one wins (the packaged one on a tie); and one no newer than the version in use is never
 * taken (no rollback, no needless reload).
 */
#define SP_UPDATE_FILE "signpost.db"
#define SP_UPDATE_MAX_CANDIDATES 2

/* What became of each candidate, for --check and the logs. */
struct sp_update_candidate {
	char *path;
	enum sp_status status; /* SP_OK: it could be shown */
	char *detail;          /* more about a failure, or NULL */
	char version[sizeof((struct sp_signed *) 0)->version];
	bool chosen;
};

struct sp_update_report {
	struct sp_update_candidate candidate[SP_UPDATE_MAX_CANDIDATES];
	size_t n;
};

/* Compares two directory versions: runs of digits as numbers, anything else byte by byte, so
 * "2" < "10" and "2026.9" < "2026.12"; "" (no version) comes first. <0, 0 or >0. */
int sp_update_version_cmp(const char *a, const char *b);

/*
 * Opens the newest usable directory among `packaged` and, when `update_dir` is not NULL,
 * update_dir/SP_UPDATE_FILE (never unsigned: allow_unsigned, for drafts, applies to the
 * packaged file only and leaves the update folder out). With `current` (the version in use)
 * only a strictly newer one is taken.
 *
 * SP_OK with *out set (the caller frees it) when one is taken; SP_OK with *out NULL when
 * `current` is given and nothing newer is usable; otherwise the packaged file's failure, the
 * report saying why for each. *report is filled either way; the caller clears it.
 */
enum sp_status sp_update_open(struct sp_directory **out, const char *packaged,
                              const char *update_dir, const struct sp_settings *settings,
                              bool allow_unsigned, const char *current,
                              struct sp_update_report *report);

/* Frees what a report holds. */
void sp_update_report_clear(struct sp_update_report *report);

#endif

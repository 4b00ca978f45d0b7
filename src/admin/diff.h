#ifndef SIGNPOST_DIFF_H
#define SIGNPOST_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/directory.h"
#include "core/status.h"
#include "core/trust.h"

/*
 * signpost-admin diff: what changed between two built directories, service by service, for a
 * data officer's review before a kiosk is updated. The directories are read through the
 * model (sp_directory_open), so a signature is checked as signpost checks it.
 */
enum sp_diff_change { SP_DIFF_ADDED, SP_DIFF_REMOVED, SP_DIFF_CHANGED };

/* One difference: a service added or removed, or one field of a service (or of one of its
 * lines) changed. */
struct sp_diff_item {
	enum sp_diff_change change;
	char *service;     /* the service's id */
	char *name;        /* its name (the new one, or the old one when it was removed) */
	const char *field; /* NULL for a whole service; "name", "status", ..., or for a line
	                      "line" (added: old NULL; removed: new NULL), "number", "hours", ... */
	char *line;        /* for a line's field, which line: "Helpline (phone)"; else NULL */
	char *old_value, *new_value; /* NULL where there is none */
};

/* What a directory says about itself (each NULL when it does not say). */
struct sp_diff_about {
	char *version;      /* from its signature's trusted comment */
	char *data_version; /* the newest date a service was checked */
	char *built;        /* the day it was built */
};

struct sp_diff {
	struct sp_diff_about old, new;
	struct sp_diff_item *items; /* services in id order; a service's fields in a fixed order */
	size_t count;
};

/* Compares two open directories into *out (zeroed first; cleared on failure). Professional-only
 * services and lines are compared too: this is a staff tool. */
enum sp_status sp_diff_directories(struct sp_directory *old, struct sp_directory *new,
                                   struct sp_diff *out);
void sp_diff_clear(struct sp_diff *diff);

/* How many services were added, removed and changed. */
void sp_diff_count(const struct sp_diff *diff, size_t *added, size_t *removed, size_t *changed);

/* Opens a directory for comparison: its signature is checked against `trust` (unless it allows
 * unsigned drafts). On failure *error is a new English sentence naming the file. */
enum sp_status sp_diff_open(const char *path, const struct sp_trust *trust,
                            struct sp_directory **out, char **error);

/* Writes the differences as text for people or as one JSON object with schema_version;
 * returns 0, or -1 when the output cannot be written. */
int sp_diff_print(const struct sp_diff *diff, const char *old_path, const char *new_path, bool json,
                  FILE *out);

#endif

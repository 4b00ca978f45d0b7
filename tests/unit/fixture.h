#ifndef SIGNPOST_TEST_FIXTURE_H
#define SIGNPOST_TEST_FIXTURE_H

#include <stdbool.h>

#include "core/directory.h"
#include "core/i18n.h"

/* The directory and bundles built from this tree's db/ and locales/ by `make check`. */
#define TEST_DB_PATH SP_ABS_BUILDDIR "/db/signpost.db"
#define TEST_LOCALES SP_ABS_BUILDDIR "/locales/"
#define TEST_SRC_DB SP_ABS_SRCDIR "/db"

/* A Monday morning in November (GMT): 10:00 in London. */
#define TEST_MONDAY_10AM 1795428000000.0 /* 2026-11-23T10:00:00Z */

struct sp_directory *fixture_directory(void);
void fixture_directory_close(void);
struct sp_i18n *fixture_i18n(void);
void fixture_i18n_close(void);

/* A fresh temporary directory (mkdtemp); removed with everything in it by fixture_rmrf. */
char *fixture_tempdir(void);
void fixture_rmrf(const char *path);
/* Writes text to dir/name; true on success. */
bool fixture_write(const char *dir, const char *name, const char *text);
/* Copies every file of the source db/ (and db/check/) into dir. */
bool fixture_copy_sources(const char *dir);

/* Whether a service id is in a list. */
bool fixture_list_has(const struct sp_service_list *list, const char *id);
/* Whether any service in a list carries a contact with this value. */
bool fixture_list_has_value(const struct sp_service_list *list, const char *value);

#endif

#ifndef SIGNPOST_CHECK_H
#define SIGNPOST_CHECK_H

#include <sqlite3.h>

#include "admin/report.h"

/*
 * The data checks of a built directory (db/README.md, "Checks"): the ones that would put a
 * victim in front of a dead, private or wrong line are errors; entries last verified more
 * than twelve months before `today` (YYYY-MM-DD) and unverified entries are warnings.
 * src_dir holds check/people.txt and check/professional-only.txt (either may be absent).
 */
void sp_check_directory(sqlite3 *db, const char *src_dir, const char *today,
                        struct sp_report *report);

#endif

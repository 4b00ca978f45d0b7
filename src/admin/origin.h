#ifndef SIGNPOST_ADMIN_ORIGIN_H
#define SIGNPOST_ADMIN_ORIGIN_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

/*
 * Where each row of a build came from: its key (service:galop, contact:12, translation:...)
 * and the source file and line, so the data checks can name them like a compiler's messages.
 * A hash table in memory (issue 13: as a temporary SQL table indexed by key it cost two
 * seconds of a build of 100,000 services, for a look-up per message). A key noted twice keeps
 * the first place noted.
 */
struct sp_origins;

struct sp_origins *sp_origins_new(void);
void sp_origins_free(struct sp_origins *origins);
/* Notes that row `kind`:`id` came from line `line` of `file`; false when out of memory. */
bool sp_origins_note(struct sp_origins *origins, const char *kind, const char *id, const char *file,
                     size_t line);
/* Makes room for `count` more keys at once (a file's rows, before they are noted); false when
 * out of memory. */
bool sp_origins_reserve(struct sp_origins *origins, size_t count);
/* The place noted for key: true and *file (owned by origins) and *line, or false. */
bool sp_origins_find(const struct sp_origins *origins, const char *key, const char **file,
                     size_t *line);
/* Has origins look keys up in `next` too, after its own (those noted apart, on another
 * thread); origins owns next from then on. */
void sp_origins_chain(struct sp_origins *origins, struct sp_origins *next);
/* Gives db the SQL functions origin_file(key) and origin_line(key) (NULL when the key was not
 * noted), which the checks use; db owns origins from then on and frees it when it closes.
 * false (origins freed) when they cannot be made. */
bool sp_origins_attach(struct sp_origins *origins, sqlite3 *db);

#endif

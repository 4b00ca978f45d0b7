#ifndef SIGNPOST_PATHS_H
#define SIGNPOST_PATHS_H

/*
 * Where signpost's files are. The program run from its build tree (src/signpost, with the marker
 * file src/signpost-build-tree beside it, found through /proc/self/exe) uses the
 * build tree's database and bundles, so it works before `make install`; an installed program
 * uses $(pkgdatadir). Both strings are new; the caller frees them.
 */

/* The directory to open: `option` (--db) if given, else $SIGNPOST_DB, else the default. */
char *sp_paths_database(const char *option);

/* The folder of compiled resource bundles, ending in '/'. */
char *sp_paths_locales(void);

/* The folder where a newer signed directory may be placed (apt, a USB stick, any tool):
 * `setting` (update_dir in the settings) if given, else $(localstatedir)/lib/signpost for the
 * installed program; NULL (none) for the uninstalled one, so tests never see an installed
 * folder. The result is new (caller frees); NULL also when memory runs out. */
char *sp_paths_updates(const char *setting);

/* Whether the running program is the uninstalled one in the build tree. */
int sp_paths_in_build_tree(void);

#endif

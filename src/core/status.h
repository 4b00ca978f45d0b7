#ifndef SIGNPOST_STATUS_H
#define SIGNPOST_STATUS_H

/*
 * One status enum for the whole core. Each code carries the key of its message in the
 * resource bundles (locales/root.txt) and the process exit code the CLI uses for it, so the
 * words live with the translations and the numbers live here, once.
 */
#define SP_STATUS_INFO(_) \
	_(SP_OK, "ok", 0) \
	_(SP_ERR_NOMEM, "err_nomem", 1) \
	_(SP_ERR_IO, "err_io", 1) \
	_(SP_ERR_INTERNAL, "err_internal", 1) \
	_(SP_ERR_USAGE, "err_usage", 2) \
	_(SP_ERR_NOT_FOUND, "err_not_found", 1) \
	_(SP_ERR_DB_MISSING, "err_db_missing", 3) \
	_(SP_ERR_DB_UNREADABLE, "err_db_unreadable", 3) \
	_(SP_ERR_DB_CORRUPT, "err_db_corrupt", 3) \
	_(SP_ERR_DB_FOREIGN, "err_db_foreign", 3) \
	_(SP_ERR_DB_VERSION, "err_db_version", 3) \
	_(SP_ERR_DB_QUERY, "err_db_query", 3) \
	_(SP_ERR_DB_UNSIGNED, "err_db_unsigned", 3) \
	_(SP_ERR_DB_TAMPERED, "err_db_tampered", 3) \
	_(SP_ERR_DATA, "err_data", 1) \
	_(SP_ERR_LOCALE, "err_locale", 1)

/* clang-format off */
enum sp_status {
#define SP_STATUS_ENUM(name, key, exit_code) name,
	SP_STATUS_INFO(SP_STATUS_ENUM)
#undef SP_STATUS_ENUM
	SP_STATUS_COUNT
};
/* clang-format on */

/* The bundle key of the status's message ("err_db_missing"); never NULL. */
const char *sp_status_key(enum sp_status status);

/* The process exit code of this status (man signpost, EXIT STATUS). */
int sp_status_exit_code(enum sp_status status);

#endif

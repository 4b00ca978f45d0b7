#include "config.h"

#include <sqlite3.h>

#include "admin/build_private.h"

/* The words of the service search indexes (search_term in db/schema.sql): every token
 * service_fts and translation_fts hold, as FTS5's own vocabulary tables list them. */
void
build_index_vocabulary(struct build *b)
{
	static const char sql[] =
	        "CREATE VIRTUAL TABLE temp.service_vocab USING fts5vocab(main, service_fts, row);"
	        "CREATE VIRTUAL TABLE temp.translation_vocab"
	        "  USING fts5vocab(main, translation_fts, row);"
	        "INSERT OR IGNORE INTO search_term (term) SELECT term FROM temp.service_vocab;"
	        "INSERT OR IGNORE INTO search_term (term) SELECT term FROM temp.translation_vocab;"
	        "DROP TABLE temp.service_vocab;"
	        "DROP TABLE temp.translation_vocab;";

	if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		sp_report_error(b->report, "search words: %s", sqlite3_errmsg(b->db));
}

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>
#include <sqlite3.h>

#include "admin/origin.h"
#include "suites.h"

static void
test_noted_keys_are_found(void)
{
	struct sp_origins *o = sp_origins_new();
	const char *file = NULL;
	size_t line = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_TRUE(sp_origins_note(o, "service", "galop", "db/services.csv", 12));
	CU_ASSERT_TRUE(sp_origins_note(o, "contact", "7", "db/contacts.csv", 40));
	CU_ASSERT_TRUE(sp_origins_find(o, "service:galop", &file, &line));
	CU_ASSERT_STRING_EQUAL(file, "db/services.csv");
	CU_ASSERT_EQUAL(line, 12);
	CU_ASSERT_TRUE(sp_origins_find(o, "contact:7", &file, &line));
	CU_ASSERT_STRING_EQUAL(file, "db/contacts.csv");
	CU_ASSERT_EQUAL(line, 40);
	/* Neither a key not noted, nor a kind or an id alone, nor a prefix. */
	CU_ASSERT_FALSE(sp_origins_find(o, "service:refuge", &file, &line));
	CU_ASSERT_FALSE(sp_origins_find(o, "galop", &file, &line));
	CU_ASSERT_FALSE(sp_origins_find(o, "service:galo", &file, &line));
	CU_ASSERT_FALSE(sp_origins_find(o, "contact:7x", &file, &line));
	/* A reserve beyond any memory is refused, and the table is as it was. */
	CU_ASSERT_FALSE(sp_origins_reserve(o, SIZE_MAX / 2));
	CU_ASSERT_TRUE(sp_origins_find(o, "service:galop", &file, &line));
	CU_ASSERT_EQUAL(line, 12);
	CU_ASSERT_TRUE(sp_origins_note(o, "service", "refuge", "db/services.csv", 13));
	CU_ASSERT_TRUE(sp_origins_find(o, "service:refuge", &file, &line));
	sp_origins_free(o);
}

static void
test_first_place_noted_is_kept(void)
{
	struct sp_origins *o = sp_origins_new();
	const char *file = NULL;
	size_t line = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_TRUE(sp_origins_note(o, "service", "galop", "a.csv", 2));
	CU_ASSERT_TRUE(sp_origins_note(o, "service", "galop", "b.csv", 9));
	CU_ASSERT_TRUE(sp_origins_find(o, "service:galop", &file, &line));
	CU_ASSERT_STRING_EQUAL(file, "a.csv");
	CU_ASSERT_EQUAL(line, 2);
	sp_origins_free(o);
}

/* Notes 50,000 keys (after reserving room for `reserve` of them) and finds them again. */
static void
note_and_find_50000(size_t reserve)
{
	struct sp_origins *o = sp_origins_new();
	char key[64], id[32], file[32];
	const char *found = NULL;
	size_t line = 0;
	bool all = true;

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	if (reserve)
		CU_ASSERT_TRUE(sp_origins_reserve(o, reserve));
	for (size_t i = 0; i < 50000; i++) {
		snprintf(id, sizeof id, "s%zu", i);
		snprintf(file, sizeof file, "f%zu.csv", i % 7);
		all = sp_origins_note(o, "service", id, file, i + 1) && all;
	}
	CU_ASSERT_TRUE(all);
	for (size_t i = 0; i < 50000; i += 997) {
		snprintf(key, sizeof key, "service:s%zu", i);
		snprintf(file, sizeof file, "f%zu.csv", i % 7);
		CU_ASSERT_TRUE_FATAL(sp_origins_find(o, key, &found, &line));
		CU_ASSERT_STRING_EQUAL(found, file);
		CU_ASSERT_EQUAL(line, i + 1);
	}
	CU_ASSERT_FALSE(sp_origins_find(o, "service:s50000", &found, &line));
	sp_origins_free(o);
}

/* A national build notes over a million keys: the table grows, every key stays found. */
static void
test_many_keys_grow_the_table(void)
{
	note_and_find_50000(0);
}

/* Room made for a file's rows at once; more keys than were reserved still grow it. */
static void
test_reserved_room_then_more(void)
{
	note_and_find_50000(20000);
}

/* The checks look places up in SQL; the connection frees the table when it closes. */
static void
test_sql_functions_give_the_place(void)
{
	struct sp_origins *o = sp_origins_new();
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_TRUE(sp_origins_note(o, "glossary", "IDVA", "db/glossary.csv", 5));
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(":memory:", &db), SQLITE_OK);
	CU_ASSERT_TRUE_FATAL(sp_origins_attach(o, db));
	CU_ASSERT_EQUAL_FATAL(
	        sqlite3_prepare_v2(db, "SELECT origin_file(?1), origin_line(?1)", -1, &st, NULL),
	        SQLITE_OK);
	sqlite3_bind_text(st, 1, "glossary:IDVA", -1, SQLITE_STATIC);
	CU_ASSERT_EQUAL(sqlite3_step(st), SQLITE_ROW);
	CU_ASSERT_STRING_EQUAL((const char *) sqlite3_column_text(st, 0), "db/glossary.csv");
	CU_ASSERT_EQUAL(sqlite3_column_int64(st, 1), 5);
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, "glossary:MARAC", -1, SQLITE_STATIC);
	CU_ASSERT_EQUAL(sqlite3_step(st), SQLITE_ROW);
	CU_ASSERT_EQUAL(sqlite3_column_type(st, 0), SQLITE_NULL);
	CU_ASSERT_EQUAL(sqlite3_column_type(st, 1), SQLITE_NULL);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The translations' origins are noted on another thread and chained after the rest's. */
static void
test_chained_table_is_looked_in_after(void)
{
	struct sp_origins *o = sp_origins_new(), *aside = sp_origins_new();
	const char *file = NULL;
	size_t line = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(aside);
	CU_ASSERT_TRUE(sp_origins_note(o, "service", "galop", "db/services.csv", 3));
	CU_ASSERT_TRUE(sp_origins_note(aside, "translation", "service/galop/description/pl",
	                               "db/translations/pl.csv", 8));
	CU_ASSERT_TRUE(sp_origins_note(aside, "service", "galop", "elsewhere.csv", 1));
	sp_origins_chain(o, aside);
	CU_ASSERT_TRUE(
	        sp_origins_find(o, "translation:service/galop/description/pl", &file, &line));
	CU_ASSERT_STRING_EQUAL(file, "db/translations/pl.csv");
	CU_ASSERT_EQUAL(line, 8);
	/* A key in both: the first table's place. */
	CU_ASSERT_TRUE(sp_origins_find(o, "service:galop", &file, &line));
	CU_ASSERT_STRING_EQUAL(file, "db/services.csv");
	CU_ASSERT_FALSE(sp_origins_find(o, "service:refuge", &file, &line));
	sp_origins_free(o); /* and aside with it */
}

static const CU_TestInfo tests[] = {
	{ "a noted key is found, and nothing else; an impossible reserve changes nothing",
	  test_noted_keys_are_found },
	{ "a key noted twice keeps its first place", test_first_place_noted_is_kept },
	{ "50,000 keys grow the table and stay found", test_many_keys_grow_the_table },
	{ "room reserved, then more keys than reserved", test_reserved_room_then_more },
	{ "origin_file() and origin_line() in SQL", test_sql_functions_give_the_place },
	{ "a chained table is looked in after the first", test_chained_table_is_looked_in_after },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_origin(void)
{
	return test_add_suite("origin", NULL, NULL, tests);
}

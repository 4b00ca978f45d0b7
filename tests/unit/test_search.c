#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "admin/build.h"
#include "core/policy.h"
#include "fixture.h"
#include "suites.h"

/* The paged search (sp_search_*): the same services in the same order as the whole list,
 * whatever the page size, and a page's worth of work when there are very many matches. */

#define TODAY "2026-11-23"
/* A Sunday evening, 21:00 in London, when most lines are closed. */
#define TEST_SUNDAY_9PM 1795208400000.0
/* Services of the bulk directory that match "zebra": more than can be ranked. */
#define BULK (SP_SEARCH_RANKED_MAX + 100)

/* The whole list as the screens made it before paging: search, then the person's order. */
static void
whole_list(struct sp_directory *d, const struct sp_query *q, struct sp_service_list *list)
{
	CU_ASSERT_EQUAL_FATAL(sp_directory_search(d, q, list), SP_OK);
	sp_policy_sort_for_person(list);
}

/* Every page of `page` services until the search says it is over. */
static enum sp_status
paged_list(struct sp_directory *d, const struct sp_query *q, size_t page,
           struct sp_service_list *list, size_t *count, bool *exact)
{
	struct sp_search *se = NULL;
	enum sp_status rc = sp_search_open(&se, d, q);

	*count = 0;
	while (rc == SP_OK) {
		size_t before = list->count;

		if ((rc = sp_search_next(se, page, list)) != SP_OK)
			break;
		CU_ASSERT(list->count - before <= page);
		if (list->count - before < page) {
			CU_ASSERT_FALSE(sp_search_more(se));
			break;
		}
	}
	if (se)
		*count = sp_search_count(se, exact);
	sp_search_free(se);
	return rc;
}

static void
assert_same_order(const struct sp_service_list *a, const struct sp_service_list *b)
{
	CU_ASSERT_EQUAL_FATAL(a->count, b->count);
	for (size_t i = 0; i < a->count; i++) {
		CU_ASSERT_STRING_EQUAL(a->items[i].id, b->items[i].id);
		CU_ASSERT_EQUAL(a->items[i].matched, b->items[i].matched);
		CU_ASSERT_EQUAL(a->items[i].open_now, b->items[i].open_now);
		CU_ASSERT_EQUAL(a->items[i].ncontacts, b->items[i].ncontacts);
	}
}

static void
compare(struct sp_directory *d, const struct sp_query *q)
{
	static const size_t pages[] = { 1, 3, 25, 1000 };
	struct sp_service_list whole = { 0 };

	whole_list(d, q, &whole);
	for (size_t p = 0; p < sizeof pages / sizeof pages[0]; p++) {
		struct sp_service_list paged = { 0 };
		size_t count;
		bool exact = false;

		CU_ASSERT_EQUAL_FATAL(paged_list(d, q, pages[p], &paged, &count, &exact), SP_OK);
		CU_ASSERT_TRUE(exact);
		CU_ASSERT_EQUAL(count, whole.count);
		assert_same_order(&whole, &paged);
		sp_service_list_clear(&paged);
	}
	sp_service_list_clear(&whole);
}

static void
test_pages_give_the_whole_list_in_its_order(void)
{
	static const char *const texts[] = {
		NULL,   "",         "a",       "abuse",     "refuge",         "helpline",
		"male", "stalk",    "housing", "24",        "nękanie",        "!!",
		"zzqx", "domestic", "mar",     "help line", "domestic abuse", "male helpline"
	};
	static const double moments[] = { TEST_MONDAY_10AM, TEST_SUNDAY_9PM };
	struct sp_directory *d = fixture_directory();

	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
		for (size_t m = 0; m < 2; m++)
			for (int flags = 0; flags < 8; flags++) {
				struct sp_query q = {
					.text = texts[t],
					.area = (flags & 4) ? SP_AREA_PETERBOROUGH : SP_AREA_NONE,
					.profiles = (flags & 2) ? (1u << SP_PROFILE_MALE) |
					                                  (1u << SP_PROFILE_OLDER) :
					                          0,
					.staff = flags & 1,
					.now_ms = moments[m],
				};

				compare(d, &q);
				q.open_now_only = true;
				compare(d, &q);
			}
}

static void
test_pages_in_another_language(void)
{
	struct sp_directory *d = fixture_directory();
	struct sp_query q = { .text = "przemoc", .area = SP_AREA_NONE, .now_ms = TEST_MONDAY_10AM };

	CU_ASSERT_EQUAL_FATAL(sp_directory_set_locale(d, "pl"), SP_OK);
	compare(d, &q);
	q.text = "pomoc";
	compare(d, &q);
	q.text = "przemoc domowa";
	compare(d, &q);
	CU_ASSERT_EQUAL_FATAL(sp_directory_set_locale(d, "bg"), SP_OK);
	q.text = "насилие";
	compare(d, &q);
	sp_directory_set_locale(d, "en_GB");
}

/* A directory with BULK more services that all match "zebra" and nothing else does. */
static struct sp_directory *
bulk_directory(char **tmp)
{
	char src[4096], out[4096], path[4200];
	struct sp_report r = { 0 };
	struct sp_directory *d = NULL;
	FILE *f;

	*tmp = fixture_tempdir();
	CU_ASSERT_PTR_NOT_NULL_FATAL(*tmp);
	snprintf(src, sizeof src, "%s/src", *tmp);
	snprintf(out, sizeof out, "%s/out.db", *tmp);
	CU_ASSERT_EQUAL_FATAL(mkdir(src, 0700), 0);
	CU_ASSERT_TRUE_FATAL(fixture_copy_sources(src));
	snprintf(path, sizeof path, "%s/services.csv", src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(path, "a"));
	for (int i = 0; i < BULK; i++)
		fprintf(f,
		        "bulk-%03d,refuge,Zebra project %03d,Support from the zebra project %d."
		        ",national,public,%s,,,,,%s,,,active,,test,,2026-11-01,unverified\n",
		        i, i, i, i % 3 ? "self" : "professional", i % 4 ? "" : "male");
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(sp_build_file(src, out, TODAY, &r), SP_OK);
	sp_report_free(&r);
	CU_ASSERT_EQUAL_FATAL(sp_directory_open(&d, out, NULL, NULL), SP_OK);
	return d;
}

static void
test_many_matches_come_a_page_at_a_time(void)
{
	char *tmp = NULL;
	struct sp_directory *d = bulk_directory(&tmp);
	struct sp_query q = { .text = "zebra", .area = SP_AREA_NONE, .now_ms = TEST_MONDAY_10AM };
	struct sp_service_list whole = { 0 }, paged = { 0 }, first = { 0 };
	struct sp_search *se = NULL;
	size_t count;
	bool exact = true;

	/* The first page: no more than asked for, and the rest is still to come. */
	CU_ASSERT_EQUAL_FATAL(sp_search_open(&se, d, &q), SP_OK);
	CU_ASSERT_EQUAL(sp_search_next(se, 20, &first), SP_OK);
	CU_ASSERT_EQUAL(first.count, 20);
	CU_ASSERT_TRUE(sp_search_more(se));
	CU_ASSERT_EQUAL(sp_search_count(se, &exact), SP_SEARCH_RANKED_MAX + 1);
	CU_ASSERT_FALSE(exact);
	sp_search_free(se);
	/* Every page together: each match once, the same ones as the whole list. */
	whole_list(d, &q, &whole);
	CU_ASSERT_EQUAL(whole.count, BULK);
	CU_ASSERT_EQUAL(paged_list(d, &q, 7, &paged, &count, &exact), SP_OK);
	CU_ASSERT_FALSE(exact);
	CU_ASSERT_EQUAL_FATAL(paged.count, whole.count);
	for (size_t i = 0; i < paged.count; i++) {
		CU_ASSERT_TRUE(fixture_list_has(&whole, paged.items[i].id));
		for (size_t k = 0; k < i; k++)
			CU_ASSERT_STRING_NOT_EQUAL(paged.items[i].id, paged.items[k].id);
		CU_ASSERT_STRING_EQUAL(paged.items[i].status, "active");
	}
	sp_service_list_clear(&paged);
	/* Two words, each standing for a few words of the index: the same matches. */
	q.text = "zebra proj";
	CU_ASSERT_EQUAL(paged_list(d, &q, 100, &paged, &count, &exact), SP_OK);
	CU_ASSERT_EQUAL(paged.count, BULK);
	sp_service_list_clear(&paged);
	q.text = "zebra";
	/* The profile filter holds in the stream as well; a filter that leaves few ranks them. */
	q.profiles = 1u << SP_PROFILE_MALE;
	CU_ASSERT_EQUAL(paged_list(d, &q, 50, &paged, &count, &exact), SP_OK);
	CU_ASSERT_TRUE(exact);
	CU_ASSERT_EQUAL(count, paged.count);
	for (size_t i = 0; i < paged.count; i++)
		CU_ASSERT(paged.items[i].profiles & q.profiles);
	sp_service_list_clear(&paged);
	compare(d, &q);
	sp_service_list_clear(&whole);
	sp_service_list_clear(&first);
	sp_directory_free(d);
	fixture_rmrf(tmp);
	free(tmp);
}

/* The short lists (Talk to someone now, Find support): the whole list when it is short, the
 * first SP_SEARCH_RANKED_MAX in the directory's order when it is not. */
static void
test_short_lists_stay_short(void)
{
	static const char *const texts[] = { NULL, "a", "helpline", "zzqx" };
	char *tmp = NULL;
	struct sp_directory *bulk = bulk_directory(&tmp);
	struct sp_service_list whole = { 0 }, some = { 0 };
	bool more = true;

	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
		for (int flags = 0; flags < 4; flags++) {
			struct sp_query q = { .text = texts[t],
				              .area = SP_AREA_NONE,
				              .profiles = (flags & 2) ? 1u << SP_PROFILE_MALE : 0,
				              .staff = flags & 1,
				              .now_ms = TEST_SUNDAY_9PM };

			CU_ASSERT_EQUAL_FATAL(sp_directory_search(fixture_directory(), &q, &whole),
			                      SP_OK);
			CU_ASSERT_EQUAL_FATAL(
			        sp_directory_search_at_most(fixture_directory(), &q, &some, &more),
			        SP_OK);
			CU_ASSERT_FALSE(more);
			assert_same_order(&whole, &some);
			sp_service_list_clear(&whole);
			sp_service_list_clear(&some);
		}
	{
		struct sp_query q = { .area = SP_AREA_NONE, .now_ms = TEST_MONDAY_10AM };

		CU_ASSERT_EQUAL(sp_directory_search_at_most(bulk, &q, &some, &more), SP_OK);
		CU_ASSERT_TRUE(more);
		CU_ASSERT_EQUAL(some.count, SP_SEARCH_RANKED_MAX);
		for (size_t i = 0; i < some.count; i++)
			CU_ASSERT_STRING_EQUAL(some.items[i].status, "active");
		sp_service_list_clear(&some);
		q.profiles = 1u << SP_PROFILE_MALE; /* a quarter of the bulk, and a few more */
		CU_ASSERT_EQUAL(sp_directory_search(bulk, &q, &whole), SP_OK);
		CU_ASSERT_EQUAL(sp_directory_search_at_most(bulk, &q, &some, NULL), SP_OK);
		assert_same_order(&whole, &some);
		sp_service_list_clear(&whole);
		sp_service_list_clear(&some);
	}
	sp_directory_free(bulk);
	fixture_rmrf(tmp);
	free(tmp);
}

static void
test_a_search_outlives_other_queries(void)
{
	struct sp_directory *d = fixture_directory();
	struct sp_query q = { .text = "help", .area = SP_AREA_NONE, .now_ms = TEST_MONDAY_10AM };
	struct sp_search *a = NULL, *b = NULL;
	struct sp_service_list la = { 0 }, lb = { 0 }, whole = { 0 };

	/* Two searches at once, and the whole-list search in between, do not disturb them. */
	CU_ASSERT_EQUAL_FATAL(sp_search_open(&a, d, &q), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_search_open(&b, d, &q), SP_OK);
	CU_ASSERT_EQUAL(sp_search_next(a, 2, &la), SP_OK);
	whole_list(d, &q, &whole);
	CU_ASSERT_EQUAL(sp_search_next(b, 1000, &lb), SP_OK);
	CU_ASSERT_EQUAL(sp_search_next(a, 1000, &la), SP_OK);
	assert_same_order(&whole, &la);
	assert_same_order(&whole, &lb);
	sp_search_free(a);
	sp_search_free(b);
	sp_search_free(NULL);
	sp_service_list_clear(&la);
	sp_service_list_clear(&lb);
	sp_service_list_clear(&whole);
}

/* The longest word of `text` (letters and digits, UTF-8 bytes kept whole) into `word`. */
static void
longest_word(const char *text, char *word, size_t size)
{
	size_t best = 0;

	word[0] = '\0';
	while (*text) {
		size_t n = 0;

		while (text[n] &&
		       ((unsigned char) text[n] >= 0x80 ||
		        strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
		               text[n])))
			n++;
		if (n > best && n < size) {
			memcpy(word, text, n);
			word[n] = '\0';
			best = n;
		}
		text += n ? n : 1;
	}
}

/*
 * translation_fts keeps no text, not even its rows' service (schema version 5): a match's
 * service is read from its row id. Each active service's Polish description, looked up in
 * the translation table, is found by its longest word in a Polish search, however many other
 * services that word finds; one read from a wrong id would be another service.
 */
static void
test_translations_find_their_own_service(void)
{
	struct sp_directory *d = fixture_directory();
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t checked = 0;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(TEST_DB_PATH, &db, SQLITE_OPEN_READONLY, NULL),
	                      SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(
	        sqlite3_prepare_v2(
	                db,
	                "SELECT t.id, t.text FROM translation t JOIN service s ON s.id = t.id"
	                " WHERE t.tbl = 'service' AND t.field = 'description'"
	                " AND t.lang = 'pl' AND s.status = 'active' ORDER BY t.id",
	                -1, &st, NULL),
	        SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(sp_directory_set_locale(d, "pl"), SP_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *) sqlite3_column_text(st, 0);
		char word[128];
		struct sp_query q = { .text = word,
			              .area = SP_AREA_NONE,
			              .staff = true,
			              .now_ms = TEST_MONDAY_10AM };
		struct sp_service_list list;

		longest_word((const char *) sqlite3_column_text(st, 1), word, sizeof word);
		CU_ASSERT_EQUAL_FATAL(sp_directory_search(d, &q, &list), SP_OK);
		CU_ASSERT_TRUE(fixture_list_has(&list, id));
		if (!fixture_list_has(&list, id))
			fprintf(stderr, "\n%s not found by its Polish word \"%s\"\n", id, word);
		sp_service_list_clear(&list);
		checked++;
	}
	CU_ASSERT(checked >= 20);
	sqlite3_finalize(st);
	sqlite3_close(db);
	sp_directory_set_locale(d, "en_GB");
}

CU_ErrorCode
test_register_search(void)
{
	static const CU_TestInfo tests[] = {
		{ "pages give the whole list in its order",
		  test_pages_give_the_whole_list_in_its_order },
		{ "pages in another language", test_pages_in_another_language },
		{ "many matches come a page at a time", test_many_matches_come_a_page_at_a_time },
		{ "a search outlives other queries", test_a_search_outlives_other_queries },
		{ "short lists stay short", test_short_lists_stay_short },
		{ "translations find their own service", test_translations_find_their_own_service },
		CU_TEST_INFO_NULL,
	};

	return test_add_suite("search", NULL, NULL, tests);
}

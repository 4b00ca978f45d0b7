#include "config.h"

#include "core/taxonomy.h"
#include "suites.h"

static void
test_profile_ids_round_trip(void)
{
	for (int i = 0; i < SP_PROFILE_COUNT; i++)
		CU_ASSERT_EQUAL(sp_profile_from_id(sp_profile_id((enum sp_profile) i)), i);
	CU_ASSERT_EQUAL(sp_profile_from_id("men"), SP_PROFILE_COUNT);
	CU_ASSERT_EQUAL(sp_profile_from_id(NULL), SP_PROFILE_COUNT);
}

static void
test_profile_list_parses(void)
{
	unsigned mask;
	const char *bad = NULL;

	CU_ASSERT_TRUE(sp_profile_parse_list("male;lgbtq", &mask, &bad));
	CU_ASSERT_EQUAL(mask, (1u << SP_PROFILE_MALE) | (1u << SP_PROFILE_LGBTQ));
	CU_ASSERT_TRUE(sp_profile_parse_list("", &mask, &bad));
	CU_ASSERT_EQUAL(mask, 0);
	CU_ASSERT_FALSE(sp_profile_parse_list("male;gay", &mask, &bad));
	CU_ASSERT_STRING_EQUAL(bad, "gay");
}

static void
test_area_chain_climbs_to_national(void)
{
	enum sp_area chain[SP_AREA_MAX_DEPTH];
	size_t n = sp_area_chain(SP_AREA_FENLAND, chain);

	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_EQUAL(chain[0], SP_AREA_FENLAND);
	CU_ASSERT_EQUAL(chain[1], SP_AREA_CAMBRIDGESHIRE);
	CU_ASSERT_EQUAL(chain[2], SP_AREA_CAMBS_PBORO);
	CU_ASSERT_EQUAL(chain[3], SP_AREA_NATIONAL);
	CU_ASSERT_EQUAL(sp_area_chain(SP_AREA_PETERBOROUGH, chain), 3);
}

static void
test_area_lookup(void)
{
	CU_ASSERT_EQUAL(sp_area_from_id("huntingdonshire"), SP_AREA_HUNTINGDONSHIRE);
	CU_ASSERT_EQUAL(sp_area_from_id("norfolk"), SP_AREA_NONE);
	CU_ASSERT_EQUAL(sp_area_parent(SP_AREA_NATIONAL), SP_AREA_NONE);
}

static void
test_slug_from_names(void)
{
	char out[16];

	CU_ASSERT_TRUE(sp_slug("Cambridge Women's Aid", out, sizeof out));
	CU_ASSERT_STRING_EQUAL(out, "cambridge-women"); /* cut to fit */
	CU_ASSERT_TRUE(sp_slug("  6C1A-9F3E  ", out, sizeof out));
	CU_ASSERT_STRING_EQUAL(out, "6c1a-9f3e");
	CU_ASSERT_TRUE(sp_slug("Caf\xc3\xa9 Z\xc3\xbcrich", out, sizeof out));
	CU_ASSERT_STRING_EQUAL(out, "caf-z-rich"); /* ASCII only, whatever the locale */
	CU_ASSERT_FALSE(sp_slug("--- !", out, sizeof out));
	CU_ASSERT_STRING_EQUAL(out, "");
}

static const CU_TestInfo tests[] = {
	{ "names make ASCII slugs", test_slug_from_names },
	{ "profile ids round-trip", test_profile_ids_round_trip },
	{ "profile lists parse into masks and name the bad id", test_profile_list_parses },
	{ "a district's area chain climbs to national", test_area_chain_climbs_to_national },
	{ "areas are looked up by id", test_area_lookup },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_taxonomy(void)
{
	return test_add_suite("taxonomy", NULL, NULL, tests);
}

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/csvfile.h"
#include "cli/output.h"
#include "core/describe.h"
#include "core/directory.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/settings.h"
#include "core/textwrap.h"
#include "core/trust.h"
#include "fixture.h"
#include "suites.h"

/*
 * Out of memory, everywhere: each operation is run once to count its allocations, then once
 * more for every n, with the n-th allocation failing. Every run must end in SP_OK or
 * SP_ERR_NOMEM (or the operation's own documented failure), never a crash; the sanitizer and
 * valgrind builds check that nothing leaks on the way out.
 */
typedef enum sp_status (*oom_op)(void);

static long
walk(oom_op op, const char *name)
{
	long total;
	enum sp_status rc;

	sp_mem_fail_after(10000000);
	rc = op();
	total = sp_mem_fail_after(-1);
	CU_ASSERT_EQUAL(rc, SP_OK);
	for (long n = 0; n < total; n++) {
		sp_mem_fail_after(n);
		rc = op();
		sp_mem_fail_after(-1);
		if (rc != SP_OK && rc != SP_ERR_NOMEM)
			fprintf(stderr, "\n  %s: allocation %ld of %ld failing gave status %d",
			        name, n, total, rc);
		CU_ASSERT_TRUE(rc == SP_OK || rc == SP_ERR_NOMEM);
	}
	return total;
}

static enum sp_status
op_open(void)
{
	struct sp_trust trust = { .keys = sp_builtin_keys, .nkeys = sp_builtin_key_count };
	struct sp_directory *d = NULL;
	enum sp_status rc = sp_directory_open(&d, TEST_DB_PATH, &trust, NULL);

	/* SQLite's own allocations are not ours to fail; a refusal for them would not be NOMEM. */
	sp_directory_free(d);
	return rc;
}

static enum sp_status
op_get(void)
{
	struct sp_service s;
	enum sp_status rc = sp_directory_get(fixture_directory(), "national-stalking-helpline",
	                                     true, TEST_MONDAY_10AM, &s);

	if (rc == SP_OK)
		sp_service_clear(&s);
	return rc;
}

static enum sp_status
op_search(void)
{
	struct sp_query q = { .text = "help",
		              .area = SP_AREA_NONE,
		              .open_now_only = true,
		              .now_ms = TEST_MONDAY_10AM };
	struct sp_service_list list = { 0 };
	struct sp_search *se = NULL;
	enum sp_status rc = sp_search_open(&se, fixture_directory(), &q);

	while (rc == SP_OK && sp_search_more(se))
		rc = sp_search_next(se, 2, &list);
	sp_search_free(se);
	sp_service_list_clear(&list);
	return rc;
}

static enum sp_status
op_definitions(void)
{
	struct sp_definition_list d;
	struct sp_glossary g;
	struct sp_pathway_list p;
	enum sp_status rc = sp_directory_definitions(fixture_directory(), "abuse", &d);

	if (rc != SP_OK)
		return rc;
	sp_definition_list_clear(&d);
	if ((rc = sp_directory_glossary(fixture_directory(), NULL, &g)) != SP_OK)
		return rc;
	sp_glossary_clear(&g);
	if ((rc = sp_directory_pathways(fixture_directory(), &p)) != SP_OK)
		return rc;
	sp_pathway_list_clear(&p);
	return SP_OK;
}

static enum sp_status
op_format(void)
{
	struct sp_query q = {
		.text = "help", .area = SP_AREA_NONE, .staff = true, .now_ms = TEST_MONDAY_10AM
	};
	struct sp_service_list list;
	struct sp_hours_fmt *hours = NULL;
	FILE *f = fopen("/dev/null", "w");
	enum sp_status rc = sp_directory_search(fixture_directory(), &q, &list);

	if (rc != SP_OK) {
		fclose(f);
		return rc;
	}
	if ((rc = sp_hours_fmt_new(&hours, "en_GB")) == SP_OK) {
		struct sp_output o = {
			.out = f, .i18n = fixture_i18n(), .hours = hours, .staff = true
		};

		rc = sp_format_services(&o, SP_FORMAT_TEXT, &list);
		if (rc == SP_OK && list.count)
			rc = sp_format_service(&o, SP_FORMAT_TEXT, &list.items[0], NULL);
	}
	sp_hours_fmt_free(hours);
	sp_service_list_clear(&list);
	fclose(f);
	return rc;
}

static enum sp_status
op_text(void)
{
	struct sp_wrap w;
	struct sp_hours h;
	enum sp_status rc = sp_wrap_text(
	        "Jeśli grozi Ci niebezpieczeństwo, zadzwoń 0808\u00a02000\u00a0247.", 12, "pl", &w);

	if (rc != SP_OK)
		return rc;
	sp_wrap_clear(&w);
	if ((rc = sp_hours_parse("Mon,Tue,Thu,Fri 09:30-16:00; Wed 13:00-16:00", &h, NULL)) !=
	    SP_OK)
		return rc;
	sp_hours_clear(&h);
	return SP_OK;
}

static enum sp_status
op_csv(void)
{
	static const char text[] = "id,name,website\nrefuge,Refuge,www.refuge.org.uk\n"
	                           "galop,\"Galop, LGBT+\",\n";
	FILE *f = fmemopen((void *) text, sizeof text - 1, "rb");
	struct sp_csv csv;
	char *error = NULL;
	enum sp_status rc = sp_csv_read_stream(f, "t.csv", &csv, &error);

	fclose(f);
	if (rc == SP_OK)
		sp_csv_free(&csv);
	/* A reader that ran out of memory says so in words; that is its NOMEM. */
	if (rc == SP_ERR_DATA && error && strstr(error, "out of memory"))
		rc = SP_ERR_NOMEM;
	free(error);
	return rc;
}

static enum sp_status
op_settings(void)
{
	static const char text[] = "idle_timeout = 60\nneutral_text = Welcome\\nOpen 9-5\n"
	                           "admin_quit = secret-text-long\nlanguage = pl\ntheme = mono\n";
	FILE *f = fmemopen((void *) text, sizeof text - 1, "rb");
	struct sp_settings s;
	char *error = NULL;
	enum sp_status rc = sp_settings_read_stream(f, "k.conf", &s, &error);

	fclose(f);
	if (rc == SP_OK)
		sp_settings_clear(&s);
	if (rc == SP_ERR_USAGE && error && strstr(error, "out of memory"))
		rc = SP_ERR_NOMEM;
	free(error);
	return rc;
}

#define OOM_TEST(name) \
	static void test_oom_##name(void) \
	{ \
		CU_ASSERT_TRUE(walk(op_##name, #name) > 0); \
	}
OOM_TEST(open)
OOM_TEST(get)
OOM_TEST(search)
OOM_TEST(definitions)
OOM_TEST(format)
OOM_TEST(text)
OOM_TEST(csv)
OOM_TEST(settings)

static int
teardown(void)
{
	fixture_directory_close();
	fixture_i18n_close();
	return 0;
}

static const CU_TestInfo tests[] = {
	{ "opening the directory survives every allocation failure", test_oom_open },
	{ "showing a service survives every allocation failure", test_oom_get },
	{ "a paged search survives every allocation failure", test_oom_search },
	{ "definitions, glossary and pathways survive every allocation failure",
	  test_oom_definitions },
	{ "formatting results survives every allocation failure", test_oom_format },
	{ "wrapping text and parsing hours survive every allocation failure", test_oom_text },
	{ "reading CSV survives every allocation failure", test_oom_csv },
	{ "reading kiosk settings survives every allocation failure", test_oom_settings },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_oom(void)
{
	return test_add_suite("oom", NULL, teardown, tests);
}

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "admin/build.h"
#include "admin/diff.h"
#include "admin/report.h"
#include "core/fileio.h"
#include "fixture.h"
#include "suites.h"

/* signpost-admin diff's comparison, on the shipped directory and a copy of db/ with changes a
 * data officer makes: a number, hours, a label, a new line, a profile and a new service. */

static char *workdir;
static char new_db[4096];

/* Replaces the first `old` in dir/name by `new`; false when it is not there. */
static bool
replace_in(const char *dir, const char *name, const char *old, const char *new)
{
	char path[4096];
	unsigned char *data = NULL;
	size_t len = 0;
	char *at, *text;
	bool ok;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (sp_file_read(path, 1 << 24, &data, &len, NULL) != SP_OK)
		return false;
	if (!(at = strstr((char *) data, old))) {
		free(data);
		return false;
	}
	*at = '\0';
	text = malloc(len + strlen(new) + 1);
	ok = text != NULL;
	if (ok) {
		sprintf(text, "%s%s%s", (char *) data, new, at + strlen(old));
		ok = fixture_write(dir, name, text);
	}
	free(text);
	free(data);
	return ok;
}

static int
suite_init(void)
{
	struct sp_report report = { 0 };
	char src[4096];
	enum sp_status rc;

	if (!(workdir = fixture_tempdir()))
		return 1;
	snprintf(src, sizeof src, "%s/src", workdir);
	snprintf(new_db, sizeof new_db, "%s/new.db", workdir);
	if (mkdir(src, 0700) != 0 || !fixture_copy_sources(src) ||
	    !replace_in(src, "contacts.csv", "galop,phone,0800 999 5428,",
	                "galop,phone,0800 999 5429,") ||
	    !replace_in(src, "contacts.csv", "public,Mon-Fri 09:00-20:00; Sat 09:00-12:30,",
	                "public,Mon-Fri 09:00-17:00,") ||
	    !replace_in(src, "contacts.csv",
	                "respect-phoneline,web,www.respectphoneline.org.uk,Website,",
	                "respect-phoneline,web,www.respectphoneline.org.uk,Their website,") ||
	    !replace_in(src, "contacts.csv",
	                "service,kind,value,label,audience,hours,verification\n",
	                "service,kind,value,label,audience,hours,verification\n"
	                "diff-test-line,phone,0800 123 4567,Diff test "
	                "helpline,public,24/7,verified\n") ||
	    !replace_in(src, "contacts.csv", "respect-phoneline,web,",
	                "galop,web,www.galop.org.uk/diff-test,Diff test page,public,,unverified\n"
	                "respect-phoneline,web,") ||
	    !replace_in(src, "services.csv", ",self,,,,,lgbtq,", ",self,,,,,lgbtq;male,") ||
	    !replace_in(
	            src, "services.csv", "\ngalop,",
	            "\ndiff-test-line,galop,Diff test helpline,\"Added by the diff test.\","
	            "national,public,self,,,,,,,,active,,issue-12,,2026-11-23,verified\ngalop,"))
		return 1;
	rc = sp_build_file(src, new_db, "2026-11-23", &report);
	for (size_t i = 0; i < report.nerrors; i++)
		fprintf(stderr, "diff suite: %s\n", report.errors[i]);
	sp_report_free(&report);
	return rc == SP_OK ? 0 : 1;
}

static int
suite_cleanup(void)
{
	if (workdir)
		fixture_rmrf(workdir);
	free(workdir);
	workdir = NULL;
	return 0;
}

/* Compares two files opened without their signatures. */
static enum sp_status
diff_files(const char *a, const char *b, struct sp_diff *out)
{
	struct sp_directory *old = NULL, *new = NULL;
	enum sp_status rc = sp_directory_open(&old, a, NULL, NULL);

	if (rc == SP_OK && (rc = sp_directory_open(&new, b, NULL, NULL)) == SP_OK)
		rc = sp_diff_directories(old, new, out);
	sp_directory_free(old);
	sp_directory_free(new);
	return rc;
}

static const struct sp_diff_item *
find(const struct sp_diff *d, const char *service, const char *field)
{
	for (size_t i = 0; i < d->count; i++)
		if (!strcmp(d->items[i].service, service) &&
		    ((!field && !d->items[i].field) ||
		     (field && d->items[i].field && !strcmp(d->items[i].field, field))))
			return &d->items[i];
	return NULL;
}

static bool
item_is(const struct sp_diff_item *it, enum sp_diff_change change, const char *line,
        const char *old_value, const char *new_value)
{
	return it && it->change == change &&
	       ((!line && !it->line) || (line && it->line && !strcmp(line, it->line))) &&
	       ((!old_value && !it->old_value) ||
	        (old_value && it->old_value && !strcmp(old_value, it->old_value))) &&
	       ((!new_value && !it->new_value) ||
	        (new_value && it->new_value && !strcmp(new_value, it->new_value)));
}

static void
test_same_directory(void)
{
	struct sp_diff d;
	size_t added, removed, changed;

	CU_ASSERT_EQUAL_FATAL(diff_files(TEST_DB_PATH, TEST_DB_PATH, &d), SP_OK);
	CU_ASSERT_EQUAL(d.count, 0);
	sp_diff_count(&d, &added, &removed, &changed);
	CU_ASSERT_EQUAL(added + removed + changed, 0);
	CU_ASSERT_PTR_NOT_NULL(d.old.built);
	CU_ASSERT_PTR_NOT_NULL(d.new.data_version);
	CU_ASSERT_PTR_NULL(d.old.version); /* opened without its signature */
	sp_diff_clear(&d);
}

static void
test_changes_found(void)
{
	struct sp_diff d;
	size_t added, removed, changed;

	CU_ASSERT_EQUAL_FATAL(diff_files(TEST_DB_PATH, new_db, &d), SP_OK);
	CU_ASSERT_TRUE(item_is(find(&d, "galop", "number"), SP_DIFF_CHANGED,
	                       "LGBT+ domestic abuse helpline (phone)", "0800 999 5428",
	                       "0800 999 5429"));
	CU_ASSERT_TRUE(item_is(find(&d, "civil-legal-advice", "hours"), SP_DIFF_CHANGED,
	                       "Legal aid advice line (phone)",
	                       "Mon-Fri 09:00-20:00; Sat 09:00-12:30", "Mon-Fri 09:00-17:00"));
	/* Same number, new label: the same line relabelled, not one removed and one added. */
	CU_ASSERT_TRUE(item_is(find(&d, "respect-phoneline", "label"), SP_DIFF_CHANGED,
	                       "Their website (web)", "Website", "Their website"));
	CU_ASSERT_PTR_NULL(find(&d, "respect-phoneline", "line"));
	CU_ASSERT_TRUE(item_is(find(&d, "galop", "line"), SP_DIFF_CHANGED, "Diff test page (web)",
	                       NULL, "www.galop.org.uk/diff-test"));
	CU_ASSERT_TRUE(item_is(find(&d, "galop", "profiles"), SP_DIFF_CHANGED, NULL, "lgbtq",
	                       "male;lgbtq"));
	CU_ASSERT_TRUE(item_is(find(&d, "diff-test-line", NULL), SP_DIFF_ADDED, NULL, NULL, NULL));
	CU_ASSERT_STRING_EQUAL(find(&d, "diff-test-line", NULL)->name, "Diff test helpline");
	/* Nothing else: the other services, the lines not touched and their hours are alike. */
	CU_ASSERT_EQUAL(d.count, 6);
	sp_diff_count(&d, &added, &removed, &changed);
	CU_ASSERT_EQUAL(added, 1);
	CU_ASSERT_EQUAL(removed, 0);
	CU_ASSERT_EQUAL(changed, 3);
	/* In id order, as a reviewer reads them. */
	for (size_t i = 1; i < d.count; i++)
		CU_ASSERT_TRUE(strcmp(d.items[i - 1].service, d.items[i].service) <= 0);
	sp_diff_clear(&d);
}

static void
test_changes_reversed(void)
{
	struct sp_diff d;
	size_t added, removed, changed;

	CU_ASSERT_EQUAL_FATAL(diff_files(new_db, TEST_DB_PATH, &d), SP_OK);
	CU_ASSERT_TRUE(
	        item_is(find(&d, "diff-test-line", NULL), SP_DIFF_REMOVED, NULL, NULL, NULL));
	CU_ASSERT_TRUE(item_is(find(&d, "galop", "number"), SP_DIFF_CHANGED,
	                       "LGBT+ domestic abuse helpline (phone)", "0800 999 5429",
	                       "0800 999 5428"));
	CU_ASSERT_TRUE(item_is(find(&d, "galop", "line"), SP_DIFF_CHANGED, "Diff test page (web)",
	                       "www.galop.org.uk/diff-test", NULL));
	sp_diff_count(&d, &added, &removed, &changed);
	CU_ASSERT_EQUAL(added, 0);
	CU_ASSERT_EQUAL(removed, 1);
	CU_ASSERT_EQUAL(changed, 3);
	sp_diff_clear(&d);
}

/* Prints into memory; the caller frees. */
static char *
printed(const struct sp_diff *d, bool json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(sp_diff_print(d, "old.db", "new.db", json, f), 0);
	fclose(f);
	return text;
}

static void
test_print(void)
{
	struct sp_diff d;
	char *text;
	json_t *doc, *list;

	CU_ASSERT_EQUAL_FATAL(diff_files(TEST_DB_PATH, new_db, &d), SP_OK);
	text = printed(&d, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "--- old.db: version "));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n+++ new.db: version "));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nchanged: galop \"Galop (LGBT+ domestic abuse)\": "
	                                    "number of LGBT+ domestic abuse helpline (phone): "
	                                    "\"0800 999 5428\" -> \"0800 999 5429\"\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nadded: diff-test-line \"Diff test helpline\"\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ": line added Diff test page (web): "
	                                    "\"www.galop.org.uk/diff-test\"\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n1 service(s) added, 0 removed, 3 changed\n"));
	free(text);

	text = printed(&d, true);
	doc = json_loads(text, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(doc, "schema_version")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(doc, "added")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(doc, "changed")), 3);
	CU_ASSERT_STRING_EQUAL(
	        json_string_value(json_object_get(json_object_get(doc, "new"), "file")), "new.db");
	list = json_object_get(doc, "differences");
	CU_ASSERT_EQUAL(json_array_size(list), d.count);
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *item = json_array_get(list, i);

		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(item, "service")),
		                       d.items[i].service);
		CU_ASSERT_EQUAL(json_object_size(item), 7);
	}
	json_decref(doc);
	free(text);
	sp_diff_clear(&d);

	/* Nothing to report is said so. */
	CU_ASSERT_EQUAL_FATAL(diff_files(TEST_DB_PATH, TEST_DB_PATH, &d), SP_OK);
	text = printed(&d, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nno differences in the services\n"));
	free(text);
	sp_diff_clear(&d);
}

static void
test_open_errors(void)
{
	unsigned char key[SP_PUBLIC_KEY_BYTES] = { 1 };
	struct sp_trust trust = { .keys = (const unsigned char(*)[SP_PUBLIC_KEY_BYTES]) & key,
		                  .nkeys = 1 };
	struct sp_directory *dir = NULL;
	char *error = NULL, missing[4096];

	snprintf(missing, sizeof missing, "%s/no-such.db", workdir);
	CU_ASSERT_EQUAL(sp_diff_open(missing, &trust, &dir, &error), SP_ERR_DB_MISSING);
	CU_ASSERT_PTR_NULL(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(error);
	CU_ASSERT_PTR_NOT_NULL(strstr(error, missing));
	free(error);
	/* The freshly built copy has no signature beside it. */
	CU_ASSERT_EQUAL(sp_diff_open(new_db, &trust, &dir, &error), SP_ERR_DB_UNSIGNED);
	CU_ASSERT_PTR_NOT_NULL(error && strstr(error, "--allow-unsigned"));
	free(error);
	/* The shipped one is signed, but not by this key. */
	CU_ASSERT_EQUAL(sp_diff_open(TEST_DB_PATH, &trust, &dir, &error), SP_ERR_DB_TAMPERED);
	CU_ASSERT_PTR_NOT_NULL(error && strstr(error, "--public"));
	free(error);
	trust.allow_unsigned = true;
	CU_ASSERT_EQUAL(sp_diff_open(new_db, &trust, &dir, &error), SP_OK);
	CU_ASSERT_PTR_NULL(error);
	sp_directory_free(dir);
}

static const CU_TestInfo tests[] = {
	{ "a directory against itself: no differences", test_same_directory },
	{ "number, hours, label, line, profile and service changes", test_changes_found },
	{ "the other way round: removed instead of added", test_changes_reversed },
	{ "text and JSON output", test_print },
	{ "a directory that cannot be opened says why", test_open_errors },
	{ NULL, NULL },
};

CU_ErrorCode
test_register_diff(void)
{
	return test_add_suite("diff", suite_init, suite_cleanup, tests);
}

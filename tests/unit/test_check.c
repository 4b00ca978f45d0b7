#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "admin/build.h"
#include "admin/check.h"
#include "admin/report.h"
#include "fixture.h"
#include "suites.h"

/* Every finding of the data checks names the file and the line of the row it is about, like a
 * compiler's diagnostics, on one copy of db/ broken in every way the checks look for. */

static char *dir;
static struct sp_report report;

/* Appends one row to dir/name and returns the line it is on (0 on failure). */
static size_t
append_row(const char *name, const char *row)
{
	char path[4096];
	size_t line = 1;
	int c;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "r")))
		return 0;
	while ((c = getc(f)) != EOF)
		line += c == '\n';
	fclose(f);
	if (!(f = fopen(path, "a")))
		return 0;
	fprintf(f, "%s\n", row);
	return fclose(f) == 0 ? line : 0;
}

/* Where each broken row went. */
static size_t l_closed_line, l_super, l_no_contact, l_prof_line, l_dup, l_shared_line, l_no_date,
        l_withdrawn, l_tagged, l_email, l_translation, l_fact, l_quiz, l_glossary, l_same_text,
        l_contact_translation;

/* Appends a verified national service (self-referral) to services.csv; returns its line. */
static size_t
add_service(const char *id, const char *org, const char *name, const char *description,
            const char *audience, const char *status, const char *superseded_by)
{
	char row[512];

	snprintf(row, sizeof row,
	         "%s,%s,%s,\"%s\",national,%s,self,,,,,,,,%s,%s,issue-12,,2026-11-23,verified", id,
	         org, name, description, audience, status, superseded_by);
	return append_row("services.csv", row);
}

static int
suite_init(void)
{
	sqlite3 *db = NULL;
	char row[512];

	if (!(dir = fixture_tempdir()) || !fixture_copy_sources(dir))
		return 1;
	add_service("t-closed", "galop", "Closed test", "Closed.", "public", "closed", "");
	l_super = add_service("t-super", "galop", "Superseded test", "Gone.", "public",
	                      "superseded", "t-closed");
	l_no_contact = add_service("t-no-contact", "galop", "No contact test",
	                           "Nothing here for Deirdre Reed.", "public", "active", "");
	/* The same text again: each row that holds it is named, not only the first. */
	l_same_text = add_service("t-same-text", "galop", "Same text test",
	                          "Nothing here for Deirdre Reed.", "public", "active", "");
	l_dup = add_service("t-dup", "galop", "Galop (LGBT+ domestic abuse)", "Twice.", "public",
	                    "active", "");
	add_service("t-prof", "galop", "Professional test", "Pro.", "professional", "active", "");
	add_service("t-shared", "refuge", "Shared number test", "Shared.", "public", "active", "");
	add_service("t-many", "galop", "Many lines test", "Many.", "public", "active", "");
	l_no_date = append_row("services.csv", "t-no-date,galop,No date test,\"No date.\",national,"
	                                       "public,self,,,,,,,,active,,issue-12,,,unverified");
	append_row("contacts.csv", "t-no-date,phone,0800 111 6666,Line,public,24/7,verified");
	append_row("contacts.csv", "t-dup,phone,0800 111 5555,Dup line,public,24/7,verified");
	l_closed_line = append_row("contacts.csv",
	                           "t-closed,phone,0800 111 2222,Old line,public,24/7,verified");
	l_prof_line = append_row("contacts.csv",
	                         "t-prof,phone,0800 111 3333,Pro line,public,24/7,verified");
	l_shared_line = append_row("contacts.csv",
	                           "t-shared,phone,0800 999 5428,Shared line,public,24/7,verified");
	l_withdrawn = append_row("contacts.csv",
	                         "t-many,phone,0845 045 5203,Withdrawn,public,24/7,verified");
	l_tagged = append_row("contacts.csv",
	                      "t-many,phone,01480 847718,Tagged public,public,24/7,verified");
	l_email = append_row("contacts.csv",
	                     "t-many,email,jane.smith@example.org,Jane,public,,verified");
	/* Enough public lines without hours that fewer than 90 % have theirs (each an error too). */
	for (int i = 10; i < 40; i++) {
		snprintf(row, sizeof row, "t-many,phone,0800 111 40%d,Line %d,public,,verified", i,
		         i);
		append_row("contacts.csv", row);
	}
	l_translation =
	        append_row("translations/pl.csv", "service,no-such-service,description,pl,Tekst");
	/* A contact's translation is found by its service's id and position, not by any id. */
	append_row("translations/pl.csv", "contact,t-many#1,label,pl,Linia");
	l_contact_translation =
	        append_row("translations/pl.csv", "contact,t-many#99,label,pl,Linia");
	l_fact = append_row("facts.csv", "t-fact,no-such-chart,Label,1,people,2020,issue-12");
	l_quiz = append_row("quiz.csv",
	                    "t-quiz,99,\"A scenario.\",Yes;No,1,\"Because.\",no-such-service");
	l_glossary = append_row("glossary.csv", "ZZZ,Zed Zed Zed,\"Ask Julia Cullum.\"");
	if (!fixture_write(dir, "holidays.csv", "date,name\n2026-12-25,Christmas Day\n") ||
	    sqlite3_open(":memory:", &db) != SQLITE_OK)
		return 1;
	sp_build_load(db, dir, &report);
	sp_check_directory(db, dir, "2026-11-23", &report);
	sqlite3_close(db);
	return 0;
}

static int
suite_cleanup(void)
{
	sp_report_free(&report);
	if (dir)
		fixture_rmrf(dir);
	free(dir);
	dir = NULL;
	return 0;
}

/* Whether a finding (an error, or a warning) saying `words` is at dir/file, line `line`. */
static bool
found_at(bool error, const char *words, const char *file, size_t line)
{
	char **msgs = error ? report.errors : report.warnings;
	const struct sp_report_where *at = error ? report.error_at : report.warning_at;
	size_t n = error ? report.nerrors : report.nwarnings;
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, file);
	for (size_t i = 0; i < n; i++)
		if (strstr(msgs[i], words) && at[i].file && !strcmp(at[i].file, path) &&
		    at[i].line == line)
			return true;
	fprintf(stderr, "\nnot found at %s:%zu: %s\n", file, line, words);
	return false;
}

static void
test_each_check_names_its_row(void)
{
	CU_ASSERT_TRUE(found_at(true, "is closed or superseded but still lists 0800 111 2222",
	                        "contacts.csv", l_closed_line));
	CU_ASSERT_TRUE(
	        found_at(true, "t-super is superseded by t-closed", "services.csv", l_super));
	CU_ASSERT_TRUE(
	        found_at(false, "t-no-contact has no contact", "services.csv", l_no_contact));
	CU_ASSERT_TRUE(
	        found_at(true, "t-prof is for professionals only", "contacts.csv", l_prof_line));
	CU_ASSERT_TRUE(found_at(true, "look like duplicates", "services.csv", l_dup));
	CU_ASSERT_TRUE(
	        found_at(true, "share the number 0800 999 5428", "contacts.csv", l_shared_line));
	CU_ASSERT_TRUE(found_at(true, "t-no-date has no source or verified date", "services.csv",
	                        l_no_date));
	CU_ASSERT_TRUE(found_at(true, "0845 045 5203 is a withdrawn", "contacts.csv", l_withdrawn));
	CU_ASSERT_TRUE(found_at(true, "professional-only line 01480 847718 is tagged public",
	                        "contacts.csv", l_tagged));
	CU_ASSERT_TRUE(found_at(true, "a personal email address", "contacts.csv", l_email));
	CU_ASSERT_TRUE(
	        found_at(true, "names a person (\"deirdre reed\")", "services.csv", l_no_contact));
	CU_ASSERT_TRUE(
	        found_at(true, "names a person (\"deirdre reed\")", "services.csv", l_same_text));
	CU_ASSERT_TRUE(
	        found_at(true, "names a person (\"julia cullum\")", "glossary.csv", l_glossary));
	CU_ASSERT_TRUE(found_at(true, "of contact t-many#99: no such entry", "translations/pl.csv",
	                        l_contact_translation));
	for (size_t i = 0; i < report.nerrors; i++)
		CU_ASSERT_PTR_NULL(strstr(report.errors[i], "contact t-many#1:"));
	CU_ASSERT_TRUE(found_at(true, "of service no-such-service: no such entry",
	                        "translations/pl.csv", l_translation));
	CU_ASSERT_TRUE(found_at(true, "no chart no-such-chart", "facts.csv", l_fact));
	CU_ASSERT_TRUE(
	        found_at(true, "quiz t-quiz: no service no-such-service", "quiz.csv", l_quiz));
	CU_ASSERT_TRUE(found_at(false, "is unverified", "services.csv", l_no_date));
	/* Findings about a whole file name the file, with no line. */
	CU_ASSERT_TRUE(found_at(false, "less than 12 months ahead", "holidays.csv", 0));
	CU_ASSERT_TRUE(found_at(false, "public lines with their hours", "contacts.csv", 0));
	CU_ASSERT_TRUE(found_at(false, "untranslated: service t-closed", "translations/pl.csv", 0));
}

/* No finding of any kind is left without its file; only those three are without a line. */
static void
test_no_finding_without_a_place(void)
{
	for (int pass = 0; pass < 2; pass++) {
		char **msgs = pass ? report.errors : report.warnings;
		const struct sp_report_where *at = pass ? report.error_at : report.warning_at;
		size_t n = pass ? report.nerrors : report.nwarnings;

		CU_ASSERT_TRUE(n > 0);
		for (size_t i = 0; i < n; i++) {
			bool whole_file = strstr(msgs[i], "untranslated") ||
			                  strstr(msgs[i], "months ahead") ||
			                  strstr(msgs[i], "public lines with their hours");

			if (!at[i].file || (!whole_file && at[i].line == 0))
				fprintf(stderr, "\nwithout a place: %s\n", msgs[i]);
			CU_ASSERT_PTR_NOT_NULL(at[i].file);
			CU_ASSERT_TRUE(whole_file || at[i].line > 0);
		}
	}
}

static const CU_TestInfo tests[] = {
	{ "each kind of check names the file and line of its row", test_each_check_names_its_row },
	{ "no finding is without its file", test_no_finding_without_a_place },
	{ NULL, NULL },
};

CU_ErrorCode
test_register_check(void)
{
	return test_add_suite("check", suite_init, suite_cleanup, tests);
}

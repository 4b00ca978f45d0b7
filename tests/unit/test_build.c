#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "admin/build.h"
#include "admin/check.h"
#include "admin/csvfile.h"
#include "core/fold.h"
#include "core/hours.h"
#include "fixture.h"
#include "suites.h"

#define TODAY "2026-11-23"

/* Copies db/ to a temporary folder, replaces `file` with `content` (when file is not NULL),
 * appends `extra` to `append_to` (when not NULL), builds it in memory with every check, and
 * returns the report. */
static struct sp_report
build_replacing(const char *file, const char *content, const char *append_to, const char *extra,
                enum sp_status *rc)
{
	struct sp_report report = { 0 };
	char *dir = fixture_tempdir(), path[4096];
	sqlite3 *db = NULL;
	FILE *f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	CU_ASSERT_TRUE_FATAL(fixture_copy_sources(dir));
	if (file)
		fixture_write(dir, file, content);
	if (append_to) {
		snprintf(path, sizeof path, "%s/%s", dir, append_to);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(path, "a"));
		fputs(extra, f);
		fclose(f);
	}
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(":memory:", &db), SQLITE_OK);
	*rc = sp_build_load(db, dir, &report);
	sp_check_directory(db, dir, TODAY, &report);
	sqlite3_close(db);
	fixture_rmrf(dir);
	free(dir);
	return report;
}

/* The same, only appending `extra` to `file`. */
static struct sp_report
build_with(const char *file, const char *extra, enum sp_status *rc)
{
	return build_replacing(NULL, NULL, file, extra, rc);
}

static int
report_says(const struct sp_report *r, const char *words)
{
	for (size_t i = 0; i < r->nerrors; i++)
		if (strstr(r->errors[i], words))
			return 1;
	return 0;
}

/* Whether an error is about a record of `file` (a name ending) at a known line. */
static int
report_locates(const struct sp_report *r, const char *file)
{
	for (size_t i = 0; i < r->nerrors; i++) {
		const char *f = r->error_at[i].file;
		size_t n = f ? strlen(f) : 0, k = strlen(file);

		if (f && n >= k && !strcmp(f + n - k, file) && r->error_at[i].line > 1 &&
		    !strncmp(r->errors[i], "record ", 7))
			return 1;
	}
	return 0;
}

static void
test_sources_build_clean(void)
{
	enum sp_status rc;
	struct sp_report r = build_with(NULL, NULL, &rc);

	for (size_t i = 0; i < r.nerrors; i++)
		fprintf(stderr, "\n  %s", r.errors[i]);
	CU_ASSERT_EQUAL(rc, SP_OK);
	CU_ASSERT_EQUAL(r.nerrors, 0);
	sp_report_free(&r);
}

static void
test_closed_service_with_a_line_fails(void)
{
	enum sp_status rc;
	struct sp_report r =
	        build_with("contacts.csv",
	                   "broken-rainbow,phone,0800 999 5428,Helpline,public,,unverified\n", &rc);

	CU_ASSERT_TRUE(report_says(&r, "broken-rainbow is closed or superseded but still lists"));
	sp_report_free(&r);
}

static void
test_withdrawn_number_fails(void)
{
	enum sp_status rc;
	struct sp_report r = build_with(
	        "contacts.csv",
	        "cambs-childrens-safeguarding,phone,0845 045 5203,Old line,public,,unverified\n",
	        &rc);

	CU_ASSERT_TRUE(report_says(&r, "0845 045 5203 is a withdrawn"));
	sp_report_free(&r);
}

/* Like a compiler's: the check names the file and the line of the row it is about. */
static void
test_a_check_names_the_file_and_line(void)
{
	enum sp_status rc;
	struct sp_report r = build_with(
	        "contacts.csv",
	        "cambs-childrens-safeguarding,phone,0845 045 5203,Old line,public,,unverified\n",
	        &rc);
	size_t lines = 0, found = 0;
	FILE *f;
	int ch;

	/* The appended row is the last line of db/contacts.csv plus one. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(SP_ABS_SRCDIR "/db/contacts.csv", "r"));
	while ((ch = fgetc(f)) != EOF)
		lines += ch == '\n';
	fclose(f);
	for (size_t i = 0; i < r.nerrors; i++) {
		if (!strstr(r.errors[i], "0845 045 5203 is a withdrawn"))
			continue;
		found = 1;
		CU_ASSERT_PTR_NOT_NULL(r.error_at[i].file);
		CU_ASSERT_PTR_NOT_NULL(
		        r.error_at[i].file ? strstr(r.error_at[i].file, "contacts.csv") : NULL);
		CU_ASSERT_EQUAL(r.error_at[i].line, lines + 1);
	}
	CU_ASSERT_TRUE(found);
	sp_report_free(&r);
}

/* A row's own error (an unknown area) names its line too, as FILE:LINE: error: in text. */
static void
test_a_row_error_prints_like_a_compiler(void)
{
	enum sp_status rc;
	struct sp_report r = build_with("services.csv", "", &rc);
	FILE *out = tmpfile();
	char buf[4096] = "";
	size_t n;

	sp_report_error_at(&r, "db/services.csv", 12, "galop: unknown area \"%s\"", "mars");
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	r.quiet = 1;
	sp_report_print(&r, out);
	rewind(out);
	n = fread(buf, 1, sizeof buf - 1, out);
	buf[n] = '\0';
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "db/services.csv:12: error: galop: unknown area"));
	fclose(out);
	sp_report_free(&r);
}

static void
test_professional_line_tagged_public_fails(void)
{
	enum sp_status rc;
	struct sp_report r =
	        build_with("contacts.csv",
	                   "idva-service,phone,01480 847718,Referral line,public,,verified\n", &rc);

	CU_ASSERT_TRUE(report_says(&r, "professional-only line 01480 847718 is tagged public"));
	sp_report_free(&r);
}

static void
test_person_named_in_public_text_fails(void)
{
	char people[4096], name[256] = "", row[1024];
	FILE *f;
	enum sp_status rc;
	struct sp_report r;

	snprintf(people, sizeof people, "%s/check/people.txt", TEST_SRC_DB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(people, "r"));
	while (fgets(name, sizeof name, f) && (name[0] == '#' || name[0] == '\n'))
		;
	fclose(f);
	name[strcspn(name, "\n")] = '\0';
	CU_ASSERT_TRUE_FATAL(name[0] != '\0');
	snprintf(row, sizeof row, "ZZZ,Test term,\"Ask %s about this.\"\n", name);
	r = build_with("glossary.csv", row, &rc);
	CU_ASSERT_TRUE(report_says(&r, "names a person"));
	sp_report_free(&r);
}

static void
test_personal_email_fails(void)
{
	enum sp_status rc;
	struct sp_report r = build_with("contacts.csv",
	                                "dasv-partnership,email,jane.smith@cambridgeshire.gov.uk,"
	                                "Manager,public,,verified\n",
	                                &rc);

	CU_ASSERT_TRUE(report_says(&r, "personal email"));
	sp_report_free(&r);
}

static void
test_bad_values_are_named(void)
{
	enum sp_status rc;
	struct sp_report r =
	        build_with("contacts.csv",
	                   "galop,phone,0800 999 54,Short,public,,verified\n"
	                   "galop,phone,0800 999 5428,Bad hours,public,Mon 9-5,verified\n"
	                   "nobody,phone,0800 999 5428,Unknown,public,,verified\n",
	                   &rc);

	CU_ASSERT_EQUAL(rc, SP_ERR_DATA);
	CU_ASSERT_TRUE(report_says(&r, "is not a valid UK number"));
	CU_ASSERT_TRUE(report_says(&r, "bad opening hours"));
	CU_ASSERT_TRUE(report_says(&r, "unknown service \"nobody\""));
	sp_report_free(&r);
}

static void
test_translations_must_match_entries_and_file(void)
{
	enum sp_status rc;
	struct sp_report r;
	char *dir = fixture_tempdir(), sub[4096];
	sqlite3 *db = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	CU_ASSERT_TRUE_FATAL(fixture_copy_sources(dir));
	snprintf(sub, sizeof sub, "%s/translations", dir);
	mkdir(sub, 0700);
	CU_ASSERT_TRUE(fixture_write(sub, "pl.csv",
	                             "tbl,id,field,lang,text\n"
	                             "service,galop,description,pl,Wsparcie dla osób LGBT+.\n"
	                             "service,no-such-service,description,pl,Nic.\n"
	                             "service,galop,name,pl,Galop\n"
	                             "contact,galop#1,label,lt,Linija\n"));
	memset(&r, 0, sizeof r);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(":memory:", &db), SQLITE_OK);
	rc = sp_build_load(db, dir, &r);
	sp_check_directory(db, dir, TODAY, &r);
	sqlite3_close(db);
	CU_ASSERT_EQUAL(rc, SP_ERR_DATA);
	CU_ASSERT_TRUE(report_says(&r, "of service no-such-service: no such entry"));
	CU_ASSERT_TRUE(report_says(&r, "\"service.name\" cannot be translated"));
	CU_ASSERT_TRUE(report_says(&r, "does not match the file name pl.csv"));
	sp_report_free(&r);
	fixture_rmrf(dir);
	free(dir);
}

/* A temporary folder (returned) with a copy of db/ in dir/src; out is dir/out.db. */
static char *
sources_copied(char (*src)[4096], char (*out)[4096])
{
	char *dir = fixture_tempdir();

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	snprintf(*src, sizeof *src, "%s/src", dir);
	snprintf(*out, sizeof *out, "%s/out.db", dir);
	CU_ASSERT_EQUAL(mkdir(*src, 0700), 0);
	CU_ASSERT_TRUE_FATAL(fixture_copy_sources(*src));
	return dir;
}

static void
test_build_file_is_atomic(void)
{
	char out[4096], src[4096], *dir = sources_copied(&src, &out);
	struct sp_report r = { 0 };
	struct sp_directory *d = NULL;

	CU_ASSERT_EQUAL(sp_build_file(src, out, TODAY, &r), SP_OK);
	CU_ASSERT_EQUAL(sp_directory_open(&d, out, NULL, NULL), SP_OK);
	sp_directory_free(d);
	sp_report_free(&r);
	/* With an error, the old file is left as it was and no new one appears. */
	unlink(out);
	fixture_write(src, "services.csv", "id\nbroken\n");
	CU_ASSERT_NOT_EQUAL(sp_build_file(src, out, TODAY, &r), SP_OK);
	CU_ASSERT_NOT_EQUAL(access(out, F_OK), 0);
	sp_report_free(&r);
	fixture_rmrf(dir);
	free(dir);
}

/* fold(text) and always(hours) in SQL, for the test below. */
static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *out = NULL;

	(void) argc;
	if (sp_fold_utf8(sqlite3_user_data(ctx), (const char *) sqlite3_value_text(argv[0]),
	                 &out) == SP_OK)
		sqlite3_result_text(ctx, out, -1, free);
	else
		sqlite3_result_error_nomem(ctx);
}

static void
sql_always(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *) sqlite3_value_text(argv[0]);
	struct sp_hours hours = { 0 };

	(void) argc;
	sqlite3_result_int(ctx, text && sp_hours_parse(text, &hours, NULL) == SP_OK &&
	                                sp_hours_is_always(&hours));
	sp_hours_clear(&hours);
}

/* The number `sql` counts in db (-1 when it gives none). */
static long
count_is(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long n = -1;

	CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A file numbers its services in reach order (db/schema.sql), worked out here again in SQL
 * from what the file holds: self-referral services whose first public phone is open round the
 * clock, then with another public phone, then with none, then the rest; services for everyone
 * before specialist ones; then by folded name, name and id. Contacts follow their service's
 * order, by position. */
static void
test_build_file_numbers_in_reach_order(void)
{
	char out[4096], src[4096], *dir = sources_copied(&src, &out);
	struct sp_report r = { 0 };
	struct sp_fold *fold = NULL;
	sqlite3 *db = NULL;

	CU_ASSERT_EQUAL_FATAL(sp_build_file(src, out, TODAY, &r), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_fold_new(&fold), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(out, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_create_function(db, "fold", 1, SQLITE_UTF8, fold, sql_fold, NULL, NULL);
	sqlite3_create_function(db, "always", 1, SQLITE_UTF8, NULL, sql_always, NULL, NULL);
	CU_ASSERT_EQUAL(
	        count_is(db, "SELECT count(*) = max(rowid) AND min(rowid) = 1 FROM service"), 1);
	/* Every tier is there, so a wrong one would show. */
	CU_ASSERT_EQUAL(
	        count_is(db,
	                 "WITH phone (service, hours, position) AS (SELECT service, hours,"
	                 "  min(position) FROM contact WHERE kind = 'phone' AND audience = 'public'"
	                 "  GROUP BY service),"
	                 " k AS (SELECT s.rowid AS r, CASE WHEN coalesce(s.referral, '') NOT IN"
	                 "  ('self', 'either') THEN 3 WHEN p.service IS NULL THEN 2"
	                 "  WHEN always(p.hours) THEN 0 ELSE 1 END AS tier,"
	                 "  s.profile_mask <> 0 AS p, fold(s.name) AS f, s.name AS n, s.id AS i"
	                 "  FROM service s LEFT JOIN phone p ON p.service = s.rowid)"
	                 " SELECT (SELECT count(DISTINCT tier) FROM k) * 1000 + (SELECT count(*)"
	                 "  FROM k a JOIN k b ON b.r = a.r + 1"
	                 "  WHERE (a.tier, a.p, a.f, a.n, a.i) >= (b.tier, b.p, b.f, b.n, b.i))"),
	        4000);
	CU_ASSERT_EQUAL(count_is(db, "SELECT count(*) FROM contact a JOIN contact b"
	                             " ON b.rowid = a.rowid + 1"
	                             " WHERE (a.service, a.position) >= (b.service, b.position)"),
	                0);
	sqlite3_close(db);
	sp_fold_free(fold);
	sp_report_free(&r);
	fixture_rmrf(dir);
	free(dir);
}

static int
report_warns(const struct sp_report *r, const char *words)
{
	for (size_t i = 0; i < r->nwarnings; i++)
		if (strstr(r->warnings[i], words))
			return 1;
	return 0;
}

static void
test_holiday_file_errors_are_named(void)
{
	enum sp_status rc;
	struct sp_report r;

	r = build_with("holidays.csv", "2026-02-30,Not a day\n", &rc);
	CU_ASSERT_TRUE(report_locates(&r, "holidays.csv"));
	CU_ASSERT_TRUE(report_says(&r, "\"2026-02-30\" is not a date"));
	CU_ASSERT_NOT_EQUAL(rc, SP_OK);
	sp_report_free(&r);
	r = build_with("holidays.csv", "25/12/2026,Christmas Day\n", &rc);
	CU_ASSERT_TRUE(report_says(&r, "\"25/12/2026\" is not a date"));
	sp_report_free(&r);
	r = build_with("holidays.csv", "2026-12-25,Christmas Day\n", &rc);
	CU_ASSERT_TRUE(report_locates(&r, "holidays.csv"));
	CU_ASSERT_TRUE(report_says(&r, "2026-12-25 is listed twice"));
	sp_report_free(&r);
	r = build_with("holidays.csv", "2031-01-01,\n", &rc);
	CU_ASSERT_TRUE(report_says(&r, "needs its name"));
	sp_report_free(&r);
}

static void
test_ph_rule_needs_holiday_data(void)
{
	enum sp_status rc;
	struct sp_report r = build_replacing("holidays.csv", "date,name\n", NULL, NULL, &rc);

	/* The Emergency Duty Team's hours name PH: without dates, that is an error on its row. */
	CU_ASSERT_TRUE(report_locates(&r, "contacts.csv"));
	CU_ASSERT_TRUE(report_says(&r, "emergency-duty-team: hours"));
	CU_ASSERT_TRUE(report_says(&r, "name PH but there is no holiday data"));
	CU_ASSERT_NOT_EQUAL(rc, SP_OK);
	CU_ASSERT_TRUE(report_warns(&r, "no bank-holiday dates"));
	sp_report_free(&r);
}

static void
test_holidays_running_out_warn(void)
{
	enum sp_status rc;
	struct sp_report r = build_replacing(
	        "holidays.csv",
	        "date,name\n2026-12-25,Christmas Day\n2026-12-28,Boxing Day (substitute day)\n",
	        NULL, NULL, &rc);

	CU_ASSERT_EQUAL(r.nerrors, 0);
	CU_ASSERT_TRUE(report_warns(&r, "less than 12 months ahead"));
	sp_report_free(&r);
	/* The real file reaches 2030: no such warning. */
	r = build_with(NULL, NULL, &rc);
	CU_ASSERT_FALSE(report_warns(&r, "less than 12 months ahead"));
	CU_ASSERT_FALSE(report_warns(&r, "no bank-holiday dates"));
	sp_report_free(&r);
}

static void
test_public_line_needs_hours(void)
{
	enum sp_status rc;
	struct sp_report r;

	r = build_with("contacts.csv",
	               "samaritans,phone,01223 999999,A branch line,public,,verified\n", &rc);
	CU_ASSERT_TRUE(report_locates(&r, "contacts.csv"));
	CU_ASSERT_TRUE(report_says(&r, "samaritans: public phone line 01223 999999 has no hours"));
	sp_report_free(&r);
	/* Text and chat lines too. */
	r = build_with("contacts.csv", "samaritans,text,85258,Text us,public,,verified\n", &rc);
	CU_ASSERT_TRUE(report_says(&r, "public text line 85258 has no hours"));
	sp_report_free(&r);
	/* "unknown" is allowed when the service's note says why (it mentions the hours)... */
	r = build_with("contacts.csv",
	               "voiceability,phone,01223 999999,Second line,public,unknown,unverified\n",
	               &rc);
	CU_ASSERT_FALSE(report_says(&r, "01223 999999"));
	sp_report_free(&r);
	/* ...and refused when it does not. */
	r = build_with("contacts.csv",
	               "hourglass,phone,01223 999999,Second line,public,unknown,verified\n", &rc);
	CU_ASSERT_TRUE(report_says(&r, "hours of 01223 999999 are \"unknown\" but the service's"
	                               " source_note does not say why"));
	sp_report_free(&r);
	/* Professional-only lines, and closed services, need no hours. */
	r = build_with(
	        "contacts.csv",
	        "idva-service,phone,01480 999999,Second referral line,professional,,verified\n",
	        &rc);
	CU_ASSERT_FALSE(report_says(&r, "01480 999999 has no hours"));
	sp_report_free(&r);
}

static void
test_refused_number_ranges(void)
{
	static const struct {
		const char *number, *words;
	} cases[] = {
		{ "070 1234 5678", "is a 070 personal number" },
		{ "076 1234 5678", "is a 076 pager number" },
		{ "0843 123 4567", "withdrawn" },
		{ "0844 123 4567", "withdrawn" },
		{ "0871 123 4567", "withdrawn" },
		{ "0877 123 4567", "is an 087 number" },
		{ "0848 123 4567", "is an 084 number" },
		{ "0909 123 4567", "withdrawn" },
		{ "0171 123 4567", "no such geographic area code" },
		{ "021 1234 5678", "no such geographic area code" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char row[256];
		enum sp_status rc;
		struct sp_report r;

		snprintf(row, sizeof row,
		         "samaritans,phone,%s,Test line %zu,public,24/7,verified\n",
		         cases[i].number, i);
		r = build_with("contacts.csv", row, &rc);
		CU_ASSERT_TRUE(report_says(&r, cases[i].words));
		CU_ASSERT_NOT_EQUAL(rc == SP_OK && r.nerrors == 0, 1);
		sp_report_free(&r);
	}
}

/* A source given in memory (an import) stands for its file: the build reads it instead, runs
 * the same checks on it, names it in messages, and takes it (the caller frees what is left). */
static void
test_given_source_stands_for_its_file(void)
{
	struct sp_report report = { 0 };
	struct sp_build_given given[2] = { { .name = "contacts.csv" }, { .name = "unused.csv" } };
	char *dir = fixture_tempdir(), *error = NULL, path[4096];
	sqlite3 *db = NULL;
	enum sp_status rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	fixture_write(dir, "given.csv",
	              "service,kind,value,label,audience,hours,verification\n"
	              "samaritans,phone,0845 045 5203,Old line,public,24/7,verified\n");
	snprintf(path, sizeof path, "%s/given.csv", dir);
	CU_ASSERT_EQUAL_FATAL(sp_csv_read(path, &given[0].csv, &error), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sp_csv_read(path, &given[1].csv, &error), SP_OK);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(":memory:", &db), SQLITE_OK);
	rc = sp_build_load_given(db, SP_ABS_SRCDIR "/db", given, 2, &report);
	sp_check_directory(db, SP_ABS_SRCDIR "/db", TODAY, &report);
	CU_ASSERT_EQUAL(rc, SP_OK);
	CU_ASSERT_TRUE(given[0].used);
	CU_ASSERT_FALSE(given[1].used);
	CU_ASSERT_TRUE(report_says(&report, "withdrawn"));
	{
		int named = 0;

		/* The check names the given table's file and the row's line. */
		for (size_t i = 0; i < report.nerrors; i++)
			named |= report.error_at[i].file &&
			         strstr(report.error_at[i].file, "given.csv") &&
			         report.error_at[i].line == 2 &&
			         strstr(report.errors[i], "withdrawn");
		CU_ASSERT_TRUE(named);
	}
	{
		sqlite3_stmt *st;
		int contacts = -1;

		/* Only the given row: db/contacts.csv was not read. */
		sqlite3_prepare_v2(db, "SELECT count(*) FROM contact", -1, &st, NULL);
		if (sqlite3_step(st) == SQLITE_ROW)
			contacts = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		CU_ASSERT_EQUAL(contacts, 1);
	}
	sqlite3_close(db);
	sp_build_given_free(given, 2);
	sp_report_free(&report);
	fixture_rmrf(dir);
	free(dir);
}

/* A report made on another thread joins the build's after what it has, places and all. */
static void
test_report_append_keeps_order_and_places(void)
{
	struct sp_report into = { 0 }, from = { 0 };

	sp_report_warn_at(&into, "db/services.csv", 4, "first");
	sp_report_error(&into, "an error");
	sp_report_warn_at(&from, "db/translations/pl.csv", 9, "second");
	sp_report_warn(&from, "third");
	sp_report_error_at(&from, "db/translations/pl.csv", 0, "another error");
	sp_report_append(&into, &from);
	CU_ASSERT_EQUAL_FATAL(into.nwarnings, 3);
	CU_ASSERT_EQUAL_FATAL(into.nerrors, 2);
	CU_ASSERT_STRING_EQUAL(into.warnings[0], "first");
	CU_ASSERT_STRING_EQUAL(into.warnings[1], "second");
	CU_ASSERT_STRING_EQUAL(into.warning_at[1].file, "db/translations/pl.csv");
	CU_ASSERT_EQUAL(into.warning_at[1].line, 9);
	CU_ASSERT_STRING_EQUAL(into.warnings[2], "third");
	CU_ASSERT_PTR_NULL(into.warning_at[2].file);
	CU_ASSERT_STRING_EQUAL(into.errors[1], "another error");
	CU_ASSERT_EQUAL(into.error_at[1].line, 0);
	CU_ASSERT_FALSE(into.out_of_memory);
	from.out_of_memory = 1;
	sp_report_append(&into, &from);
	CU_ASSERT_TRUE(into.out_of_memory);
	sp_report_free(&into);
	sp_report_free(&from);
}

static const CU_TestInfo tests[] = {
	{ "the directory's sources build without errors", test_sources_build_clean },
	{ "a closed service with a line fails the build", test_closed_service_with_a_line_fails },
	{ "an 0845 number on an active service fails", test_withdrawn_number_fails },
	{ "a check names the file and line of its row", test_a_check_names_the_file_and_line },
	{ "diagnostics print as FILE:LINE: error:", test_a_row_error_prints_like_a_compiler },
	{ "a professional-only line tagged public fails",
	  test_professional_line_tagged_public_fails },
	{ "a staff member's name in public text fails", test_person_named_in_public_text_fails },
	{ "a personal email address in public data fails", test_personal_email_fails },
	{ "bad numbers, hours and ids are named", test_bad_values_are_named },
	{ "translations must name real entries, allowed fields and their own language",
	  test_translations_must_match_entries_and_file },
	{ "the database file appears only when the build passes", test_build_file_is_atomic },
	{ "a malformed or repeated bank-holiday date is named",
	  test_holiday_file_errors_are_named },
	{ "hours naming PH without holiday data fail on their row",
	  test_ph_rule_needs_holiday_data },
	{ "fewer than 12 months of bank holidays left is a warning",
	  test_holidays_running_out_warn },
	{ "a public line of an active service needs hours, or unknown with a reason",
	  test_public_line_needs_hours },
	{ "070, 076, 084, 087, 09 and unknown area codes are refused on public lines",
	  test_refused_number_ranges },
	{ "a source given in memory stands for its file", test_given_source_stands_for_its_file },
	{ "a file numbers its services in reach order", test_build_file_numbers_in_reach_order },
	{ "a report from another thread joins in order, places and all",
	  test_report_append_keeps_order_and_places },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_build(void)
{
	return test_add_suite("build", NULL, NULL, tests);
}

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "admin/csvfile.h"
#include "fixture.h"
#include "suites.h"

static char *dir;

static int
setup(void)
{
	return (dir = fixture_tempdir()) ? 0 : 1;
}

static int
teardown(void)
{
	fixture_rmrf(dir);
	free(dir);
	return 0;
}

static enum sp_status
read_text(const char *text, struct sp_csv *csv, char **error)
{
	char path[4096];

	fixture_write(dir, "t.csv", text);
	snprintf(path, sizeof path, "%s/t.csv", dir);
	return sp_csv_read(path, csv, error);
}

static void
test_reads_quotes_newlines_and_comments(void)
{
	struct sp_csv csv;
	char *error = NULL;
	static const char *const cols[] = { "id", "text", NULL };

	CU_ASSERT_EQUAL_FATAL(read_text("id,text\r\n# a comment, with commas\n"
	                                "a,\"one, \"\"two\"\"\nthree\"\nb,\n",
	                                &csv, &error),
	                      SP_OK);
	CU_ASSERT_EQUAL(csv.nrows, 2);
	CU_ASSERT_STRING_EQUAL(csv.rows[0].fields[1], "one, \"two\"\nthree");
	CU_ASSERT_STRING_EQUAL(csv.rows[1].fields[1], "");
	CU_ASSERT_EQUAL(sp_csv_col(&csv, "text"), 1);
	CU_ASSERT_EQUAL(sp_csv_col(&csv, "nope"), -1);
	CU_ASSERT_EQUAL(sp_csv_expect(&csv, cols, &error), SP_OK);
	sp_csv_free(&csv);
}

/* A spreadsheet's carriage returns inside a quoted field are dropped, its line breaks kept;
 * a field without one is copied as it is. */
static void
test_drops_carriage_returns_in_fields(void)
{
	struct sp_csv csv;
	char *error = NULL;

	CU_ASSERT_EQUAL_FATAL(
	        read_text("id,text\r\na,\"one\r\ntwo\r\"\r\nb,plain\r\n", &csv, &error), SP_OK);
	CU_ASSERT_EQUAL_FATAL(csv.nrows, 2);
	CU_ASSERT_STRING_EQUAL(csv.rows[0].fields[1], "one\ntwo");
	CU_ASSERT_STRING_EQUAL(csv.rows[1].fields[1], "plain");
	sp_csv_free(&csv);
}

static void
test_ragged_record_is_refused(void)
{
	struct sp_csv csv;
	char *error = NULL;

	CU_ASSERT_EQUAL(read_text("id,text\na,b,c\n", &csv, &error), SP_ERR_DATA);
	CU_ASSERT_PTR_NOT_NULL(error ? strstr(error, "record 1") : NULL);
	free(error);
}

/* Each record knows the line it starts on, past comments and quoted line breaks; an error
 * names the line of its record. */
static void
test_records_know_their_lines(void)
{
	struct sp_csv csv;
	char *error = NULL;

	CU_ASSERT_EQUAL_FATAL(
	        read_text("id,text\n# a comment\na,\"one\ntwo\"\nb,x\n", &csv, &error), SP_OK);
	CU_ASSERT_EQUAL(csv.header_line, 1);
	CU_ASSERT_EQUAL_FATAL(csv.nrows, 2);
	CU_ASSERT_EQUAL(csv.rows[0].line, 3);
	CU_ASSERT_EQUAL(csv.rows[1].line, 5);
	sp_csv_free(&csv);
	CU_ASSERT_EQUAL(read_text("id,text\na,b\n\"c\nd\",e,f\n", &csv, &error), SP_ERR_DATA);
	CU_ASSERT_PTR_NOT_NULL(error ? strstr(error, "t.csv:3: record 2") : NULL);
	free(error);
}

static void
test_invalid_utf8_and_controls_are_refused(void)
{
	struct sp_csv csv;
	char *error = NULL;

	CU_ASSERT_EQUAL(read_text("id,text\na,\xc3\x28\n", &csv, &error), SP_ERR_DATA);
	free(error);
	error = NULL;
	CU_ASSERT_EQUAL(read_text("id,text\na,b\x1b[31m\n", &csv, &error), SP_ERR_DATA);
	free(error);
	error = NULL;
	CU_ASSERT_EQUAL(read_text("id,text\na,\"unterminated\n", &csv, &error), SP_ERR_DATA);
	free(error);
}

static void
test_wrong_header_is_named(void)
{
	struct sp_csv csv;
	char *error = NULL;
	static const char *const cols[] = { "id", "name", NULL };

	CU_ASSERT_EQUAL_FATAL(read_text("id,nmae\na,b\n", &csv, &error), SP_OK);
	CU_ASSERT_EQUAL(sp_csv_expect(&csv, cols, &error), SP_ERR_DATA);
	CU_ASSERT_PTR_NOT_NULL(error ? strstr(error, "nmae") : NULL);
	free(error);
	sp_csv_free(&csv);
}

static void
test_missing_file(void)
{
	struct sp_csv csv;
	char *error = NULL;

	CU_ASSERT_EQUAL(sp_csv_read("/nonexistent/x.csv", &csv, &error), SP_ERR_IO);
	CU_ASSERT_PTR_NOT_NULL(error);
	free(error);
}

static const CU_TestInfo tests[] = {
	{ "quotes, line breaks, CRLF and comments", test_reads_quotes_newlines_and_comments },
	{ "carriage returns inside a field are dropped", test_drops_carriage_returns_in_fields },
	{ "a record wider than the header is refused", test_ragged_record_is_refused },
	{ "records and errors know their lines", test_records_know_their_lines },
	{ "invalid UTF-8, escape codes and open quotes are refused",
	  test_invalid_utf8_and_controls_are_refused },
	{ "a misspelt header column is named", test_wrong_header_is_named },
	{ "a missing file is an I/O error", test_missing_file },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_csvfile(void)
{
	return test_add_suite("csvfile", setup, teardown, tests);
}

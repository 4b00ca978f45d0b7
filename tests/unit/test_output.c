#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/output.h"
#include "core/describe.h"
#include "fixture.h"
#include "suites.h"

static struct sp_hours_fmt *hours;

static int
setup(void)
{
	return fixture_directory() && fixture_i18n() && sp_hours_fmt_new(&hours, "en_GB") == SP_OK ?
	               0 :
	               1;
}

static int
teardown(void)
{
	sp_hours_fmt_free(hours);
	fixture_directory_close();
	fixture_i18n_close();
	return 0;
}

/* Runs a search and formats it into a new string. */
static char *
render(enum sp_format format, unsigned profiles, bool staff)
{
	struct sp_query q = { .profiles = profiles,
		              .area = SP_AREA_NONE,
		              .staff = staff,
		              .now_ms = TEST_MONDAY_10AM };
	struct sp_service_list list;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct sp_output o = { .out = f, .i18n = fixture_i18n(), .hours = hours, .staff = staff };

	CU_ASSERT_EQUAL(sp_directory_search(fixture_directory(), &q, &list), SP_OK);
	CU_ASSERT_EQUAL(sp_format_services(&o, format, &list), SP_OK);
	fclose(f);
	sp_service_list_clear(&list);
	return text;
}

static void
test_json_has_the_contract_keys(void)
{
	static const char *const keys[] = { "id",
		                            "name",
		                            "organisation",
		                            "description",
		                            "area",
		                            "profiles",
		                            "professional_only",
		                            "self_referral",
		                            "open_now",
		                            "contacts",
		                            NULL };
	char *text = render(SP_FORMAT_JSON, 1u << SP_PROFILE_MALE, false);
	json_error_t err;
	json_t *root = json_loads(text, 0, &err), *item;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_TRUE(json_is_array(root));
	CU_ASSERT_TRUE(json_array_size(root) > 0);
	json_array_foreach(root, i, item)
	{
		json_t *c, *contacts = json_object_get(item, "contacts");
		size_t j;

		for (int k = 0; keys[k]; k++)
			CU_ASSERT_PTR_NOT_NULL(json_object_get(item, keys[k]));
		CU_ASSERT_TRUE(json_is_boolean(json_object_get(item, "professional_only")));
		CU_ASSERT_TRUE(json_is_array(json_object_get(item, "profiles")));
		json_array_foreach(contacts, j, c)
		{
			CU_ASSERT_PTR_NOT_NULL(json_object_get(c, "kind"));
			CU_ASSERT_PTR_NOT_NULL(json_object_get(c, "value"));
			CU_ASSERT_PTR_NOT_NULL(json_object_get(c, "label"));
			CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(c, "audience")),
			                       "public");
		}
	}
	json_decref(root);
	free(text);
}

static void
test_tsv_has_a_header_and_one_line_per_service(void)
{
	char *text = render(SP_FORMAT_TSV, 0, false), *line, *save = NULL;
	int lines = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(strncmp(text, "id\tname\torganisation\t", 21), 0);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int tabs = 0;

		for (char *p = line; *p; p++)
			tabs += *p == '\t';
		CU_ASSERT_EQUAL(tabs, 8);
		lines++;
	}
	CU_ASSERT_TRUE(lines > 30);
	free(text);
}

static void
test_staff_json_marks_professional_lines(void)
{
	char *text = render(SP_FORMAT_JSON, 0, true);

	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"audience\": \"professional\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "01480 847718"));
	free(text);
	text = render(SP_FORMAT_JSON, 0, false);
	CU_ASSERT_PTR_NULL(strstr(text, "\"audience\": \"professional\""));
	CU_ASSERT_PTR_NULL(strstr(text, "01480 847718"));
	free(text);
}

static void
test_text_keeps_numbers_whole_and_gives_reasons(void)
{
	char *text = render(SP_FORMAT_TEXT, 1u << SP_PROFILE_LGBTQ, false);

	CU_ASSERT_PTR_NOT_NULL(strstr(text, "0800 999 5428"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "for LGBTQ+ people"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "open now"));
	free(text);
}

static void
test_detail_shows_hours_table(void)
{
	struct sp_service s;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct sp_output o = { .out = f, .i18n = fixture_i18n(), .hours = hours };

	CU_ASSERT_EQUAL_FATAL(
	        sp_directory_get(fixture_directory(), "galop", false, TEST_MONDAY_10AM, &s), SP_OK);
	CU_ASSERT_EQUAL(sp_format_service(&o, SP_FORMAT_TEXT, &s, NULL), SP_OK);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Mon\u2013Thu  10:00\u201320:30"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Reference: galop"));
	sp_service_clear(&s);
	free(text);
}

static void
test_write_failure_is_reported(void)
{
	FILE *f = fopen("/dev/full", "w");
	struct sp_output o = { .out = f, .i18n = fixture_i18n(), .hours = hours };
	struct sp_service_list list = { 0 };
	struct sp_query q = { .area = SP_AREA_NONE, .now_ms = TEST_MONDAY_10AM };
	enum sp_status rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	setvbuf(f, NULL, _IONBF, 0);
	CU_ASSERT_EQUAL(sp_directory_search(fixture_directory(), &q, &list), SP_OK);
	rc = sp_format_services(&o, SP_FORMAT_TEXT, &list);
	CU_ASSERT_EQUAL(rc, SP_ERR_IO);
	sp_service_list_clear(&list);
	fclose(f);
}

static void
test_format_names(void)
{
	CU_ASSERT_EQUAL(sp_format_from_name("json"), SP_FORMAT_JSON);
	CU_ASSERT_EQUAL(sp_format_from_name("xml"), SP_FORMAT_COUNT);
	CU_ASSERT_STRING_EQUAL(sp_format_name(SP_FORMAT_MARKDOWN), "markdown");
}

/* Untrusted text stays text: a description with an OSC title sequence and a C1 CSI is
 * printed with those characters escaped, in every text format; line breaks stay. */
static void
test_control_characters_are_never_written(void)
{
	static const enum sp_format formats[] = { SP_FORMAT_TEXT, SP_FORMAT_TSV, SP_FORMAT_JSON,
		                                  SP_FORMAT_CSV, SP_FORMAT_MARKDOWN };
	char name[] = "Evil\x1b]0;pwned\x07 line",
	     desc[] = "one\ntwo \xc2\x9b"
	              "2J and \xc2\xa0nbsp",
	     id[] = "evil", org[] = "Org\x7f", area[] = "peterborough", status[] = "active",
	     value[] = "0800 000 0000\x1b[2J", kind[] = "phone";
	struct sp_contact contact = { .kind = kind, .value = value, .verified = true };
	struct sp_service s = { .id = id,
		                .name = name,
		                .organisation = org,
		                .description = desc,
		                .area = area,
		                .status = status,
		                .age_min = -1,
		                .age_max = -1,
		                .contacts = &contact,
		                .ncontacts = 1 };
	struct sp_service_list list = { .items = &s, .count = 1 };

	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		struct sp_output o = { .out = f, .i18n = fixture_i18n(), .hours = hours };

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		if (formats[i] == SP_FORMAT_CSV || formats[i] == SP_FORMAT_MARKDOWN) {
			CU_ASSERT_EQUAL(sp_format_export(&o, formats[i], &list), SP_OK);
		} else {
			CU_ASSERT_EQUAL(sp_format_services(&o, formats[i], &list), SP_OK);
		}
		if (formats[i] == SP_FORMAT_TEXT) {
			CU_ASSERT_EQUAL(sp_format_service(&o, formats[i], &s, NULL), SP_OK);
		}
		fclose(f);
		CU_ASSERT_PTR_NOT_NULL_FATAL(text);
		for (size_t k = 0; k < len; k++) {
			unsigned char c = (unsigned char) text[k];

			/* TSV's own separators are its only tabs. */
			CU_ASSERT_FALSE((c < 0x20 && c != '\n' &&
			                 !(c == '\t' && formats[i] == SP_FORMAT_TSV)) ||
			                c == 0x7f);
			CU_ASSERT_FALSE(c == 0xc2 && k + 1 < len &&
			                (unsigned char) text[k + 1] >= 0x80 &&
			                (unsigned char) text[k + 1] <= 0x9f);
		}
		if (formats[i] == SP_FORMAT_TEXT) {
			CU_ASSERT_PTR_NOT_NULL(strstr(text, "Evil\\x1b]0;pwned\\x07 line"));
			CU_ASSERT_PTR_NOT_NULL(strstr(text, "one\ntwo \\u009b2J and \xc2\xa0nbsp"));
		}
		free(text);
	}
}

static const CU_TestInfo tests[] = {
	{ "no raw control character reaches the terminal",
	  test_control_characters_are_never_written },
	{ "JSON carries the keys of the CLI contract", test_json_has_the_contract_keys },
	{ "TSV has a header and one 9-column line per service",
	  test_tsv_has_a_header_and_one_line_per_service },
	{ "professional lines appear in staff JSON only",
	  test_staff_json_marks_professional_lines },
	{ "text shows whole numbers, reasons and open now",
	  test_text_keeps_numbers_whole_and_gives_reasons },
	{ "the detail view has an hours table", test_detail_shows_hours_table },
	{ "a full disk is an I/O error", test_write_failure_is_reported },
	{ "format names round-trip", test_format_names },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_output(void)
{
	return test_add_suite("output", setup, teardown, tests);
}

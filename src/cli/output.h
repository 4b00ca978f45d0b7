#ifndef SIGNPOST_CLI_OUTPUT_H
#define SIGNPOST_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/directory.h"
#include "core/hours_fmt.h"
#include "core/i18n.h"

/*
 * Directory results as the CLI prints them: text for people (in the UI language), TSV and
 * JSON for scripts (stable keys, values untranslated), CSV and Markdown for export.
 * Phone numbers, emails and URLs are printed exactly as stored, never reformatted.
 */
/* The version of the JSON contract (man signpost: OUTPUT): every JSON object signpost prints
 * carries it as "schema_version"; it goes up only when a key changes meaning or goes away. */
#define SP_JSON_SCHEMA_VERSION 1

enum sp_format {
	SP_FORMAT_TEXT,
	SP_FORMAT_TSV,
	SP_FORMAT_JSON,
	SP_FORMAT_CSV,
	SP_FORMAT_MARKDOWN,
	SP_FORMAT_ORUK_JSON,
	SP_FORMAT_COUNT
};

/* "text" -> SP_FORMAT_TEXT; SP_FORMAT_COUNT when unknown. */
enum sp_format sp_format_from_name(const char *name);
const char *sp_format_name(enum sp_format format);

struct sp_output {
	FILE *out;
	struct sp_i18n *i18n;
	struct sp_hours_fmt *hours; /* for SP_FORMAT_TEXT; NULL will do for the other formats */
	bool staff;
};

/* Each returns SP_OK, SP_ERR_NOMEM, or SP_ERR_IO when the stream failed. */

/* The 999 line and the Silent Solution, for every public text output. */
enum sp_status sp_format_emergency(const struct sp_output *o);

/* The built-in national helplines, for when the directory cannot be used (text only). */
enum sp_status sp_format_fallback(const struct sp_output *o);

/*
 * A list of services written as it comes, a page at a time (text, TSV or JSON): begin, a page
 * for each part, end, and the bytes are those sp_format_services() writes for the whole list.
 * The first failure sticks; page and end return it.
 */
struct sp_format_stream {
	const struct sp_output *o;
	enum sp_format format;
	size_t count; /* services written so far */
	enum sp_status status;
};
void sp_format_services_begin(struct sp_format_stream *fs, const struct sp_output *o,
                              enum sp_format format);
enum sp_status sp_format_services_page(struct sp_format_stream *fs,
                                       const struct sp_service_list *page);
enum sp_status sp_format_services_end(struct sp_format_stream *fs);

enum sp_status sp_format_services(const struct sp_output *o, enum sp_format format,
                                  const struct sp_service_list *list);

/* One service in full; successor is the display name of superseded_by, or NULL. */
enum sp_status sp_format_service(const struct sp_output *o, enum sp_format format,
                                 const struct sp_service *service, const char *successor);

enum sp_status sp_format_definitions(const struct sp_output *o, enum sp_format format,
                                     const struct sp_definition_list *defs,
                                     const struct sp_glossary *glossary);

/* Whole-directory export as CSV (one row per contact) or Markdown. */
enum sp_status sp_format_export(const struct sp_output *o, enum sp_format format,
                                const struct sp_service_list *list);

/* Open Referral UK 3.0: the list as one JSON array of "service with full details" objects
 * (organization, phones, schedules, service_areas, languages, attributes with the profiles as
 * taxonomy terms of the vocabulary signpost-profile). Only what the list holds: professional-
 * only services and lines only in a staff search. */
enum sp_status sp_format_oruk(const struct sp_output *o, const struct sp_service_list *list);

#endif

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/escape.h"
#include "cli/output.h"
#include "cli/output_json.h"
#include "core/describe.h"
#include "core/fallback.h"
#include "core/mem.h"
#include "core/policy.h"
#include "core/taxonomy.h"

static const char *const format_names[SP_FORMAT_COUNT] = {
	[SP_FORMAT_TEXT] = "text",         [SP_FORMAT_TSV] = "tsv",
	[SP_FORMAT_JSON] = "json",         [SP_FORMAT_CSV] = "csv",
	[SP_FORMAT_MARKDOWN] = "markdown", [SP_FORMAT_ORUK_JSON] = "oruk-json",
};

enum sp_format
sp_format_from_name(const char *name)
{
	return (enum sp_format) sp_name_index(format_names, SP_FORMAT_COUNT, name);
}

const char *
sp_format_name(enum sp_format format)
{
	return (unsigned) format < SP_FORMAT_COUNT ? format_names[format] : "";
}

/* Output state for one call: the first failure sticks and is returned at the end. */
struct out {
	const struct sp_output *o;
	enum sp_status status;
};

/* Writes s, never a raw control character but those in keep (cli/escape.h). */
static void
put_escaped(struct out *w, const char *s, const char *keep)
{
	if (w->status == SP_OK && s && sp_escape_write(w->o->out, s, strlen(s), keep, 0) != 0)
		w->status = SP_ERR_IO;
}

static void
put(struct out *w, const char *s)
{
	put_escaped(w, s, "\n");
}

static void
take(struct out *w, char *s)
{
	if (!s && w->status == SP_OK)
		w->status = SP_ERR_NOMEM;
	put(w, s);
	free(s);
}

static const char *
text(struct out *w, const char *key)
{
	return sp_i18n_text(w->o->i18n, key);
}

static char *
msg(struct out *w, const char *key, size_t n, const char *const *args)
{
	return sp_i18n_format(w->o->i18n, key, n, args);
}

static void
put_msg1(struct out *w, const char *key, const char *arg)
{
	take(w, msg(w, key, 1, &arg));
}

static const char *
keyed(struct out *w, const char *prefix, const char *id)
{
	char key[64];

	snprintf(key, sizeof key, "%s%s", prefix, id);
	return text(w, key);
}

/* The languages of a service in the UI language: "Polish, Lithuanian". */
static char *
language_names(struct out *w, const char *codes)
{
	return sp_describe_languages(w->o->i18n, codes);
}

static char *
profile_names(struct out *w, unsigned mask, const char *prefix)
{
	return sp_describe_profiles(w->o->i18n, mask, prefix);
}

/* "male;lgbtq": the ids, for machines. */
static char *
profile_ids(unsigned mask)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	for (int p = 0; p < SP_PROFILE_COUNT; p++) {
		if (!(mask & (1u << p)))
			continue;
		if (buf.len)
			sp_buf_putc(&buf, ';');
		sp_buf_puts(&buf, sp_profile_id((enum sp_profile) p));
	}
	return sp_buf_take(&buf);
}

static char *
contact_state(struct out *w, const struct sp_contact *c)
{
	return sp_describe_contact_state(w->o->i18n, w->o->hours, c);
}

static void
put_contact_line(struct out *w, const struct sp_contact *c, const char *indent, int with_table)
{
	char *state;

	put(w, indent);
	put(w, keyed(w, "kind_", c->kind));
	put(w, ": ");
	put(w, c->value);
	if (c->label && *c->label) {
		put(w, " \u2014 ");
		put(w, c->label);
	}
	if (c->professional) {
		put(w, " [");
		put(w, text(w, "professional_only"));
		put(w, "]");
	}
	if ((state = contact_state(w, c))) {
		put(w, " (");
		put(w, state);
		put(w, ")");
		free(state);
	}
	if (!c->verified) {
		put(w, " [");
		put(w, text(w, "unverified"));
		put(w, "]");
	}
	put(w, "\n");
	if (with_table && c->hours.count && !sp_hours_is_always(&c->hours)) {
		struct sp_hours_table table;

		if (sp_hours_fmt_table(w->o->hours, &c->hours, &table) != SP_OK) {
			w->status = SP_ERR_NOMEM;
			return;
		}
		for (size_t i = 0; i < table.count; i++) {
			put(w, indent);
			put(w, "    ");
			put(w, table.rows[i].days);
			put(w, "  ");
			put(w, table.rows[i].spans);
			put(w, "\n");
		}
		sp_hours_table_clear(&table);
	}
}

enum sp_status
sp_format_emergency(const struct sp_output *o)
{
	struct out w = { o, SP_OK };

	put(&w, text(&w, "emergency_banner"));
	put(&w, "\n");
	put(&w, text(&w, "silent_solution"));
	put(&w, "\n\n");
	return w.status;
}

enum sp_status
sp_format_fallback(const struct sp_output *o)
{
	struct out w = { o, SP_OK };

	put(&w, text(&w, "fallback_notice"));
	put(&w, "\n\n");
	for (size_t i = 0; i < sp_fallback_count; i++) {
		const struct sp_fallback_line *l = &sp_fallback_lines[i];
		struct sp_hours hours = { 0 };

		put(&w, l->name);
		put(&w, ": ");
		put(&w, l->phone);
		if (l->hours && sp_hours_parse(l->hours, &hours, NULL) == SP_OK &&
		    sp_hours_is_always(&hours)) {
			put(&w, " (");
			put(&w, text(&w, "hours_always"));
			put(&w, ")");
		}
		sp_hours_clear(&hours);
		put(&w, " \u2014 ");
		put(&w, text(&w, l->who_key));
		put(&w, "\n");
	}
	return w.status;
}

static void
text_service_brief(struct out *w, const struct sp_service *s, unsigned asked)
{
	put(w, s->name);
	if (s->organisation && strcmp(s->organisation, s->name) != 0) {
		put(w, " \u2014 ");
		put(w, s->organisation);
	}
	if (s->professional_only) {
		put(w, " [");
		put(w, text(w, "professional_only"));
		put(w, "]");
	}
	if (s->subtitle) {
		put(w, "\n  ");
		put(w, s->subtitle);
	}
	put(w, "\n  ");
	put(w, s->description);
	put(w, "\n");
	for (size_t i = 0; i < s->ncontacts; i++)
		put_contact_line(w, &s->contacts[i], "  ", 0);
	if (s->profiles & asked) {
		char *reasons = profile_names(w, s->profiles & asked, "reason_");

		put(w, "  ");
		put_msg1(w, "shown_because", reasons);
		put(w, "\n");
		free(reasons);
	}
	put(w, "  ");
	put_msg1(w, "reference", s->id);
	put(w, "\n\n");
}

/* TSV fields may not hold tabs or line breaks. */
static void
put_tsv(struct out *w, const char *s)
{
	if (w->status == SP_OK && s && sp_escape_write(w->o->out, s, strlen(s), "", 1) != 0)
		w->status = SP_ERR_IO;
}

static const char *
tristate_word(enum sp_tristate t)
{
	return t == SP_YES ? "yes" : t == SP_NO ? "no" : "";
}

static void
tsv_header(struct out *w)
{
	static const char *const columns[] = { "id",       "name",     "organisation",
		                               "area",     "profiles", "self_referral",
		                               "open_now", "phones",   "contacts",
		                               NULL };

	for (size_t i = 0; columns[i]; i++) {
		if (i)
			put_escaped(w, "\t", "\t"); /* the separator */
		put(w, columns[i]); /* fixed English identifiers, whatever the language */
	}
	put(w, "\n");
}

static void
tsv_service(struct out *w, const struct sp_service *s)
{
	int first = 1;

	put_tsv(w, s->id);
	put_escaped(w, "\t", "\t"); /* the separator */
	put_tsv(w, s->name);
	put_escaped(w, "\t", "\t"); /* the separator */
	put_tsv(w, s->organisation);
	put_escaped(w, "\t", "\t"); /* the separator */
	put_tsv(w, s->area);
	put_escaped(w, "\t", "\t"); /* the separator */
	take(w, profile_ids(s->profiles));
	put_escaped(w, "\t", "\t"); /* the separator */
	put(w, sp_policy_self_referral(s) ? "yes" : "no");
	put_escaped(w, "\t", "\t"); /* the separator */
	put(w, tristate_word(s->open_now));
	put_escaped(w, "\t", "\t"); /* the separator */
	first = 1;
	for (size_t c = 0; c < s->ncontacts; c++) {
		if (strcmp(s->contacts[c].kind, "phone") != 0)
			continue;
		put(w, first ? "" : ";");
		put_tsv(w, s->contacts[c].value);
		first = 0;
	}
	put_escaped(w, "\t", "\t"); /* the separator */
	first = 1;
	for (size_t c = 0; c < s->ncontacts; c++) {
		if (!strcmp(s->contacts[c].kind, "phone"))
			continue;
		put(w, first ? "" : ";");
		put(w, s->contacts[c].kind);
		put(w, ":");
		put_tsv(w, s->contacts[c].value);
		first = 0;
	}
	put(w, "\n");
}

static void
put_json(struct out *w, json_t *value)
{
	char *s;

	if (!value) {
		w->status = SP_ERR_NOMEM;
		return;
	}
	s = json_dumps(value, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(value);
	if (!s) {
		w->status = SP_ERR_NOMEM;
		return;
	}
	put(w, s);
	put(w, "\n");
	free(s);
}

/* A JSON value indented one level, as the element of an array jansson would print: jansson
 * prints it so inside a one-element array, which is then written without its brackets, in one
 * piece rather than a line at a time. */
static void
put_json_element(struct out *w, json_t *value)
{
	json_t *array = value ? json_array() : NULL;
	char *s = NULL;
	size_t n;

	if (array && json_array_append_new(array, value) == 0)
		s = json_dumps(array, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	else
		json_decref(value);
	json_decref(array);
	if (!s || (n = strlen(s)) < 4) { /* "[\n" and "\n]" */
		if (w->status == SP_OK)
			w->status = SP_ERR_NOMEM;
		free(s);
		return;
	}
	if (w->status == SP_OK && sp_escape_write(w->o->out, s + 2, n - 4, "\n", 0) != 0)
		w->status = SP_ERR_IO;
	free(s);
}

void
sp_format_services_begin(struct sp_format_stream *fs, const struct sp_output *o,
                         enum sp_format format)
{
	struct out w = { o, SP_OK };

	if (format == SP_FORMAT_TSV)
		tsv_header(&w);
	*fs = (struct sp_format_stream){ .o = o, .format = format, .status = w.status };
}

enum sp_status
sp_format_services_page(struct sp_format_stream *fs, const struct sp_service_list *page)
{
	struct out w = { fs->o, fs->status };

	for (size_t i = 0; i < page->count && w.status == SP_OK; i++, fs->count++) {
		const struct sp_service *s = &page->items[i];

		switch (fs->format) {
		case SP_FORMAT_TSV: tsv_service(&w, s); break;
		case SP_FORMAT_JSON:
			put(&w, fs->count ? ",\n" : "[\n");
			put_json_element(&w, sp_json_service(s, fs->o->staff));
			break;
		/* The reasons are the asked-for profiles it serves: every one of its own. */
		default: text_service_brief(&w, s, s->matched ? s->profiles : 0); break;
		}
	}
	return fs->status = w.status;
}

enum sp_status
sp_format_services_end(struct sp_format_stream *fs)
{
	struct out w = { fs->o, fs->status };

	if (fs->format == SP_FORMAT_JSON) {
		put(&w, fs->count ? "\n]\n" : "[]\n");
	} else if (fs->format != SP_FORMAT_TSV) {
		take(&w, sp_i18n_format_count(fs->o->i18n, "services_found", (double) fs->count, 0,
		                              NULL));
		put(&w, "\n");
	}
	return fs->status = w.status;
}

enum sp_status
sp_format_services(const struct sp_output *o, enum sp_format format,
                   const struct sp_service_list *list)
{
	struct sp_format_stream fs;

	sp_format_services_begin(&fs, o, format);
	sp_format_services_page(&fs, list);
	return sp_format_services_end(&fs);
}

static void
put_field(struct out *w, const char *label_key, const char *value)
{
	if (!value || !*value)
		return;
	put(w, text(w, label_key));
	put(w, ": ");
	put(w, value);
	put(w, "\n");
}

enum sp_status
sp_format_service(const struct sp_output *o, enum sp_format format, const struct sp_service *s,
                  const char *successor)
{
	struct out w = { o, SP_OK };
	char *tmp;

	if (format == SP_FORMAT_JSON) {
		json_t *obj = sp_json_service(s, o->staff);

		if (obj && successor)
			json_object_set_new(obj, "superseded_by_name", json_string(successor));
		put_json(&w, obj);
		return w.status;
	}
	put(&w, s->name);
	put(&w, "\n");
	if (s->subtitle) {
		put(&w, s->subtitle);
		put(&w, "\n");
	}
	if (s->organisation && strcmp(s->organisation, s->name) != 0) {
		put(&w, s->organisation);
		put(&w, "\n");
	}
	if (strcmp(s->status, "active") != 0) {
		put(&w, "\n");
		if (successor)
			put_msg1(&w, "status_superseded", successor);
		else
			put(&w, text(&w, "status_closed"));
		put(&w, "\n");
	}
	put(&w, "\n");
	put(&w, s->description);
	put(&w, "\n\n");
	if (s->ncontacts) {
		put(&w, text(&w, "heading_contacts"));
		put(&w, "\n");
		for (size_t i = 0; i < s->ncontacts; i++)
			put_contact_line(&w, &s->contacts[i], "  ", 1);
		put(&w, "\n");
	}
	tmp = profile_names(&w, s->profiles, "profile_");
	put_field(&w, "field_for", tmp);
	free(tmp);
	if (s->referral)
		put_field(&w, "field_referral", keyed(&w, "referral_", s->referral));
	if (s->age_min >= 0 || s->age_max >= 0) {
		char lo[16] = "", hi[16] = "";
		const char *args[2] = { lo, hi };

		snprintf(lo, sizeof lo, "%d", s->age_min);
		snprintf(hi, sizeof hi, "%d", s->age_max);
		tmp = msg(&w,
		          s->age_max < 0 ? "ages_from" :
		          s->age_min < 0 ? "ages_up_to" :
		                           "ages_range",
		          2, s->age_min < 0 ? args + 1 : args);
		put_field(&w, "field_ages", tmp);
		free(tmp);
	}
	tmp = language_names(&w, s->languages);
	put_field(&w, "field_languages", tmp);
	free(tmp);
	put_field(&w, "field_area", keyed(&w, "area_", s->area));
	tmp = sp_hours_fmt_date(o->hours, s->verified);
	put_field(&w, "field_last_checked", tmp);
	free(tmp);
	if (s->verification && strcmp(s->verification, "verified") != 0)
		put_field(&w, "field_verification", text(&w, "unverified_entry"));
	if (o->staff) {
		put_field(&w, "field_eligibility", s->eligibility);
		if (s->consent_needed != SP_UNKNOWN)
			put_field(&w, "field_consent",
			          text(&w,
			               s->consent_needed == SP_YES ? "consent_yes" : "consent_no"));
		tmp = sp_describe_risk_levels(o->i18n, s->risk_levels);
		put_field(&w, "field_risk_levels", tmp);
		free(tmp);
		put_field(&w, "field_source", s->source);
		put_field(&w, "field_source_note", s->source_note);
	}
	put_field(&w, "field_reference", s->id);
	return w.status;
}

enum sp_status
sp_format_definitions(const struct sp_output *o, enum sp_format format,
                      const struct sp_definition_list *defs, const struct sp_glossary *g)
{
	struct out w = { o, SP_OK };

	if (format == SP_FORMAT_JSON) {
		json_t *array = json_array();

		for (size_t i = 0; array && i < defs->count; i++) {
			const struct sp_definition *d = &defs->items[i];

			json_array_append_new(
			        array,
			        json_pack("{s:i, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:b}",
			                  "schema_version", SP_JSON_SCHEMA_VERSION, "kind",
			                  "definition", "id", d->id, "term", d->term, "act",
			                  sp_json_str_or_null(d->act), "section",
			                  sp_json_str_or_null(d->section), "legal_text",
			                  sp_json_str_or_null(d->legal_text), "summary", d->summary,
			                  "summary_translated", d->summary_translated));
		}
		for (size_t i = 0; array && i < g->count; i++)
			json_array_append_new(
			        array, json_pack("{s:i, s:s, s:s, s:s, s:o}", "schema_version",
			                         SP_JSON_SCHEMA_VERSION, "kind", "glossary", "term",
			                         g->items[i].term, "expansion",
			                         g->items[i].expansion, "explanation",
			                         sp_json_str_or_null(g->items[i].explanation)));
		put_json(&w, array);
		return w.status;
	}
	for (size_t i = 0; i < defs->count; i++) {
		const struct sp_definition *d = &defs->items[i];

		put(&w, d->term);
		put(&w, "\n");
		if (d->act) {
			take(&w, sp_describe_legal_source(o->i18n, d->act, d->section));
			put(&w, "\n");
		}
		if (d->legal_text) {
			put(&w, "\n");
			put(&w, text(&w, "heading_the_law"));
			put(&w, "\n");
			put(&w, d->legal_text);
			put(&w, "\n");
		}
		put(&w, "\n");
		put(&w,
		    text(&w, d->legal_text ? "heading_plain_summary" : "heading_in_plain_words"));
		put(&w, "\n");
		put(&w, d->summary);
		put(&w, "\n\n");
	}
	if (g->count) {
		put(&w, text(&w, "heading_glossary"));
		put(&w, "\n");
	}
	for (size_t i = 0; i < g->count; i++) {
		put(&w, g->items[i].term);
		put(&w, " \u2014 ");
		put(&w, g->items[i].expansion);
		put(&w, "\n");
		if (g->items[i].explanation && *g->items[i].explanation) {
			put(&w, "  ");
			put(&w, g->items[i].explanation);
			put(&w, "\n");
		}
	}
	return w.status;
}

static void
put_csv_field(struct out *w, const char *s)
{
	put(w, "\"");
	while (w->status == SP_OK && s && *s) {
		size_t n = strcspn(s, "\"");

		/* Line breaks stay: CSV quotes them. */
		if (sp_escape_write(w->o->out, s, n, "\n", 0) != 0)
			w->status = SP_ERR_IO;
		if (!s[n])
			break;
		put(w, "\"\"");
		s += n + 1;
	}
	put(w, "\"");
}

/* Markdown table cells may not hold pipes or line breaks. */
static void
put_md(struct out *w, const char *s)
{
	while (w->status == SP_OK && s && *s) {
		size_t n = strcspn(s, "|");

		if (sp_escape_write(w->o->out, s, n, "", 1) != 0)
			w->status = SP_ERR_IO;
		if (!s[n])
			break;
		put(w, "\\|");
		s += n + 1;
	}
}

/* A line's hours for the CSV export; a phone, text or chat line without them says "unknown"
 * (the directory stores both alike), as db/contacts.csv would, so the export imports back. */
static const char *
hours_or_unknown(const struct sp_contact *k)
{
	if (k->hours_text)
		return k->hours_text;
	return !strcmp(k->kind, "phone") || !strcmp(k->kind, "text") || !strcmp(k->kind, "chat") ?
	               "unknown" :
	               NULL;
}

enum sp_status
sp_format_export(const struct sp_output *o, enum sp_format format,
                 const struct sp_service_list *list)
{
	static const char *const csv_cols[] = { "service_id",   "service_name",  "organisation",
		                                "area",         "profiles",      "referral",
		                                "contact_kind", "contact_value", "contact_label",
		                                "audience",     "hours",         "verified",
		                                "description",  "status",        NULL };
	struct out w = { o, SP_OK };

	if (format == SP_FORMAT_ORUK_JSON)
		return sp_format_oruk(o, list);
	if (format == SP_FORMAT_CSV) {
		for (size_t i = 0; csv_cols[i]; i++) {
			put(&w, i ? "," : "");
			put(&w, csv_cols[i]);
		}
		put(&w, "\n");
		for (size_t i = 0; i < list->count; i++) {
			const struct sp_service *s = &list->items[i];

			for (size_t c = 0; c < s->ncontacts; c++) {
				const struct sp_contact *k = &s->contacts[c];
				const char *fields[] = { s->id,
					                 s->name,
					                 s->organisation,
					                 s->area,
					                 NULL,
					                 s->referral,
					                 k->kind,
					                 k->value,
					                 k->label,
					                 k->professional ? "professional" :
					                                   "public",
					                 hours_or_unknown(k),
					                 s->verified,
					                 s->description,
					                 s->status };

				for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
					put(&w, f ? "," : "");
					if (f == 4) {
						char *p = profile_ids(s->profiles);

						put_csv_field(&w, p);
						free(p);
					} else {
						put_csv_field(&w, fields[f]);
					}
				}
				put(&w, "\n");
			}
		}
		return w.status;
	}
	/* Markdown: a heading and a contact table per service, for printing and review. */
	put(&w, "# ");
	put(&w, text(&w, "export_title"));
	put(&w, "\n\n");
	for (size_t i = 0; i < list->count; i++) {
		const struct sp_service *s = &list->items[i];
		char *tmp;

		put(&w, "## ");
		put_md(&w, s->name);
		put(&w, "\n\n");
		put_md(&w, s->description);
		put(&w, "\n\n");
		put(&w, "| | | |\n|---|---|---|\n");
		for (size_t c = 0; c < s->ncontacts; c++) {
			const struct sp_contact *k = &s->contacts[c];

			put(&w, "| ");
			put(&w, keyed(&w, "kind_", k->kind));
			put(&w, " | ");
			put_md(&w, k->value);
			put(&w, " | ");
			put_md(&w, k->label);
			if (k->hours_text) {
				put(&w, " (");
				put_md(&w, k->hours_text);
				put(&w, ")");
			}
			if (k->professional) {
				put(&w, " \u2014 ");
				put(&w, text(&w, "professional_only"));
			}
			put(&w, " |\n");
		}
		put(&w, "\n");
		tmp = profile_names(&w, s->profiles, "profile_");
		if (tmp && *tmp) {
			put(&w, "*");
			put(&w, text(&w, "field_for"));
			put(&w, ":* ");
			put(&w, tmp);
			put(&w, "  \n");
		}
		free(tmp);
		put(&w, "*");
		put(&w, text(&w, "field_area"));
		put(&w, ":* ");
		put(&w, keyed(&w, "area_", s->area));
		put(&w, "  \n*");
		put(&w, text(&w, "field_reference"));
		put(&w, ":* `");
		put(&w, s->id);
		put(&w, "`\n\n");
	}
	return w.status;
}

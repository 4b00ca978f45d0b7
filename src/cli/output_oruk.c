/* The Open Referral UK encoder: services as ORUK 3.0 "service with full details" objects (see
 * man signpost, OUTPUT), so other directories can read signpost's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/output.h"
#include "core/taxonomy.h"

static const char *const oruk_days[] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

static json_t *
str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* "Refuge" -> "refuge": an organisation's id from its name (ORUK wants one). */
static json_t *
slug(const char *name)
{
	char buf[128];

	return json_string(sp_slug(name, buf, sizeof buf) ? buf : "organisation");
}

/* A professional-only service or line says so in a term of the vocabulary signpost-audience,
 * so an import (signpost-admin import) keeps it out of the public view. Only in a staff
 * export: a public one has no professional-only data. */
static json_t *
audience_attributes(bool professional)
{
	json_t *list = json_array();

	if (list && professional)
		json_array_append_new(list,
		                      json_pack("{s:{s:s, s:s, s:s}}", "taxonomy_term", "code",
		                                "professional", "term", "professional",
		                                "vocabulary", "signpost-audience"));
	return list;
}

/* A line's hours as weekly schedules that name it in their notes; public holidays as
 * schedules of the link type public_holidays (one without times: closed on them); a line whose
 * hours are not known as one schedule with no times, its description saying so. */
static void
add_schedules(json_t *schedules, const struct sp_contact *c)
{
	const struct sp_hours_slot *lists[2] = { c->hours.slots, c->hours.ph_slots };
	size_t counts[2] = { c->hours.count, c->hours.ph_count };

	if (!c->hours_text || (c->hours.ph_rule && !c->hours.ph_count)) {
		json_t *o = json_pack("{s:s, s:s, s:s}", "notes", c->value, "description",
		                      c->hours_text ? c->hours_text : "Hours not known",
		                      "attending_type", "phone");

		if (o && c->hours_text)
			json_object_set_new(o, "schedule_link_type",
			                    json_string("public_holidays"));
		if (o)
			json_array_append_new(schedules, o);
	}

	for (int l = 0; l < 2; l++) {
		for (size_t i = 0; i < counts[l]; i++) {
			const struct sp_hours_slot *s = &lists[l][i];
			char open[8], close[8];
			json_t *o;

			snprintf(open, sizeof open, "%02d:%02d", s->open_min / 60 % 24,
			         s->open_min % 60);
			snprintf(close, sizeof close, "%02d:%02d", s->close_min / 60 % 24,
			         s->close_min % 60);
			o = json_pack("{s:s, s:s, s:s, s:o, s:s}", "opens_at", open, "closes_at",
			              close, "notes", c->value, "description",
			              str_or_null(c->hours_text), "attending_type", "phone");
			if (!o)
				continue;
			if (l == 0) {
				json_object_set_new(o, "freq", json_string("WEEKLY"));
				json_object_set_new(o, "byday",
				                    json_string(s->day >= 1 && s->day <= 7 ?
				                                        oruk_days[s->day] :
				                                        ""));
			} else {
				json_object_set_new(o, "schedule_link_type",
				                    json_string("public_holidays"));
			}
			json_array_append_new(schedules, o);
		}
	}
}

static json_t *
oruk_service(const struct sp_service *s, bool staff)
{
	json_t *phones = json_array(), *schedules = json_array(), *attributes = json_array(),
	       *languages = json_array(), *o;
	const char *email = NULL, *url = NULL;
	size_t nphone = 0;

	for (size_t i = 0; i < s->ncontacts; i++) {
		const struct sp_contact *c = &s->contacts[i];
		char id[160];

		/* The service's one email and url have no audience: public ones only. */
		if (!strcmp(c->kind, "email") && !email && !c->professional)
			email = c->value;
		else if ((!strcmp(c->kind, "web") || !strcmp(c->kind, "chat")) && !url &&
		         !c->professional)
			url = c->value;
		if (strcmp(c->kind, "phone") != 0 && strcmp(c->kind, "text") != 0)
			continue;
		snprintf(id, sizeof id, "%s-phone-%zu", s->id, ++nphone);
		json_array_append_new(
		        phones, json_pack("{s:s, s:s, s:o, s:s, s:o}", "id", id, "number", c->value,
		                          "description", str_or_null(c->label), "type",
		                          strcmp(c->kind, "text") ? "voice" : "text", "attributes",
		                          audience_attributes(c->professional)));
		add_schedules(schedules, c);
	}
	if (s->professional_only) {
		json_t *audience = audience_attributes(true);

		json_array_extend(attributes, audience);
		json_decref(audience);
	}
	for (int p = 0; p < SP_PROFILE_COUNT; p++)
		if (s->profiles & (1u << p))
			json_array_append_new(attributes,
			                      json_pack("{s:{s:s, s:s, s:s}}", "taxonomy_term",
			                                "code", sp_profile_id((enum sp_profile) p),
			                                "term", sp_profile_id((enum sp_profile) p),
			                                "vocabulary", "signpost-profile"));
	for (const char *l = s->languages; l && *l;) {
		size_t n = strcspn(l, ";");

		json_array_append_new(languages, json_pack("{s:s%}", "code", l, n));
		l += n + (l[n] == ';');
	}
	o = json_pack("{s:s, s:s, s:s, s:s, s:{s:o, s:s}, s:o, s:o, s:o, s:o, s:[{s:s, s:s}],"
	              " s:o, s:o, s:o, s:o}",
	              "id", s->id, "name", s->name, "description", s->description, "status",
	              !strcmp(s->status, "active") ? "active" :
	              !strcmp(s->status, "closed") ? "defunct" :
	                                             "inactive",
	              "organization", "id", slug(s->organisation), "name", s->organisation, "email",
	              str_or_null(email), "url", str_or_null(url), "phones", phones, "schedules",
	              schedules, "service_areas", "id", s->area, "name", s->area, "languages",
	              languages, "attributes", attributes, "minimum_age",
	              s->age_min >= 0 ? json_integer(s->age_min) : json_null(), "maximum_age",
	              s->age_max >= 0 ? json_integer(s->age_max) : json_null());
	if (o && staff)
		json_object_set_new(o, "eligibility_description", str_or_null(s->eligibility));
	if (o && s->verified)
		json_object_set_new(o, "assured_date", json_string(s->verified));
	return o;
}

enum sp_status
sp_format_oruk(const struct sp_output *o, const struct sp_service_list *list)
{
	json_t *array = json_array();
	char *text;
	enum sp_status rc = SP_OK;

	for (size_t i = 0; array && i < list->count; i++)
		if (json_array_append_new(array, oruk_service(&list->items[i], o->staff)) != 0)
			rc = SP_ERR_NOMEM;
	/* jansson escapes every control character: the output is text whatever the data. */
	text = array ? json_dumps(array, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(array);
	if (!text)
		return SP_ERR_NOMEM;
	if (fputs(text, o->out) == EOF || fputc('\n', o->out) == EOF)
		rc = SP_ERR_IO;
	free(text);
	return rc;
}

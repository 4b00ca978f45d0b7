#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/output.h"
#include "cli/output_json.h"
#include "core/policy.h"
#include "core/taxonomy.h"

/* The JSON encoders of a service: jansson values only, written out by output.c. */

json_t *
sp_json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
json_tristate(enum sp_tristate t)
{
	return t == SP_UNKNOWN ? json_null() : json_boolean(t == SP_YES);
}

static json_t *
json_split(const char *list)
{
	json_t *a = json_array();

	while (a && list && *list) {
		size_t n = strcspn(list, ";");

		json_array_append_new(a, json_stringn(list, n));
		list += n;
		if (*list == ';')
			list++;
	}
	return a;
}

static json_t *
json_hours(const struct sp_hours *hours)
{
	static const char *const days[] = { "", "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	json_t *a = json_array();

	for (size_t i = 0; a && i < hours->count; i++) {
		const struct sp_hours_slot *s = &hours->slots[i];
		char open[16], close[16];

		snprintf(open, sizeof open, "%02d:%02d", s->open_min / 60, s->open_min % 60);
		snprintf(close, sizeof close, "%02d:%02d", (s->close_min / 60) % 24,
		         s->close_min % 60);
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "day", days[s->day], "opens",
		                                   open, "closes", close));
	}
	return a;
}

json_t *
sp_json_service(const struct sp_service *s, bool staff)
{
	json_t *profiles = json_array(), *contacts = json_array(), *obj;

	for (int p = 0; profiles && p < SP_PROFILE_COUNT; p++)
		if (s->profiles & (1u << p))
			json_array_append_new(profiles,
			                      json_string(sp_profile_id((enum sp_profile) p)));
	for (size_t i = 0; contacts && i < s->ncontacts; i++) {
		const struct sp_contact *c = &s->contacts[i];

		json_array_append_new(
		        contacts,
		        json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:b}", "kind", c->kind,
		                  "value", c->value, "label", sp_json_str_or_null(c->label),
		                  "audience", c->professional ? "professional" : "public", "hours",
		                  sp_json_str_or_null(c->hours_text), "schedule",
		                  json_hours(&c->hours), "open_now", json_tristate(c->open_now),
		                  "verified", c->verified));
	}
	obj = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:b, s:o, s:o, s:s, s:o, s:o, s:o,"
	                " s:o, s:o, s:o, s:o, s:o}",
	                "id", s->id, "name", s->name, "organisation", s->organisation,
	                "description", s->description, "area", s->area, "profiles", profiles,
	                "professional_only", s->professional_only, "self_referral",
	                sp_policy_self_referral(s), "open_now", json_tristate(s->open_now),
	                "contacts", contacts, "status", s->status, "superseded_by",
	                sp_json_str_or_null(s->superseded_by), "referral",
	                sp_json_str_or_null(s->referral), "age_min",
	                s->age_min >= 0 ? json_integer(s->age_min) : json_null(), "age_max",
	                s->age_max >= 0 ? json_integer(s->age_max) : json_null(), "languages",
	                json_split(s->languages), "verified", sp_json_str_or_null(s->verified),
	                "verification", sp_json_str_or_null(s->verification), "source",
	                sp_json_str_or_null(s->source));
	if (obj) {
		json_object_set_new(obj, "subtitle", sp_json_str_or_null(s->subtitle));
		json_object_set_new(obj, "schema_version", json_integer(SP_JSON_SCHEMA_VERSION));
	}
	if (obj && staff) {
		json_object_set_new(obj, "eligibility", sp_json_str_or_null(s->eligibility));
		json_object_set_new(obj, "consent_needed", json_tristate(s->consent_needed));
		json_object_set_new(obj, "risk_levels", json_split(s->risk_levels));
		json_object_set_new(obj, "source_note", sp_json_str_or_null(s->source_note));
	}
	return obj;
}

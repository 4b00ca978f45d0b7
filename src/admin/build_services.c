#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uversion.h>

#include "admin/build.h"
#include "admin/build_private.h"
#include "admin/check.h"
#include "admin/csvfile.h"
#include "admin/keys.h"
#include "admin/phone.h"
#include "core/directory.h"
#include "core/fold.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/taxonomy.h"

void
build_organisations(struct build *b)
{
	static const char *const cols[] = { "id", "name", "website", NULL };
	struct sp_csv csv;
	sqlite3_stmt *st;

	if (!build_open_source(b, "organisations.csv", cols, &csv, 0))
		return;
	st = build_prepare(b, "INSERT INTO organisation (id, name, website) VALUES (?1, ?2, ?3)");
	for (size_t i = 0; st && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];

		b->record = r->record;
		b->line = r->line;
		build_origin(b, "organisation", build_field(r, 0));
		if (!build_is_slug(build_field(r, 0)))
			build_row_error(b, "id \"%s\" is not a lower-case slug", build_field(r, 0));
		if (!*build_field(r, 1))
			build_row_error(b, "organisation without a name");
		if (*build_field(r, 2) && !build_is_url(build_field(r, 2)))
			build_row_error(b, "website \"%s\" is not a URL", build_field(r, 2));
		sqlite3_bind_text(st, 1, build_field(r, 0), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, build_field(r, 1), -1, SQLITE_TRANSIENT);
		build_bind_opt(st, 3, build_field(r, 2));
		build_step_done(b, st);
	}
	sqlite3_finalize(st);
	sp_csv_free(&csv);
}

enum {
	S_ID,
	S_ORG,
	S_NAME,
	S_DESC,
	S_AREA,
	S_AUDIENCE,
	S_REFERRAL,
	S_CONSENT,
	S_AGE_MIN,
	S_AGE_MAX,
	S_RISK,
	S_PROFILES,
	S_LANGS,
	S_ELIG,
	S_STATUS,
	S_SUPERSEDED,
	S_SOURCE,
	S_SOURCE_NOTE,
	S_VERIFIED,
	S_VERIFICATION,
	S_COLS
};

static int
parse_age(struct build *b, const char *v, int *age)
{
	char *end;
	long n;

	if (!*v)
		return 1;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < 0 || n > 120) {
		build_row_error(b, "age \"%s\" is not a whole number of years", v);
		return 0;
	}
	*age = (int) n;
	return 1;
}

void
build_services(struct build *b)
{
	static const char *const cols[] = {
		"id",        "organisation", "name",        "description",
		"area",      "audience",     "referral",    "consent",
		"age_min",   "age_max",      "risk_levels", "profiles",
		"languages", "eligibility",  "status",      "superseded_by",
		"source",    "source_note",  "verified",    "verification",
		NULL
	};
	static const char *const audiences[] = { "public", "professional", NULL };
	static const char *const referrals[] = { "self", "professional", "either", "", NULL };
	static const char *const consents[] = { "yes", "no", "", NULL };
	static const char *const statuses[] = { "active", "closed", "superseded", NULL };
	static const char *const verifications[] = { "verified", "unverified", NULL };
	struct sp_csv csv;
	sqlite3_stmt *st, *prof;

	if (!build_open_source(b, "services.csv", cols, &csv, 0))
		return;
	st = build_prepare(
	        b,
	        "INSERT INTO service (id, organisation, name, description, area, audience,"
	        " referral, consent_needed, age_min, age_max, risk_levels, profile_mask, languages,"
	        " eligibility, status, superseded_by, source, source_note, verified, verification)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
	        "?17,"
	        " ?18, ?19, ?20)");
	/* ?1: the service's row, just inserted (not looked up again by its id). */
	prof = build_prepare(b, "INSERT INTO service_profile (service, profile) VALUES (?1, ?2)");
	for (size_t i = 0; st && prof && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];
		unsigned mask = 0;
		const char *bad = NULL;
		int age_min = -1, age_max = -1;
		sqlite3_int64 service;

		b->record = r->record;
		b->line = r->line;
		if (!build_is_slug(build_field(r, S_ID)))
			build_row_error(b, "id \"%s\" is not a lower-case slug",
			                build_field(r, S_ID));
		if (!*build_field(r, S_NAME) || !*build_field(r, S_DESC))
			build_row_error(b, "%s: a service needs a name and a description",
			                build_field(r, S_ID));
		if (sp_area_from_id(build_field(r, S_AREA)) == SP_AREA_NONE)
			build_row_error(b, "%s: unknown area \"%s\"", build_field(r, S_ID),
			                build_field(r, S_AREA));
		if (!build_one_of(build_field(r, S_AUDIENCE), audiences))
			build_row_error(b, "%s: audience must be public or professional",
			                build_field(r, S_ID));
		if (!build_one_of(build_field(r, S_REFERRAL), referrals))
			build_row_error(b, "%s: referral must be self, professional or either",
			                build_field(r, S_ID));
		if (!build_one_of(build_field(r, S_CONSENT), consents))
			build_row_error(b, "%s: consent must be yes, no or empty",
			                build_field(r, S_ID));
		parse_age(b, build_field(r, S_AGE_MIN), &age_min);
		parse_age(b, build_field(r, S_AGE_MAX), &age_max);
		if (age_min >= 0 && age_max >= 0 && age_min > age_max)
			build_row_error(b, "%s: age_min is above age_max", build_field(r, S_ID));
		if (!build_list_ok(build_field(r, S_RISK), build_is_risk_level))
			build_row_error(b,
			                "%s: risk_levels must be standard;medium;high or a subset",
			                build_field(r, S_ID));
		if (!sp_profile_parse_list(build_field(r, S_PROFILES), &mask, &bad))
			build_row_error(b, "%s: unknown profile in \"%s\"", build_field(r, S_ID),
			                build_field(r, S_PROFILES));
		if (!build_list_ok(build_field(r, S_LANGS), build_is_language))
			build_row_error(b, "%s: languages must be ISO 639 codes separated by ;",
			                build_field(r, S_ID));
		if (!build_one_of(build_field(r, S_STATUS), statuses))
			build_row_error(b, "%s: status must be active, closed or superseded",
			                build_field(r, S_ID));
		if (!strcmp(build_field(r, S_STATUS), "superseded") &&
		    !*build_field(r, S_SUPERSEDED))
			build_row_error(b, "%s: a superseded service names its successor",
			                build_field(r, S_ID));
		if (!strcmp(build_field(r, S_STATUS), "active") && *build_field(r, S_SUPERSEDED))
			build_row_error(b, "%s: an active service is superseded by nothing",
			                build_field(r, S_ID));
		if (!*build_field(r, S_SOURCE))
			build_row_error(b, "%s: no source document", build_field(r, S_ID));
		if (!build_is_date(build_field(r, S_VERIFIED)))
			build_row_error(b, "%s: verified must be a date YYYY-MM-DD",
			                build_field(r, S_ID));
		if (!build_one_of(build_field(r, S_VERIFICATION), verifications))
			build_row_error(b, "%s: verification must be verified or unverified",
			                build_field(r, S_ID));

		for (int c = 0; c < S_COLS; c++) {
			if (c == S_CONSENT || c == S_AGE_MIN || c == S_AGE_MAX || c == S_PROFILES)
				continue;
			build_bind_opt(st, c + 1, build_field(r, c));
		}
		if (*build_field(r, S_CONSENT))
			sqlite3_bind_int(st, S_CONSENT + 1,
			                 !strcmp(build_field(r, S_CONSENT), "yes"));
		if (age_min >= 0)
			sqlite3_bind_int(st, S_AGE_MIN + 1, age_min);
		if (age_max >= 0)
			sqlite3_bind_int(st, S_AGE_MAX + 1, age_max);
		sqlite3_bind_int64(st, S_PROFILES + 1, mask);
		if (!build_step_done(b, st))
			continue;
		/* The service's row, for its profiles: the one just inserted. */
		service = sqlite3_last_insert_rowid(b->db);
		build_origin(b, "service", build_field(r, S_ID));
		build_order_service(
		        b, service,
		        &(struct build_service_row){ .id = build_field(r, S_ID),
		                                     .name = build_field(r, S_NAME),
		                                     .referral = build_field(r, S_REFERRAL),
		                                     .status = build_field(r, S_STATUS),
		                                     .audience = build_field(r, S_AUDIENCE),
		                                     .source_note = build_field(r, S_SOURCE_NOTE),
		                                     .profiles = mask });
		for (int p = 0; p < SP_PROFILE_COUNT; p++) {
			if (!(mask & (1u << p)))
				continue;
			sqlite3_bind_int64(prof, 1, service);
			sqlite3_bind_text(prof, 2, sp_profile_id((enum sp_profile) p), -1,
			                  SQLITE_STATIC);
			build_step_done(b, prof);
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(prof);
	sp_csv_free(&csv);
}

static void
check_contact_value(struct build *b, const char *service, const char *kind, const char *value)
{
	const char *why;

	if (!strcmp(kind, "phone")) {
		if ((why = sp_phone_check_uk(value)))
			build_row_error(b, "%s: phone \"%s\" is not a valid UK number: %s", service,
			                value, why);
	} else if (!strcmp(kind, "text")) {
		char digits[32];
		size_t n = sp_phone_digits(value, digits, sizeof digits) ? strlen(digits) : 0;

		if (!(n == 5 || (n >= 10 && !sp_phone_check_uk(value))))
			build_row_error(
			        b,
			        "%s: text \"%s\" is neither a 5-digit short code nor a UK number",
			        service, value);
	} else if (!strcmp(kind, "email")) {
		if (!build_is_email(value))
			build_row_error(b, "%s: \"%s\" is not an email address", service, value);
	} else if (!strcmp(kind, "web") || !strcmp(kind, "chat")) {
		if (!build_is_url(value))
			build_row_error(b, "%s: \"%s\" is not a URL", service, value);
	}
}

/* holidays.csv: the England and Wales bank holidays, one real date a row, no date twice. */
void
build_holidays(struct build *b)
{
	static const char *const cols[] = { "date", "name", NULL };
	struct sp_holidays seen = { 0 };
	struct sp_csv csv;
	sqlite3_stmt *st;

	if (!build_open_source(b, "holidays.csv", cols, &csv, 1))
		return;
	st = build_prepare(b, "INSERT INTO holiday (date, name) VALUES (?1, ?2)");
	for (size_t i = 0; st && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];
		long date;
		enum sp_status rc;

		b->record = r->record;
		b->line = r->line;
		if (!sp_parse_date(build_field(r, 0), &date)) {
			build_row_error(b, "\"%s\" is not a date (YYYY-MM-DD, a day that exists)",
			                build_field(r, 0));
			continue;
		}
		if (!*build_field(r, 1)) {
			build_row_error(b, "%s: a holiday needs its name", build_field(r, 0));
			continue;
		}
		if ((rc = sp_holidays_add(&seen, date)) == SP_ERR_DATA) {
			build_row_error(b, "%s is listed twice", build_field(r, 0));
			continue;
		}
		if (rc != SP_OK) {
			b->report->out_of_memory = 1;
			break;
		}
		build_bind_opt(st, 1, build_field(r, 0));
		build_bind_opt(st, 2, build_field(r, 1));
		if (build_step_done(b, st))
			b->nholidays++;
	}
	sqlite3_finalize(st);
	sp_holidays_clear(&seen);
	sp_csv_free(&csv);
}

/* What a contact row needs to know of its service, looked up once for a run of rows of the
 * same service (contacts.csv lists a service's lines together). */
struct contact_service {
	const char *id; /* the service field of the rows it is about (in the CSV), or NULL */
	int known;      /* whether services.csv has it; the rest is 0 when not */
	struct build_service_seen seen;
};

/* Makes *s about service `id` unless it is already. */
static void
contact_service_find(struct build *b, struct contact_service *s, const char *id)
{
	if (s->id && !strcmp(s->id, id))
		return;
	*s = (struct contact_service){ .id = id };
	s->known = build_order_find(b, id, &s->seen);
}

/* Whether a contact row is a public line (phone, text, chat) of an active public service:
 * such a line must carry its hours. The service's source_note mentioning hours is where the
 * reason for "unknown" hours is written. */
static int
is_public_live_line(const struct contact_service *s, const char *kind, const char *audience)
{
	return s->known && s->seen.live && !strcmp(audience, "public") &&
	       (!strcmp(kind, "phone") || !strcmp(kind, "text") || !strcmp(kind, "chat"));
}

void
build_contacts(struct build *b)
{
	static const char *const cols[] = { "service",  "kind",  "value",        "label",
		                            "audience", "hours", "verification", NULL };
	static const char *const kinds[] = { "phone", "email", "web", "text", "chat", NULL };
	static const char *const audiences[] = { "public", "professional", NULL };
	static const char *const verifications[] = { "verified", "unverified", NULL };
	struct sp_csv csv;
	struct contact_service service_of = { 0 };
	sqlite3_stmt *st, *hours_st;

	if (!build_open_source(b, "contacts.csv", cols, &csv, 0))
		return;
	/* ?1 the service's row, ?8 the contact's position among its service's (1, 2, ...). */
	st = build_prepare(b,
	                   "INSERT INTO contact (service, position, kind, value, label, audience,"
	                   " hours, verification) VALUES (?1, ?8, ?2, ?3, ?4, ?5, ?6, ?7)");
	hours_st = build_prepare(b, "INSERT INTO contact_hours (contact, day, open_min, close_min)"
	                            " VALUES (?4, ?1, ?2, ?3)");
	for (size_t i = 0; st && hours_st && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];
		const char *service = build_field(r, 0), *kind = build_field(r, 1),
		           *value = build_field(r, 2);
		struct sp_hours hours = { 0 };
		sqlite3_int64 contact;
		char *why = NULL;
		int unknown;

		b->record = r->record;
		b->line = r->line;
		if (!build_one_of(kind, kinds))
			build_row_error(b, "%s: kind must be phone, email, web, text or chat",
			                service);
		else
			check_contact_value(b, service, kind, value);
		if (!build_one_of(build_field(r, 4), audiences))
			build_row_error(b, "%s: audience must be public or professional", service);
		if (!build_one_of(build_field(r, 6), verifications))
			build_row_error(b, "%s: verification must be verified or unverified",
			                service);
		unknown = strcmp(build_field(r, 5), "unknown") == 0;
		contact_service_find(b, &service_of, service);
		if (is_public_live_line(&service_of, kind, build_field(r, 4))) {
			if (!*build_field(r, 5))
				build_row_error(b,
				                "%s: public %s line %s has no hours: write them, "
				                "or \"unknown\""
				                " with the reason in the service's source_note",
				                service, kind, value);
			else if (unknown && !service_of.seen.note_says_hours)
				build_row_error(b,
				                "%s: hours of %s are \"unknown\" but the service's "
				                "source_note"
				                " does not say why (it should mention the hours)",
				                service, value);
		}
		if (*build_field(r, 5) && !unknown &&
		    sp_hours_parse(build_field(r, 5), &hours, &why) != SP_OK) {
			build_row_error(b, "%s: %s", service, why ? why : "out of memory");
			free(why);
		} else if (hours.ph_rule && b->nholidays == 0) {
			build_row_error(b,
			                "%s: hours \"%s\" name PH but there is no holiday data"
			                " (holidays.csv)",
			                service, build_field(r, 5));
		}
		for (int c = 0; c < 7; c++)
			build_bind_opt(st, c + 1, build_field(r, c));
		if (unknown)
			sqlite3_bind_null(st, 6);
		sqlite3_bind_int64(st, 1, service_of.seen.rowid);
		sqlite3_bind_int64(st, 8, service_of.seen.ncontacts + 1);
		if (!service_of.known || sqlite3_step(st) != SQLITE_DONE ||
		    sqlite3_changes(b->db) != 1) {
			build_row_error(b, "contact for unknown service \"%s\"", service);
			sqlite3_reset(st);
			sp_hours_clear(&hours);
			continue;
		}
		sqlite3_reset(st);
		service_of.seen.ncontacts++;
		contact = sqlite3_last_insert_rowid(b->db);
		/* As stored: "unknown" hours are NULL, never open round the clock. */
		build_order_contact(b, contact, service_of.seen.index, service_of.seen.ncontacts,
		                    !strcmp(kind, "phone") && !strcmp(build_field(r, 4), "public"),
		                    sp_hours_is_always(&hours));
		{
			char key[32];

			snprintf(key, sizeof key, "%lld", (long long) contact);
			build_origin(b, "contact", key);
		}
		for (size_t h = 0; b->hours_rows && h < hours.count; h++) {
			sqlite3_bind_int64(hours_st, 4, contact);
			sqlite3_bind_int(hours_st, 1, hours.slots[h].day);
			sqlite3_bind_int(hours_st, 2, hours.slots[h].open_min);
			sqlite3_bind_int(hours_st, 3, hours.slots[h].close_min);
			build_step_done(b, hours_st);
		}
		sp_hours_clear(&hours);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(hours_st);
	sp_csv_free(&csv);
}

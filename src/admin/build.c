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
#include "admin/check.h"
#include "admin/csvfile.h"
#include "admin/keys.h"
#include "admin/phone.h"
#include "core/directory.h"
#include "core/fold.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/taxonomy.h"

/* What every loader needs: where it reads, where it writes, what it found. */
struct build {
	sqlite3 *db;
	const char *src_dir;
	struct sp_report *report;
	struct sp_fold *fold;
	const struct sp_csv *csv; /* the file being loaded, for messages */
	size_t record;
	size_t nholidays;         /* dates read from holidays.csv */
};

static void __attribute__((format(printf, 2, 3)))
row_error(struct build *b, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sp_report_error(b->report, "%s: record %zu: %s", b->csv->path, b->record, msg);
}

static int
is_slug(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char) *s) || isdigit((unsigned char) *s) || *s == '-'))
			return 0;
	return 1;
}

static int
is_date(const char *s)
{
	int y, m, d, used = 0;

	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 &&
	       used == 10 && y >= 2000 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int
one_of(const char *value, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(value, *allowed) == 0)
			return 1;
	return 0;
}

/* Checks each ;-separated item of a list with `ok`; an empty list is fine. */
static int
list_ok(const char *list, int (*ok)(const char *item))
{
	char item[64];

	while (*list) {
		size_t n = strcspn(list, ";");

		if (n == 0 || n >= sizeof item)
			return 0;
		memcpy(item, list, n);
		item[n] = '\0';
		if (!ok(item))
			return 0;
		list += n;
		if (*list == ';' && !*++list)
			return 0;
	}
	return 1;
}

static int
is_risk_level(const char *s)
{
	static const char *const levels[] = { "standard", "medium", "high", NULL };
	return one_of(s, levels);
}

static int
is_language(const char *s)
{
	size_t n = strlen(s);

	if (n < 2 || n > 3)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char) *s))
			return 0;
	return 1;
}

static int
is_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
	       !strpbrk(s, " \t\n<>()[],;:\"") && at[1] != '.' && s[strlen(s) - 1] != '.';
}

static int
is_url(const char *s)
{
	return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0 ||
	        strncmp(s, "www.", 4) == 0) && !strpbrk(s, " \t\n<>\"") && strchr(s, '.');
}

static const char *
field(const struct sp_csv_row *row, int col)
{
	return row->fields[col];
}

/* Binds a field as text, or NULL when empty. */
static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (*v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static int
step_done(struct build *b, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 1;
	row_error(b, "%s", sqlite3_errmsg(b->db));
	return 0;
}

static sqlite3_stmt *
prepare(struct build *b, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		sp_report_error(b->report, "internal: %s: %s", sqlite3_errmsg(b->db), sql);
	return st;
}

/* Reads db/<name>, checks its header; NULL (after reporting) if it cannot be used. */
static int
open_source(struct build *b, const char *name, const char *const *columns, struct sp_csv *csv,
            int optional)
{
	char *path = sp_asprintf("%s/%s", b->src_dir, name), *error = NULL;
	enum sp_status rc;

	if (!path) {
		b->report->out_of_memory = 1;
		return 0;
	}
	if (optional && access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	rc = sp_csv_read(path, csv, &error);
	free(path);
	if (rc == SP_OK && sp_csv_expect(csv, columns, &error) != SP_OK) {
		sp_csv_free(csv);
		rc = SP_ERR_DATA;
	}
	if (rc != SP_OK) {
		sp_report_error(b->report, "%s", error ? error : "out of memory");
		free(error);
		return 0;
	}
	b->csv = csv;
	return 1;
}

static void
load_organisations(struct build *b)
{
	static const char *const cols[] = { "id", "name", "website", NULL };
	struct sp_csv csv;
	sqlite3_stmt *st;

	if (!open_source(b, "organisations.csv", cols, &csv, 0))
		return;
	st = prepare(b, "INSERT INTO organisation (id, name, website) VALUES (?1, ?2, ?3)");
	for (size_t i = 0; st && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];

		b->record = r->record;
		if (!is_slug(field(r, 0)))
			row_error(b, "id \"%s\" is not a lower-case slug", field(r, 0));
		if (!*field(r, 1))
			row_error(b, "organisation without a name");
		if (*field(r, 2) && !is_url(field(r, 2)))
			row_error(b, "website \"%s\" is not a URL", field(r, 2));
		sqlite3_bind_text(st, 1, field(r, 0), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, field(r, 1), -1, SQLITE_TRANSIENT);
		bind_opt(st, 3, field(r, 2));
		step_done(b, st);
	}
	sqlite3_finalize(st);
	sp_csv_free(&csv);
}

enum {
	S_ID, S_ORG, S_NAME, S_DESC, S_AREA, S_AUDIENCE, S_REFERRAL, S_CONSENT, S_AGE_MIN,
	S_AGE_MAX, S_RISK, S_PROFILES, S_LANGS, S_ELIG, S_STATUS, S_SUPERSEDED, S_SOURCE,
	S_SOURCE_NOTE, S_VERIFIED, S_VERIFICATION, S_COLS
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
		row_error(b, "age \"%s\" is not a whole number of years", v);
		return 0;
	}
	*age = (int) n;
	return 1;
}

static void
load_services(struct build *b)
{
	static const char *const cols[] = { "id", "organisation", "name", "description", "area",
		"audience", "referral", "consent", "age_min", "age_max", "risk_levels", "profiles",
		"languages", "eligibility", "status", "superseded_by", "source", "source_note",
		"verified", "verification", NULL };
	static const char *const audiences[] = { "public", "professional", NULL };
	static const char *const referrals[] = { "self", "professional", "either", "", NULL };
	static const char *const consents[] = { "yes", "no", "", NULL };
	static const char *const statuses[] = { "active", "closed", "superseded", NULL };
	static const char *const verifications[] = { "verified", "unverified", NULL };
	struct sp_csv csv;
	sqlite3_stmt *st, *prof;

	if (!open_source(b, "services.csv", cols, &csv, 0))
		return;
	st = prepare(b, "INSERT INTO service (id, organisation, name, description, area, audience,"
		" referral, consent_needed, age_min, age_max, risk_levels, profile_mask, languages,"
		" eligibility, status, superseded_by, source, source_note, verified, verification)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" ?18, ?19, ?20)");
	prof = prepare(b, "INSERT INTO service_profile (service, profile)"
		" SELECT rowid, ?2 FROM service WHERE id = ?1");
	for (size_t i = 0; st && prof && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];
		unsigned mask = 0;
		const char *bad = NULL;
		int age_min = -1, age_max = -1;

		b->record = r->record;
		if (!is_slug(field(r, S_ID)))
			row_error(b, "id \"%s\" is not a lower-case slug", field(r, S_ID));
		if (!*field(r, S_NAME) || !*field(r, S_DESC))
			row_error(b, "%s: a service needs a name and a description", field(r, S_ID));
		if (sp_area_from_id(field(r, S_AREA)) == SP_AREA_NONE)
			row_error(b, "%s: unknown area \"%s\"", field(r, S_ID), field(r, S_AREA));
		if (!one_of(field(r, S_AUDIENCE), audiences))
			row_error(b, "%s: audience must be public or professional", field(r, S_ID));
		if (!one_of(field(r, S_REFERRAL), referrals))
			row_error(b, "%s: referral must be self, professional or either", field(r, S_ID));
		if (!one_of(field(r, S_CONSENT), consents))
			row_error(b, "%s: consent must be yes, no or empty", field(r, S_ID));
		parse_age(b, field(r, S_AGE_MIN), &age_min);
		parse_age(b, field(r, S_AGE_MAX), &age_max);
		if (age_min >= 0 && age_max >= 0 && age_min > age_max)
			row_error(b, "%s: age_min is above age_max", field(r, S_ID));
		if (!list_ok(field(r, S_RISK), is_risk_level))
			row_error(b, "%s: risk_levels must be standard;medium;high or a subset",
			          field(r, S_ID));
		if (!sp_profile_parse_list(field(r, S_PROFILES), &mask, &bad))
			row_error(b, "%s: unknown profile in \"%s\"", field(r, S_ID), field(r, S_PROFILES));
		if (!list_ok(field(r, S_LANGS), is_language))
			row_error(b, "%s: languages must be ISO 639 codes separated by ;", field(r, S_ID));
		if (!one_of(field(r, S_STATUS), statuses))
			row_error(b, "%s: status must be active, closed or superseded", field(r, S_ID));
		if (!strcmp(field(r, S_STATUS), "superseded") && !*field(r, S_SUPERSEDED))
			row_error(b, "%s: a superseded service names its successor", field(r, S_ID));
		if (!strcmp(field(r, S_STATUS), "active") && *field(r, S_SUPERSEDED))
			row_error(b, "%s: an active service is superseded by nothing", field(r, S_ID));
		if (!*field(r, S_SOURCE))
			row_error(b, "%s: no source document", field(r, S_ID));
		if (!is_date(field(r, S_VERIFIED)))
			row_error(b, "%s: verified must be a date YYYY-MM-DD", field(r, S_ID));
		if (!one_of(field(r, S_VERIFICATION), verifications))
			row_error(b, "%s: verification must be verified or unverified", field(r, S_ID));

		for (int c = 0; c < S_COLS; c++) {
			if (c == S_CONSENT || c == S_AGE_MIN || c == S_AGE_MAX || c == S_PROFILES)
				continue;
			bind_opt(st, c + 1, field(r, c));
		}
		if (*field(r, S_CONSENT))
			sqlite3_bind_int(st, S_CONSENT + 1, !strcmp(field(r, S_CONSENT), "yes"));
		if (age_min >= 0)
			sqlite3_bind_int(st, S_AGE_MIN + 1, age_min);
		if (age_max >= 0)
			sqlite3_bind_int(st, S_AGE_MAX + 1, age_max);
		sqlite3_bind_int64(st, S_PROFILES + 1, mask);
		if (!step_done(b, st))
			continue;
		for (int p = 0; p < SP_PROFILE_COUNT; p++) {
			if (!(mask & (1u << p)))
				continue;
			sqlite3_bind_text(prof, 1, field(r, S_ID), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(prof, 2, sp_profile_id((enum sp_profile) p), -1, SQLITE_STATIC);
			step_done(b, prof);
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
			row_error(b, "%s: phone \"%s\" is not a valid UK number: %s", service, value, why);
	} else if (!strcmp(kind, "text")) {
		char digits[32];
		size_t n = sp_phone_digits(value, digits, sizeof digits) ? strlen(digits) : 0;

		if (!(n == 5 || (n >= 10 && !sp_phone_check_uk(value))))
			row_error(b, "%s: text \"%s\" is neither a 5-digit short code nor a UK number",
			          service, value);
	} else if (!strcmp(kind, "email")) {
		if (!is_email(value))
			row_error(b, "%s: \"%s\" is not an email address", service, value);
	} else if (!strcmp(kind, "web") || !strcmp(kind, "chat")) {
		if (!is_url(value))
			row_error(b, "%s: \"%s\" is not a URL", service, value);
	}
}

/* holidays.csv: the England and Wales bank holidays, one real date a row, no date twice. */
static void
load_holidays(struct build *b)
{
	static const char *const cols[] = { "date", "name", NULL };
	struct sp_holidays seen = { 0 };
	struct sp_csv csv;
	sqlite3_stmt *st;

	if (!open_source(b, "holidays.csv", cols, &csv, 1))
		return;
	st = prepare(b, "INSERT INTO holiday (date, name) VALUES (?1, ?2)");
	for (size_t i = 0; st && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];
		long date;
		enum sp_status rc;

		b->record = r->record;
		if (!sp_parse_date(field(r, 0), &date)) {
			row_error(b, "\"%s\" is not a date (YYYY-MM-DD, a day that exists)",
			          field(r, 0));
			continue;
		}
		if (!*field(r, 1)) {
			row_error(b, "%s: a holiday needs its name", field(r, 0));
			continue;
		}
		if ((rc = sp_holidays_add(&seen, date)) == SP_ERR_DATA) {
			row_error(b, "%s is listed twice", field(r, 0));
			continue;
		}
		if (rc != SP_OK) {
			b->report->out_of_memory = 1;
			break;
		}
		bind_opt(st, 1, field(r, 0));
		bind_opt(st, 2, field(r, 1));
		if (step_done(b, st))
			b->nholidays++;
	}
	sqlite3_finalize(st);
	sp_holidays_clear(&seen);
	sp_csv_free(&csv);
}

/* Whether a contact row is a public line (phone, text, chat) of an active public service:
 * such a line must carry its hours. *note_says_hours: the service's source_note mentions
 * hours, which is where the reason for "unknown" hours is written. */
static int
is_public_live_line(struct build *b, const char *service, const char *kind, const char *audience,
                    int *note_says_hours)
{
	sqlite3_stmt *st;
	int live = 0;

	*note_says_hours = 0;
	if (strcmp(audience, "public") != 0 ||
	    (strcmp(kind, "phone") != 0 && strcmp(kind, "text") != 0 && strcmp(kind, "chat") != 0))
		return 0;
	if (!(st = prepare(b, "SELECT status = 'active' AND audience = 'public',"
	                      " lower(coalesce(source_note, '')) LIKE '%hours%'"
	                      " FROM service WHERE id = ?1")))
		return 0;
	sqlite3_bind_text(st, 1, service, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		live = sqlite3_column_int(st, 0);
		*note_says_hours = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return live;
}

static void
load_contacts(struct build *b)
{
	static const char *const cols[] = { "service", "kind", "value", "label", "audience",
		"hours", "verification", NULL };
	static const char *const kinds[] = { "phone", "email", "web", "text", "chat", NULL };
	static const char *const audiences[] = { "public", "professional", NULL };
	static const char *const verifications[] = { "verified", "unverified", NULL };
	struct sp_csv csv;
	sqlite3_stmt *st, *hours_st;

	if (!open_source(b, "contacts.csv", cols, &csv, 0))
		return;
	st = prepare(b, "INSERT INTO contact (service, position, kind, value, label, audience,"
		" hours, verification) SELECT s.rowid,"
		" (SELECT count(*) FROM contact c WHERE c.service = s.rowid) + 1,"
		" ?2, ?3, ?4, ?5, ?6, ?7 FROM service s WHERE s.id = ?1");
	hours_st = prepare(b, "INSERT INTO contact_hours (contact, day, open_min, close_min)"
		" VALUES (?4, ?1, ?2, ?3)");
	for (size_t i = 0; st && hours_st && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];
		const char *service = field(r, 0), *kind = field(r, 1), *value = field(r, 2);
		struct sp_hours hours = { 0 };
		sqlite3_int64 contact;
		char *why = NULL;
		int unknown, note_says_hours;

		b->record = r->record;
		if (!one_of(kind, kinds))
			row_error(b, "%s: kind must be phone, email, web, text or chat", service);
		else
			check_contact_value(b, service, kind, value);
		if (!one_of(field(r, 4), audiences))
			row_error(b, "%s: audience must be public or professional", service);
		if (!one_of(field(r, 6), verifications))
			row_error(b, "%s: verification must be verified or unverified", service);
		unknown = strcmp(field(r, 5), "unknown") == 0;
		if (is_public_live_line(b, service, kind, field(r, 4), &note_says_hours)) {
			if (!*field(r, 5))
				row_error(b, "%s: public %s line %s has no hours: write them, or \"unknown\""
				          " with the reason in the service's source_note", service, kind, value);
			else if (unknown && !note_says_hours)
				row_error(b, "%s: hours of %s are \"unknown\" but the service's source_note"
				          " does not say why (it should mention the hours)", service, value);
		}
		if (*field(r, 5) && !unknown && sp_hours_parse(field(r, 5), &hours, &why) != SP_OK) {
			row_error(b, "%s: %s", service, why ? why : "out of memory");
			free(why);
		} else if (hours.ph_rule && b->nholidays == 0) {
			row_error(b, "%s: hours \"%s\" name PH but there is no holiday data"
			          " (holidays.csv)", service, field(r, 5));
		}
		for (int c = 0; c < 7; c++)
			bind_opt(st, c + 1, field(r, c));
		if (unknown)
			sqlite3_bind_null(st, 6);
		if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(b->db) != 1) {
			row_error(b, "contact for unknown service \"%s\"", service);
			sqlite3_reset(st);
			sp_hours_clear(&hours);
			continue;
		}
		sqlite3_reset(st);
		contact = sqlite3_last_insert_rowid(b->db);
		for (size_t h = 0; h < hours.count; h++) {
			sqlite3_bind_int64(hours_st, 4, contact);
			sqlite3_bind_int(hours_st, 1, hours.slots[h].day);
			sqlite3_bind_int(hours_st, 2, hours.slots[h].open_min);
			sqlite3_bind_int(hours_st, 3, hours.slots[h].close_min);
			step_done(b, hours_st);
		}
		sp_hours_clear(&hours);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(hours_st);
	sp_csv_free(&csv);
}

/* A table whose rows go in as they stand after a few checks: definitions, glossary,
 * pathways, synonyms, facts, translations. */
struct plain_table {
	const char *file;
	const char *const *columns;
	const char *sql;
	int optional;
	void (*check)(struct build *b, const struct sp_csv_row *r);
};

static void
check_definition(struct build *b, const struct sp_csv_row *r)
{
	if (!is_slug(field(r, 0)))
		row_error(b, "id \"%s\" is not a lower-case slug", field(r, 0));
	if (!*field(r, 1) || !*field(r, 5))
		row_error(b, "%s: a definition needs a term and a plain summary", field(r, 0));
}

static void
check_glossary(struct build *b, const struct sp_csv_row *r)
{
	if (!*field(r, 0) || !*field(r, 1))
		row_error(b, "a glossary entry needs a term and its expansion");
}

static void
check_pathway(struct build *b, const struct sp_csv_row *r)
{
	char *end;

	if (!is_slug(field(r, 0)))
		row_error(b, "id \"%s\" is not a lower-case slug", field(r, 0));
	strtol(field(r, 1), &end, 10);
	if (!*field(r, 1) || *end)
		row_error(b, "%s: position must be a whole number", field(r, 0));
	if (!*field(r, 2) || !*field(r, 4))
		row_error(b, "%s: a pathway needs a title and an action", field(r, 0));
}

static void
check_synonym(struct build *b, const struct sp_csv_row *r)
{
	if (!*field(r, 0))
		row_error(b, "empty word");
	if (sp_profile_from_id(field(r, 1)) == SP_PROFILE_COUNT)
		row_error(b, "\"%s\": unknown profile \"%s\"", field(r, 0), field(r, 1));
}

/* db/translations/synonyms/<lang>.csv: a language's everyday and inflected words for a
 * profile ("nękanie", "nękania": stalking), searched only when that language is chosen. */
static void
check_synonym_lang(struct build *b, const struct sp_csv_row *r)
{
	const char *base = strrchr(b->csv->path, '/');

	check_synonym(b, r);
	base = base ? base + 1 : b->csv->path;
	if (!is_language(field(r, 2)) || strncmp(base, field(r, 2), strlen(field(r, 2))) != 0 ||
	    strcmp(base + strlen(field(r, 2)), ".csv") != 0)
		row_error(b, "lang \"%s\" does not match the file name %s", field(r, 2), base);
}

static void
check_fact(struct build *b, const struct sp_csv_row *r)
{
	char *end;

	if (!is_slug(field(r, 0)) || !is_slug(field(r, 1)))
		row_error(b, "id and chart must be lower-case slugs");
	strtod(field(r, 3), &end);
	if (!*field(r, 3) || *end)
		row_error(b, "%s: value \"%s\" is not a number", field(r, 0), field(r, 3));
}

static void
check_chart(struct build *b, const struct sp_csv_row *r)
{
	if (!is_slug(field(r, 0)) || !*field(r, 1))
		row_error(b, "a chart needs a slug id and a title");
}

static void
check_quiz(struct build *b, const struct sp_csv_row *r)
{
	int options = 1;
	char *end;
	long answer = strtol(field(r, 4), &end, 10);

	for (const char *p = field(r, 3); *p; p++)
		options += *p == ';';
	if (!is_slug(field(r, 0)))
		row_error(b, "id \"%s\" is not a lower-case slug", field(r, 0));
	if (!*field(r, 2) || !*field(r, 5))
		row_error(b, "%s: a question needs its scenario and an explanation", field(r, 0));
	if (options < 2)
		row_error(b, "%s: at least two answers, separated by ;", field(r, 0));
	if (*end || answer < 1 || answer > options)
		row_error(b, "%s: answer must be the number of one of the %d answers", field(r, 0),
		          options);
}

static void
check_translation(struct build *b, const struct sp_csv_row *r)
{
	static const char *const fields[] = { "service.description", "service.eligibility",
		"service.subtitle", "contact.label", "definition.term", "definition.summary",
		"glossary.explanation", NULL };
	char which[64];
	const char *base = strrchr(b->csv->path, '/');

	snprintf(which, sizeof which, "%s.%s", field(r, 0), field(r, 2));
	if (!one_of(which, fields))
		row_error(b, "\"%s\" cannot be translated (only service.description,"
		          " service.eligibility, service.subtitle, contact.label, definition.term,"
		          " definition.summary, glossary.explanation)", which);
	/* db/translations/pl.csv holds Polish only. */
	base = base ? base + 1 : b->csv->path;
	if (strncmp(base, field(r, 3), strlen(field(r, 3))) != 0 ||
	    strcmp(base + strlen(field(r, 3)), ".csv") != 0)
		row_error(b, "lang \"%s\" does not match the file name %s", field(r, 3), base);
	if (!is_language(field(r, 3)))
		row_error(b, "lang \"%s\" is not an ISO 639 code", field(r, 3));
	if (!*field(r, 4))
		row_error(b, "empty translation");
}

static const char *const definition_cols[] = { "id", "term", "act", "section", "legal_text",
	"summary", "source", NULL };
static const char *const glossary_cols[] = { "term", "expansion", "explanation", NULL };
static const char *const pathway_cols[] = { "id", "position", "title", "condition", "action",
	"consent", "notes", NULL };
static const char *const synonym_cols[] = { "word", "profile", NULL };
static const char *const synonym_lang_cols[] = { "word", "profile", "lang", NULL };
static const char *const fact_cols[] = { "id", "chart", "label", "value", "unit", "period",
	"source", NULL };
static const char *const chart_cols[] = { "id", "title", "note", NULL };
static const char *const quiz_cols[] = { "id", "position", "scenario", "options", "answer",
	"explanation", "services", NULL };
static const char *const translation_cols[] = { "tbl", "id", "field", "lang", "text", NULL };

static const struct plain_table plain_tables[] = {
	{ "definitions.csv", definition_cols,
	  "INSERT INTO definition (id, term, act, section, legal_text, summary, source, position)"
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", 0, check_definition },
	{ "glossary.csv", glossary_cols,
	  "INSERT INTO glossary (term, expansion, explanation) VALUES (?1, ?2, ?3)", 0,
	  check_glossary },
	{ "pathways.csv", pathway_cols,
	  "INSERT INTO pathway (id, position, title, condition, action, consent, notes)"
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", 0, check_pathway },
	{ "synonyms.csv", synonym_cols,
	  "INSERT INTO synonym (word, profile) VALUES (lower(?1), ?2)", 0, check_synonym },
	{ "charts.csv", chart_cols,
	  "INSERT INTO chart (id, title, note, position) VALUES (?1, ?2, ?3, ?4)", 0, check_chart },
	{ "quiz.csv", quiz_cols,
	  "INSERT INTO quiz (id, position, scenario, options, answer, explanation, services)"
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", 0, check_quiz },
	{ "facts.csv", fact_cols,
	  "INSERT INTO fact (id, chart, label, value, unit, period, source, position)"
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", 0, check_fact },
};

static const struct plain_table translation_table = {
	NULL, translation_cols,
	"INSERT INTO translation (tbl, id, field, lang, text) VALUES (?1, ?2, ?3, ?4, ?5)", 0,
	check_translation,
};

static const struct plain_table synonym_lang_table = {
	NULL, synonym_lang_cols,
	"INSERT INTO synonym (word, profile, lang) VALUES (lower(?1), ?2, ?3)", 0,
	check_synonym_lang,
};

static void
load_plain_file(struct build *b, const struct plain_table *t, const char *file)
{
	struct sp_csv csv;
	sqlite3_stmt *st;
	int ncols = 0;

	while (t->columns[ncols])
		ncols++;
	if (!open_source(b, file, t->columns, &csv, t->optional))
		return;
	st = prepare(b, t->sql);
	for (size_t i = 0; st && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];

		b->record = r->record;
		t->check(b, r);
		for (int c = 0; c < ncols; c++)
			bind_opt(st, c + 1, field(r, c));
		/* Rows keep the file's order (definitions' teaching order, charts' bars). */
		if (sqlite3_bind_parameter_count(st) > ncols)
			sqlite3_bind_int64(st, ncols + 1, (sqlite3_int64) i + 1);
		step_done(b, st);
	}
	sqlite3_finalize(st);
	sp_csv_free(&csv);
}

static void
load_plain(struct build *b, const struct plain_table *t)
{
	load_plain_file(b, t, t->file);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* db/translations/<lang>.csv, one file per language, in name order (and likewise
 * db/translations/synonyms/<lang>.csv). */
static void
load_lang_files(struct build *b, const char *sub, const struct plain_table *table)
{
	char *dir = sp_asprintf("%s/%s", b->src_dir, sub), **names = NULL;
	size_t n = 0;
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *e;

	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char **grown;

		if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0 || e->d_name[0] == '.')
			continue;
		if (!(grown = sp_reallocarray(names, n + 1, sizeof *grown)) ||
		    !(grown[n] = sp_asprintf("%s/%s", sub, e->d_name))) {
			if (grown)
				names = grown;
			b->report->out_of_memory = 1;
			break;
		}
		names = grown;
		n++;
	}
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof *names, compare_names);
	for (size_t i = 0; i < n; i++) {
		load_plain_file(b, table, names[i]);
		free(names[i]);
	}
	free(names);
	free(dir);
}

static void
load_translations(struct build *b)
{
	load_lang_files(b, "translations", &translation_table);
	load_lang_files(b, "translations/synonyms", &synonym_lang_table);
}

/* Appends the folded form of text to buf, space-separated. */
static void
put_folded(struct build *b, struct sp_buf *buf, const char *text)
{
	char *folded = NULL;

	if (!text || !*text)
		return;
	if (sp_fold_utf8(b->fold, text, &folded) != SP_OK) {
		b->report->out_of_memory = 1;
		return;
	}
	if (*folded) {
		if (buf->len)
			sp_buf_putc(buf, ' ');
		sp_buf_puts(buf, folded);
	}
	free(folded);
}

static char *
column_list(struct build *b, sqlite3_stmt *st, int col)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	while (sqlite3_step(st) == SQLITE_ROW)
		put_folded(b, &buf, (const char *) sqlite3_column_text(st, col));
	sqlite3_reset(st);
	return sp_buf_take(&buf);
}

/* fold(text) in SQL, the search folding of src/core/fold.c. */
static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct sp_fold *fold = sqlite3_user_data(ctx);
	const unsigned char *text = sqlite3_value_text(argv[0]);
	char *out = NULL;

	(void) argc;
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	if (sp_fold_utf8(fold, (const char *) text, &out) != SP_OK) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, out, -1, free);
}

/* fold_latin(text) in SQL: the Latin-letter form of Cyrillic text, "" for Latin text. */
static void
sql_fold_latin(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	char *out = NULL;

	(void) argc;
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	if (sp_fold_latin_utf8(sqlite3_user_data(ctx), (const char *) text, &out) != SP_OK) {
		sqlite3_result_error(ctx, "fold_latin failed", -1);
		return;
	}
	sqlite3_result_text(ctx, out, -1, free);
}

/* Fills service_fts with folded text: name and organisation, keywords (profile tags and
 * every everyday word that leads to them, the area), and the body (description and
 * eligibility); translation_fts with each language's translations. */
static void
index_services(struct build *b)
{
	sqlite3_create_function(b->db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, b->fold,
	                        sql_fold, NULL, NULL);
	sqlite3_create_function(b->db, "fold_latin", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                        b->fold, sql_fold_latin, NULL, NULL);
	sqlite3_stmt *svc = prepare(b,
		"SELECT s.rowid, s.id, s.name, o.name, s.description, s.eligibility, s.area,"
		" s.profile_mask FROM service s JOIN organisation o ON o.id = s.organisation");
	sqlite3_stmt *syn = prepare(b, "SELECT word FROM synonym WHERE profile = ?1 AND lang = ''");
	/* A language's own synonyms join its translations in one row of translation_fts, so a
	 * query may mix a synonym with a word of the description. */
	int temp_ok = sqlite3_exec(b->db, "CREATE TEMP TABLE service_words (service INTEGER,"
	                           " lang TEXT, text TEXT)", NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_stmt *syn_lang = temp_ok ? prepare(b,
		"INSERT INTO temp.service_words SELECT ?1, lang, word FROM synonym"
		" WHERE profile = ?2 AND lang <> ''") : NULL;
	sqlite3_stmt *tr = prepare(b,
		"INSERT INTO translation_fts (service, lang, body)"
		" SELECT service, lang, group_concat(fold(text) || ' ' || fold_latin(text), ' ') FROM ("
		"  SELECT s.rowid AS service, t.lang AS lang, t.text AS text FROM translation t"
		"  JOIN service s ON s.id = t.id WHERE t.tbl = 'service'"
		"  UNION ALL SELECT service, lang, text FROM temp.service_words)"
		" GROUP BY service, lang");
	sqlite3_stmt *ins = prepare(b,
		"INSERT INTO service_fts (rowid, name, keywords, body) VALUES (?1, ?2, ?3, ?4)");

	while (svc && syn && tr && ins && sqlite3_step(svc) == SQLITE_ROW) {
		struct sp_buf name, keywords, body;
		unsigned mask = (unsigned) sqlite3_column_int64(svc, 7);
		char *words;

		sp_buf_init(&name);
		sp_buf_init(&keywords);
		sp_buf_init(&body);
		sp_buf_puts(&name, "");
		sp_buf_puts(&keywords, "");
		sp_buf_puts(&body, "");
		put_folded(b, &name, (const char *) sqlite3_column_text(svc, 2));
		put_folded(b, &name, (const char *) sqlite3_column_text(svc, 3));
		put_folded(b, &keywords, (const char *) sqlite3_column_text(svc, 6));
		for (int p = 0; p < SP_PROFILE_COUNT; p++) {
			if (!(mask & (1u << p)))
				continue;
			put_folded(b, &keywords, sp_profile_id((enum sp_profile) p));
			sqlite3_bind_text(syn, 1, sp_profile_id((enum sp_profile) p), -1, SQLITE_STATIC);
			if ((words = column_list(b, syn, 0))) {
				put_folded(b, &keywords, words);
				free(words);
			}
			sqlite3_bind_int64(syn_lang, 1, sqlite3_column_int64(svc, 0));
			sqlite3_bind_text(syn_lang, 2, sp_profile_id((enum sp_profile) p), -1,
			                  SQLITE_STATIC);
			if (syn_lang && sqlite3_step(syn_lang) != SQLITE_DONE)
				sp_report_error(b->report, "synonym index: %s", sqlite3_errmsg(b->db));
			sqlite3_reset(syn_lang);
		}
		put_folded(b, &body, (const char *) sqlite3_column_text(svc, 4));
		put_folded(b, &body, (const char *) sqlite3_column_text(svc, 5));
		if (name.failed || keywords.failed || body.failed)
			b->report->out_of_memory = 1;
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(svc, 0));
		sqlite3_bind_text(ins, 2, name.data, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, keywords.data, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 4, body.data, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			sp_report_error(b->report, "search index: %s", sqlite3_errmsg(b->db));
		sqlite3_reset(ins);
		sp_buf_free(&name);
		sp_buf_free(&keywords);
		sp_buf_free(&body);
	}
	/* Each language's translations in their own rows (translation_fts). */
	if (tr && sqlite3_step(tr) != SQLITE_DONE)
		sp_report_error(b->report, "translation index: %s", sqlite3_errmsg(b->db));
	sqlite3_finalize(svc);
	sqlite3_finalize(syn);
	sqlite3_finalize(syn_lang);
	sqlite3_finalize(tr);
	sqlite3_finalize(ins);
}

/*
 * Lists, per language, what a member of the public reads that has no translation yet: a
 * public service's description, eligibility and "what it is" line (service.subtitle, whose
 * English is in translations/en.csv), a public contact's label, a definition's heading and
 * summary, a glossary explanation. Warnings, so a new entry can be built before it is
 * translated; `signpost-admin check` shows them.
 */
static void
report_untranslated(struct build *b)
{
	sqlite3_stmt *st = prepare(b,
		"WITH wanted (tbl, id, field) AS ("
		"  SELECT 'service', id, 'description' FROM service WHERE audience = 'public'"
		"  UNION ALL SELECT 'service', id, 'eligibility' FROM service"
		"   WHERE audience = 'public' AND coalesce(eligibility, '') <> ''"
		"  UNION ALL SELECT 'service', id, 'subtitle' FROM service WHERE audience = 'public'"
		"  UNION ALL SELECT 'contact', s.id || '#' || c.position, 'label' FROM contact c"
		"   JOIN service s ON s.rowid = c.service"
		"   WHERE c.audience = 'public' AND s.audience = 'public'"
		"   AND coalesce(c.label, '') <> ''"
		"  UNION ALL SELECT 'definition', id, 'term' FROM definition"
		"  UNION ALL SELECT 'definition', id, 'summary' FROM definition"
		"  UNION ALL SELECT 'glossary', term, 'explanation' FROM glossary"
		"   WHERE coalesce(explanation, '') <> '')"
		" SELECT l.lang, count(*), group_concat(w.tbl || ' ' || w.id || ' ' || w.field, '; ')"
		" FROM (SELECT DISTINCT lang FROM translation UNION SELECT 'en') l JOIN wanted w"
		"  ON (l.lang <> 'en' OR w.field = 'subtitle')"
		" WHERE NOT EXISTS (SELECT 1 FROM translation t WHERE t.tbl = w.tbl AND t.id = w.id"
		"  AND t.field = w.field AND t.lang = l.lang)"
		" GROUP BY l.lang ORDER BY l.lang");

	while (st && sqlite3_step(st) == SQLITE_ROW)
		sp_report_warn(b->report, "translations/%s.csv: %d untranslated: %s",
		               (const char *) sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
		               (const char *) sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
}

/* Fills term_fts so staff can look up definitions and acronyms by any of their words (a
 * definition also by its translated headings: "przemoc domowa"). */
static void
index_terms(struct build *b)
{
	sqlite3_stmt *src = prepare(b,
		"SELECT id, 'definition', id || ' ' || term || ' ' || coalesce(act, '') || ' '"
		" || coalesce(section, '') || ' ' || coalesce((SELECT group_concat(t.text, ' ')"
		"  FROM translation t WHERE t.tbl = 'definition' AND t.id = definition.id"
		"  AND t.field = 'term'), '') FROM definition"
		" UNION ALL SELECT term, 'glossary', term || ' ' || expansion FROM glossary");
	sqlite3_stmt *ins = prepare(b,
		"INSERT INTO term_fts (term, kind, words) VALUES (?1, ?2, ?3)");

	while (src && ins && sqlite3_step(src) == SQLITE_ROW) {
		char *folded = NULL;

		if (sp_fold_utf8(b->fold, (const char *) sqlite3_column_text(src, 2), &folded) !=
		    SP_OK) {
			b->report->out_of_memory = 1;
			break;
		}
		sqlite3_bind_text(ins, 1, (const char *) sqlite3_column_text(src, 0), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, (const char *) sqlite3_column_text(src, 1), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, folded, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			sp_report_error(b->report, "term index: %s", sqlite3_errmsg(b->db));
		sqlite3_reset(ins);
		free(folded);
	}
	sqlite3_finalize(src);
	sqlite3_finalize(ins);
}


enum sp_status
sp_build_load(sqlite3 *db, const char *src_dir, struct sp_report *report)
{
	struct build b = { .db = db, .src_dir = src_dir, .report = report };
	char *schema_path = sp_asprintf("%s/schema.sql", src_dir), *schema = NULL, *err = NULL;
	size_t schema_len;
	char *why = NULL;
	sqlite3_stmt *meta;
	enum sp_status rc;

	if (!schema_path)
		return SP_ERR_NOMEM;
	if (sp_keys_read_file(schema_path, (unsigned char **) &schema, &schema_len, &why) != SP_OK) {
		sp_report_error(report, "%s", why ? why : "out of memory");
		free(why);
		free(schema_path);
		return SP_ERR_IO;
	}
	free(schema_path);
	if (sqlite3_exec(db, schema, NULL, NULL, &err) != SQLITE_OK) {
		sp_report_error(report, "schema.sql: %s", err ? err : "failed");
		sqlite3_free(err);
		free(schema);
		return SP_ERR_DATA;
	}
	free(schema);
	if ((rc = sp_fold_new(&b.fold)) != SP_OK)
		return rc;
	sqlite3_exec(db, "PRAGMA foreign_keys = ON; BEGIN", NULL, NULL, NULL);
	load_organisations(&b);
	load_services(&b);
	load_holidays(&b);
	load_contacts(&b);
	for (size_t i = 0; i < sizeof plain_tables / sizeof plain_tables[0]; i++)
		load_plain(&b, &plain_tables[i]);
	load_translations(&b);
	report_untranslated(&b);
	index_services(&b);
	index_terms(&b);
	if ((meta = prepare(&b, "INSERT INTO meta (key, value) VALUES (?1, ?2)"))) {
		const char *rows[][2] = { { "fold_rules", SP_FOLD_RULES },
			{ "icu_version", U_ICU_VERSION }, { "source", src_dir } };

		for (size_t i = 0; i < 3; i++) {
			sqlite3_bind_text(meta, 1, rows[i][0], -1, SQLITE_STATIC);
			sqlite3_bind_text(meta, 2, rows[i][1], -1, SQLITE_STATIC);
			sqlite3_step(meta);
			sqlite3_reset(meta);
		}
		sqlite3_finalize(meta);
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
		sp_report_error(report, "%s", err ? err : "commit failed");
		sqlite3_free(err);
	}
	if (sqlite3_exec(db, "PRAGMA foreign_key_check", NULL, NULL, NULL) != SQLITE_OK)
		sp_report_error(report, "foreign keys: %s", sqlite3_errmsg(db));
	sp_fold_free(b.fold);
	if (report->out_of_memory)
		return SP_ERR_NOMEM;
	return report->nerrors ? SP_ERR_DATA : SP_OK;
}

enum sp_status
sp_build_file(const char *src_dir, const char *out_path, const char *today,
              struct sp_report *report)
{
	char *tmp = sp_asprintf("%s.tmp", out_path);
	sqlite3 *db = NULL;
	enum sp_status rc;

	if (!tmp)
		return SP_ERR_NOMEM;
	unlink(tmp);
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		sp_report_error(report, "%s: %s", tmp, db ? sqlite3_errmsg(db) : "cannot create");
		sqlite3_close(db);
		free(tmp);
		return SP_ERR_IO;
	}
	sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL);
	rc = sp_build_load(db, src_dir, report);
	if (rc == SP_OK || rc == SP_ERR_DATA)
		sp_check_directory(db, src_dir, today, report);
	if (report->nerrors && rc == SP_OK)
		rc = SP_ERR_DATA;
	if (rc == SP_OK && sqlite3_exec(db, "VACUUM", NULL, NULL, NULL) != SQLITE_OK) {
		sp_report_error(report, "VACUUM: %s", sqlite3_errmsg(db));
		rc = SP_ERR_IO;
	}
	sqlite3_close(db);
	if (rc == SP_OK) {
		struct sp_directory *check = NULL;
		char *detail = NULL;
		enum sp_status open_rc = sp_directory_open(&check, tmp, NULL, &detail);

		if (open_rc != SP_OK) {
			sp_report_error(report, "the built file does not open: %s (%s)",
			                sp_status_key(open_rc), detail ? detail : "");
			rc = open_rc;
		}
		sp_directory_free(check);
		free(detail);
	}
	if (rc == SP_OK && rename(tmp, out_path) != 0) {
		sp_report_error(report, "%s: %s", out_path, strerror(errno));
		rc = SP_ERR_IO;
	}
	if (rc != SP_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* Open Referral UK 3.0 JSON -> the rows of organisations.csv, services.csv and contacts.csv:
 * one "service with full details" object a record. Unknown fields are ignored; a record that
 * cannot be read is reported with its position (import.c decides: skipped, or with --strict
 * the whole import refused). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "admin/import_private.h"
#include "admin/phone.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/taxonomy.h"

#define MAX_SPANS 16
#define PH_DAY SP_HOURS_PH

static const char *const weekdays[] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
static const char *const day_names[] = { "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

/* A member that must be a string when present: NULL when absent, null or "", else the text. */
static const char *
text_of(struct import *im, json_t *object, const char *key)
{
	json_t *v = json_object_get(object, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		import_bad(im, "\"%s\" is not a string", key);
		return NULL;
	}
	return *json_string_value(v) ? json_string_value(v) : NULL;
}

/* A member that must be an array when present (NULL when absent or null). */
static json_t *
array_of(struct import *im, json_t *object, const char *key)
{
	json_t *v = json_object_get(object, key);

	if (v && !json_is_null(v) && !json_is_array(v)) {
		import_bad(im, "\"%s\" is not an array", key);
		return NULL;
	}
	return json_is_array(v) ? v : NULL;
}

/* The opening hours of one line, as the schedules give them: spans of each weekday (1-7) and
 * of public holidays (PH_DAY). */
struct line_hours {
	int open[PH_DAY + 1][MAX_SPANS], close[PH_DAY + 1][MAX_SPANS];
	size_t n[PH_DAY + 1];
	bool ph_rule;     /* public holidays named (no spans: closed) */
	bool structured;  /* some schedule gave days and times */
	bool text_only;   /* a schedule said something, but not in days and times */
	const char *said; /* the first schedule's description: its wording may be kept */
};

/* "09:00", "09:00:00" or "09:00:00Z" -> minutes; -1 if malformed. */
static int
minutes_of(const char *t)
{
	int h, m, used = 0;

	if (!t || sscanf(t, "%2d:%2d%n", &h, &m, &used) != 2 || used != 5 || h > 24 || m > 59 ||
	    (h == 24 && m))
		return -1;
	return h * 60 + m;
}

/* A span to day d (1-7, PH_DAY) of h; false if there are too many. */
static bool
add_span(struct line_hours *h, int d, int open, int close)
{
	if (h->n[d] >= MAX_SPANS)
		return false;
	/* 00:00-00:00 is the whole day; a close at or before the opening is past midnight. */
	if (close <= open)
		close += SP_MINUTES_PER_DAY;
	h->open[d][h->n[d]] = open;
	h->close[d][h->n[d]++] = close;
	return true;
}

static bool
valid_today(struct import *im, json_t *s)
{
	const char *from = text_of(im, s, "valid_from"), *to = text_of(im, s, "valid_to");
	const char *today = im->options->today;

	return !((from && strncmp(from, today, 10) > 0) || (to && strncmp(to, today, 10) < 0));
}

/* Adds schedule `s` (number `index`, 1-based, for messages) to h. */
static void
add_schedule(struct import *im, json_t *s, size_t index, struct line_hours *h)
{
	const char *freq, *byday, *link, *opens, *closes, *desc;
	int open, close;
	bool ph;

	if (!json_is_object(s)) {
		import_bad(im, "schedule %zu is not an object", index);
		return;
	}
	freq = text_of(im, s, "freq");
	byday = text_of(im, s, "byday");
	link = text_of(im, s, "schedule_link_type");
	opens = text_of(im, s, "opens_at");
	closes = text_of(im, s, "closes_at");
	desc = text_of(im, s, "description");
	if (!valid_today(im, s))
		return;
	if (freq && strcasecmp(freq, "WEEKLY") != 0) {
		sp_report_warn_at(im->report, im->file, im->line,
		                  "record %zu: schedule %zu repeats %s, which signpost cannot show;"
		                  " left out",
		                  im->record, index, freq);
		return;
	}
	if (!h->said)
		h->said = desc;
	ph = (link && !strcmp(link, "public_holidays")) || (byday && !strcmp(byday, "PH"));
	if (!opens && !closes) {
		if (ph)
			h->ph_rule = h->structured = true;
		else
			h->text_only = true;
		return;
	}
	open = minutes_of(opens);
	close = minutes_of(closes);
	if (open < 0 || close < 0 || open == SP_MINUTES_PER_DAY) {
		import_bad(im, "schedule %zu: opens_at and closes_at must be times HH:MM", index);
		return;
	}
	if (close == SP_MINUTES_PER_DAY)
		close = 0;
	h->structured = true;
	if (ph) {
		h->ph_rule = true;
		if (!add_span(h, PH_DAY, open, close))
			import_bad(im, "schedule %zu: too many opening times", index);
		return;
	}
	if (!byday) {
		import_bad(im, "schedule %zu: a weekly schedule names its days (byday)", index);
		return;
	}
	for (const char *p = byday; *p;) {
		size_t n = strcspn(p, ",");
		int d = 1;

		while (n && p[0] == ' ')
			p++, n--;
		while (d <= 7 &&
		       !(n >= 2 && !strncmp(p, weekdays[d], 2) && strspn(p + 2, " ") == n - 2))
			d++;
		if (d > 7) {
			import_bad(im, "schedule %zu: byday \"%.20s\" is not a list of MO..SU",
			           index, byday);
			return;
		}
		if (!add_span(h, d, open, close)) {
			import_bad(im, "schedule %zu: too many opening times", index);
			return;
		}
		p += n + (p[n] == ',');
	}
}

static int
compare_ints(const void *a, const void *b)
{
	return *(const int *) a - *(const int *) b;
}

/* Sorts a day's spans by opening and merges the ones that overlap. */
static void
tidy_day(struct line_hours *h, int d)
{
	int pairs[MAX_SPANS][2];
	size_t n = h->n[d], out = 0;

	for (size_t i = 0; i < n; i++)
		pairs[i][0] = h->open[d][i], pairs[i][1] = h->close[d][i];
	qsort(pairs, n, sizeof pairs[0], compare_ints);
	for (size_t i = 0; i < n; i++) {
		if (out && pairs[i][0] <= h->close[d][out - 1]) {
			if (pairs[i][1] > h->close[d][out - 1])
				h->close[d][out - 1] = pairs[i][1];
			continue;
		}
		h->open[d][out] = pairs[i][0];
		h->close[d][out++] = pairs[i][1];
	}
	h->n[d] = out;
}

static void
put_time(char *buf, size_t cap, int min)
{
	size_t len = strlen(buf);

	snprintf(buf + len, cap - len, "%02d:%02d", min / 60, min % 60);
}

static void
put_spans(char *buf, size_t cap, const struct line_hours *h, int d)
{
	size_t len;

	for (size_t i = 0; i < h->n[d]; i++) {
		int open = h->open[d][i], close = h->close[d][i];

		len = strlen(buf);
		snprintf(buf + len, cap - len, "%s", i ? ", " : "");
		if (open == 0 && close == SP_MINUTES_PER_DAY) {
			len = strlen(buf);
			snprintf(buf + len, cap - len, "24h");
			continue;
		}
		put_time(buf, cap, open);
		len = strlen(buf);
		snprintf(buf + len, cap - len, "-");
		put_time(buf, cap, close > SP_MINUTES_PER_DAY ? close - SP_MINUTES_PER_DAY : close);
	}
}

static bool
same_day(const struct line_hours *h, int a, int b)
{
	return h->n[a] == h->n[b] &&
	       !memcmp(h->open[a], h->open[b], h->n[a] * sizeof h->open[a][0]) &&
	       !memcmp(h->close[a], h->close[b], h->n[a] * sizeof h->close[a][0]);
}

/* The hours in the grammar of db/README.md: "Mon-Fri 09:00-17:00; Sat 10:00-12:00; PH off". */
static void
hours_text(struct line_hours *h, char *buf, size_t cap)
{
	bool always = !h->ph_rule;

	buf[0] = '\0';
	for (int d = 1; d <= PH_DAY; d++)
		tidy_day(h, d);
	for (int d = 1; d <= 7; d++)
		always = always && h->n[d] == 1 && h->open[d][0] == 0 &&
		         h->close[d][0] == SP_MINUTES_PER_DAY;
	if (always) {
		snprintf(buf, cap, "24/7");
		return;
	}
	for (int d = 1; d <= 7;) {
		int last = d;
		size_t len;

		while (last < 7 && same_day(h, d, last + 1))
			last++;
		if (h->n[d]) {
			len = strlen(buf);
			snprintf(buf + len, cap - len, "%s%s%s%s ", *buf ? "; " : "", day_names[d],
			         last > d ? "-" : "", last > d ? day_names[last] : "");
			put_spans(buf, cap, h, d);
		}
		d = last + 1;
	}
	if (h->ph_rule) {
		size_t len = strlen(buf);

		snprintf(buf + len, cap - len, "%sPH %s", *buf ? "; " : "",
		         h->n[PH_DAY] ? "" : "off");
		put_spans(buf, cap, h, PH_DAY);
	}
}

static int
compare_slots(const void *a, const void *b)
{
	const struct sp_hours_slot *x = a, *y = b;

	if (x->day != y->day)
		return x->day - y->day;
	return x->open_min != y->open_min ? x->open_min - y->open_min : x->close_min - y->close_min;
}

static void
sort_slots(struct sp_hours_slot *slots, size_t n)
{
	if (n > 1)
		qsort(slots, n, sizeof *slots, compare_slots);
}

/* Whether two hours texts mean the same spans: the source's own wording is kept when it is
 * signpost's grammar and says what its schedules say. */
static bool
same_hours(const char *a, const char *b)
{
	struct sp_hours x = { 0 }, y = { 0 };
	bool same = false;

	if (sp_hours_parse(a, &x, NULL) == SP_OK && sp_hours_parse(b, &y, NULL) == SP_OK &&
	    x.count == y.count && x.ph_count == y.ph_count && x.ph_rule == y.ph_rule) {
		sort_slots(x.slots, x.count);
		sort_slots(y.slots, y.count);
		sort_slots(x.ph_slots, x.ph_count);
		sort_slots(y.ph_slots, y.ph_count);
		same = (!x.count || !memcmp(x.slots, y.slots, x.count * sizeof *x.slots)) &&
		       (!x.ph_count ||
		        !memcmp(x.ph_slots, y.ph_slots, x.ph_count * sizeof *x.ph_slots));
	}
	sp_hours_clear(&x);
	sp_hours_clear(&y);
	return same;
}

/* "+44 (0)1223 460947" or "01223-460947" -> "01223 460947" (a number that already passes the
 * check is kept as written); anything else as given, for the check to report. */
static void
phone_number(const char *given, char *out, size_t cap)
{
	char d[32];
	size_t n = 0, start = 0;
	bool plus = false;

	snprintf(out, cap, "%s", given);
	if (!sp_phone_check_uk(given))
		return;
	for (const char *p = given; *p && n + 1 < sizeof d; p++) {
		if (*p == '+' && !n)
			plus = true;
		else if (*p >= '0' && *p <= '9')
			d[n++] = *p;
		else if (!strchr(" -().", *p))
			return;
	}
	d[n] = '\0';
	if ((plus && n >= 2 && !memcmp(d, "44", 2)) || (n >= 4 && !memcmp(d, "0044", 4))) {
		start = plus ? 2 : 4;
		if (d[start] == '0')
			start++;
		d[--start] = '0';
	}
	n -= start;
	memmove(d, d + start, n + 1);
	if (n == 6) {
		snprintf(out, cap, "%.3s %s", d, d + 3);
	} else if (n < 6) {
		snprintf(out, cap, "%s", d);
	} else if (d[0] == '0' && d[1] == '2' && n == 11) {
		snprintf(out, cap, "%.3s %.4s %s", d, d + 3, d + 7);
	} else if (d[0] == '0' && d[1] == '1' && (d[2] == '1' || d[3] == '1') && n == 11) {
		snprintf(out, cap, "%.4s %.3s %s", d, d + 4, d + 7);
	} else if (d[0] == '0' && (d[1] == '1' || d[1] == '7') && n >= 10) {
		snprintf(out, cap, "%.5s %s", d, d + 5);
	} else if (n >= 10) {
		snprintf(out, cap, "%.4s %.3s %s", d, d + 4, d + 7);
	} else {
		snprintf(out, cap, "%.4s %s", d, d + 4);
	}
}

/* Whether `list` of attributes holds a term of `vocabulary` with code or name `value`. */
static const char *
term_part(json_t *term, const char *a, const char *b)
{
	json_t *v = json_object_get(term, a);

	if (!json_is_string(v) && b)
		v = json_object_get(term, b);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *
term_vocabulary(json_t *term)
{
	json_t *detail = json_object_get(term, "taxonomy_detail");
	const char *v = json_is_object(detail) ? term_part(detail, "name", NULL) : NULL;

	return v ? v : term_part(term, "taxonomy", "vocabulary");
}

/* The profiles (a bit mask) and audience the attributes' taxonomy terms give. */
static void
read_attributes(struct import *im, json_t *list, unsigned *profiles, bool *professional)
{
	size_t i;
	json_t *a;

	json_array_foreach(list, i, a)
	{
		json_t *term = json_object_get(a, "taxonomy_term");
		const char *vocabulary, *code, *name, *profile;

		if (!json_is_object(term))
			continue;
		vocabulary = term_vocabulary(term);
		code = term_part(term, "code", "id");
		name = term_part(term, "name", "term");
		if (vocabulary && !strcasecmp(vocabulary, "signpost-audience")) {
			*professional = *professional || (code && !strcmp(code, "professional"));
			continue;
		}
		if (profiles && (profile = import_profile_of(im, vocabulary, code, name)))
			*profiles |= 1u << sp_profile_from_id(profile);
	}
}

/* The area of the service areas: the smallest area holding all of them. */
static const char *
read_area(struct import *im, json_t *areas)
{
	enum sp_area common = SP_AREA_NONE;
	size_t i;
	json_t *a;

	json_array_foreach(areas, i, a)
	{
		const char *id = json_is_object(a) ? term_part(a, "id", NULL) : NULL;
		const char *name = json_is_object(a) ? term_part(a, "name", NULL) : NULL;
		const char *known = id ? import_area_of(id) : NULL;
		enum sp_area area, chain[SP_AREA_MAX_DEPTH];
		size_t depth;

		if (!known && !(known = name ? import_area_of(name) : NULL))
			continue;
		area = sp_area_from_id(known);
		if (common == SP_AREA_NONE) {
			common = area;
			continue;
		}
		/* Walk up from `area` until it holds `common`. */
		depth = sp_area_chain(common, chain);
		while (area != SP_AREA_NONE) {
			for (size_t k = 0; k < depth; k++)
				if (chain[k] == area)
					goto found;
			area = sp_area_parent(area);
		}
	found:
		common = area == SP_AREA_NONE ? SP_AREA_NATIONAL : area;
	}
	if (common == SP_AREA_NONE)
		import_bad(im, "no service area signpost knows (its areas are Cambridgeshire,"
		               " Peterborough, their districts, or national)");
	return common == SP_AREA_NONE ? NULL : sp_area_id(common);
}

/* "pl;lt": the languages' ISO 639 codes beyond English. */
static void
read_languages(json_t *list, char *out, size_t cap)
{
	size_t i, len = 0;
	json_t *l;

	out[0] = '\0';
	json_array_foreach(list, i, l)
	{
		const char *code = json_is_object(l) ? term_part(l, "code", NULL) : NULL;
		char c[4];
		size_t n = code ? strlen(code) : 0, k;

		if (n < 2 || n > 3)
			continue;
		for (k = 0; k < n && ((code[k] | 0x20) >= 'a' && (code[k] | 0x20) <= 'z'); k++)
			c[k] = (char) (code[k] | 0x20);
		c[k] = '\0';
		if (k < n || !strcmp(c, "en") || strstr(out, c))
			continue;
		len += (size_t) snprintf(out + len, cap - len, "%s%s", len ? ";" : "", c);
		if (len >= cap) {
			out[0] = '\0';
			return;
		}
	}
}

static void
add_contact(struct import *im, const char *service, const char *kind, const char *value,
            const char *label, bool professional, const char *hours, const char *verification)
{
	char **row = import_row(im, &im->con);

	import_set(im, row, IM_C_SERVICE, service);
	import_set(im, row, IM_C_KIND, kind);
	import_set(im, row, IM_C_VALUE, value);
	import_set(im, row, IM_C_LABEL, label);
	import_set(im, row, IM_C_AUDIENCE, professional ? "professional" : "public");
	import_set(im, row, IM_C_HOURS, hours);
	import_set(im, row, IM_C_VERIFICATION, verification);
}

/* Whether schedule s names phone `number` in its notes (how signpost links the two). */
static bool
names_phone(json_t *s, const char *number)
{
	const char *notes = json_is_object(s) ? term_part(s, "notes", NULL) : NULL;
	char a[32], b[32];

	return notes && number && sp_phone_digits(notes, a, sizeof a) &&
	       sp_phone_digits(number, b, sizeof b) && !strcmp(a, b);
}

static bool
linked_anywhere(json_t *s, json_t *phones)
{
	size_t i;
	json_t *p;

	json_array_foreach(phones, i,
	                   p) if (json_is_object(p) &&
	                          names_phone(s, term_part(p, "number", NULL))) return true;
	return false;
}

/* The phones of a service as contacts, each with the hours of the schedules that name it (or,
 * when none does, of the service's other schedules). *unknown_hours: some line's hours are
 * given only in words. */
static void
read_phones(struct import *im, json_t *svc, const char *id, const char *verification,
            bool *unknown_hours)
{
	json_t *phones = array_of(im, svc, "phones"), *schedules = array_of(im, svc, "schedules");
	size_t i, j;
	json_t *p, *s;

	json_array_foreach(phones, i, p)
	{
		struct line_hours h = { 0 };
		const char *number, *type, *label;
		char value[64], text[512];
		bool professional = false, linked = false;

		if (!json_is_object(p)) {
			import_bad(im, "phone %zu is not an object", i + 1);
			return;
		}
		number = text_of(im, p, "number");
		type = text_of(im, p, "type");
		label = text_of(im, p, "description");
		if (!number) {
			import_bad(im, "phone %zu has no number", i + 1);
			return;
		}
		if (type && !strcasecmp(type, "fax"))
			continue;
		read_attributes(im, array_of(im, p, "attributes"), NULL, &professional);
		json_array_foreach(schedules, j, s) linked = linked || names_phone(s, number);
		json_array_foreach(schedules, j, s)
		{
			if (linked ? names_phone(s, number) : !linked_anywhere(s, phones))
				add_schedule(im, s, j + 1, &h);
		}
		text[0] = '\0';
		if (h.structured) {
			hours_text(&h, text, sizeof text);
			if (h.said && same_hours(h.said, text))
				snprintf(text, sizeof text, "%s", h.said);
		} else if (h.text_only) {
			snprintf(text, sizeof text, "unknown");
			*unknown_hours = true;
		}
		phone_number(number, value, sizeof value);
		add_contact(im, id,
		            type && (!strcasecmp(type, "text") || !strcasecmp(type, "sms")) ?
		                    "text" :
		                    "phone",
		            value, label, professional, text, verification);
	}
}

static const char *
status_of(struct import *im, const char *status)
{
	if (!status)
		import_bad(im, "no status");
	else if (!strcmp(status, "active"))
		return "active";
	else if (!strcmp(status, "inactive") || !strcmp(status, "defunct") ||
	         !strcmp(status, "temporarily closed"))
		return "closed";
	else
		import_bad(im,
		           "status \"%.40s\" is not active, inactive, defunct or temporarily"
		           " closed",
		           status);
	return NULL;
}

static void
set_age(struct import *im, char **row, int col, json_t *svc, const char *key)
{
	json_t *v = json_object_get(svc, key);
	char n[24];

	if (!v || json_is_null(v))
		return;
	if (!json_is_integer(v)) {
		import_bad(im, "\"%s\" is not a whole number", key);
		return;
	}
	snprintf(n, sizeof n, "%lld", (long long) json_integer_value(v));
	import_set(im, row, col, n);
}

/* The organisation of a service: its id (a slug of the given id, else of its name). */
static bool
read_organisation(struct import *im, json_t *svc, char *id, size_t cap)
{
	json_t *org = json_object_get(svc, "organization");
	const char *name, *given, *site;

	if (!json_is_object(org)) {
		import_bad(im, "no organization");
		return false;
	}
	name = text_of(im, org, "name");
	given = text_of(im, org, "id");
	site = text_of(im, org, "website");
	if (!site)
		site = text_of(im, org, "url");
	if (!name || !sp_slug(given ? given : name, id, cap)) {
		import_bad(im, "the organization has no name");
		return false;
	}
	import_organisation(im, id, name, site);
	return true;
}

static void
read_service(struct import *im, json_t *svc)
{
	const char *given_id, *name, *desc, *status, *assured, *modified, *email, *url, *base;
	char id[96], org[96], profiles[256] = "", langs[64], note[512];
	unsigned mask = 0;
	bool professional = false, unknown_hours = false;
	char **row;

	if (!json_is_object(svc)) {
		import_bad(im, "not an object (a service with full details)");
		return;
	}
	given_id = text_of(im, svc, "id");
	name = text_of(im, svc, "name");
	desc = text_of(im, svc, "description");
	assured = text_of(im, svc, "assured_date");
	modified = text_of(im, svc, "last_modified");
	email = text_of(im, svc, "email");
	url = text_of(im, svc, "url");
	if (!given_id || !sp_slug(given_id, id, sizeof id)) {
		import_bad(im, "no id");
		return;
	}
	if (!name || !desc) {
		import_bad(im, "%s: a service needs a name and a description", id);
		return;
	}
	status = status_of(im, text_of(im, svc, "status"));
	if (!assured && !modified)
		import_bad(im, "%s: no assured_date or last_modified (the date it was checked)",
		           id);
	if (!status || im->why || !read_organisation(im, svc, org, sizeof org))
		return;
	if (!(row = import_row(im, &im->svc)))
		return;
	read_attributes(im, array_of(im, svc, "attributes"), &mask, &professional);
	for (int p = 0; p < SP_PROFILE_COUNT; p++)
		if (mask & (1u << p))
			snprintf(profiles + strlen(profiles), sizeof profiles - strlen(profiles),
			         "%s%s", *profiles ? ";" : "", sp_profile_id((enum sp_profile) p));
	read_languages(array_of(im, svc, "languages"), langs, sizeof langs);
	import_set(im, row, IM_S_ID, id);
	import_set(im, row, IM_S_ORG, org);
	import_set(im, row, IM_S_NAME, name);
	import_set(im, row, IM_S_DESC, desc);
	import_set(im, row, IM_S_AREA, read_area(im, array_of(im, svc, "service_areas")));
	import_set(im, row, IM_S_AUDIENCE, professional ? "professional" : "public");
	set_age(im, row, IM_S_AGE_MIN, svc, "minimum_age");
	set_age(im, row, IM_S_AGE_MAX, svc, "maximum_age");
	import_set(im, row, IM_S_PROFILES, profiles);
	import_set(im, row, IM_S_LANGS, langs);
	import_set(im, row, IM_S_ELIG, text_of(im, svc, "eligibility_description"));
	import_set(im, row, IM_S_STATUS, status);
	base = strrchr(im->file, '/');
	base = base ? base + 1 : im->file;
	import_set(im, row, IM_S_SOURCE, base);
	import_set(im, row, IM_S_VERIFIED, assured ? assured : modified);
	if (row[IM_S_VERIFIED] && strlen(row[IM_S_VERIFIED]) > 10)
		row[IM_S_VERIFIED][10] = '\0'; /* the date of a date-time */
	import_set(im, row, IM_S_VERIFICATION, assured ? "verified" : "unverified");
	/* A closed service lists no lines (the data check refuses them): its contacts stay out. */
	if (!strcmp(status, "active")) {
		const char *v = assured ? "verified" : "unverified";

		read_phones(im, svc, id, v, &unknown_hours);
		if (email)
			add_contact(im, id, "email", email, NULL, false, NULL, v);
		if (url)
			add_contact(im, id, "web", url, NULL, false, NULL, v);
	}
	snprintf(note, sizeof note, "Imported from Open Referral UK data (%s)%s", base,
	         unknown_hours ? "; its schedules give some lines' hours only in words, so their"
	                         " hours are unknown" :
	                         "");
	import_set(im, row, IM_S_SOURCE_NOTE, note);
}

enum sp_status
import_oruk_json(struct import *im, const unsigned char *data, size_t len)
{
	json_error_t error;
	json_t *root = json_loadb((const char *) data, len, JSON_REJECT_DUPLICATES, &error), *list;
	size_t i;
	json_t *svc;

	if (!root) {
		sp_report_error_at(im->report, im->file, error.line > 0 ? (size_t) error.line : 0,
		                   "byte %d: not valid JSON: %s", error.position, error.text);
		return SP_ERR_DATA;
	}
	list = json_is_array(root) ? root : json_object_get(root, "contents");
	if (!json_is_array(list)) {
		sp_report_error_at(im->report, im->file, 0,
		                   "not Open Referral UK services: expected an array of services"
		                   " with full details, or a paged response with them in"
		                   " \"contents\"");
		json_decref(root);
		return SP_ERR_DATA;
	}
	json_array_foreach(list, i, svc)
	{
		import_begin(im, i + 1, 0);
		read_service(im, svc);
		import_end(im);
	}
	json_decref(root);
	return im->report->out_of_memory ? SP_ERR_NOMEM : SP_OK;
}

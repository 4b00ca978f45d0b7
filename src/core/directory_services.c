#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "directory.h"
#include "directory_private.h"
#include "fold.h"
#include "mem.h"

/* The services: search, one service with its contacts and their opening hours. */

void
sp_service_clear(struct sp_service *s)
{
	char **fields[] = { &s->id,           &s->name,        &s->organisation,
		            &s->description,  &s->area,        &s->referral,
		            &s->eligibility,  &s->status,      &s->superseded_by,
		            &s->source,       &s->source_note, &s->verified,
		            &s->verification, &s->languages,   &s->risk_levels,
		            &s->subtitle };

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		free(*fields[i]);
	for (size_t i = 0; i < s->ncontacts; i++) {
		struct sp_contact *c = &s->contacts[i];

		free(c->kind);
		free(c->value);
		free(c->label);
		free(c->hours_text);
		sp_hours_clear(&c->hours);
	}
	free(s->contacts);
	memset(s, 0, sizeof *s);
}

void
sp_service_list_clear(struct sp_service_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		sp_service_clear(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

/* Bank holidays (db/holidays.csv), read on first use. A directory built before the holiday
 * table existed has none: then no day is known to be a holiday. */
enum sp_status
sp_dir_load_holidays(struct sp_directory *dir)
{
	sqlite3_stmt *st;
	enum sp_status status = SP_OK;
	int rc;

	if (dir->holidays_loaded)
		return SP_OK;
	if ((rc = sqlite3_prepare_v2(dir->db, "SELECT date FROM holiday ORDER BY date", -1, &st,
	                             NULL)) != SQLITE_OK) {
		if (rc == SQLITE_NOMEM)
			return SP_ERR_NOMEM;
		dir->holidays_loaded = true;
		return SP_OK;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *iso = (const char *) sqlite3_column_text(st, 0);
		long date;

		if (iso && sp_parse_date(iso, &date) &&
		    sp_holidays_add(&dir->holidays, date) == SP_ERR_NOMEM) {
			status = SP_ERR_NOMEM;
			break;
		}
	}
	if (status == SP_OK && rc != SQLITE_DONE)
		status = sp_dir_status(dir, rc);
	sqlite3_finalize(st);
	if (status != SP_OK)
		sp_holidays_clear(&dir->holidays);
	else
		dir->holidays_loaded = true;
	return status;
}

/* A line's hours from the data officer's text (public-holiday rules included) and whether it
 * is open at local `date` and `minute`. Text that does not parse (only an unsigned directory
 * can hold it) leaves the hours unknown: never claimed open. */
static enum sp_status
evaluate_contact(struct sp_directory *dir, struct sp_contact *c, long date, int minute)
{
	struct sp_hours_now now;
	enum sp_status status;

	c->open_now = SP_UNKNOWN;
	if (!c->hours_text)
		return SP_OK;
	status = sp_hours_parse(c->hours_text, &c->hours, NULL);
	if (status == SP_ERR_DATA)
		return SP_OK;
	if (status != SP_OK)
		return status;
	if (c->hours.count == 0 && !c->hours.ph_rule)
		return SP_OK;
	sp_hours_state_at(&c->hours, &dir->holidays, date, minute, &now);
	c->open_now = now.state == SP_HOURS_OPEN   ? SP_YES :
	              now.state == SP_HOURS_CLOSED ? SP_NO :
	                                             SP_UNKNOWN;
	c->has_next_open = now.has_next_open;
	c->next_day = now.next_day;
	c->next_min = now.next_min;
	return SP_OK;
}

enum sp_status
sp_dir_line_now(struct sp_directory *dir, const char *hours_text, long date, int minute,
                enum sp_tristate *open_now, bool *always)
{
	struct sp_contact c = { .hours_text = (char *) hours_text };
	enum sp_status status = evaluate_contact(dir, &c, date, minute);

	*open_now = c.open_now;
	*always = c.hours.count && sp_hours_is_always(&c.hours);
	sp_hours_clear(&c.hours);
	return status;
}

bool
sp_dir_kind_is_live(const char *kind)
{
	return !strcmp(kind, "phone") || !strcmp(kind, "text") || !strcmp(kind, "chat");
}

static enum sp_status
load_contacts(struct sp_directory *dir, sqlite3_int64 rowid, bool staff, long date, int minute,
              struct sp_service *s)
{
	sqlite3_stmt *st = sp_dir_stmt(dir, ST_CONTACTS);
	enum sp_status status = SP_OK;
	bool known_closed = false;
	int rc, failed = 0;

	if (!st)
		return sp_dir_error(dir);
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_int(st, 2, staff);
	sqlite3_bind_text(st, 3, dir->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, s->id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sp_contact *c = sp_array_push(&s->contacts, &s->ncontacts, sizeof *c);

		if (!c) {
			failed = 1;
			break;
		}
		c->kind = sp_dir_col_dup(st, 1, &failed);
		c->value = sp_dir_col_dup(st, 2, &failed);
		c->label = sp_dir_col_dup(st, 3, &failed);
		c->professional = !sp_dir_col_is(st, 4, "public");
		c->hours_text = sp_dir_col_dup(st, 5, &failed);
		c->verified = sp_dir_col_is(st, 6, "verified");
		c->open_now = SP_UNKNOWN;
		if (failed || !c->kind || !c->value)
			break;
	}
	sqlite3_reset(st);
	if (failed)
		status = SP_ERR_NOMEM;
	else if (s->ncontacts &&
	         (!s->contacts[s->ncontacts - 1].kind || !s->contacts[s->ncontacts - 1].value))
		status = SP_ERR_DB_QUERY; /* a line with no kind or number: not a sound directory */
	else if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		status = sp_dir_status(dir, rc);
	for (size_t i = 0; status == SP_OK && i < s->ncontacts; i++) {
		struct sp_contact *c = &s->contacts[i];

		if ((status = evaluate_contact(dir, c, date, minute)) != SP_OK)
			break;
		if (!sp_dir_kind_is_live(c->kind))
			continue;
		if (c->open_now == SP_YES)
			s->open_now = SP_YES;
		known_closed |= c->open_now == SP_NO;
	}
	/* Open if any line is; closed only if one is known closed and none open. */
	if (s->open_now != SP_YES && known_closed)
		s->open_now = SP_NO;
	return status;
}

/* The translation of a service's field into lang in place of *text, which is kept when there
 * is none. */
static enum sp_status
translate(struct sp_directory *dir, const char *id, const char *field, const char *lang,
          char **text)
{
	sqlite3_stmt *st = sp_dir_stmt(dir, ST_TRANSLATION);
	enum sp_status status = SP_OK;
	int rc;

	if (!st)
		return sp_dir_error(dir);
	sqlite3_bind_text(st, 1, "service", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, lang, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		char *t = sp_dir_col_text(st, 0);

		if (t) {
			free(*text);
			*text = t;
		} else {
			status = SP_ERR_NOMEM;
		}
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		status = sp_dir_status(dir, rc);
	}
	sqlite3_reset(st);
	return status;
}

enum sp_status
sp_dir_load_service(struct sp_directory *dir, sqlite3_int64 rowid, bool staff, long date,
                    int minute, struct sp_service *s)
{
	sqlite3_stmt *st = sp_dir_stmt(dir, ST_SERVICE);
	int rc, failed = 0;

	memset(s, 0, sizeof *s);
	if (!st)
		return sp_dir_error(dir);
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, dir->lang, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? SP_ERR_NOT_FOUND : sp_dir_status(dir, rc);
	}
	s->id = sp_dir_col_dup(st, 0, &failed);
	s->name = sp_dir_col_dup(st, 1, &failed);
	s->organisation = sp_dir_col_dup(st, 2, &failed);
	s->description = sp_dir_col_dup(st, 3, &failed);
	s->area = sp_dir_col_dup(st, 4, &failed);
	s->professional_only = !sp_dir_col_is(st, 5, "public");
	s->referral = sp_dir_col_dup(st, 6, &failed);
	s->consent_needed = (enum sp_tristate) sp_dir_col_int_or(st, 7, SP_UNKNOWN);
	s->age_min = sp_dir_col_int_or(st, 8, -1);
	s->age_max = sp_dir_col_int_or(st, 9, -1);
	s->risk_levels = sp_dir_col_dup(st, 10, &failed);
	s->profiles = (unsigned) sqlite3_column_int64(st, 11);
	s->languages = sp_dir_col_dup(st, 12, &failed);
	if (staff)
		s->eligibility = sp_dir_col_dup(st, 13, &failed);
	s->status = sp_dir_col_dup(st, 14, &failed);
	s->superseded_by = sp_dir_col_dup(st, 15, &failed);
	s->source = sp_dir_col_dup(st, 16, &failed);
	if (staff)
		s->source_note = sp_dir_col_dup(st, 17, &failed);
	s->verified = sp_dir_col_dup(st, 18, &failed);
	s->verification = sp_dir_col_dup(st, 19, &failed);
	s->open_now = SP_UNKNOWN;
	sqlite3_reset(st);
	if (failed || !s->id || !s->name || !s->status) {
		sp_service_clear(s);
		return failed ? SP_ERR_NOMEM : SP_ERR_DB_QUERY;
	}
	/* The UI language's words where it has them; a subtitle in English otherwise. */
	rc = translate(dir, s->id, "description", dir->lang, &s->description);
	if (rc == SP_OK && staff)
		rc = translate(dir, s->id, "eligibility", dir->lang, &s->eligibility);
	if (rc == SP_OK)
		rc = translate(dir, s->id, "subtitle", dir->lang, &s->subtitle);
	if (rc == SP_OK && !s->subtitle && strcmp(dir->lang, "en") != 0)
		rc = translate(dir, s->id, "subtitle", "en", &s->subtitle);
	if (rc != SP_OK) {
		sp_service_clear(s);
		return (enum sp_status) rc;
	}
	/* A closed or superseded service keeps its record but offers no line to call. */
	if (strcmp(s->status, "active") != 0)
		return SP_OK;
	if ((rc = load_contacts(dir, rowid, staff, date, minute, s)) != SP_OK) {
		sp_service_clear(s);
		return (enum sp_status) rc;
	}
	return SP_OK;
}

/* Merges the sorted runs [lo, mid) and [mid, hi) of a into tmp and back, stably. */
static void
merge_runs(struct sp_service *a, struct sp_service *tmp, size_t lo, size_t mid, size_t hi,
           bool (*before)(const struct sp_service *, const struct sp_service *))
{
	size_t i = lo, j = mid, k = lo;

	while (i < mid && j < hi)
		tmp[k++] = before(&a[j], &a[i]) ? a[j++] : a[i++];
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < hi)
		tmp[k++] = a[j++];
	memcpy(a + lo, tmp + lo, (hi - lo) * sizeof *a);
}

void
sp_service_list_sort(struct sp_service_list *list,
                     bool (*before)(const struct sp_service *, const struct sp_service *))
{
	struct sp_service *a = list->items, *tmp;
	size_t n = list->count;

	if (n < 2)
		return;
	/* Bottom-up merge sort: n log n, where an insertion sort of a national directory's
	 * matches took seconds (issue 13). Without memory for it, insertion sort. */
	if (!(tmp = sp_reallocarray(NULL, n, sizeof *tmp))) {
		for (size_t i = 1; i < n; i++) {
			struct sp_service key = a[i];
			size_t j = i;

			while (j > 0 && before(&key, &a[j - 1])) {
				a[j] = a[j - 1];
				j--;
			}
			a[j] = key;
		}
		return;
	}
	for (size_t width = 1; width < n; width *= 2)
		for (size_t lo = 0; lo + width < n; lo += 2 * width)
			merge_runs(a, tmp, lo, lo + width, lo + 2 * width < n ? lo + 2 * width : n,
			           before);
	free(tmp);
}

/* Services serving more of the asked-for profiles first; otherwise the query's own order. */
static bool
more_matched(const struct sp_service *a, const struct sp_service *b)
{
	return a->matched > b->matched;
}

enum sp_status
sp_directory_search(struct sp_directory *dir, const struct sp_query *q, struct sp_service_list *out)
{
	enum sp_area chain[SP_AREA_MAX_DEPTH];
	size_t nchain = 0, nrows = 0;
	sqlite3_int64 *rows = NULL;
	char *fts = NULL;
	sqlite3_stmt *st;
	enum sp_dir_stmt id;
	enum sp_status status = SP_OK;
	int rc, day, minute;
	long date;

	out->items = NULL;
	out->count = 0;
	if ((status = sp_london_date(q->now_ms, &date, &day, &minute)) != SP_OK ||
	    (status = sp_dir_load_holidays(dir)) != SP_OK)
		return status;
	if (q->text && *q->text) {
		if ((status = sp_fold_fts_query_match(dir->fold, q->text,
		                                      sp_fold_match_for(dir->lang), &fts)) != SP_OK)
			return status;
		if (!fts)
			return SP_OK; /* only punctuation or spaces: nothing can match */
	}
	if (!(st = sp_dir_stmt(dir, id = fts ? ST_SEARCH_TEXT : ST_SEARCH_ALL))) {
		free(fts);
		return sp_dir_error(dir);
	}
	sqlite3_bind_int(st, 1, q->staff);
	sqlite3_bind_int64(st, 2, q->profiles);
	if (q->area != SP_AREA_NONE) {
		nchain = sp_area_chain(q->area, chain);
		for (size_t i = 0; i < SP_AREA_MAX_DEPTH; i++)
			sqlite3_bind_text(st, 3 + (int) i, sp_area_id(chain[i < nchain ? i : 0]),
			                  -1, SQLITE_STATIC);
	}
	if (fts) {
		sqlite3_bind_text(st, 7, fts, -1, SQLITE_STATIC);
		sp_dir_bind_translation_range(dir, st, 8);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 *row = sp_array_push(&rows, &nrows, sizeof *row);

		if (!row) {
			status = SP_ERR_NOMEM;
			break;
		}
		*row = sqlite3_column_int64(st, 0);
	}
	if (status == SP_OK && rc != SQLITE_DONE)
		status = sp_dir_status(dir, rc);
	if (status == SP_OK)
		status = sp_dir_sorted(dir, id);
	sqlite3_reset(st);
	free(fts);
	if (status == SP_OK && nrows && !(out->items = sp_calloc(nrows, sizeof *out->items)))
		status = SP_ERR_NOMEM;
	for (size_t i = 0; status == SP_OK && i < nrows; i++) {
		struct sp_service *s = &out->items[out->count];

		if ((status = sp_dir_load_service(dir, rows[i], q->staff, date, minute, s)) !=
		    SP_OK)
			break;
		s->matched = sp_profile_mask_count(s->profiles & q->profiles);
		if (q->open_now_only && s->open_now != SP_YES) {
			sp_service_clear(s);
			continue;
		}
		out->count++;
	}
	free(rows);
	if (status != SP_OK) {
		sp_service_list_clear(out);
		return status;
	}
	/* A stable ranking: the query's order among equals. */
	if (q->profiles)
		sp_service_list_sort(out, more_matched);
	return SP_OK;
}

enum sp_status
sp_directory_get(struct sp_directory *dir, const char *id, bool staff, double now_ms,
                 struct sp_service *out)
{
	sqlite3_stmt *st = sp_dir_stmt(dir, ST_SERVICE_BY_ID);
	sqlite3_int64 rowid;
	int rc, day, minute, professional;
	long date;
	enum sp_status status;

	memset(out, 0, sizeof *out);
	if (!st)
		return sp_dir_error(dir);
	if ((status = sp_london_date(now_ms, &date, &day, &minute)) != SP_OK ||
	    (status = sp_dir_load_holidays(dir)) != SP_OK)
		return status;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? SP_ERR_NOT_FOUND : sp_dir_status(dir, rc);
	}
	rowid = sqlite3_column_int64(st, 0);
	professional = !sp_dir_col_is(st, 1, "public");
	sqlite3_reset(st);
	if (professional && !staff)
		return SP_ERR_NOT_FOUND;
	return sp_dir_load_service(dir, rowid, staff, date, minute, out);
}

char *
sp_directory_service_name(struct sp_directory *dir, const char *id)
{
	sqlite3_stmt *st = sp_dir_stmt(dir, ST_SERVICE_NAME);
	char *name = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		name = sp_dir_col_text(st, 0);
	sqlite3_reset(st);
	return name;
}

char *
sp_directory_meta(struct sp_directory *dir, const char *key)
{
	sqlite3_stmt *st = NULL;
	char *value = NULL;

	if (sqlite3_prepare_v2(dir->db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			value = sp_dir_col_text(st, 0);
	}
	sqlite3_finalize(st);
	return value;
}

const struct sp_contact *
sp_service_main_phone(const struct sp_service *s)
{
	for (size_t i = 0; i < s->ncontacts; i++)
		if (!s->contacts[i].professional && strcmp(s->contacts[i].kind, "phone") == 0)
			return &s->contacts[i];
	return NULL;
}

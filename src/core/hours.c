#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "hours.h"
#include "mem.h"

static const char *const day_names[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

void
sp_hours_clear(struct sp_hours *hours)
{
	free(hours->slots);
	free(hours->ph_slots);
	hours->slots = NULL;
	hours->count = 0;
	hours->ph_slots = NULL;
	hours->ph_count = 0;
	hours->ph_rule = false;
}

static int
hours_add(struct sp_hours *hours, int day, int open, int close)
{
	struct sp_hours_slot **slots = day == SP_HOURS_PH ? &hours->ph_slots : &hours->slots;
	size_t *count = day == SP_HOURS_PH ? &hours->ph_count : &hours->count;
	struct sp_hours_slot *grown = sp_reallocarray(*slots, *count + 1, sizeof *grown);

	if (!grown)
		return 0;
	*slots = grown;
	(*slots)[(*count)++] = (struct sp_hours_slot){ day, open, close };
	return 1;
}

static int
parse_day(const char **p)
{
	if (strncmp(*p, "PH", 2) == 0) {
		*p += 2;
		return SP_HOURS_PH;
	}
	for (int i = 0; i < 7; i++) {
		if (strncmp(*p, day_names[i], 3) == 0) {
			*p += 3;
			return i + 1;
		}
	}
	return 0;
}

static int
parse_time(const char **p)
{
	const char *s = *p;
	int h, m;

	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2] != ':' || s[3] < '0' ||
	    s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	*p = s + 5;
	return h * 60 + m;
}

static enum sp_status
hours_fail(struct sp_hours *hours, char **error, const char *spec, const char *at, const char *what)
{
	if (error)
		*error = sp_asprintf("bad opening hours \"%s\" at column %d: %s", spec,
		                     (int) (at - spec) + 1, what);
	sp_hours_clear(hours);
	return SP_ERR_DATA;
}

enum sp_status
sp_hours_parse(const char *spec, struct sp_hours *hours, char **error)
{
	const char *p = spec;

	hours->slots = NULL;
	hours->count = 0;
	hours->ph_slots = NULL;
	hours->ph_count = 0;
	hours->ph_rule = false;
	if (error)
		*error = NULL;
	if (strcmp(spec, "24/7") == 0) {
		for (int d = 1; d <= 7; d++)
			if (!hours_add(hours, d, 0, SP_MINUTES_PER_DAY))
				return sp_hours_clear(hours), SP_ERR_NOMEM;
		return SP_OK;
	}
	for (;;) {
		int days[SP_HOURS_PH + 1] = { 0 };

		/* days := day ("-" day)? ("," day ("-" day)?)*, where PH stands alone */
		for (;;) {
			int first = parse_day(&p), last;

			if (!first)
				return hours_fail(hours, error, spec, p,
				                  "expected a day (Mon..Sun, PH)");
			last = first;
			if (*p == '-') {
				p++;
				if (first == SP_HOURS_PH)
					return hours_fail(hours, error, spec, p - 1,
					                  "PH is not a range");
				if (!(last = parse_day(&p)) || last == SP_HOURS_PH)
					return hours_fail(hours, error, spec, p,
					                  "expected a day after '-'");
			}
			if (first == SP_HOURS_PH) {
				if (days[SP_HOURS_PH] || hours->ph_rule)
					return hours_fail(hours, error, spec, p, "PH named twice");
				days[SP_HOURS_PH] = 1;
				hours->ph_rule = true;
			}
			for (int d = first; first != SP_HOURS_PH; d = d % 7 + 1) {
				days[d] = 1;
				if (d == last)
					break;
			}
			if (*p != ',')
				break;
			p++;
			if (*p == ' ')
				p++;
		}
		if (*p != ' ')
			return hours_fail(hours, error, spec, p,
			                  "expected a space before the times");
		p++;
		/* "off" (closed those days: "PH off"), or span ("," span)* */
		if (strncmp(p, "off", 3) == 0 && (p[3] == '\0' || p[3] == ';')) {
			p += 3;
			if (*p == '\0')
				return SP_OK;
			if (p[0] != ';' || p[1] != ' ')
				return hours_fail(hours, error, spec, p,
				                  "expected \"; \" between rules");
			p += 2;
			continue;
		}
		for (;;) {
			int open, close;

			if (strncmp(p, "24h", 3) == 0) {
				p += 3;
				open = 0;
				close = SP_MINUTES_PER_DAY;
			} else {
				if ((open = parse_time(&p)) < 0 || open >= SP_MINUTES_PER_DAY)
					return hours_fail(hours, error, spec, p, "expected HH:MM");
				if (*p++ != '-')
					return hours_fail(hours, error, spec, p - 1,
					                  "expected '-'");
				if ((close = parse_time(&p)) < 0)
					return hours_fail(hours, error, spec, p, "expected HH:MM");
				if (close == open)
					return hours_fail(hours, error, spec, p,
					                  "opens and closes at once");
				if (close < open)
					close += SP_MINUTES_PER_DAY;
			}
			for (int d = 1; d <= SP_HOURS_PH; d++)
				if (days[d] && !hours_add(hours, d, open, close))
					return sp_hours_clear(hours), SP_ERR_NOMEM;
			if (*p != ',')
				break;
			p++;
			if (*p == ' ')
				p++;
		}
		if (*p == '\0')
			return SP_OK;
		if (p[0] != ';' || p[1] != ' ')
			return hours_fail(hours, error, spec, p, "expected \"; \" between rules");
		p += 2;
	}
}

bool
sp_hours_is_always(const struct sp_hours *hours)
{
	int covered[8] = { 0 };

	for (size_t i = 0; i < hours->count; i++)
		if (hours->slots[i].open_min == 0 &&
		    hours->slots[i].close_min >= SP_MINUTES_PER_DAY)
			covered[hours->slots[i].day] = 1;
	for (int d = 1; d <= 7; d++)
		if (!covered[d])
			return false;
	return true;
}

bool
sp_hours_open_at(const struct sp_hours *hours, int day, int minute)
{
	int yesterday = day == 1 ? 7 : day - 1;

	for (size_t i = 0; i < hours->count; i++) {
		const struct sp_hours_slot *s = &hours->slots[i];

		if (s->day == day && minute >= s->open_min && minute < s->close_min)
			return true;
		if (s->day == yesterday && minute + SP_MINUTES_PER_DAY < s->close_min)
			return true;
	}
	return false;
}

bool
sp_hours_next_open(const struct sp_hours *hours, int day, int minute, int *next_day, int *next_min)
{
	long now = (long) (day - 1) * SP_MINUTES_PER_DAY + minute;
	long best = -1;

	for (size_t i = 0; i < hours->count; i++) {
		long at = (long) (hours->slots[i].day - 1) * SP_MINUTES_PER_DAY +
		          hours->slots[i].open_min;
		long wait = at - now;

		if (wait <= 0)
			wait += 7L * SP_MINUTES_PER_DAY;
		if (best < 0 || wait < best)
			best = wait;
	}
	if (best < 0)
		return false;
	best = (now + best) % (7L * SP_MINUTES_PER_DAY);
	*next_day = (int) (best / SP_MINUTES_PER_DAY) + 1;
	*next_min = (int) (best % SP_MINUTES_PER_DAY);
	return true;
}

enum sp_status
sp_london_time(double utc_ms, int *day, int *minute)
{
	long date;

	return sp_london_date(utc_ms, &date, day, minute);
}

bool
sp_parse_utc(const char *iso, double *utc_ms)
{
	struct tm tm = { 0 };
	int sec = 0, used = 0;
	time_t t;

	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
	           &tm.tm_min, &used) != 5)
		return false;
	iso += used;
	if (*iso == ':') {
		if (sscanf(iso, ":%2d%n", &sec, &used) != 1)
			return false;
		iso += used;
	}
	if (strcmp(iso, "Z") != 0 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || sec > 60)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t) -1)
		return false;
	*utc_ms = (double) t * 1000.0;
	return true;
}

double
sp_clock_now(void)
{
	const char *fixed = getenv("SIGNPOST_NOW");
	double ms;

	if (fixed && sp_parse_utc(fixed, &ms))
		return ms;
	return ucal_getNow();
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
long
sp_days_from_civil(int year, int month, int day)
{
	long y = (long) year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
sp_civil_from_days(long z, int *year, int *month, int *day)
{
	long era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int) (doy - (153 * mp + 2) / 5 + 1);
	*month = (int) (mp < 10 ? mp + 3 : mp - 9);
	*year = (int) (y + (*month <= 2));
}

int
sp_weekday_of(long days)
{
	/* 1970-01-01 was a Thursday. */
	return (int) (((days + 3) % 7 + 7) % 7) + 1;
}

bool
sp_parse_date(const char *iso, long *days)
{
	int y, m, d, yy, mm, dd;

	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (iso[i] != '-')
				return false;
		} else if (iso[i] < '0' || iso[i] > '9') {
			return false;
		}
	}
	if (iso[10] != '\0')
		return false;
	y = atoi(iso);
	m = (iso[5] - '0') * 10 + (iso[6] - '0');
	d = (iso[8] - '0') * 10 + (iso[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*days = sp_days_from_civil(y, m, d);
	sp_civil_from_days(*days, &yy, &mm, &dd);
	return yy == y && mm == m && dd == d;
}

bool
sp_holidays_has(const struct sp_holidays *holidays, long days)
{
	size_t lo = 0, hi = holidays ? holidays->count : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (holidays->dates[mid] == days)
			return true;
		if (holidays->dates[mid] < days)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

enum sp_status
sp_holidays_add(struct sp_holidays *holidays, long days)
{
	size_t at = holidays->count;

	if (sp_holidays_has(holidays, days))
		return SP_ERR_DATA;
	if (!sp_array_push(&holidays->dates, &holidays->count, sizeof *holidays->dates))
		return SP_ERR_NOMEM;
	/* Kept sorted: the new date moves down to its place. */
	while (at > 0 && holidays->dates[at - 1] > days) {
		holidays->dates[at] = holidays->dates[at - 1];
		at--;
	}
	holidays->dates[at] = days;
	return SP_OK;
}

void
sp_holidays_clear(struct sp_holidays *holidays)
{
	free(holidays->dates);
	holidays->dates = NULL;
	holidays->count = 0;
}

/* The spans that apply on a date: the weekday's, or the PH rules on a public holiday. NULL
 * with *unknown set when the hours say nothing about a holiday that falls then. */
static const struct sp_hours_slot *
spans_on(const struct sp_hours *hours, const struct sp_holidays *holidays, long date, size_t *count,
         bool *unknown)
{
	*unknown = false;
	if (sp_holidays_has(holidays, date) && !sp_hours_is_always(hours)) {
		if (!hours->ph_rule) {
			*unknown = true;
			*count = 0;
			return NULL;
		}
		*count = hours->ph_count;
		return hours->ph_slots;
	}
	*count = hours->count;
	return hours->slots;
}

static bool
slot_applies(const struct sp_hours_slot *s, const struct sp_hours *hours, long date)
{
	/* PH slots apply on the holiday itself; weekday slots on their own weekday. */
	return s->day == SP_HOURS_PH || (s >= hours->slots && s < hours->slots + hours->count &&
	                                 s->day == sp_weekday_of(date));
}

void
sp_hours_state_at(const struct sp_hours *hours, const struct sp_holidays *holidays, long date,
                  int minute, struct sp_hours_now *out)
{
	const struct sp_hours_slot *today, *yesterday;
	size_t ntoday, nyesterday;
	bool today_unknown, yesterday_unknown;

	memset(out, 0, sizeof *out);
	today = spans_on(hours, holidays, date, &ntoday, &today_unknown);
	yesterday = spans_on(hours, holidays, date - 1, &nyesterday, &yesterday_unknown);
	out->state = SP_HOURS_CLOSED;
	for (size_t i = 0; i < ntoday; i++)
		if (slot_applies(&today[i], hours, date) && minute >= today[i].open_min &&
		    minute < today[i].close_min)
			out->state = SP_HOURS_OPEN;
	for (size_t i = 0; i < nyesterday; i++)
		if (slot_applies(&yesterday[i], hours, date - 1) &&
		    minute + SP_MINUTES_PER_DAY < yesterday[i].close_min)
			out->state = SP_HOURS_OPEN;
	if (out->state == SP_HOURS_OPEN)
		return;
	if (today_unknown) {
		out->state = SP_HOURS_UNKNOWN;
		return;
	}
	if (yesterday_unknown) {
		/* Would the weekday's hours have run on past midnight into now? */
		for (size_t i = 0; i < hours->count; i++)
			if (hours->slots[i].day == sp_weekday_of(date - 1) &&
			    minute + SP_MINUTES_PER_DAY < hours->slots[i].close_min) {
				out->state = SP_HOURS_UNKNOWN;
				return;
			}
	}
	/* The next opening, day by day, stopping at a day whose hours are not known. */
	for (long d = date; d < date + 14; d++) {
		const struct sp_hours_slot *spans;
		size_t n;
		bool unknown;
		int best = -1;

		spans = spans_on(hours, holidays, d, &n, &unknown);
		if (unknown)
			return;
		for (size_t i = 0; i < n; i++) {
			if (!slot_applies(&spans[i], hours, d) ||
			    (d == date && spans[i].open_min <= minute))
				continue;
			if (best < 0 || spans[i].open_min < best)
				best = spans[i].open_min;
		}
		if (best >= 0) {
			out->has_next_open = true;
			out->next_date = d;
			out->next_day = sp_weekday_of(d);
			out->next_min = best;
			return;
		}
	}
}

enum sp_status
sp_london_date(double utc_ms, long *date, int *day, int *minute)
{
	static const UChar zone[] = u"Europe/London";
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = ucal_open(zone, -1, "en_GB", UCAL_GREGORIAN, &st);
	int y, mo, d, h, m;

	if (U_FAILURE(st))
		return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_INTERNAL;
	ucal_setMillis(cal, utc_ms, &st);
	y = ucal_get(cal, UCAL_EXTENDED_YEAR, &st);
	mo = ucal_get(cal, UCAL_MONTH, &st);
	d = ucal_get(cal, UCAL_DATE, &st);
	h = ucal_get(cal, UCAL_HOUR_OF_DAY, &st);
	m = ucal_get(cal, UCAL_MINUTE, &st);
	ucal_close(cal);
	if (U_FAILURE(st))
		return SP_ERR_INTERNAL;
	*date = sp_days_from_civil(y, mo + 1, d);
	*day = sp_weekday_of(*date);
	*minute = h * 60 + m;
	return SP_OK;
}

enum sp_status
sp_hours_state_utc(const struct sp_hours *hours, const struct sp_holidays *holidays, double utc_ms,
                   struct sp_hours_now *out)
{
	long date;
	int day, minute;
	enum sp_status rc = sp_london_date(utc_ms, &date, &day, &minute);

	if (rc == SP_OK)
		sp_hours_state_at(hours, holidays, date, minute, out);
	return rc;
}

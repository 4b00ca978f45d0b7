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
	hours->slots = NULL;
	hours->count = 0;
}

static int
hours_add(struct sp_hours *hours, int day, int open, int close)
{
	struct sp_hours_slot *grown = sp_reallocarray(hours->slots, hours->count + 1, sizeof *grown);

	if (!grown)
		return 0;
	hours->slots = grown;
	hours->slots[hours->count++] = (struct sp_hours_slot){ day, open, close };
	return 1;
}

static int
parse_day(const char **p)
{
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

	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2] != ':' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
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
		                     (int)(at - spec) + 1, what);
	sp_hours_clear(hours);
	return SP_ERR_DATA;
}

enum sp_status
sp_hours_parse(const char *spec, struct sp_hours *hours, char **error)
{
	const char *p = spec;

	hours->slots = NULL;
	hours->count = 0;
	if (error)
		*error = NULL;
	if (strcmp(spec, "24/7") == 0) {
		for (int d = 1; d <= 7; d++)
			if (!hours_add(hours, d, 0, SP_MINUTES_PER_DAY))
				return sp_hours_clear(hours), SP_ERR_NOMEM;
		return SP_OK;
	}
	for (;;) {
		int days[8] = { 0 };

		/* days := day ("-" day)? ("," day ("-" day)?)* */
		for (;;) {
			int first = parse_day(&p), last;

			if (!first)
				return hours_fail(hours, error, spec, p, "expected a day (Mon..Sun)");
			last = first;
			if (*p == '-') {
				p++;
				if (!(last = parse_day(&p)))
					return hours_fail(hours, error, spec, p, "expected a day after '-'");
			}
			for (int d = first;; d = d % 7 + 1) {
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
			return hours_fail(hours, error, spec, p, "expected a space before the times");
		p++;
		/* span ("," span)* */
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
					return hours_fail(hours, error, spec, p - 1, "expected '-'");
				if ((close = parse_time(&p)) < 0)
					return hours_fail(hours, error, spec, p, "expected HH:MM");
				if (close == open)
					return hours_fail(hours, error, spec, p, "opens and closes at once");
				if (close < open)
					close += SP_MINUTES_PER_DAY;
			}
			for (int d = 1; d <= 7; d++)
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
		if (hours->slots[i].open_min == 0 && hours->slots[i].close_min >= SP_MINUTES_PER_DAY)
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
sp_hours_next_open(const struct sp_hours *hours, int day, int minute, int *next_day,
                   int *next_min)
{
	long now = (long)(day - 1) * SP_MINUTES_PER_DAY + minute;
	long best = -1;

	for (size_t i = 0; i < hours->count; i++) {
		long at = (long)(hours->slots[i].day - 1) * SP_MINUTES_PER_DAY + hours->slots[i].open_min;
		long wait = at - now;

		if (wait <= 0)
			wait += 7L * SP_MINUTES_PER_DAY;
		if (best < 0 || wait < best)
			best = wait;
	}
	if (best < 0)
		return false;
	best = (now + best) % (7L * SP_MINUTES_PER_DAY);
	*next_day = (int)(best / SP_MINUTES_PER_DAY) + 1;
	*next_min = (int)(best % SP_MINUTES_PER_DAY);
	return true;
}

enum sp_status
sp_london_time(double utc_ms, int *day, int *minute)
{
	static const UChar zone[] = u"Europe/London";
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = ucal_open(zone, -1, "en_GB", UCAL_GREGORIAN, &st);
	int dow, h, m;

	if (U_FAILURE(st))
		return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_INTERNAL;
	ucal_setMillis(cal, utc_ms, &st);
	dow = ucal_get(cal, UCAL_DAY_OF_WEEK, &st);
	h = ucal_get(cal, UCAL_HOUR_OF_DAY, &st);
	m = ucal_get(cal, UCAL_MINUTE, &st);
	ucal_close(cal);
	if (U_FAILURE(st))
		return SP_ERR_INTERNAL;
	/* ICU counts UCAL_SUNDAY = 1 .. UCAL_SATURDAY = 7; ours run Monday = 1 .. Sunday = 7. */
	*day = dow == UCAL_SUNDAY ? 7 : dow - 1;
	*minute = h * 60 + m;
	return SP_OK;
}

bool
sp_parse_utc(const char *iso, double *utc_ms)
{
	struct tm tm = { 0 };
	int sec = 0, used = 0;
	time_t t;

	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min, &used) != 5)
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

#ifndef SIGNPOST_HOURS_H
#define SIGNPOST_HOURS_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/*
 * Opening hours as UK wall-clock time: a slot is one weekday's span in minutes from that day's
 * midnight. A span past midnight (22:00-02:00) has close > 1440 and spills into the next day.
 * Days run 1 = Monday to 7 = Sunday.
 */
#define SP_MINUTES_PER_DAY 1440

struct sp_hours_slot {
	int day;
	int open_min;
	int close_min;
};

struct sp_hours {
	struct sp_hours_slot *slots;
	size_t count;
	/* Public-holiday rules ("PH 24h", "PH 10:00-14:00", "PH off"): kept apart from the
	 * weekdays, with day SP_HOURS_PH. ph_rule says the spec names PH at all; "PH off" gives
	 * ph_rule with no ph_slots. */
	struct sp_hours_slot *ph_slots;
	size_t ph_count;
	bool ph_rule;
};

#define SP_HOURS_PH 8

/*
 * Public holidays (England and Wales bank holidays, db/holidays.csv): sorted dates, each as
 * days since 1970-01-01.
 */
struct sp_holidays {
	long *dates;
	size_t count;
};

/* Days since 1970-01-01 of a proleptic Gregorian date; and back. */
long sp_days_from_civil(int year, int month, int day);
void sp_civil_from_days(long days, int *year, int *month, int *day);

/* Weekday of a day number: 1 = Monday .. 7 = Sunday. */
int sp_weekday_of(long days);

/* Parses a real calendar date "YYYY-MM-DD" (2025-02-29 is refused); false if malformed. */
bool sp_parse_date(const char *iso, long *days);

bool sp_holidays_has(const struct sp_holidays *holidays, long days);

/* Adds a date, keeping the list sorted; SP_ERR_DATA if it is already there. */
enum sp_status sp_holidays_add(struct sp_holidays *holidays, long days);
void sp_holidays_clear(struct sp_holidays *holidays);

/*
 * Whether a line is open at a moment, public holidays included. On a public holiday the
 * line's PH rules apply instead of its weekday's ("PH off": closed); a line whose hours say
 * nothing about public holidays is open on one only if it is open round the clock ("24/7"),
 * and otherwise its state that day is unknown: it is never claimed open, nor closed.
 */
enum sp_hours_state { SP_HOURS_UNKNOWN = -1, SP_HOURS_CLOSED = 0, SP_HOURS_OPEN = 1 };

struct sp_hours_now {
	enum sp_hours_state state;
	bool has_next_open;     /* when closed: the next opening known for sure, within 14 days */
	int next_day, next_min; /* its weekday (1 = Monday) and minute, UK time */
	long next_date;         /* and its date, days since 1970-01-01 */
};

/* At local date `date` (days since 1970-01-01) and minute 0..1439; holidays may be NULL. */
void sp_hours_state_at(const struct sp_hours *hours, const struct sp_holidays *holidays, long date,
                       int minute, struct sp_hours_now *out);

/* The same for a UTC instant, in Europe/London time. */
enum sp_status sp_hours_state_utc(const struct sp_hours *hours, const struct sp_holidays *holidays,
                                  double utc_ms, struct sp_hours_now *out);

/* The local date (days since 1970-01-01), weekday and minute in Europe/London. */
enum sp_status sp_london_date(double utc_ms, long *date, int *day, int *minute);

/*
 * Parses the grammar of db/README.md ("24/7", "Mon-Fri 09:00-17:00; Sat 10:00-12:00",
 * "Mon-Fri 09:00-17:00; PH off", "PH 24h").
 * On success *hours owns an array the caller frees with sp_hours_clear(). On a syntax error
 * returns SP_ERR_DATA and, if error is not NULL, a message (English, for data officers) the
 * caller frees.
 */
enum sp_status sp_hours_parse(const char *spec, struct sp_hours *hours, char **error);
void sp_hours_clear(struct sp_hours *hours);

/* Open every minute of every day. */
bool sp_hours_is_always(const struct sp_hours *hours);

/* Whether a slot covers weekday `day` at `minute` (0..1439) of local time. */
bool sp_hours_open_at(const struct sp_hours *hours, int day, int minute);

/*
 * The next time the line opens strictly after (day, minute), within the coming week:
 * true with *next_day and *next_min set, false if it never opens.
 */
bool sp_hours_next_open(const struct sp_hours *hours, int day, int minute, int *next_day,
                        int *next_min);

/* The time in Europe/London for a UTC instant in milliseconds since the epoch. */
enum sp_status sp_london_time(double utc_ms, int *day, int *minute);

/* The current instant in ms; the SIGNPOST_NOW environment variable (an ISO-8601 UTC time
 * such as 2026-11-23T10:00:00Z) overrides the clock for tests and demonstrations. */
double sp_clock_now(void);

/* Parses "YYYY-MM-DDTHH:MM[:SS]Z"; false if malformed. */
bool sp_parse_utc(const char *iso, double *utc_ms);

#endif

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
};

/*
 * Parses the grammar of db/README.md ("24/7", "Mon-Fri 09:00-17:00; Sat 10:00-12:00").
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

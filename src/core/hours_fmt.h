#ifndef SIGNPOST_HOURS_FMT_H
#define SIGNPOST_HOURS_FMT_H

#include "hours.h"
#include "status.h"

struct sp_i18n;

/*
 * Opening hours in words of the UI language: localised weekday names and times
 * ("pon.–pt. 09:00–17:00"), from ICU. One object per language, reused for every line.
 */
struct sp_hours_fmt;

enum sp_status sp_hours_fmt_new(struct sp_hours_fmt **out, const char *locale);
void sp_hours_fmt_free(struct sp_hours_fmt *fmt);

/* Short standalone weekday name, 1 = Monday; owned by fmt. */
const char *sp_hours_fmt_day(const struct sp_hours_fmt *fmt, int day);

/* The full standalone weekday name ("Monday", "esmaspäev"), for lists and headings; never
 * inside a sentence (use sp_hours_fmt_opens_at, whose bundle chooses the form). */
const char *sp_hours_fmt_day_long(const struct sp_hours_fmt *fmt, int day);

/* "09:30" in the locale's 24-hour style, minutes since midnight (1440 = end of day). New
 * string; NULL when out of memory. */
char *sp_hours_fmt_time(const struct sp_hours_fmt *fmt, int minute);

/*
 * "closed now, opens on Monday at 09:00" as the UI language says it: the bundle's
 * closed_opens_at gets the weekday as a number ({0}, "1" = Monday .. "7" = Sunday, for a
 * MessageFormat select) and the time in the locale's style ({1}). New string; NULL when out
 * of memory.
 */
char *sp_hours_fmt_opens_at(struct sp_i18n *i18n, const struct sp_hours_fmt *fmt, int day,
                            int minute);

/* "23 Nov 2026" in the locale's medium date style, from "2026-11-23"; a copy of the input
 * when it is not such a date. New string; NULL when out of memory. */
char *sp_hours_fmt_date(const struct sp_hours_fmt *fmt, const char *iso);

/*
 * The rows of a week's table: days with the same spans are grouped ("Mon–Fri", "09:00–17:00").
 * Each row is two new strings. `always` is set, and no rows given, for a line open round the
 * clock; the caller shows its own words for that.
 */
struct sp_hours_row {
	char *days;
	char *spans;
};

struct sp_hours_table {
	struct sp_hours_row *rows;
	size_t count;
	int always;
};

enum sp_status sp_hours_fmt_table(const struct sp_hours_fmt *fmt, const struct sp_hours *hours,
                                  struct sp_hours_table *out);
void sp_hours_table_clear(struct sp_hours_table *table);

#endif

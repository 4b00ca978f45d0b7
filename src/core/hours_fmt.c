#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>

#include "hours_fmt.h"
#include "i18n.h"
#include "mem.h"

struct sp_hours_fmt {
	UDateFormat *time;
	UDateFormat *date;
	char *days[8];      /* 1..7, Monday first: short, for tables */
	char *long_days[8]; /* and in full, for sentences */
};

/* En dash and the separators ICU itself uses in ranges. */
static const char range_dash[] = "\u2013";

static char *
to_utf8(const UChar *u, int32_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	char buf[256];
	int32_t n = 0;

	u_strToUTF8(buf, (int32_t) sizeof buf, &n, u, len, &st);
	if (U_FAILURE(st) || n >= (int32_t) sizeof buf)
		return NULL;
	return sp_strndup(buf, (size_t) n);
}

enum sp_status
sp_hours_fmt_new(struct sp_hours_fmt **out, const char *locale)
{
	UErrorCode st = U_ZERO_ERROR;
	UDateTimePatternGenerator *gen;
	struct sp_hours_fmt *fmt;
	UChar pattern[64];
	int32_t plen;

	*out = NULL;
	if (!(fmt = sp_calloc(1, sizeof *fmt)))
		return SP_ERR_NOMEM;
	gen = udatpg_open(locale, &st);
	/* "Hm", not "HHmm": each language writes the hour its own way (09:00 in Polish, 9:00 in
	 * Czech, Slovak and Hungarian). */
	plen = udatpg_getBestPattern(gen, u"Hm", -1, pattern, 64, &st);
	udatpg_close(gen);
	if (U_SUCCESS(st))
		fmt->time = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, u"UTC", -1, pattern, plen,
		                      &st);
	if (U_SUCCESS(st))
		fmt->date = udat_open(UDAT_NONE, UDAT_MEDIUM, locale, u"UTC", -1, NULL, 0, &st);
	if (U_FAILURE(st))
		goto fail;
	{
		UDateFormat *names =
		        udat_open(UDAT_NONE, UDAT_FULL, locale, u"UTC", -1, NULL, 0, &st);

		for (int d = 1; U_SUCCESS(st) && d <= 7; d++) {
			UChar u[64];
			/* ICU: UCAL_SUNDAY = 1 .. UCAL_SATURDAY = 7 */
			int icu_day = d == 7 ? 1 : d + 1;
			int32_t n = udat_getSymbols(names, UDAT_STANDALONE_SHORT_WEEKDAYS, icu_day,
			                            u, 64, &st);

			if (U_SUCCESS(st) && !(fmt->days[d] = to_utf8(u, n)))
				st = U_MEMORY_ALLOCATION_ERROR;
			n = udat_getSymbols(names, UDAT_STANDALONE_WEEKDAYS, icu_day, u, 64, &st);
			if (U_SUCCESS(st) && !(fmt->long_days[d] = to_utf8(u, n)))
				st = U_MEMORY_ALLOCATION_ERROR;
		}
		udat_close(names);
	}
	if (U_FAILURE(st))
		goto fail;
	*out = fmt;
	return SP_OK;
fail:
	sp_hours_fmt_free(fmt);
	return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_LOCALE;
}

void
sp_hours_fmt_free(struct sp_hours_fmt *fmt)
{
	if (!fmt)
		return;
	if (fmt->time)
		udat_close(fmt->time);
	if (fmt->date)
		udat_close(fmt->date);
	for (int d = 1; d <= 7; d++) {
		free(fmt->days[d]);
		free(fmt->long_days[d]);
	}
	free(fmt);
}

const char *
sp_hours_fmt_day(const struct sp_hours_fmt *fmt, int day)
{
	return day >= 1 && day <= 7 ? fmt->days[day] : "";
}

const char *
sp_hours_fmt_day_long(const struct sp_hours_fmt *fmt, int day)
{
	return day >= 1 && day <= 7 ? fmt->long_days[day] : "";
}

char *
sp_hours_fmt_time(const struct sp_hours_fmt *fmt, int minute)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar u[64];
	int32_t n;

	/* Midnight at the end of a span reads as 24:00 nowhere in CLDR; 00:00 is what people
	 * and the services write. */
	minute %= 1440;
	n = udat_format(fmt->time, (UDate) minute * 60000.0, u, 64, NULL, &st);
	return U_SUCCESS(st) ? to_utf8(u, n) : NULL;
}

char *
sp_hours_fmt_opens_at(struct sp_i18n *i18n, const struct sp_hours_fmt *fmt, int day, int minute)
{
	char daynum[2] = { (char) ('0' + (day >= 1 && day <= 7 ? day : 0)), '\0' };
	const char *args[2];
	char *time, *s;

	if (!(time = sp_hours_fmt_time(fmt, minute)))
		return NULL;
	/* The bundle chooses the words for the day: {0, select, 1 {on Monday} ...}. */
	args[0] = daynum;
	args[1] = time;
	s = sp_i18n_format(i18n, "closed_opens_at", 2, args);
	free(time);
	return s;
}

char *
sp_hours_fmt_date(const struct sp_hours_fmt *fmt, const char *iso)
{
	struct tm tm = { 0 };
	UErrorCode st = U_ZERO_ERROR;
	UChar u[64];
	int32_t n;
	time_t t;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return sp_strdup(iso ? iso : "");
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	t = timegm(&tm);
	n = udat_format(fmt->date, (UDate) t * 1000.0, u, 64, NULL, &st);
	return U_SUCCESS(st) ? to_utf8(u, n) : sp_strdup(iso);
}

void
sp_hours_table_clear(struct sp_hours_table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		free(t->rows[i].days);
		free(t->rows[i].spans);
	}
	free(t->rows);
	memset(t, 0, sizeof *t);
}

/* The spans of one day as text: "09:00–12:00, 13:00–17:00"; "" when closed. */
static char *
day_spans(const struct sp_hours_fmt *fmt, const struct sp_hours *hours, int day)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	for (size_t i = 0; i < hours->count; i++) {
		const struct sp_hours_slot *s = &hours->slots[i];
		char *open, *close;

		if (s->day != day)
			continue;
		open = sp_hours_fmt_time(fmt, s->open_min);
		close = sp_hours_fmt_time(fmt, s->close_min);
		if (buf.len)
			sp_buf_puts(&buf, ", ");
		if (!open || !close)
			buf.failed = 1;
		else
			sp_buf_printf(&buf, "%s%s%s", open, range_dash, close);
		free(open);
		free(close);
	}
	return sp_buf_take(&buf);
}

enum sp_status
sp_hours_fmt_table(const struct sp_hours_fmt *fmt, const struct sp_hours *hours,
                   struct sp_hours_table *out)
{
	char *spans[8] = { 0 };
	enum sp_status rc = SP_OK;

	memset(out, 0, sizeof *out);
	if (sp_hours_is_always(hours)) {
		out->always = 1;
		return SP_OK;
	}
	for (int d = 1; d <= 7; d++)
		if (!(spans[d] = day_spans(fmt, hours, d)))
			rc = SP_ERR_NOMEM;
	/* Consecutive days with the same spans share a row: Mon–Fri 09:00–17:00. */
	for (int d = 1; rc == SP_OK && d <= 7;) {
		int last = d;
		while (last < 7 && strcmp(spans[last + 1], spans[d]) == 0)
			last++;
		if (*spans[d]) {
			struct sp_hours_row *row =
			        sp_array_push(&out->rows, &out->count, sizeof *row);

			if (!row) {
				rc = SP_ERR_NOMEM;
				break;
			}
			row->days = last == d ? sp_strdup(fmt->days[d]) :
			                        sp_asprintf("%s%s%s", fmt->days[d], range_dash,
			                                    fmt->days[last]);
			row->spans = sp_strdup(spans[d]);
			if (!row->days || !row->spans) {
				free(row->days);
				free(row->spans);
				out->count--;
				rc = SP_ERR_NOMEM;
				break;
			}
		}
		d = last + 1;
	}
	for (int d = 1; d <= 7; d++)
		free(spans[d]);
	if (rc != SP_OK)
		sp_hours_table_clear(out);
	return rc;
}

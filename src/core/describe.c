#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "describe.h"
#include "mem.h"
#include "taxonomy.h"

char *
sp_describe_profiles(struct sp_i18n *i18n, unsigned mask, const char *prefix)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	for (int p = 0; p < SP_PROFILE_COUNT; p++) {
		char key[64];

		if (!(mask & (1u << p)))
			continue;
		snprintf(key, sizeof key, "%s%s", prefix, sp_profile_id((enum sp_profile) p));
		if (buf.len)
			sp_buf_puts(&buf, ", ");
		sp_buf_puts(&buf, sp_i18n_text(i18n, key));
	}
	return sp_buf_take(&buf);
}

char *
sp_describe_legal_source(struct sp_i18n *i18n, const char *act, const char *section)
{
	char *joined, *out;
	const char *args[2] = { act, section };

	if (!act)
		return NULL;
	if (section && *section >= '0' && *section <= '9')
		return sp_i18n_format(i18n, "legal_source_section", 2, args);
	if (!section || !*section)
		return sp_i18n_format(i18n, "legal_source", 1, args);
	/* "Part IV" is not a section number: name it as it is. */
	if (!(joined = sp_asprintf("%s, %s", act, section)))
		return NULL;
	args[0] = joined;
	out = sp_i18n_format(i18n, "legal_source", 1, args);
	free(joined);
	return out;
}

char *
sp_describe_risk_levels(struct sp_i18n *i18n, const char *levels)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	while (levels && *levels) {
		size_t n = strcspn(levels, ";");
		char key[48];

		if (n < 32) {
			snprintf(key, sizeof key, "risk_%.*s", (int) n, levels);
			if (buf.len)
				sp_buf_puts(&buf, ", ");
			sp_buf_puts(&buf, sp_i18n_text(i18n, key));
		}
		levels += n;
		if (*levels == ';')
			levels++;
	}
	return sp_buf_take(&buf);
}

char *
sp_describe_contact_state(struct sp_i18n *i18n, const struct sp_hours_fmt *hours,
                          const struct sp_contact *c)
{
	if (c->hours.count == 0)
		return NULL;
	if (sp_hours_is_always(&c->hours))
		return sp_strdup(sp_i18n_text(i18n, "hours_always"));
	/* A public holiday its hours say nothing about: neither open nor closed is known. */
	if (c->open_now == SP_UNKNOWN)
		return NULL;
	if (c->open_now == SP_YES)
		return sp_strdup(sp_i18n_text(i18n, "open_now"));
	if (!c->has_next_open)
		return sp_strdup(sp_i18n_text(i18n, "closed_now"));
	return sp_hours_fmt_opens_at(i18n, hours, c->next_day, c->next_min);
}

char *
sp_describe_languages(struct sp_i18n *i18n, const char *codes)
{
	struct sp_buf buf;
	const char *p = codes;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	while (p && *p) {
		size_t n = strcspn(p, ";");
		char code[16];
		UChar u[64];
		char utf8[128];
		UErrorCode st = U_ZERO_ERROR;
		int32_t len;

		if (n < sizeof code) {
			memcpy(code, p, n);
			code[n] = '\0';
			len = uloc_getDisplayLanguage(code, sp_i18n_locale(i18n), u, 64, &st);
			if (U_SUCCESS(st))
				u_strToUTF8(utf8, (int32_t) sizeof utf8, NULL, u, len, &st);
			if (buf.len)
				sp_buf_puts(&buf, ", ");
			sp_buf_puts(&buf, U_SUCCESS(st) ? utf8 : code);
		}
		p += n;
		if (*p == ';')
			p++;
	}
	return sp_buf_take(&buf);
}

char *
sp_describe_ages(struct sp_i18n *i18n, const struct sp_service *s)
{
	char lo[16], hi[16];
	const char *args[2] = { lo, hi };

	if (s->age_min < 0 && s->age_max < 0)
		return NULL;
	snprintf(lo, sizeof lo, "%d", s->age_min);
	snprintf(hi, sizeof hi, "%d", s->age_max);
	if (s->age_max < 0)
		return sp_i18n_format(i18n, "ages_from", 1, args);
	if (s->age_min < 0)
		return sp_i18n_format(i18n, "ages_up_to", 1, args + 1);
	return sp_i18n_format(i18n, "ages_range", 2, args);
}

/* Appends " · " and a message with one argument to buf, when the argument is there. */
static void
append_tag(struct sp_buf *buf, struct sp_i18n *i18n, const char *key, const char *arg)
{
	char *tag;

	if (!arg || !*arg || !(tag = sp_i18n_format(i18n, key, 1, &arg))) {
		return;
	}
	sp_buf_puts(buf, " \u00b7 ");
	sp_buf_puts(buf, tag);
	free(tag);
}

char *
sp_describe_who_for(struct sp_i18n *i18n, const struct sp_service *s, unsigned asked)
{
	unsigned profiles = asked ? s->profiles & asked : s->profiles;
	char *who = profiles ? sp_describe_profiles(i18n, profiles, "reason_") : NULL;
	char *ages = sp_describe_ages(i18n, s),
	     *languages = sp_describe_languages(i18n, s->languages);
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, who ? who : sp_i18n_text(i18n, "tag_everyone"));
	append_tag(&buf, i18n, "tag_ages", ages);
	append_tag(&buf, i18n, "tag_languages", languages);
	free(who);
	free(ages);
	free(languages);
	return sp_buf_take(&buf);
}

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fallback.h"
#include "core/hours.h"
#include "core/hours_fmt.h"
#include "core/mem.h"
#include "core/textwrap.h"
#include "tui/app.h"

/* Home: the five doors of the public view, and the staff ones. */
enum home_item {
	HOME_NOW, HOME_FIND, HOME_SEARCH, HOME_DEFINE, HOME_LANGUAGE, HOME_PATHWAYS, HOME_GLOSSARY,
	HOME_QUIZ, HOME_FACTS, HOME_COUNT
};

static const char *const home_keys[HOME_COUNT][2] = {
	[HOME_NOW] = { "home_now", "home_now_hint" },
	[HOME_FIND] = { "home_find", "home_find_hint" },
	[HOME_SEARCH] = { "home_search", "home_search_hint" },
	[HOME_DEFINE] = { "home_define", "home_define_hint" },
	[HOME_LANGUAGE] = { "home_language", "home_language_hint" },
	[HOME_PATHWAYS] = { "home_pathways", "home_pathways_hint" },
	[HOME_GLOSSARY] = { "home_glossary", "home_glossary_hint" },
	[HOME_QUIZ] = { "home_quiz", "home_quiz_hint" },
	[HOME_FACTS] = { "home_facts", "home_facts_hint" },
};

/* The word "Language" in every shipped language, read once: the bundles do not change while
 * the program runs. A NULL-terminated list kept in the app. */
static char **
language_words(struct tui_app *app)
{
	char **locales, **words;
	size_t n = 0;

	if (app->language_words)
		return app->language_words;
	if (!(locales = sp_i18n_installed(app->bundles)))
		return NULL;
	for (size_t i = 0; locales[i]; i++)
		n++;
	words = sp_calloc(n + 1, sizeof *words);
	n = 0;
	for (size_t i = 0; locales[i]; i++) {
		struct sp_i18n *other = NULL;

		if (words && strcmp(locales[i], "en") != 0 &&
		    sp_i18n_open(&other, app->bundles, locales[i]) == SP_OK) {
			words[n] = sp_strdup(sp_i18n_text(other, "home_language"));
			n += words[n] != NULL;
			sp_i18n_free(other);
		}
		free(locales[i]);
	}
	free(locales);
	return app->language_words = words;
}

/* "Language · Język · Kalba · …": the current language's word first, then each other one once,
 * so someone who cannot read the current language still finds the way to their own. */
static char *
language_in_every_language(struct tui_app *app)
{
	const char *current = app_text(app, "home_language");
	char **words = language_words(app);
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, current);
	for (char **w = words; w && *w; w++) {
		if (strstr(buf.data, *w))
			continue;
		sp_buf_puts(&buf, " \u00b7 ");
		sp_buf_puts(&buf, *w);
	}
	return sp_buf_take(&buf);
}

static void
home_build(struct tui_screen *s, struct tui_app *app)
{
	int count = app->training ? HOME_COUNT : app->staff ? HOME_QUIZ : HOME_PATHWAYS;

	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, app_text(app, "home_intro"));
	doc_gap(&s->doc);
	for (int i = 0; i < count; i++) {
		int item = doc_new_item(&s->doc);
		char *words = i == HOME_LANGUAGE ? language_in_every_language(app) : NULL;
		char *line = sp_asprintf("%d  %s", i + 1, words ? words : app_text(app, home_keys[i][0]));

		free(words);
		doc_add(&s->doc, TH_HEADING, item, 0, line ? line : "");
		doc_add(&s->doc, TH_MUTED, item, 3, app_text(app, home_keys[i][1]));
		free(line);
	}
}

static void
home_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	(void) s;
	switch (item) {
	case HOME_NOW: app_push(app, &screen_now, NULL); break;
	case HOME_FIND: app_push(app, &screen_find, NULL); break;
	case HOME_SEARCH: app_push(app, &screen_search, NULL); break;
	case HOME_DEFINE: app_push(app, &screen_define, NULL); break;
	case HOME_LANGUAGE: app_push(app, &screen_language, NULL); break;
	case HOME_PATHWAYS: app_push(app, &screen_pathways, NULL); break;
	case HOME_GLOSSARY: app_push(app, &screen_glossary, NULL); break;
	case HOME_QUIZ: app_push(app, &screen_quiz, NULL); break;
	case HOME_FACTS: app_push(app, &screen_facts, NULL); break;
	default: break;
	}
}

const struct tui_screen_ops screen_home = {
	.title_key = "title_home",
	.build = home_build,
	.activate = home_activate,
	.numbered = true,
};

/* When the directory cannot be used: the built-in national helplines, never an empty screen. */
static void
fallback_build(struct tui_screen *s, struct tui_app *app)
{
	int day, minute;
	bool have_time = sp_london_time(app_now(), &day, &minute) == SP_OK;

	doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0, app_text(app, "fallback_notice"));
	doc_gap(&s->doc);
	for (size_t i = 0; i < sp_fallback_count; i++) {
		const struct sp_fallback_line *l = &sp_fallback_lines[i];
		char *phone = sp_text_keep_whole(l->phone), *line;
		struct sp_hours hours = { 0 };
		const char *state = NULL;

		doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0, l->name);
		if (l->hours && sp_hours_parse(l->hours, &hours, NULL) == SP_OK && have_time) {
			state = sp_hours_is_always(&hours) ? app_text(app, "hours_always") :
			        sp_hours_open_at(&hours, day, minute) ? app_text(app, "open_now") :
			        app_text(app, "closed_now");
		}
		line = sp_asprintf("%s %s%s%s", app_text(app, "kind_phone"), phone ? phone : l->phone,
		                   state ? " \u00b7 " : "", state ? state : "");
		doc_add(&s->doc, TH_PHONE, DOC_NO_ITEM, 2, line ? line : l->phone);
		doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 2, app_text(app, l->who_key));
		sp_hours_clear(&hours);
		free(line);
		free(phone);
	}
}

const struct tui_screen_ops screen_fallback = {
	.title_key = "title_fallback",
	.build = fallback_build,
};

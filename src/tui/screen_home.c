#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/taxonomy.h"
#include "tui/app.h"

/* Home: the five doors of the public view, and the staff ones. */
enum home_item {
	HOME_NOW,
	HOME_FIND,
	HOME_SEARCH,
	HOME_DEFINE,
	HOME_LANGUAGE,
	HOME_PATHWAYS,
	HOME_GLOSSARY,
	HOME_QUIZ,
	HOME_FACTS,
	HOME_COUNT
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

/* What visitors most often come with, one key each on the public Home (6 to 9): each opens the
 * services for it, lines to ring first. */
static const struct {
	const char *key;
	enum sp_profile profile;
} situations[] = {
	{ "situation_male", SP_PROFILE_MALE },
	{ "situation_older", SP_PROFILE_OLDER },
	{ "situation_sexual_violence", SP_PROFILE_SEXUAL_VIOLENCE },
	{ "situation_stalking", SP_PROFILE_STALKING },
};
#define NSITUATIONS ((int) (sizeof situations / sizeof situations[0]))

/* How many doors this view has: the staff and training ones come after the five. */
static int
door_count(const struct tui_app *app)
{
	return app->training ? HOME_COUNT : app->staff ? HOME_QUIZ : HOME_PATHWAYS;
}

static void
home_build(struct tui_screen *s, struct tui_app *app)
{
	int count = door_count(app);

	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, app_text(app, "home_intro"));
	doc_gap(&s->doc);
	for (int i = 0; i < count; i++) {
		int item = doc_new_item(&s->doc);
		char *words = i == HOME_LANGUAGE ? language_in_every_language(app) : NULL;
		char *line = sp_asprintf("%d  %s", i + 1,
		                         words ? words : app_text(app, home_keys[i][0]));

		free(words);
		doc_add(&s->doc, TH_HEADING, item, 0, line ? line : "");
		doc_add(&s->doc, TH_MUTED, item, 3, app_text(app, home_keys[i][1]));
		free(line);
	}
	/* Staff have their own doors after the five; the shortcuts are for visitors. */
	if (!app->staff) {
		doc_gap(&s->doc);
		doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, app_text(app, "home_situations"));
		for (int i = 0; i < NSITUATIONS; i++) {
			char *line = sp_asprintf("%d  %s", count + i + 1,
			                         app_text(app, situations[i].key));

			doc_add(&s->doc, TH_HEADING, doc_new_item(&s->doc), 0, line ? line : "");
			free(line);
		}
	}
	app_add_staff_notice(app, &s->doc);
}

static const struct tui_screen_ops *const home_doors[HOME_COUNT] = {
	[HOME_NOW] = &screen_now,           [HOME_FIND] = &screen_find,
	[HOME_SEARCH] = &screen_search,     [HOME_DEFINE] = &screen_topics,
	[HOME_LANGUAGE] = &screen_language, [HOME_PATHWAYS] = &screen_pathways,
	[HOME_GLOSSARY] = &screen_glossary, [HOME_QUIZ] = &screen_quiz,
	[HOME_FACTS] = &screen_facts,
};

static unsigned
home_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	int count = door_count(app);

	(void) s;
	if (item >= count && item < count + NSITUATIONS && !app->staff) {
		struct results_request asked = {
			.profiles = 1u << situations[item - count].profile,
			.area = SP_AREA_NONE,
		};

		app_open(app, &screen_results, &asked);
		return TUI_HANDLED;
	}
	if (item < 0 || item >= count)
		return TUI_IGNORED;
	app_open(app, home_doors[item], NULL);
	return TUI_HANDLED;
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_home = {
	.title_key = "title_home", .build = home_build, .activate = home_activate,
	.numbered = true,
};
/* clang-format on */

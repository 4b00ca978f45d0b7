#include "config.h"

#include <stdlib.h>

#include "core/describe.h"
#include "core/mem.h"
#include "core/policy.h"
#include "tui/listing.h"

/* The lines a topic's page ends with. */
#define DEFINITION_LINES 3

/* Opened with a definition's id; keeps a copy of it, and the lines its page ends with. */
struct definition_state {
	struct listing items; /* first: the listing screen functions find it there */
	char *id;
};

static bool
definition_enter(struct tui_screen *s, struct tui_app *app, const void *arg)
{
	struct definition_state *st = s->state;

	(void) app;
	return (st->id = sp_strdup(arg)) != NULL;
}

static void
definition_leave(struct tui_screen *s)
{
	struct definition_state *st = s->state;

	listing_clear(&st->items);
	free(st->id);
}

/* Every topic ends with lines a person can ring about it: for the people it most concerns, or
 * for everyone; those answered now first, one entry per number. */
static void
add_lines(struct tui_screen *s, struct tui_app *app, unsigned profiles)
{
	struct definition_state *st = s->state;
	struct sp_query q = { .profiles = profiles,
		              .area = SP_AREA_NONE,
		              .staff = app->staff,
		              .now_ms = app_now(app) };
	struct sp_service_list list = { 0 };

	if (sp_directory_search_at_most(app->dir, &q, &list, NULL) != SP_OK) {
		s->doc.failed = true;
		return;
	}
	sp_policy_keep_phones(&list);
	if (!profiles)
		sp_policy_keep_general(&list);
	sp_policy_sort_for_callers(&list);
	sp_policy_sort_for_person(&list);
	sp_policy_drop_repeated_numbers(&list);
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, app_text(app, "definition_help"));
	for (size_t i = 0; i < list.count && i < DEFINITION_LINES; i++)
		if (!listing_add(&st->items, app, &s->doc, &list.items[i], NULL))
			break;
	sp_service_list_clear(&list);
}

/* One definition: the law as enacted, in English and marked as the law; the plain summary in
 * the user's language, marked as a summary. */
static void
definition_build(struct tui_screen *s, struct tui_app *app)
{
	struct definition_state *st = s->state;
	struct sp_definition_list defs = { 0 };
	const struct sp_definition *d;

	listing_clear(&st->items);
	if (sp_directory_definitions(app->dir, st->id, &defs) != SP_OK || !defs.count) {
		doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0, app_text(app, "detail_missing"));
		sp_definition_list_clear(&defs);
		return;
	}
	d = &defs.items[0];
	doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, d->term);
	if (d->act) {
		char *src = sp_describe_legal_source(app->i18n, d->act, d->section);

		doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, src ? src : d->act);
		free(src);
	}
	doc_add(&s->doc, TH_HINT, DOC_NO_ITEM, 0, app_text(app, "definition_help_hint"));
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0,
	        app_text(app, d->legal_text ? "heading_plain_summary" : "heading_in_plain_words"));
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 2, d->summary);
	if (d->legal_text) {
		doc_gap(&s->doc);
		doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0, app_text(app, "heading_the_law"));
		doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 2, d->legal_text);
	}
	add_lines(s, app, d->profiles);
	sp_definition_list_clear(&defs);
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_definition = {
	.title_key = "title_definition", .state_size = sizeof(struct definition_state),
	.enter = definition_enter, .build = definition_build,
	.activate = listing_screen_activate, .leave = definition_leave, .reading = true,
};
/* clang-format on */

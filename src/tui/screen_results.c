#include "config.h"

#include <stdlib.h>

#include "core/describe.h"
#include "core/policy.h"
#include "tui/listing.h"

/* The answer to Find support: specialist services for the answers first, each with the reason
 * it is shown, then the services for everyone. */
struct results_state {
	struct listing items; /* first: the listing screen functions find it there */
	struct results_request asked;
};

static bool
results_enter(struct tui_screen *s, struct tui_app *app, const void *arg)
{
	struct results_state *st = s->state;

	(void) app;
	st->asked = *(const struct results_request *) arg;
	return true;
}

static void
add_list(struct tui_screen *s, struct tui_app *app, const struct sp_service_list *list,
         bool with_reasons)
{
	struct results_state *st = s->state;

	for (size_t i = 0; i < list->count; i++) {
		const struct sp_service *svc = &list->items[i];
		char *why = with_reasons ? sp_describe_who_for(app->i18n, svc, st->asked.profiles) :
		                           sp_describe_ages(app->i18n, svc);
		bool added = listing_has(&st->items, svc->id) ||
		             listing_add(&st->items, app, &s->doc, svc, why);

		free(why);
		if (!added)
			break;
	}
}

/* Items after the services: each ticked topic by its heading, opening its page. */
static void
add_topics(struct tui_screen *s, struct tui_app *app)
{
	struct results_state *st = s->state;

	if (!st->asked.ntopics)
		return;
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, app_text(app, "results_about"));
	for (size_t i = 0; i < st->asked.ntopics; i++) {
		struct sp_definition_list defs = { 0 };
		int item = doc_new_item(&s->doc);

		if (sp_directory_definitions(app->dir, st->asked.topics[i], &defs) == SP_OK &&
		    defs.count)
			doc_add(&s->doc, TH_HEADING, item, 2, defs.items[0].term);
		else
			doc_add(&s->doc, TH_HEADING, item, 2, st->asked.topics[i]);
		sp_definition_list_clear(&defs);
	}
}

static void
results_build(struct tui_screen *s, struct tui_app *app)
{
	struct results_state *st = s->state;
	struct sp_query q = { .profiles = st->asked.profiles,
		              .area = st->asked.area,
		              .staff = app->staff,
		              .now_ms = app_now(app) };
	struct sp_service_list special = { 0 }, general = { 0 };

	listing_clear(&st->items);
	if (q.profiles && sp_directory_search_at_most(app->dir, &q, &special, NULL) != SP_OK)
		s->doc.failed = true;
	q.profiles = 0;
	if (!st->asked.perpetrator_only &&
	    sp_directory_search_at_most(app->dir, &q, &general, NULL) != SP_OK)
		s->doc.failed = true;
	sp_policy_sort_for_person(&special);
	if (special.count) {
		doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, app_text(app, "results_for_you"));
		add_list(s, app, &special, true);
		doc_gap(&s->doc);
	}
	sp_policy_keep_general(&general);
	sp_policy_sort_for_callers(&general);
	if (general.count) {
		doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, app_text(app, "results_everyone"));
		add_list(s, app, &general, false);
	}
	sp_service_list_clear(&special);
	sp_service_list_clear(&general);
	add_topics(s, app);
}

/* After the lines: the topics that say what was described counts as domestic abuse. */
static unsigned
results_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct results_state *st = s->state;
	size_t topic;

	if (item < 0)
		return TUI_IGNORED;
	if ((size_t) item < st->items.count)
		return listing_open(&st->items, app, item);
	topic = (size_t) item - st->items.count;
	if (topic >= st->asked.ntopics)
		return TUI_IGNORED;
	app_open(app, &screen_definition, st->asked.topics[topic]);
	return TUI_HANDLED;
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_results = {
	.title_key = "title_results", .state_size = sizeof(struct results_state),
	.enter = results_enter, .build = results_build, .activate = results_activate,
	.leave = listing_screen_leave,
};
/* clang-format on */

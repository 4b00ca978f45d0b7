#include "config.h"

#include "core/policy.h"
#include "tui/listing.h"

/* Talk to someone now: helplines answered now (UK time), round-the-clock ones first, then the
 * others with when they open next. */
struct now_state {
	struct listing items;
};

static void
now_build(struct tui_screen *s, struct tui_app *app)
{
	struct now_state *st = s->state;
	struct sp_query q = { .area = SP_AREA_NONE, .staff = app->staff, .now_ms = app_now(app) };
	struct sp_service_list list = { 0 };
	int shown = -1; /* the heading last written: 0 open, 1 later */

	listing_clear(&st->items);
	if (sp_directory_search(app->dir, &q, &list) != SP_OK) {
		doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0, app_text(app, "err_db_query"));
		return;
	}
	sp_policy_keep_answered(&list);
	sp_policy_sort_for_callers(&list);
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, app_text(app, "now_intro"));
	for (size_t i = 0; i < list.count; i++) {
		int group = sp_policy_call_group(&list.items[i]) == SP_CALL_LATER;

		if (group != shown) {
			doc_gap(&s->doc);
			doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0,
			        app_text(app, group ? "now_later" : "now_open"));
			shown = group;
		}
		if (!listing_add(&st->items, app, &s->doc, &list.items[i], NULL))
			break;
	}
	sp_service_list_clear(&list);
}

static unsigned
now_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct now_state *st = s->state;

	return listing_open(&st->items, app, item);
}

static void
now_leave(struct tui_screen *s)
{
	struct now_state *st = s->state;

	listing_clear(&st->items);
}

const struct tui_screen_ops screen_now = {
	.title_key = "title_now",
	.state_size = sizeof(struct now_state),
	.build = now_build,
	.activate = now_activate,
	.leave = now_leave,
};

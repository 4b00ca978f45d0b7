#include "config.h"

#include <stdlib.h>

#include "core/describe.h"
#include "core/mem.h"
#include "core/policy.h"
#include "tui/listing.h"

/* Talk to someone now: every phone line, one entry per number, each saying who it is for:
 * round-the-clock and open lines first, then those whose hours are not known ("try
 * calling"), then the closed ones with when they open. */
struct now_state {
	struct listing items;
};

static const char *
group_heading(enum sp_call_group g)
{
	switch (g) {
	case SP_CALL_ALWAYS:
	case SP_CALL_OPEN: return "now_open";
	case SP_CALL_UNKNOWN: return "now_unknown";
	default: return "now_later";
	}
}

static void
now_build(struct tui_screen *s, struct tui_app *app)
{
	struct now_state *st = s->state;
	struct sp_query q = { .area = SP_AREA_NONE, .staff = app->staff, .now_ms = app_now(app) };
	struct sp_service_list list = { 0 };
	const char *shown = NULL;

	listing_clear(&st->items);
	if (sp_directory_search_at_most(app->dir, &q, &list, NULL) != SP_OK) {
		doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0, app_text(app, "err_db_query"));
		return;
	}
	sp_policy_keep_phones(&list);
	sp_policy_sort_for_callers(&list);
	sp_policy_drop_repeated_numbers(&list);
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, app_text(app, "now_intro"));
	for (size_t i = 0; i < list.count; i++) {
		const char *heading = group_heading(sp_policy_call_group(&list.items[i]));
		char *who = sp_describe_who_for(app->i18n, &list.items[i], 0);
		bool added;

		if (heading != shown) {
			doc_gap(&s->doc);
			doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, app_text(app, heading));
			shown = heading;
		}
		added = listing_add(&st->items, app, &s->doc, &list.items[i], who);
		free(who);
		if (!added)
			break;
	}
	sp_service_list_clear(&list);
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_now = {
	.title_key = "title_now", .state_size = sizeof(struct now_state), .build = now_build,
	.activate = listing_screen_activate, .leave = listing_screen_leave,
};
/* clang-format on */

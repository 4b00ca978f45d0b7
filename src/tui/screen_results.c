#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/format.h"
#include "core/mem.h"
#include "core/taxonomy.h"
#include "tui/app.h"

/* The answer to Find support: specialist services for the answers first, each with the reason
 * it is shown, then the services for everyone. */
struct results_state {
	unsigned profiles;
	enum sp_area area;
	bool perpetrator_only; /* only "worried about my own behaviour" was ticked */
	struct screens_ids items;
};

void
screen_results_open(struct tui_app *app, unsigned profiles, enum sp_area area,
                    bool perpetrator_only)
{
	struct results_state *st = sp_calloc(1, sizeof *st);

	if (!st)
		return;
	st->profiles = profiles;
	st->area = area;
	st->perpetrator_only = perpetrator_only;
	app_push(app, &screen_results, st);
}


static void
add_list(struct tui_screen *s, struct tui_app *app, struct results_state *st,
         const struct sp_service_list *list, bool with_reasons)
{
	for (size_t i = 0; i < list->count; i++) {
		const struct sp_service *svc = &list->items[i];
		char *why = with_reasons ?
			sp_format_profile_names(app->i18n, svc->profiles & st->profiles, "reason_") : NULL;
		bool listed = false;

		for (size_t k = 0; k < st->items.count; k++)
			listed |= strcmp(st->items.ids[k], svc->id) == 0;
		if (!listed) {
			if (!screens_ids_add(&st->items, svc->id))
				s->doc.failed = true;
			else
				screens_add_service_item(app, &s->doc, svc, why);
		}
		free(why);
	}
}

static void
results_build(struct tui_screen *s, struct tui_app *app)
{
	struct results_state *st = s->state;
	struct sp_query q = { NULL, st->profiles, st->area, false, app->staff, app_now() };
	struct sp_service_list special = { 0 }, general = { 0 };

	screens_ids_clear(&st->items);
	if (st->profiles && sp_directory_search(app->dir, &q, &special) != SP_OK)
		s->doc.failed = true;
	q.profiles = 0;
	if (!st->perpetrator_only && sp_directory_search(app->dir, &q, &general) != SP_OK)
		s->doc.failed = true;
	if (special.count) {
		doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, app_text(app, "results_for_you"));
		add_list(s, app, st, &special, true);
		doc_gap(&s->doc);
	}
	/* Services for everyone are those tagged for no particular group. */
	{
		size_t kept = 0;

		for (size_t i = 0; i < general.count; i++) {
			if (general.items[i].profiles == 0)
				general.items[kept++] = general.items[i];
			else
				sp_service_clear(&general.items[i]);
		}
		general.count = kept;
	}
	screens_sort_for_callers(&general);
	if (general.count) {
		doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, app_text(app, "results_everyone"));
		add_list(s, app, st, &general, false);
	}
	sp_service_list_clear(&special);
	sp_service_list_clear(&general);
}

static void
results_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct results_state *st = s->state;

	screens_ids_open(&st->items, app, item);
}

static void
results_free(void *p)
{
	struct results_state *st = p;

	if (!st)
		return;
	screens_ids_clear(&st->items);
	free(st);
}

const struct tui_screen_ops screen_results = {
	.title_key = "title_results",
	.build = results_build,
	.activate = results_activate,
	.free_state = results_free,
};

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "tui/app.h"

/* Talk to someone now: helplines open now (UK time), round-the-clock ones first, then the
 * others with when they open next. Holds copies of the services it shows. */
struct now_state {
	struct sp_service_list list;
	struct screens_ids items;
};

static void
now_free(void *p)
{
	struct now_state *st = p;

	if (!st)
		return;
	sp_service_list_clear(&st->list);
	screens_ids_clear(&st->items);
	free(st);
}

/* Whether a service's main line is closed now (its hours known). */
static bool
closed_now(const struct sp_service *s)
{
	const struct sp_contact *c = sp_service_main_phone(s);

	return c && !sp_hours_is_always(&c->hours) && c->open_now != SP_YES;
}

static void
now_build(struct tui_screen *s, struct tui_app *app)
{
	struct now_state *st = s->state;
	struct sp_query q = { NULL, 0, SP_AREA_NONE, false, app->staff, app_now() };
	int shown = -1; /* the group of the last line listed: 0 open, 1 closed */

	if (!st) {
		if (!(st = s->state = sp_calloc(1, sizeof *st))) {
			s->doc.failed = true;
			return;
		}
	}
	sp_service_list_clear(&st->list);
	screens_ids_clear(&st->items);
	if (sp_directory_search(app->dir, &q, &st->list) != SP_OK) {
		doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0, app_text(app, "err_db_query"));
		return;
	}
	/* Only lines someone answers: a phone with known hours. */
	{
		size_t kept = 0;

		for (size_t i = 0; i < st->list.count; i++) {
			const struct sp_contact *c = sp_service_main_phone(&st->list.items[i]);

			if (c && c->hours.count)
				st->list.items[kept++] = st->list.items[i];
			else
				sp_service_clear(&st->list.items[i]);
		}
		st->list.count = kept;
	}
	screens_sort_for_callers(&st->list);
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, app_text(app, "now_intro"));
	for (size_t i = 0; i < st->list.count; i++) {
		const struct sp_service *svc = &st->list.items[i];
		int group = closed_now(svc);

		if (group != shown) {
			doc_gap(&s->doc);
			doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0,
			        app_text(app, group ? "now_later" : "now_open"));
			shown = group;
		}
		if (!screens_ids_add(&st->items, svc->id)) {
			s->doc.failed = true;
			return;
		}
		screens_add_service_item(app, &s->doc, svc, NULL);
	}
}

static void
now_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct now_state *st = s->state;

	if (st)
		screens_ids_open(&st->items, app, item);
}

const struct tui_screen_ops screen_now = {
	.title_key = "title_now",
	.build = now_build,
	.activate = now_activate,
	.free_state = now_free,
};

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/format.h"
#include "core/mem.h"
#include "core/textwrap.h"
#include "tui/app.h"

/* "Phone 0808 2000 247 · open now", the number joined so it never breaks. */
static char *
contact_line(struct tui_app *app, const struct sp_contact *c)
{
	char *whole = sp_text_keep_whole(c->value), *state = sp_format_contact_state(app->i18n, app->hours, c), *line;
	char key[32];

	snprintf(key, sizeof key, "kind_%s", c->kind);
	line = sp_asprintf("%s %s%s%s%s%s", app_text(app, key), whole ? whole : c->value,
	                   state ? " \u00b7 " : "", state ? state : "",
	                   c->professional ? " \u00b7 " : "",
	                   c->professional ? app_text(app, "professional_only") : "");
	free(whole);
	free(state);
	return line;
}

void
screens_add_service_item(struct tui_app *app, struct doc *doc, const struct sp_service *s,
                         const char *reason)
{
	int item = doc_new_item(doc);
	const struct sp_contact *main = sp_service_main_phone(s);
	char *line;

	doc_add(doc, TH_HEADING, item, 0, s->name);
	if (!main && s->ncontacts)
		main = &s->contacts[0];
	if (main && (line = contact_line(app, main))) {
		doc_add(doc, TH_PHONE, item, 2, line);
		free(line);
	} else if (!main) {
		doc_add(doc, TH_MUTED, item, 2, app_text(app, "referral_professional"));
	}
	if (reason && *reason)
		doc_add(doc, TH_MUTED, item, 2, reason);
}

bool
screens_ids_add(struct screens_ids *ids, const char *id)
{
	char **grown = sp_reallocarray(ids->ids, ids->count + 1, sizeof *grown);

	if (!grown)
		return false;
	ids->ids = grown;
	if (!(ids->ids[ids->count] = sp_strdup(id)))
		return false;
	ids->count++;
	return true;
}

void
screens_ids_clear(struct screens_ids *ids)
{
	for (size_t i = 0; i < ids->count; i++)
		free(ids->ids[i]);
	free(ids->ids);
	ids->ids = NULL;
	ids->count = 0;
}

void
screens_ids_open(const struct screens_ids *ids, struct tui_app *app, int item)
{
	if (item >= 0 && (size_t) item < ids->count)
		screen_detail_open(app, ids->ids[item]);
}

/* 0 round the clock, 1 open now, 2 opens later, 3 hours unknown, 4 no phone. */
static int
caller_rank(const struct sp_service *s, long *wait)
{
	const struct sp_contact *c = sp_service_main_phone(s);

	*wait = 0;
	if (!c)
		return 4;
	if (c->hours.count == 0)
		return 3;
	if (sp_hours_is_always(&c->hours))
		return 0;
	if (c->open_now == SP_YES)
		return 1;
	*wait = c->has_next_open ? (long) c->next_day * 1440 + c->next_min : 99999;
	return 2;
}

static int
caller_before(const struct sp_service *a, const struct sp_service *b)
{
	long wa, wb;
	int ra = caller_rank(a, &wa), rb = caller_rank(b, &wb);

	if (ra != rb)
		return ra < rb;
	/* Among equals, the lines for everyone before the specialist ones. */
	if ((a->profiles == 0) != (b->profiles == 0))
		return a->profiles == 0;
	return wa < wb;
}

void
screens_sort_for_callers(struct sp_service_list *list)
{
	for (size_t i = 1; i < list->count; i++) {
		struct sp_service key = list->items[i];
		size_t j = i;

		while (j > 0 && caller_before(&key, &list->items[j - 1])) {
			list->items[j] = list->items[j - 1];
			j--;
		}
		list->items[j] = key;
	}
}

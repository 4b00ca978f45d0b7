#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/describe.h"
#include "core/mem.h"
#include "core/textwrap.h"
#include "tui/listing.h"

char *
listing_contact_line(struct tui_app *app, const struct sp_contact *c)
{
	char *whole = sp_text_keep_whole(c->value);
	char *state = sp_describe_contact_state(app->i18n, app->hours, c);
	char key[32], *line;

	snprintf(key, sizeof key, "kind_%s", c->kind);
	line = sp_asprintf("%s %s%s%s%s%s", app_text(app, key), whole ? whole : c->value,
	                   state ? " \u00b7 " : "", state ? state : "",
	                   c->professional ? " \u00b7 " : "",
	                   c->professional ? app_text(app, "professional_only") : "");
	free(whole);
	free(state);
	return line;
}

bool
listing_add(struct listing *l, struct tui_app *app, struct doc *doc, const struct sp_service *s,
            const char *reason)
{
	const struct sp_contact *main = sp_service_main_phone(s);
	char **slot = sp_array_push(&l->ids, &l->count, sizeof *l->ids);
	int item;
	char *line;

	if (!slot || !(*slot = sp_strdup(s->id))) {
		if (slot)
			l->count--;
		doc->failed = true;
		return false;
	}
	item = doc_new_item(doc);
	doc_add(doc, TH_HEADING, item, 0, s->name);
	if (!main && s->ncontacts)
		main = &s->contacts[0];
	if (main && (line = listing_contact_line(app, main))) {
		doc_add(doc, TH_PHONE, item, 2, line);
		free(line);
	} else if (!main) {
		doc_add(doc, TH_MUTED, item, 2, app_text(app, "referral_professional"));
	}
	if (reason && *reason)
		doc_add(doc, TH_MUTED, item, 2, reason);
	return true;
}

bool
listing_has(const struct listing *l, const char *id)
{
	for (size_t i = 0; i < l->count; i++)
		if (!strcmp(l->ids[i], id))
			return true;
	return false;
}

unsigned
listing_open(const struct listing *l, struct tui_app *app, int item)
{
	if (item < 0 || (size_t) item >= l->count)
		return TUI_IGNORED;
	app_open(app, &screen_detail, l->ids[item]);
	return TUI_HANDLED;
}

void
listing_clear(struct listing *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->ids[i]);
	free(l->ids);
	l->ids = NULL;
	l->count = 0;
}

unsigned
listing_screen_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	return listing_open(s->state, app, item);
}

void
listing_screen_leave(struct tui_screen *s)
{
	listing_clear(s->state);
}

#include "config.h"

#include <stdlib.h>

#include "core/describe.h"
#include "core/mem.h"
#include "tui/app.h"

/* Opened with a definition's id; keeps a copy of it. */
struct definition_state {
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

	free(st->id);
}

/* One definition: the law as enacted, in English and marked as the law; the plain summary in
 * the user's language, marked as a summary. */
static void
definition_build(struct tui_screen *s, struct tui_app *app)
{
	struct definition_state *st = s->state;
	struct sp_definition_list defs = { 0 };
	const struct sp_definition *d;

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
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0,
	        app_text(app, d->legal_text ? "heading_plain_summary" : "heading_in_plain_words"));
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 2, d->summary);
	if (d->legal_text) {
		doc_gap(&s->doc);
		doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0, app_text(app, "heading_the_law"));
		doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 2, d->legal_text);
	}
	sp_definition_list_clear(&defs);
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_definition = {
	.title_key = "title_definition", .state_size = sizeof(struct definition_state),
	.enter = definition_enter, .build = definition_build, .leave = definition_leave,
};
/* clang-format on */

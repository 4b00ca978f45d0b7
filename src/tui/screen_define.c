#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/format.h"
#include "core/mem.h"
#include "tui/app.h"

/* What is domestic abuse?: the definitions, one item each; Enter opens one. */
struct define_state {
	struct screens_ids items;
};

struct definition_state {
	char *id;
};

static void
define_free(void *p)
{
	struct define_state *st = p;

	if (!st)
		return;
	screens_ids_clear(&st->items);
	free(st);
}

static void
define_build(struct tui_screen *s, struct tui_app *app)
{
	struct define_state *st = s->state;
	struct sp_definition_list defs = { 0 };

	if (!st && !(st = s->state = sp_calloc(1, sizeof *st))) {
		s->doc.failed = true;
		return;
	}
	screens_ids_clear(&st->items);
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, app_text(app, "define_intro"));
	doc_gap(&s->doc);
	if (sp_directory_definitions(app->dir, NULL, &defs) != SP_OK) {
		s->doc.failed = true;
		return;
	}
	for (size_t i = 0; i < defs.count; i++) {
		int item = doc_new_item(&s->doc);

		if (!screens_ids_add(&st->items, defs.items[i].id)) {
			s->doc.failed = true;
			break;
		}
		doc_add(&s->doc, TH_HEADING, item, 0, defs.items[i].term);
	}
	sp_definition_list_clear(&defs);
}

static void
define_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct define_state *st = s->state;
	struct definition_state *d;

	if (!st || item < 0 || (size_t) item >= st->items.count)
		return;
	if (!(d = sp_calloc(1, sizeof *d)) || !(d->id = sp_strdup(st->items.ids[item]))) {
		free(d);
		return;
	}
	app_push(app, &screen_definition, d);
}

const struct tui_screen_ops screen_define = {
	.title_key = "title_define",
	.build = define_build,
	.activate = define_activate,
	.free_state = define_free,
};

static void
definition_free(void *p)
{
	struct definition_state *st = p;

	if (st)
		free(st->id);
	free(st);
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
		char *src = sp_format_legal_source(app->i18n, d->act, d->section);

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

const struct tui_screen_ops screen_definition = {
	.title_key = "title_definition",
	.build = definition_build,
	.free_state = definition_free,
};

/* Staff: the glossary of acronyms. */
static void
glossary_build(struct tui_screen *s, struct tui_app *app)
{
	struct sp_glossary g = { 0 };

	if (sp_directory_glossary(app->dir, NULL, &g) != SP_OK) {
		s->doc.failed = true;
		return;
	}
	for (size_t i = 0; i < g.count; i++) {
		char *line = sp_asprintf("%s \u2014 %s", g.items[i].term, g.items[i].expansion);

		doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0, line ? line : g.items[i].term);
		if (g.items[i].explanation)
			doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 2, g.items[i].explanation);
		free(line);
	}
	sp_glossary_clear(&g);
}

const struct tui_screen_ops screen_glossary = {
	.title_key = "title_glossary",
	.build = glossary_build,
};

/* Staff: referral pathways (DASH thresholds, consent, safeguarding). */
static void
pathways_build(struct tui_screen *s, struct tui_app *app)
{
	struct sp_pathway_list p = { 0 };

	if (sp_directory_pathways(app->dir, &p) != SP_OK) {
		s->doc.failed = true;
		return;
	}
	for (size_t i = 0; i < p.count; i++) {
		doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0, p.items[i].title);
		if (p.items[i].condition) {
			char *line = sp_asprintf("%s: %s", app_text(app, "pathway_when"),
			                         p.items[i].condition);
			doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 2, line ? line : "");
			free(line);
		}
		{
			char *line = sp_asprintf("%s: %s", app_text(app, "pathway_action"),
			                         p.items[i].action);
			doc_add(&s->doc, TH_HINT, DOC_NO_ITEM, 2, line ? line : "");
			free(line);
		}
		if (p.items[i].consent) {
			char *line = sp_asprintf("%s: %s", app_text(app, "field_consent"),
			                         p.items[i].consent);
			doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 2, line ? line : "");
			free(line);
		}
		if (p.items[i].notes)
			doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 2, p.items[i].notes);
		doc_gap(&s->doc);
	}
	sp_pathway_list_clear(&p);
}

const struct tui_screen_ops screen_pathways = {
	.title_key = "title_pathways",
	.build = pathways_build,
};

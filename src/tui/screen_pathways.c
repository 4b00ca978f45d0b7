#include "config.h"

#include <stdlib.h>

#include "core/mem.h"
#include "tui/app.h"

/* "When: …" as one paragraph; nothing when there is no value. */
static void
add_labelled(struct tui_screen *s, struct tui_app *app, enum tui_role role, const char *label_key,
             const char *value)
{
	char *line;

	if (!value)
		return;
	line = sp_asprintf("%s: %s", app_text(app, label_key), value);
	doc_add(&s->doc, role, DOC_NO_ITEM, 2, line ? line : value);
	free(line);
}

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
		add_labelled(s, app, TH_NORMAL, "pathway_when", p.items[i].condition);
		add_labelled(s, app, TH_HINT, "pathway_action", p.items[i].action);
		add_labelled(s, app, TH_NORMAL, "field_consent", p.items[i].consent);
		if (p.items[i].notes)
			doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 2, p.items[i].notes);
		doc_gap(&s->doc);
	}
	sp_pathway_list_clear(&p);
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_pathways = {
	.title_key = "title_pathways", .build = pathways_build,
};
/* clang-format on */

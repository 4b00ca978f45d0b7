#include "config.h"

#include <stdlib.h>

#include "core/mem.h"
#include "tui/app.h"

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

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_glossary = {
	.title_key = "title_glossary", .build = glossary_build,
};
/* clang-format on */

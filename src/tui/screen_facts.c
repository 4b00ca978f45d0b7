#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "tui/app.h"

/* Training: key facts from the annual report, as horizontal bar charts on the projector. A chart
 * whose rows measure different things gets no bars, only its figures. */
static bool
same_units(const struct sp_chart *c)
{
	for (size_t i = 1; i < c->nfacts; i++)
		if (strcmp(c->facts[i].unit ? c->facts[i].unit : "",
		           c->facts[0].unit ? c->facts[0].unit : "") != 0)
			return false;
	return true;
}

static void
facts_build(struct tui_screen *s, struct tui_app *app)
{
	struct sp_chart_list charts;
	int width = app->content_cols - 4;

	if (sp_directory_charts(app->dir, &charts) != SP_OK) {
		s->doc.failed = true;
		return;
	}
	if (width < 10)
		width = 10;
	for (size_t i = 0; i < charts.count; i++) {
		const struct sp_chart *c = &charts.items[i];
		bool bars = same_units(c);
		double max = 0;

		for (size_t f = 0; f < c->nfacts; f++)
			if (c->facts[f].value > max)
				max = c->facts[f].value;
		doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, c->title);
		if (c->note)
			doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, c->note);
		for (size_t f = 0; f < c->nfacts; f++) {
			const struct sp_fact *fact = &c->facts[f];
			char *line = sp_asprintf("%s: %g %s (%s)", fact->label, fact->value,
			                         fact->unit ? fact->unit : "",
			                         fact->period ? fact->period : "");

			doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 2, line ? line : fact->label);
			free(line);
			if (bars && max > 0) {
				int n = (int) (fact->value / max * width + 0.5);
				struct sp_buf bar;

				sp_buf_init(&bar);
				sp_buf_puts(&bar, "");
				for (int k = 0; k < n; k++)
					sp_buf_puts(&bar, "\u2588");
				if ((line = sp_buf_take(&bar)) && *line)
					doc_add(&s->doc, TH_PHONE, DOC_NO_ITEM, 2, line);
				free(line);
			}
		}
		doc_gap(&s->doc);
	}
	doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, app_text(app, "facts_source"));
	sp_chart_list_clear(&charts);
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_facts = {
	.title_key = "title_facts", .build = facts_build, .resize = app_rebuild_on_resize,
};
/* clang-format on */

#include "config.h"

#include <stdlib.h>

#include "core/describe.h"
#include "core/mem.h"
#include "tui/app.h"

/* What is domestic abuse?: the definitions, one item each; Enter opens one. Keeps ids. */
struct topics_state {
	char **ids;
	size_t count;
};

static void
topics_leave(struct tui_screen *s)
{
	struct topics_state *st = s->state;

	sp_strv_free_n(st->ids, st->count);
	st->ids = NULL;
	st->count = 0;
}

static void
topics_build(struct tui_screen *s, struct tui_app *app)
{
	struct topics_state *st = s->state;
	struct sp_definition_list defs = { 0 };

	topics_leave(s);
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, app_text(app, "define_intro"));
	doc_gap(&s->doc);
	if (sp_directory_definitions(app->dir, NULL, &defs) != SP_OK) {
		s->doc.failed = true;
		return;
	}
	for (size_t i = 0; i < defs.count; i++) {
		char **slot = sp_array_push(&st->ids, &st->count, sizeof *st->ids);

		if (!slot || !(*slot = sp_strdup(defs.items[i].id))) {
			st->count -= slot != NULL;
			s->doc.failed = true;
			break;
		}
		doc_add(&s->doc, TH_HEADING, doc_new_item(&s->doc), 0, defs.items[i].term);
	}
	sp_definition_list_clear(&defs);
}

static unsigned
topics_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct topics_state *st = s->state;

	if (item < 0 || (size_t) item >= st->count)
		return TUI_IGNORED;
	app_open(app, &screen_definition, st->ids[item]);
	return TUI_HANDLED;
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_topics = {
	.title_key = "title_define", .state_size = sizeof(struct topics_state),
	.build = topics_build, .activate = topics_activate, .leave = topics_leave,
};
/* clang-format on */

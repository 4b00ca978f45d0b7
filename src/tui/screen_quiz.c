#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "tui/app.h"

/* Training: "Is this domestic abuse under the Act? Who would you signpost to?" One scenario at
 * a time; the score lives only in this screen's state and goes with it. */
struct quiz_state {
	struct sp_quiz quiz;
	bool loaded;
	size_t current; /* == quiz.count: the score page */
	int chosen;     /* the answer picked for the current question, or -1 */
	unsigned score;
};

static bool
quiz_enter(struct tui_screen *s, struct tui_app *app, const void *arg)
{
	struct quiz_state *st = s->state;

	(void) arg;
	st->chosen = -1;
	st->loaded = sp_directory_quiz(app->dir, &st->quiz) == SP_OK;
	return true;
}

static void
quiz_leave(struct tui_screen *s)
{
	struct quiz_state *st = s->state;

	sp_quiz_clear(&st->quiz);
}

static char *
number_text(unsigned n)
{
	return sp_asprintf("%u", n);
}

static void
add_signposts(struct tui_screen *s, struct tui_app *app, char **ids)
{
	doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0, app_text(app, "quiz_signpost"));
	for (char **id = ids; id && *id; id++) {
		struct sp_service svc;

		if (sp_directory_get(app->dir, *id, true, app_now(app), &svc) != SP_OK)
			continue;
		{
			const struct sp_contact *c = sp_service_main_phone(&svc);
			char *line = sp_asprintf("%s%s%s", svc.name, c ? " \u2014 " : "",
			                         c ? c->value : "");

			doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 2, line ? line : svc.name);
			free(line);
		}
		sp_service_clear(&svc);
	}
}

static void
quiz_build(struct tui_screen *s, struct tui_app *app)
{
	struct quiz_state *st = s->state;
	const struct sp_quiz_item *q;
	char *line, *a, *b;

	if (!st->loaded) {
		s->doc.failed = true;
		return;
	}
	if (st->current >= st->quiz.count) {
		const char *args[2];

		a = number_text(st->score);
		b = number_text((unsigned) st->quiz.count);
		args[0] = a ? a : "";
		args[1] = b ? b : "";
		line = app_format(app, "quiz_score", 2, args);
		doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, line ? line : "");
		doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, app_text(app, "quiz_not_stored"));
		doc_gap(&s->doc);
		doc_add(&s->doc, TH_HEADING, doc_new_item(&s->doc), 0, app_text(app, "quiz_again"));
		free(line);
		free(a);
		free(b);
		return;
	}
	q = &st->quiz.items[st->current];
	{
		const char *args[2];

		a = number_text((unsigned) st->current + 1);
		b = number_text((unsigned) st->quiz.count);
		args[0] = a ? a : "";
		args[1] = b ? b : "";
		line = app_format(app, "quiz_progress", 2, args);
		doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, line ? line : "");
		free(line);
		free(a);
		free(b);
	}
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, q->scenario);
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0, app_text(app, "quiz_question"));
	for (size_t i = 0; i < q->noptions; i++) {
		const char *mark = st->chosen < 0        ? " " :
		                   (int) i == q->answer  ? "\u2713" :
		                   (int) i == st->chosen ? "\u2717" :
		                                           " ";

		line = sp_asprintf("%s %c) %s", mark, (char) ('a' + i), q->options[i]);
		doc_add(&s->doc, TH_NORMAL, st->chosen < 0 ? doc_new_item(&s->doc) : DOC_NO_ITEM, 0,
		        line ? line : q->options[i]);
		free(line);
	}
	if (st->chosen < 0)
		return;
	doc_gap(&s->doc);
	doc_add(&s->doc, st->chosen == q->answer ? TH_HEADING : TH_WARNING, DOC_NO_ITEM, 0,
	        app_text(app, st->chosen == q->answer ? "quiz_right" : "quiz_wrong"));
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, q->explanation);
	doc_gap(&s->doc);
	add_signposts(s, app, q->services);
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_HEADING, doc_new_item(&s->doc), 0,
	        app_text(app, st->current + 1 < st->quiz.count ? "quiz_next" : "quiz_finish"));
}

static unsigned
quiz_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct quiz_state *st = s->state;

	(void) app;
	if (!st->loaded)
		return TUI_IGNORED;
	s->selected = 0;
	s->scroll = 0;
	if (st->current >= st->quiz.count) {
		st->current = 0;
		st->score = 0;
		st->chosen = -1;
	} else if (st->chosen < 0) {
		st->chosen = item;
		if (item == st->quiz.items[st->current].answer)
			st->score++;
	} else {
		st->current++;
		st->chosen = -1;
	}
	return TUI_HANDLED | TUI_REBUILD;
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_quiz = {
	.title_key = "title_quiz", .state_size = sizeof(struct quiz_state), .enter = quiz_enter,
	.build = quiz_build, .activate = quiz_activate, .leave = quiz_leave,
};
/* clang-format on */

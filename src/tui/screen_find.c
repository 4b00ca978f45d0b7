#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/taxonomy.h"
#include "tui/app.h"

/* Find support: a short checklist, every answer optional, several allowed. */
enum find_question {
	Q_ME,
	Q_SOMEONE,
	Q_OWN_BEHAVIOUR,
	Q_MALE,
	Q_LGBTQ,
	Q_OLDER,
	Q_YOUNG,
	Q_STALKING,
	Q_A8,
	Q_ETHNIC,
	Q_CHILDREN,
	Q_SEXUAL,
	Q_HONOUR,
	Q_DISABILITY,
	Q_MONEY,
	Q_FAMILY,
	Q_PHONE,
	Q_AREA,
	Q_SHOW,
	Q_COUNT
};

static const struct {
	const char *key;
	int profile;       /* -1 when the answer picks no profile */
	const char *topic; /* the topic that says it counts as abuse, or NULL */
} questions[Q_AREA] = {
	[Q_ME] = { "find_me", -1 },
	[Q_SOMEONE] = { "find_someone", -1 },
	[Q_OWN_BEHAVIOUR] = { "find_own_behaviour", SP_PROFILE_PERPETRATOR },
	[Q_MALE] = { "find_male", SP_PROFILE_MALE },
	[Q_LGBTQ] = { "find_lgbtq", SP_PROFILE_LGBTQ },
	[Q_OLDER] = { "find_older", SP_PROFILE_OLDER },
	[Q_YOUNG] = { "find_young", SP_PROFILE_YOUNG },
	[Q_STALKING] = { "find_stalking", SP_PROFILE_STALKING },
	[Q_A8] = { "find_a8", SP_PROFILE_A8 },
	[Q_ETHNIC] = { "find_ethnic_minority", SP_PROFILE_ETHNIC_MINORITY },
	[Q_CHILDREN] = { "find_children", SP_PROFILE_CHILDREN },
	[Q_SEXUAL] = { "find_sexual_violence", SP_PROFILE_SEXUAL_VIOLENCE },
	[Q_HONOUR] = { "find_honour", SP_PROFILE_HONOUR },
	[Q_DISABILITY] = { "find_disability", SP_PROFILE_DISABILITY },
	/* What visitors bring without a name for it: each leads to the topic that says it counts. */
	[Q_MONEY] = { "find_money", -1, "da-act-s1" },
	[Q_FAMILY] = { "find_family", -1, "da-act-s2" },
	[Q_PHONE] = { "find_phone", SP_PROFILE_STALKING, "coercive-control" },
};

/* Where they live: not said, then the districts and Peterborough. */
static const enum sp_area districts[] = {
	SP_AREA_NONE,         SP_AREA_CAMBRIDGE_CITY,  SP_AREA_EAST_CAMBS,
	SP_AREA_FENLAND,      SP_AREA_HUNTINGDONSHIRE, SP_AREA_SOUTH_CAMBS,
	SP_AREA_PETERBOROUGH,
};
#define NDISTRICTS (sizeof districts / sizeof districts[0])

struct find_state {
	bool answer[Q_AREA];
	size_t district;
};

static void
find_build(struct tui_screen *s, struct tui_app *app)
{
	struct find_state *st = s->state;
	char *line;

	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, app_text(app, "find_intro"));
	doc_add(&s->doc, TH_HINT, DOC_NO_ITEM, 0, app_text(app, "find_show_hint"));
	for (int q = 0; q < Q_AREA; q++) {
		int item = doc_new_item(&s->doc);

		if (q == Q_ME || q == Q_MALE) {
			doc_gap(&s->doc);
			doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0,
			        app_text(app, q == Q_ME ? "find_who" : "find_about"));
		}
		line = sp_asprintf("[%s] %s", st->answer[q] ? "x" : " ",
		                   app_text(app, questions[q].key));
		doc_add(&s->doc, TH_NORMAL, item, 0, line ? line : "");
		free(line);
	}
	doc_gap(&s->doc);
	{
		int item = doc_new_item(&s->doc);
		enum sp_area a = districts[st->district];
		char key[48];
		const char *args[1];

		snprintf(key, sizeof key, "area_%s", a == SP_AREA_NONE ? "unsaid" : sp_area_id(a));
		args[0] = app_text(app, key);
		line = app_format(app, "find_area", 1, args);
		doc_add(&s->doc, TH_NORMAL, item, 0, line ? line : "");
		free(line);
	}
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_HEADING, doc_new_item(&s->doc), 0, app_text(app, "find_show"));
}

static unsigned
find_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct find_state *st = s->state;
	struct results_request asked = { .area = districts[st->district] };

	if (item >= 0 && item < Q_AREA) {
		st->answer[item] = !st->answer[item];
		return TUI_HANDLED | TUI_REBUILD;
	}
	if (item == Q_AREA) {
		st->district = (st->district + 1) % NDISTRICTS;
		return TUI_HANDLED | TUI_REBUILD;
	}
	for (int q = 0; q < Q_AREA; q++) {
		if (!st->answer[q])
			continue;
		if (questions[q].profile >= 0)
			asked.profiles |= 1u << questions[q].profile;
		if (questions[q].topic && asked.ntopics < RESULTS_MAX_TOPICS)
			asked.topics[asked.ntopics++] = questions[q].topic;
	}
	asked.perpetrator_only =
	        st->answer[Q_OWN_BEHAVIOUR] && !st->answer[Q_ME] && !st->answer[Q_SOMEONE];
	app_open(app, &screen_results, &asked);
	return TUI_HANDLED;
}

static unsigned
find_key(struct tui_screen *s, struct tui_app *app, const struct tui_key *key)
{
	/* Space ticks the selected answer, as in any checklist. */
	if (key->code == TUI_KEY_CHAR && key->ch == L' ' && s->selected != DOC_NO_ITEM &&
	    s->selected <= Q_AREA)
		return find_activate(s, app, s->selected);
	return TUI_IGNORED;
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_find = {
	.title_key = "title_find", .state_size = sizeof(struct find_state), .build = find_build,
	.key = find_key, .activate = find_activate,
};
/* clang-format on */

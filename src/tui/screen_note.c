#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/describe.h"
#include "core/mem.h"
#include "core/textwrap.h"
#include "tui/app.h"

/* Note this number: the main phone number alone, in large block digits, with its hours, so a
 * person can learn it by heart or write it down. */
struct note_state {
	char *name;
	char *phone;
	char *hours; /* "open now" etc., or NULL */
};

/* 3x5 digits; each row of a glyph is three cells. */
static const char *const glyphs[10][5] = {
	{ "███", "█ █", "█ █", "█ █", "███" }, { " ██", "  █", "  █", "  █", "  █" },
	{ "███", "  █", "███", "█  ", "███" }, { "███", "  █", "███", "  █", "███" },
	{ "█ █", "█ █", "███", "  █", "  █" }, { "███", "█  ", "███", "  █", "███" },
	{ "███", "█  ", "███", "█ █", "███" }, { "███", "  █", "  █", "  █", "  █" },
	{ "███", "█ █", "███", "█ █", "███" }, { "███", "█ █", "███", "  █", "███" },
};

/* Opened with the service whose main number to show; keeps copies, not the service. */
static bool
note_enter(struct tui_screen *s, struct tui_app *app, const void *arg)
{
	struct note_state *st = s->state;
	const struct sp_service *svc = arg;
	const struct sp_contact *c = sp_service_main_phone(svc);

	if (!c)
		return false;
	st->name = sp_strdup(svc->name);
	st->phone = sp_strdup(c->value);
	st->hours = sp_describe_contact_state(app->i18n, app->hours, c);
	return st->name && st->phone;
}

static void
note_leave(struct tui_screen *s)
{
	struct note_state *st = s->state;

	free(st->name);
	free(st->phone);
	free(st->hours);
}

/* The big rows of the digit groups [from, to) of the number's groups. */
static void
add_big_groups(struct doc *doc, const char *phone, int indent)
{
	for (int row = 0; row < 5; row++) {
		struct sp_buf buf;
		char *line;

		sp_buf_init(&buf);
		sp_buf_puts(&buf, "");
		for (const char *p = phone; *p; p++) {
			if (*p == ' ')
				sp_buf_puts(&buf, "\u00a0\u00a0");
			else if (*p >= '0' && *p <= '9') {
				sp_buf_puts(&buf, glyphs[*p - '0'][row]);
				sp_buf_puts(&buf, "\u00a0");
			}
		}
		/* Glyph spaces must not break lines either. */
		line = sp_buf_take(&buf);
		if (line) {
			char *whole = sp_text_keep_whole(line);

			doc_add(doc, TH_PHONE, DOC_NO_ITEM, indent, whole ? whole : line);
			free(whole);
			free(line);
		}
	}
}

static void
note_build(struct tui_screen *s, struct tui_app *app)
{
	struct note_state *st = s->state;
	char *whole = sp_text_keep_whole(st->phone);
	int big = 0;

	doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, st->name);
	doc_gap(&s->doc);
	for (const char *p = st->phone; *p; p++)
		big += *p == ' ' ? 2 : 4;
	if (big + 2 <= app->content_cols) {
		add_big_groups(&s->doc, st->phone, 2);
	} else {
		/* Too narrow for one row of big digits: one group per row. */
		const char *p = st->phone;

		while (*p) {
			size_t n = strcspn(p, " ");
			char *group = sp_strndup(p, n);

			if (group && (int) n * 4 + 2 <= app->content_cols)
				add_big_groups(&s->doc, group, 2);
			else if (group)
				doc_add(&s->doc, TH_PHONE, DOC_NO_ITEM, 2, group);
			free(group);
			doc_gap(&s->doc);
			p += n;
			while (*p == ' ')
				p++;
		}
	}
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_PHONE, DOC_NO_ITEM, 2, whole ? whole : st->phone);
	if (st->hours)
		doc_add(&s->doc, TH_HINT, DOC_NO_ITEM, 2, st->hours);
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, app_text(app, "note_hint"));
	free(whole);
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_note = {
	.title_key = "title_note", .state_size = sizeof(struct note_state), .enter = note_enter,
	.build = note_build, .resize = app_rebuild_on_resize, .leave = note_leave,
};
/* clang-format on */

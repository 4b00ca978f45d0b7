#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "core/mem.h"
#include "core/policy.h"
#include "core/textwrap.h"
#include "tui/listing.h"

/* Type-ahead search: the results follow every key. The query is wiped when the screen goes. */
#define SEARCH_MAX_BYTES 256

struct search_state {
	struct listing items; /* first: the listing screen functions find it there */
	char query[SEARCH_MAX_BYTES];
	size_t len;
};

static void
search_build(struct tui_screen *s, struct tui_app *app)
{
	struct search_state *st = s->state;
	struct sp_service_list list = { 0 };
	char *line;
	const char *args[1];

	listing_clear(&st->items);
	args[0] = st->query;
	line = app_format(app, "search_prompt", 1, args);
	doc_add(&s->doc, TH_HINT, DOC_NO_ITEM, 0, line ? line : "");
	free(line);
	if (!st->len) {
		doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, app_text(app, "search_examples"));
		return;
	}
	doc_gap(&s->doc);
	if (app->staff) {
		struct sp_glossary g = { 0 };

		if (sp_directory_glossary(app->dir, st->query, &g) == SP_OK) {
			for (size_t i = 0; i < g.count; i++) {
				line = sp_asprintf("%s \u2014 %s", g.items[i].term,
				                   g.items[i].expansion);
				doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, line ? line : "");
				if (g.items[i].explanation)
					doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 2,
					        g.items[i].explanation);
				free(line);
			}
			if (g.count)
				doc_gap(&s->doc);
		}
		sp_glossary_clear(&g);
	}
	{
		struct sp_query q = { .text = st->query,
			              .area = SP_AREA_NONE,
			              .staff = app->staff,
			              .now_ms = app_now(app) };

		if (sp_directory_search(app->dir, &q, &list) != SP_OK)
			s->doc.failed = true;
		sp_policy_sort_for_person(&list);
	}
	line = sp_i18n_format_count(app->i18n, "services_found", (double) list.count, 0, NULL);
	doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, line ? line : "");
	free(line);
	for (size_t i = 0; i < list.count; i++)
		if (!listing_add(&st->items, app, &s->doc, &list.items[i], NULL))
			break;
	sp_service_list_clear(&list);
	if (s->selected >= (int) st->items.count)
		s->selected = st->items.count ? 0 : DOC_NO_ITEM;
}

static unsigned
search_key(struct tui_screen *s, struct tui_app *app, const struct tui_key *key)
{
	struct search_state *st = s->state;
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t n;

	(void) app;
	if (key->code == TUI_KEY_BACKSPACE) {
		if (!st->len)
			return TUI_IGNORED; /* empty: Backspace goes back */
		sp_text_erase_last(st->query, &st->len);
		s->selected = 0;
		return TUI_HANDLED | TUI_REBUILD;
	}
	if (key->code != TUI_KEY_CHAR || !iswprint(key->ch))
		return TUI_IGNORED;
	memset(&ps, 0, sizeof ps);
	n = wcrtomb(mb, (wchar_t) key->ch, &ps);
	if (n == (size_t) -1 || st->len + n >= sizeof st->query)
		return TUI_HANDLED; /* too long or unencodable: the key is swallowed */
	memcpy(st->query + st->len, mb, n);
	st->len += n;
	st->query[st->len] = '\0';
	s->selected = 0;
	return TUI_HANDLED | TUI_REBUILD;
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_search = {
	.title_key = "title_search", .state_size = sizeof(struct search_state),
	.build = search_build, .key = search_key, .activate = listing_screen_activate,
	.leave = listing_screen_leave,
};
/* clang-format on */

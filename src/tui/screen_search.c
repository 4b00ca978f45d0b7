#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "core/mem.h"
#include "core/textwrap.h"
#include "tui/listing.h"

/* Type-ahead search: the results follow every key. The query is wiped when the screen goes.
 * Only the services the list shows are loaded: a page more each time the selection comes
 * near its end, so a one-letter search of a national directory costs a screenful. */
#define SEARCH_MAX_BYTES 256
#define SEARCH_PAGE 25

struct search_state {
	struct listing items; /* first: the listing screen functions find it there */
	char query[SEARCH_MAX_BYTES];
	size_t len;
	size_t wanted; /* services to list (0: a page) */
	bool more;     /* the search has more than the list shows */
};

/* The line above the list: how many were found, or that there are too many to count. */
static void
add_count(struct tui_screen *s, struct tui_app *app, const struct sp_search *search)
{
	bool exact;
	size_t count = sp_search_count(search, &exact);
	char *line, over[24];
	const char *args[1] = { over };

	if (exact) {
		line = sp_i18n_format_count(app->i18n, "services_found", (double) count, 0, NULL);
	} else {
		snprintf(over, sizeof over, "%d", SP_SEARCH_RANKED_MAX);
		line = app_format(app, "services_found_many", 1, args);
	}
	doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, line ? line : "");
	free(line);
}

static void
search_build(struct tui_screen *s, struct tui_app *app)
{
	struct search_state *st = s->state;
	struct sp_service_list list = { 0 };
	struct sp_search *search = NULL;
	char *line;
	const char *args[1];

	listing_clear(&st->items);
	st->more = false;
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

		/* In the person's order (core/policy.h), as far as the list reaches. */
		if (sp_search_open(&search, app->dir, &q) != SP_OK ||
		    sp_search_next(search, st->wanted ? st->wanted : SEARCH_PAGE, &list) != SP_OK)
			s->doc.failed = true;
	}
	if (search) {
		add_count(s, app, search);
		st->more = sp_search_more(search);
		sp_search_free(search);
	}
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
	if (key->code == TUI_KEY_DOWN || key->code == TUI_KEY_PAGE_DOWN ||
	    key->code == TUI_KEY_WHEEL_DOWN || key->code == TUI_KEY_END) {
		size_t near = (size_t) (s->selected < 0 ? 0 : s->selected) + SEARCH_PAGE / 2;

		/* Near the end of the list: a page more, and the key still moves (not handled). */
		if (!st->more || (key->code != TUI_KEY_END && near < st->items.count))
			return TUI_IGNORED;
		st->wanted = st->items.count + SEARCH_PAGE;
		return TUI_REBUILD;
	}
	if (key->code == TUI_KEY_BACKSPACE) {
		if (!st->len)
			return TUI_IGNORED; /* empty: Backspace goes back */
		sp_text_erase_last(st->query, &st->len);
		s->selected = 0;
		st->wanted = 0;
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
	st->wanted = 0;
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

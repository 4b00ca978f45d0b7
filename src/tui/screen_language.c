#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "core/mem.h"
#include "tui/app.h"

/* Language: every shipped language in its own name; choosing one switches at once. */
struct language_state {
	char **locales; /* NULL-terminated, from res_index; "en" is left out for en_GB */
	size_t count;
	wint_t *initials; /* the first letter of each one's own name, for jumping by letter */
};

static void
language_leave(struct tui_screen *s)
{
	struct language_state *st = s->state;

	sp_strv_free_n(st->locales, st->count);
	free(st->initials);
}

static int
compare_locales(const void *a, const void *b)
{
	const char *x = *(char *const *) a, *y = *(char *const *) b;

	if (!strcmp(x, "en_GB") || !strcmp(y, "en_GB"))
		return !strcmp(y, "en_GB") - !strcmp(x, "en_GB");
	return strcmp(x, y);
}

/* The first letter of a language's own name, lower case ("p" for Polski, "č" for Čeština). */
static wint_t
initial(const char *locale)
{
	char *name = sp_i18n_self_name(locale);
	wchar_t wc = 0;
	mbstate_t ps;

	memset(&ps, 0, sizeof ps);
	if (name && mbrtowc(&wc, name, strlen(name), &ps) > (size_t) -3)
		wc = 0;
	free(name);
	return towlower((wint_t) wc);
}

/* The languages there are bundles for, English first, then the others by code: the same order
 * on every kiosk. "en" and "en_GB" are one language here: en_GB stays. */
static bool
language_enter(struct tui_screen *s, struct tui_app *app, const void *arg)
{
	struct language_state *st = s->state;
	char **all = sp_i18n_installed(app->bundles);
	size_t kept = 0;

	(void) arg;
	if (!all)
		return false;
	for (size_t i = 0; all[i]; i++) {
		if (!strcmp(all[i], "en"))
			free(all[i]);
		else
			all[kept++] = all[i];
	}
	all[kept] = NULL;
	qsort(all, kept, sizeof *all, compare_locales);
	st->locales = all;
	st->count = kept;
	/* Read once here, not on every key: each name is an ICU lookup. */
	if ((st->initials = sp_calloc(kept ? kept : 1, sizeof *st->initials)))
		for (size_t i = 0; i < kept; i++)
			st->initials[i] = initial(all[i]);
	return true;
}

static void
language_build(struct tui_screen *s, struct tui_app *app)
{
	struct language_state *st = s->state;

	for (size_t i = 0; i < st->count; i++) {
		int item = doc_new_item(&s->doc);
		char *name = sp_i18n_self_name(st->locales[i]);
		bool current = !strcmp(st->locales[i], app->locale);
		char *line = sp_asprintf("%s%s", name ? name : st->locales[i],
		                         current ? "  \u2713" : "");

		doc_add(&s->doc, current ? TH_HEADING : TH_NORMAL, item, 0, line ? line : "");
		if (current && s->selected == 0)
			s->selected = item;
		free(line);
		free(name);
	}
}

/* A letter moves to the next language whose own name starts with it, so a visitor reaches
 * theirs in a key or two without reading the others. */
static unsigned
language_key(struct tui_screen *s, struct tui_app *app, const struct tui_key *key)
{
	struct language_state *st = s->state;
	wint_t want;

	(void) app;
	if (key->code != TUI_KEY_CHAR || !iswalpha(key->ch) || !st->count)
		return TUI_IGNORED;
	want = towlower(key->ch);
	for (size_t step = 1; step <= st->count; step++) {
		size_t i = ((size_t) (s->selected < 0 ? 0 : s->selected) + step) % st->count;

		if (st->initials && st->initials[i] == want) {
			s->selected = (int) i;
			break;
		}
	}
	return TUI_HANDLED;
}

static unsigned
language_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct language_state *st = s->state;

	if (item < 0 || (size_t) item >= st->count)
		return TUI_IGNORED;
	return app_set_locale(app, st->locales[item]) ? TUI_HANDLED | TUI_POP : TUI_HANDLED;
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_language = {
	.title_key = "title_language", .state_size = sizeof(struct language_state),
	.enter = language_enter, .build = language_build, .key = language_key,
	.activate = language_activate,
	.leave = language_leave,
};
/* clang-format on */

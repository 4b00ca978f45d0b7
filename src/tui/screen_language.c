#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "tui/app.h"

/* Language: every shipped language in its own name; choosing one switches at once. */
struct language_state {
	char **locales; /* NULL-terminated, from res_index; "en" is left out for en_GB */
	size_t count;
};

static void
language_free(void *p)
{
	struct language_state *st = p;

	if (!st)
		return;
	for (size_t i = 0; st->locales && st->locales[i]; i++)
		free(st->locales[i]);
	free(st->locales);
	free(st);
}

static int
compare_locales(const void *a, const void *b)
{
	const char *x = *(char *const *) a, *y = *(char *const *) b;

	if (!strcmp(x, "en_GB") || !strcmp(y, "en_GB"))
		return !strcmp(y, "en_GB") - !strcmp(x, "en_GB");
	return strcmp(x, y);
}

static void
language_build(struct tui_screen *s, struct tui_app *app)
{
	struct language_state *st = s->state;

	if (!st) {
		char **all = sp_i18n_installed(app->bundles);
		size_t kept = 0;

		if (!all || !(st = s->state = sp_calloc(1, sizeof *st))) {
			for (size_t i = 0; all && all[i]; i++)
				free(all[i]);
			free(all);
			s->doc.failed = true;
			return;
		}
		/* "en" and "en_GB" are one language here: keep en_GB. */
		for (size_t i = 0; all[i]; i++) {
			if (!strcmp(all[i], "en"))
				free(all[i]);
			else
				all[kept++] = all[i];
		}
		all[kept] = NULL;
		/* English first, then the others by code: the same order on every kiosk. */
		qsort(all, kept, sizeof *all, compare_locales);
		st->locales = all;
		st->count = kept;
	}
	for (size_t i = 0; i < st->count; i++) {
		int item = doc_new_item(&s->doc);
		char *name = sp_i18n_self_name(st->locales[i]);
		bool current = !strcmp(st->locales[i], app->locale);
		char *line = sp_asprintf("%s%s", name ? name : st->locales[i], current ? "  \u2713" : "");

		doc_add(&s->doc, current ? TH_HEADING : TH_NORMAL, item, 0, line ? line : "");
		if (current && s->selected == 0)
			s->selected = item;
		free(line);
		free(name);
	}
}

static void
language_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct language_state *st = s->state;

	if (!st || item < 0 || (size_t) item >= st->count)
		return;
	if (app_set_locale(app, st->locales[item]))
		app_pop(app);
}

const struct tui_screen_ops screen_language = {
	.title_key = "title_language",
	.build = language_build,
	.activate = language_activate,
	.free_state = language_free,
};

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/mem.h"
#include "tui/app.h"

bool
app_push(struct tui_app *app, const struct tui_screen_ops *ops, void *state)
{
	struct tui_screen *s;

	if (app->depth >= TUI_MAX_DEPTH || !(s = sp_calloc(1, sizeof *s))) {
		if (ops->free_state)
			ops->free_state(state);
		return false;
	}
	s->ops = ops;
	s->state = state;
	s->selected = 0;
	s->dirty = true;
	doc_init(&s->doc);
	app->stack[app->depth++] = s;
	return true;
}

static void
screen_free(struct tui_screen *s)
{
	if (s->ops->free_state)
		s->ops->free_state(s->state);
	doc_clear(&s->doc);
	free(s);
}

void
app_pop(struct tui_app *app)
{
	if (app->depth <= 1)
		return;
	screen_free(app->stack[--app->depth]);
	app->stack[app->depth] = NULL;
	app->stack[app->depth - 1]->dirty = true;
}

struct tui_screen *
app_top(struct tui_app *app)
{
	return app->depth ? app->stack[app->depth - 1] : NULL;
}

void
app_dirty_all(struct tui_app *app)
{
	for (int i = 0; i < app->depth; i++)
		app->stack[i]->dirty = true;
}

bool
app_set_locale(struct tui_app *app, const char *locale)
{
	struct sp_i18n *i18n = NULL;
	struct sp_hours_fmt *hours = NULL;

	if (sp_i18n_open(&i18n, app->bundles, locale) != SP_OK)
		return false;
	if (sp_hours_fmt_new(&hours, locale) != SP_OK) {
		sp_i18n_free(i18n);
		return false;
	}
	sp_i18n_free(app->i18n);
	sp_hours_fmt_free(app->hours);
	app->i18n = i18n;
	app->hours = hours;
	strncpy(app->locale, locale, sizeof app->locale - 1);
	app->locale[sizeof app->locale - 1] = '\0';
	if (app->dir)
		sp_directory_set_locale(app->dir, locale);
	app_dirty_all(app);
	return true;
}

void
app_clear(struct tui_app *app)
{
	while (app->depth > 0)
		screen_free(app->stack[--app->depth]);
	memset(app->stack, 0, sizeof app->stack);
}

void
app_reset(struct tui_app *app)
{
	app_clear(app);
	if (strcmp(app->locale, app->default_locale) != 0)
		app_set_locale(app, app->default_locale);
	app_push(app, app->dir ? &screen_home : &screen_fallback, NULL);
}

const char *
app_text(struct tui_app *app, const char *key)
{
	return sp_i18n_text(app->i18n, key);
}

char *
app_format(struct tui_app *app, const char *key, size_t n, const char *const *args)
{
	return sp_i18n_format(app->i18n, key, n, args);
}

double
app_now(void)
{
	return sp_clock_now();
}

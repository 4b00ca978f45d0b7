#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/mem.h"
#include "tui/app.h"

static void
screen_free(struct tui_screen *s)
{
	if (s->ops->leave)
		s->ops->leave(s);
	if (s->state) {
		/* Whatever a visitor typed or chose goes with the screen. */
		explicit_bzero(s->state, s->ops->state_size);
		free(s->state);
	}
	doc_clear(&s->doc);
	free(s);
}

bool
app_open(struct tui_app *app, const struct tui_screen_ops *ops, const void *arg)
{
	struct tui_screen *s;

	if (app->depth >= TUI_MAX_DEPTH || !(s = sp_calloc(1, sizeof *s)))
		return false;
	s->ops = ops;
	s->dirty = true;
	s->selected = ops->reading ? DOC_NO_ITEM : 0;
	doc_init(&s->doc);
	if (ops->state_size && !(s->state = sp_calloc(1, ops->state_size))) {
		free(s);
		return false;
	}
	if (ops->enter && !ops->enter(s, app, arg)) {
		screen_free(s);
		return false;
	}
	app->stack[app->depth++] = s;
	return true;
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

void
app_apply(struct tui_app *app, struct tui_screen *s, unsigned flags)
{
	if (flags & TUI_REBUILD)
		s->dirty = true;
	if ((flags & TUI_POP) && app_top(app) == s)
		app_pop(app);
}

unsigned
app_rebuild_on_resize(struct tui_screen *s, struct tui_app *app)
{
	(void) s;
	(void) app;
	return TUI_REBUILD;
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
	if (app->dir && sp_directory_set_locale(app->dir, locale) != SP_OK) {
		sp_hours_fmt_free(hours);
		sp_i18n_free(i18n);
		return false;
	}
	sp_i18n_free(app->i18n);
	sp_hours_fmt_free(app->hours);
	app->i18n = i18n;
	app->hours = hours;
	snprintf(app->locale, sizeof app->locale, "%s", locale);
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
	/* Home and the fallback screen take no state: opening them cannot fail for memory. */
	app_open(app, app->dir && !app->fallback_only ? &screen_home : &screen_fallback, NULL);
}

void
app_free(struct tui_app *app)
{
	app_clear(app);
	sp_directory_free(app->dir);
	sp_i18n_free(app->i18n);
	sp_hours_fmt_free(app->hours);
	sp_settings_clear(&app->settings);
	free(app->bundles);
	free(app->staff_notice);
	free(app->dir_notice);
	free(app->db_path);
	free(app->update_dir);
	for (char **w = app->language_words; w && *w; w++)
		free(*w);
	free(app->language_words);
	memset(app, 0, sizeof *app);
}

void
app_note_for_staff(struct tui_app *app, const char *line)
{
	char *joined = app->staff_notice ? sp_asprintf("%s; %s", app->staff_notice, line) :
	                                   sp_strdup(line);

	if (joined) {
		free(app->staff_notice);
		app->staff_notice = joined;
	}
}

void
app_add_staff_notice(struct tui_app *app, struct doc *doc)
{
	char *both = app->staff_notice && app->dir_notice ?
	                     sp_asprintf("%s; %s", app->staff_notice, app->dir_notice) :
	                     NULL;
	const char *notice = both ? both : app->staff_notice ? app->staff_notice : app->dir_notice;
	const char *args[1] = { notice };
	char *line;

	if (!notice)
		return;
	line = app_format(app, "staff_notice", 1, args);
	doc_gap(doc);
	doc_add(doc, TH_MUTED, DOC_NO_ITEM, 0, line ? line : notice);
	free(line);
	free(both);
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
app_now(const struct tui_app *app)
{
	return app->clock ? app->clock() : sp_clock_now();
}

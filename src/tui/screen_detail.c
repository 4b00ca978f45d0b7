#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/describe.h"
#include "core/hours_fmt.h"
#include "core/mem.h"
#include "core/taxonomy.h"
#include "core/textwrap.h"
#include "tui/app.h"

/* One service in full. Holds a copy of the service, reloaded by id when the screen rebuilds
 * (after a language change, or as the clock moves "open now"). */
struct detail_state {
	char *id;
	struct sp_service service;
	bool loaded;
};

static bool
detail_enter(struct tui_screen *s, struct tui_app *app, const void *arg)
{
	struct detail_state *st = s->state;

	(void) app;
	return (st->id = sp_strdup(arg)) != NULL;
}

static void
detail_leave(struct tui_screen *s)
{
	struct detail_state *st = s->state;

	sp_service_clear(&st->service);
	free(st->id);
}

static void
add_field(struct doc *doc, struct tui_app *app, const char *label_key, const char *value)
{
	char *line;

	if (!value || !*value)
		return;
	line = sp_asprintf("%s: %s", app_text(app, label_key), value);
	doc_add(doc, TH_NORMAL, DOC_NO_ITEM, 0, line ? line : value);
	free(line);
}

static void
add_contact(struct doc *doc, struct tui_app *app, const struct sp_contact *c, int item)
{
	char key[32], *whole = sp_text_keep_whole(c->value),
	              *state = sp_describe_contact_state(app->i18n, app->hours, c);
	char *line;

	snprintf(key, sizeof key, "kind_%s", c->kind);
	line = sp_asprintf("%s: %s", app_text(app, key), whole ? whole : c->value);
	doc_add(doc, TH_PHONE, item, 2, line ? line : c->value);
	free(line);
	free(whole);
	if (c->label && *c->label)
		doc_add(doc, TH_NORMAL, item, 4, c->label);
	if (c->professional)
		doc_add(doc, TH_WARNING, item, 4, app_text(app, "professional_only"));
	if (state) {
		doc_add(doc, TH_HINT, item, 4, state);
		free(state);
	}
	if (c->hours.count && !sp_hours_is_always(&c->hours)) {
		struct sp_hours_table table;

		if (sp_hours_fmt_table(app->hours, &c->hours, &table) == SP_OK) {
			for (size_t i = 0; i < table.count; i++) {
				line = sp_asprintf("%-12s %s", table.rows[i].days,
				                   table.rows[i].spans);
				doc_add(doc, TH_NORMAL, item, 4, line ? line : "");
				free(line);
			}
			sp_hours_table_clear(&table);
		}
	}
	if (!c->verified)
		doc_add(doc, TH_MUTED, item, 4, app_text(app, "unverified"));
}

static void
detail_build(struct tui_screen *s, struct tui_app *app)
{
	struct detail_state *st = s->state;
	struct sp_service *svc = &st->service;
	char key[48], *text;

	sp_service_clear(svc);
	st->loaded = sp_directory_get(app->dir, st->id, app->staff, app_now(app), svc) == SP_OK;
	if (!st->loaded) {
		doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0, app_text(app, "detail_missing"));
		return;
	}
	doc_add(&s->doc, TH_TITLE, DOC_NO_ITEM, 0, svc->name);
	if (svc->organisation && strcmp(svc->organisation, svc->name))
		doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 0, svc->organisation);
	if (strcmp(svc->status, "active") != 0)
		doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0, app_text(app, "status_closed"));
	doc_gap(&s->doc);
	doc_add(&s->doc, TH_NORMAL, DOC_NO_ITEM, 0, svc->description);
	doc_gap(&s->doc);
	if (sp_service_main_phone(svc))
		doc_add(&s->doc, TH_HINT, DOC_NO_ITEM, 0, app_text(app, "detail_note_hint"));
	/* Each contact is an item, so long entries scroll into view one contact at a time. */
	for (size_t i = 0; i < svc->ncontacts; i++)
		add_contact(&s->doc, app, &svc->contacts[i], doc_new_item(&s->doc));
	doc_gap(&s->doc);
	text = sp_describe_profiles(app->i18n, svc->profiles, "profile_");
	add_field(&s->doc, app, "field_for", text);
	free(text);
	if (svc->referral) {
		snprintf(key, sizeof key, "referral_%s", svc->referral);
		add_field(&s->doc, app, "field_referral", app_text(app, key));
	}
	text = sp_describe_ages(app->i18n, svc);
	add_field(&s->doc, app, "field_ages", text);
	free(text);
	snprintf(key, sizeof key, "area_%s", svc->area);
	add_field(&s->doc, app, "field_area", app_text(app, key));
	text = sp_hours_fmt_date(app->hours, svc->verified);
	add_field(&s->doc, app, "field_last_checked", text);
	free(text);
	if (app->staff) {
		add_field(&s->doc, app, "field_eligibility", svc->eligibility);
		if (svc->consent_needed != SP_UNKNOWN)
			add_field(&s->doc, app, "field_consent",
			          app_text(app, svc->consent_needed == SP_YES ? "consent_yes" :
			                                                        "consent_no"));
		text = sp_describe_risk_levels(app->i18n, svc->risk_levels);
		add_field(&s->doc, app, "field_risk_levels", text);
		free(text);
		add_field(&s->doc, app, "field_source", svc->source);
	}
}

static unsigned
detail_key(struct tui_screen *s, struct tui_app *app, const struct tui_key *key)
{
	struct detail_state *st = s->state;

	if (key->code == TUI_KEY_CHAR && (key->ch == L'n' || key->ch == L'N') && st->loaded &&
	    sp_service_main_phone(&st->service)) {
		app_open(app, &screen_note, &st->service);
		return TUI_HANDLED;
	}
	return TUI_IGNORED;
}

static unsigned
detail_activate(struct tui_screen *s, struct tui_app *app, int item)
{
	struct detail_state *st = s->state;

	if (!st->loaded || item < 0 || (size_t) item >= st->service.ncontacts ||
	    strcmp(st->service.contacts[item].kind, "phone") != 0)
		return TUI_IGNORED;
	app_open(app, &screen_note, &st->service);
	return TUI_HANDLED;
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_detail = {
	.title_key = "title_detail", .state_size = sizeof(struct detail_state),
	.enter = detail_enter, .build = detail_build, .key = detail_key,
	.activate = detail_activate, .leave = detail_leave,
};
/* clang-format on */

#ifndef SIGNPOST_APP_H
#define SIGNPOST_APP_H

#include <stdbool.h>
#include <wchar.h>

#include "cli/cli.h"
#include "core/directory.h"
#include "core/hours_fmt.h"
#include "core/i18n.h"
#include "core/settings.h"
#include "tui/doc.h"

/*
 * The interactive directory's state. Screens hold their own state (copies, ids) and a
 * document; the app holds the stack of screens and everything a quick exit must forget.
 * Nothing here is global, so every screen can be driven from a test.
 */
struct tui_app;
struct tui_screen;

enum tui_result { TUI_IGNORED, TUI_HANDLED };

struct tui_screen_ops {
	const char *title_key;
	/* Fills s->doc from the screen's state; called when the screen is dirty. */
	void (*build)(struct tui_screen *s, struct tui_app *app);
	/* First refusal of a key (text entry); NULL when the screen takes no keys of its own. */
	enum tui_result (*key)(struct tui_screen *s, struct tui_app *app, wint_t ch, bool fkey);
	/* Enter (or a click, or a number) on an item. */
	void (*activate)(struct tui_screen *s, struct tui_app *app, int item);
	/* Frees the state; wipes anything typed. */
	void (*free_state)(void *state);
	/* Items may be chosen by their number key (menus). */
	bool numbered;
};

struct tui_screen {
	const struct tui_screen_ops *ops;
	void *state;
	struct doc doc;
	int selected;   /* item, or DOC_NO_ITEM */
	size_t scroll;  /* first line shown */
	bool dirty;
};

#define TUI_MAX_DEPTH 12

struct tui_app {
	enum sp_mode mode;
	bool staff, kiosk, training;
	char *bundles;
	char locale[SP_LOCALE_MAX];
	char default_locale[SP_LOCALE_MAX];
	struct sp_i18n *i18n;
	struct sp_hours_fmt *hours;
	struct sp_directory *dir;     /* NULL: the directory could not be used (fallback lines) */
	char *dir_problem;            /* why, in words, when dir is NULL */
	char **language_words;        /* "Language", "Język", …: made once (screen_home.c) */
	struct sp_settings settings;
	long idle_timeout;            /* seconds; 0 for none */
	struct tui_screen *stack[TUI_MAX_DEPTH];
	int depth;
	bool quit;
	bool neutral;                 /* the neutral page is up */
	int content_top;              /* where the frame puts the document */
	int content_rows;             /* rows the frame gives the document */
	int content_cols;             /* and its width */
};

/* Pushes a new screen with its state (taken over) on top; false (state freed) if full. */
bool app_push(struct tui_app *app, const struct tui_screen_ops *ops, void *state);
void app_pop(struct tui_app *app);
struct tui_screen *app_top(struct tui_app *app);
/* Every screen rebuilds (after a language change). */
void app_dirty_all(struct tui_app *app);

/* Frees every screen. */
void app_clear(struct tui_app *app);
/* Forgets everything: every screen, the language, and goes back to Home. */
void app_reset(struct tui_app *app);

/* Switches the UI language; false if it could not be loaded. */
bool app_set_locale(struct tui_app *app, const char *locale);

/* Words from the current bundle. */
const char *app_text(struct tui_app *app, const char *key);
/* A formatted message (strings); the caller frees it. */
char *app_format(struct tui_app *app, const char *key, size_t n, const char *const *args);

/* The instant used for "open now". */
double app_now(void);

/* The screens (each in src/tui/screen_*.c). */
extern const struct tui_screen_ops screen_home;
extern const struct tui_screen_ops screen_now;
extern const struct tui_screen_ops screen_find;
extern const struct tui_screen_ops screen_results;
extern const struct tui_screen_ops screen_search;
extern const struct tui_screen_ops screen_detail;
extern const struct tui_screen_ops screen_note;
extern const struct tui_screen_ops screen_define;
extern const struct tui_screen_ops screen_definition;
extern const struct tui_screen_ops screen_language;
extern const struct tui_screen_ops screen_pathways;
extern const struct tui_screen_ops screen_glossary;
extern const struct tui_screen_ops screen_fallback;
extern const struct tui_screen_ops screen_quiz;
extern const struct tui_screen_ops screen_facts;

/* Opens a service's detail screen by id. */
void screen_detail_open(struct tui_app *app, const char *id);
/* Opens the results screen for profiles and an area (the Find support answers). */
void screen_results_open(struct tui_app *app, unsigned profiles, enum sp_area area,
                         bool perpetrator_only);

/* Shared by the screens that list services: one item per service, its main number whole. */
void screens_add_service_item(struct tui_app *app, struct doc *doc, const struct sp_service *s,
                              const char *reason);
/* Which service each item of a list opens: item i is ids[i]. */
struct screens_ids {
	char **ids;
	size_t count;
};

bool screens_ids_add(struct screens_ids *ids, const char *id);
void screens_ids_clear(struct screens_ids *ids);
/* Opens the detail of the service behind an item, if there is one. */
void screens_ids_open(const struct screens_ids *ids, struct tui_app *app, int item);

/* Orders a list for someone who needs to talk: general round-the-clock lines first, then
 * those open now, then the rest by when they open; services with no phone last. Stable. */
void screens_sort_for_callers(struct sp_service_list *list);


#endif

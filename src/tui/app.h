#ifndef SIGNPOST_TUI_APP_H
#define SIGNPOST_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/directory.h"
#include "core/hours_fmt.h"
#include "core/i18n.h"
#include "core/settings.h"
#include "tui/doc.h"
#include "tui/key.h"

/*
 * The interactive directory's state and its screens. No curses here: the screens fill a
 * document, tui/frame.c lays it out, tui/term.c paints it, so a screen runs the same in a unit
 * test as on a kiosk.
 *
 * The framework owns each screen's state: app_open() allocates ops->state_size zeroed bytes,
 * calls enter() with the opener's argument, and on the way out calls leave() (which frees what
 * the state points to), then wipes the state's bytes and frees it. A screen never allocates
 * its own state nor checks it for NULL.
 */
struct tui_app;
struct tui_screen;

/* What a key or an activation did, as flags: */
enum {
	TUI_IGNORED = 0,
	TUI_HANDLED = 1 << 0, /* the key was used */
	TUI_REBUILD = 1 << 1, /* the screen's document must be built again */
	TUI_POP = 1 << 2,     /* the screen is done: back to the one below */
	TUI_QUIT = 1 << 3,    /* leave the program (never honoured in a kiosk) */
};

struct tui_screen_ops {
	const char *title_key;
	size_t state_size;
	/* Fills the new, zeroed state from the opener's argument; false: the screen cannot open. */
	bool (*enter)(struct tui_screen *s, struct tui_app *app, const void *arg);
	/* Fills s->doc from the state (the document is empty when it is called). */
	void (*build)(struct tui_screen *s, struct tui_app *app);
	/* First refusal of every key (text entry); NULL when the screen takes no keys itself. */
	unsigned (*key)(struct tui_screen *s, struct tui_app *app, const struct tui_key *key);
	/* Enter, a click or a number key on item `item` (0..doc.nitems-1). */
	unsigned (*activate)(struct tui_screen *s, struct tui_app *app, int item);
	/* The window changed size; NULL: the document is only laid out again. */
	unsigned (*resize)(struct tui_screen *s, struct tui_app *app);
	/* Frees what the state points to; the framework wipes and frees the state itself. */
	void (*leave)(struct tui_screen *s);
	/* Items may be chosen by their number key (menus). */
	bool numbered;
	/* A page to read: it opens at its top with nothing selected; items further down are
	 * reached by scrolling or End. */
	bool reading;
};

struct tui_screen {
	const struct tui_screen_ops *ops;
	void *state; /* ops->state_size bytes, owned by the framework */
	struct doc doc;
	int selected;  /* item, or DOC_NO_ITEM */
	size_t scroll; /* first line shown */
	bool dirty;    /* the document must be built again */
};

#define TUI_MAX_DEPTH 12

struct tui_app {
	bool staff, kiosk, training;
	char *bundles;
	char locale[SP_LOCALE_MAX];
	char default_locale[SP_LOCALE_MAX];
	struct sp_i18n *i18n;
	struct sp_hours_fmt *hours;
	struct sp_directory *dir; /* NULL: the directory could not be used (fallback lines) */
	bool fallback_only;       /* a plain terminal: only the built-in lines are shown */
	char **language_words;    /* "Language", "Język", …: made once, NULL-terminated */
	struct sp_settings settings;
	long idle_timeout;  /* seconds; 0 for none */
	char *staff_notice; /* what staff must put right (settings refused, no sandbox),
	                               * in English for the administrator; NULL when all is well */
	char *dir_notice;   /* the same about the directory in use (refused, expired, the
	                               * development key): replaced when the directory changes */
	/* Where the directory comes from (tui/load.c): the packaged file, the update folder
	 * (NULL: none), drafts allowed (never in a kiosk). NULL db_path: the caller set dir. */
	char *db_path;
	char *update_dir;
	bool allow_unsigned;
	/* Writes one line for the administrator (the journal, in a kiosk); NULL: nowhere. */
	void (*journal)(const char *line);
	double (*clock)(void); /* the instant for "open now", in ms since the epoch */
	struct tui_screen *stack[TUI_MAX_DEPTH];
	int depth;
	bool neutral;     /* the neutral page is up */
	int content_rows; /* rows the frame gives the document */
	int content_cols; /* and its width */
};

/* Opens a screen on top of the stack; false (nothing changed) if it could not open. */
bool app_open(struct tui_app *app, const struct tui_screen_ops *ops, const void *arg);
/* Closes the top screen, unless it is the only one. */
void app_pop(struct tui_app *app);
struct tui_screen *app_top(struct tui_app *app);
/* Every screen rebuilds (after a language change or a resize). */
void app_dirty_all(struct tui_app *app);
/* Applies a key handler's or an activation's flags to screen s. */
void app_apply(struct tui_app *app, struct tui_screen *s, unsigned flags);

/* A resize handler for screens laid out for the window's width (big digits, bars). */
unsigned app_rebuild_on_resize(struct tui_screen *s, struct tui_app *app);

/* Closes every screen. */
void app_clear(struct tui_app *app);
/* Forgets everything: every screen, the language; back to Home (or the fallback lines). */
void app_reset(struct tui_app *app);
/* Frees everything the app holds. */
void app_free(struct tui_app *app);

/* Switches the UI language; false if it could not be loaded. */
bool app_set_locale(struct tui_app *app, const char *locale);

/* Adds a line to the staff notice (kept until the program ends: it is no visitor's data). */
void app_note_for_staff(struct tui_app *app, const char *line);
/* Adds the staff notice and the directory's, if any, to a document. */
void app_add_staff_notice(struct tui_app *app, struct doc *doc);

/* Words from the current bundle. */
const char *app_text(struct tui_app *app, const char *key);
/* A formatted message (strings); the caller frees it. */
char *app_format(struct tui_app *app, const char *key, size_t n, const char *const *args);
/* The instant used for "open now". */
double app_now(const struct tui_app *app);

/* The screens, one a file: src/tui/screen_<name>.c. */
extern const struct tui_screen_ops screen_home;
extern const struct tui_screen_ops screen_fallback;
extern const struct tui_screen_ops screen_now;
extern const struct tui_screen_ops screen_find;
extern const struct tui_screen_ops screen_results;
extern const struct tui_screen_ops screen_search;
extern const struct tui_screen_ops screen_detail;
extern const struct tui_screen_ops screen_note;
extern const struct tui_screen_ops screen_topics;
extern const struct tui_screen_ops screen_definition;
extern const struct tui_screen_ops screen_language;
extern const struct tui_screen_ops screen_pathways;
extern const struct tui_screen_ops screen_glossary;
extern const struct tui_screen_ops screen_quiz;
extern const struct tui_screen_ops screen_facts;

/* What the results screen is opened with: the Find support answers. */
#define RESULTS_MAX_TOPICS 4
struct results_request {
	unsigned profiles;
	enum sp_area area;
	bool perpetrator_only; /* only "worried about my own behaviour" was ticked */
	/* Topics (definition ids, static strings) that say what was described counts. */
	const char *topics[RESULTS_MAX_TOPICS];
	size_t ntopics;
};

#endif

#ifndef SIGNPOST_TUI_LISTING_H
#define SIGNPOST_TUI_LISTING_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/app.h"

/*
 * A list of services on a screen: one item per service, its main number whole, and the id
 * each item opens. Screens keep ids, never pointers into the directory: the detail screen
 * looks the service up again.
 */
struct listing {
	char **ids;
	size_t count;
};

/* Adds a service as the next item of doc, with an optional reason ("for male victims").
 * false when memory ran out (the document is marked failed). */
bool listing_add(struct listing *l, struct tui_app *app, struct doc *doc,
                 const struct sp_service *s, const char *reason);
bool listing_has(const struct listing *l, const char *id);
/* Opens the detail screen of the service behind item. */
unsigned listing_open(const struct listing *l, struct tui_app *app, int item);
void listing_clear(struct listing *l);

/* For screens whose state begins with a struct listing: Enter opens the item's service, and
 * leaving frees the list. */
unsigned listing_screen_activate(struct tui_screen *s, struct tui_app *app, int item);
void listing_screen_leave(struct tui_screen *s);

/* "Phone 0808 2000 247 · open now", the number joined so it never breaks. New string. */
char *listing_contact_line(struct tui_app *app, const struct sp_contact *c);

#endif

#ifndef SIGNPOST_DOC_H
#define SIGNPOST_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/role.h"

/*
 * What a screen shows: paragraphs ("blocks") with a display role, an indent, and optionally
 * the number of the selectable item they belong to. Screens add blocks; the frame lays them
 * out for the window's width (wrapping at ICU line breaks, phone numbers whole), scrolls, and
 * highlights the selected item. Blocks own copies of their text.
 */
#define DOC_NO_ITEM (-1)

struct doc_block {
	char *text;
	enum tui_role role;
	int item;
	int indent;
};

struct doc_line {
	size_t block;
	size_t start, end; /* bytes of the block's text */
	int indent;
};

struct doc {
	struct doc_block *blocks;
	size_t nblocks;
	struct doc_line *lines;
	size_t nlines;
	int nitems;         /* selectable items: 0..nitems-1 */
	int laid_out_width; /* the width of the current layout, 0 when none */
	bool failed;        /* memory ran out while building: show what there is */
};

void doc_init(struct doc *doc);
void doc_clear(struct doc *doc);

/* Adds a paragraph. item is DOC_NO_ITEM or the next item number (doc_new_item()). */
void doc_add(struct doc *doc, enum tui_role role, int item, int indent, const char *text);
/* The next item's number; blocks added with it form that item. */
int doc_new_item(struct doc *doc);
/* An empty line. */
void doc_gap(struct doc *doc);

/* Wraps every block for `width` columns. */
void doc_layout(struct doc *doc, int width, const char *locale);

/* The first and last line of an item, for scrolling it into view; false if none. */
bool doc_item_lines(const struct doc *doc, int item, size_t *first, size_t *last);
/* The item on a line, or DOC_NO_ITEM. */
int doc_line_item(const struct doc *doc, size_t line);

/* The widest phone number or other piece that must not be broken, in columns. */
int doc_min_width(const struct doc *doc);

#endif

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/textwrap.h"
#include "tui/doc.h"

void
doc_init(struct doc *doc)
{
	memset(doc, 0, sizeof *doc);
}

void
doc_clear(struct doc *doc)
{
	for (size_t i = 0; i < doc->nblocks; i++)
		free(doc->blocks[i].text);
	free(doc->blocks);
	free(doc->lines);
	doc_init(doc);
}

void
doc_add(struct doc *doc, enum tui_role role, int item, int indent, const char *text)
{
	struct doc_block *block;
	char *copy;

	if (doc->failed)
		return;
	if (!(copy = sp_strdup(text ? text : "")) ||
	    !(block = sp_array_push(&doc->blocks, &doc->nblocks, sizeof *block))) {
		free(copy);
		doc->failed = true;
		return;
	}
	*block = (struct doc_block){ copy, role, item, indent };
	doc->laid_out_width = 0;
}

int
doc_new_item(struct doc *doc)
{
	return doc->nitems++;
}

void
doc_gap(struct doc *doc)
{
	doc_add(doc, TH_NORMAL, DOC_NO_ITEM, 0, "");
}

void
doc_layout(struct doc *doc, int width, const char *locale)
{
	free(doc->lines);
	doc->lines = NULL;
	doc->nlines = 0;
	for (size_t b = 0; b < doc->nblocks; b++) {
		const struct doc_block *blk = &doc->blocks[b];
		int cols = width - blk->indent;
		struct sp_wrap wrap;

		if (cols < 1)
			cols = 1;
		if (sp_wrap_text(blk->text, cols, locale, &wrap) != SP_OK) {
			doc->failed = true;
			break;
		}
		for (size_t i = 0; i < wrap.count; i++) {
			struct doc_line *line =
			        sp_array_push(&doc->lines, &doc->nlines, sizeof *line);

			if (!line) {
				doc->failed = true;
				break;
			}
			*line = (struct doc_line){ b, wrap.lines[i].start, wrap.lines[i].end,
				                   blk->indent };
		}
		sp_wrap_clear(&wrap);
	}
	doc->laid_out_width = width;
}

bool
doc_item_lines(const struct doc *doc, int item, size_t *first, size_t *last)
{
	bool found = false;

	for (size_t i = 0; i < doc->nlines; i++) {
		if (doc->blocks[doc->lines[i].block].item != item)
			continue;
		if (!found)
			*first = i;
		*last = i;
		found = true;
	}
	return found;
}

int
doc_line_item(const struct doc *doc, size_t line)
{
	return line < doc->nlines ? doc->blocks[doc->lines[line].block].item : DOC_NO_ITEM;
}

int
doc_min_width(const struct doc *doc)
{
	int widest = 0;

	for (size_t b = 0; b < doc->nblocks; b++) {
		int w = sp_text_widest_unbreakable(doc->blocks[b].text) + doc->blocks[b].indent;

		if (w > widest)
			widest = w;
	}
	return widest;
}

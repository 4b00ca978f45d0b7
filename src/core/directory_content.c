#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "directory.h"
#include "directory_private.h"
#include "fold.h"
#include "mem.h"

/* The content tables: definitions, glossary, referral pathways, the quiz and the charts. */

/* The ids that match `term` in the staff search index of one kind ("definition",
 * "glossary"), as a NULL-terminated array the caller frees with sp_strv_free(); *out NULL when
 * none match. */
static enum sp_status
match_terms(struct sp_directory *dir, const char *term, const char *kind, char ***out)
{
	sqlite3_stmt *st;
	char **ids = NULL, *fts = NULL;
	size_t n = 0;
	enum sp_status status;
	int rc, failed = 0;

	*out = NULL;
	if ((status = sp_fold_fts_query(dir->fold, term, &fts)) != SP_OK || !fts)
		return status;
	if (!(st = sp_dir_stmt(dir, ST_TERMS))) {
		free(fts);
		return sp_dir_error(dir);
	}
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	while (!failed && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *id = sp_dir_col_dup(st, 0, &failed), **slot;

		if (!id)
			continue;
		if (!(slot = sp_array_push(&ids, &n, sizeof *slot))) {
			free(id);
			failed = 1;
			break;
		}
		*slot = id;
	}
	if (failed)
		status = SP_ERR_NOMEM;
	else if (rc != SQLITE_DONE)
		status = sp_dir_status(dir, rc);
	sqlite3_reset(st);
	free(fts);
	/* The NULL at the end: a pushed item is zeroed. */
	if (status == SP_OK && n && !sp_array_push(&ids, &n, sizeof *ids))
		status = SP_ERR_NOMEM;
	if (status != SP_OK) {
		for (size_t i = 0; i < n; i++)
			free(ids[i]);
		free(ids);
		return status;
	}
	*out = ids;
	return SP_OK;
}

static bool
id_listed(char **ids, const unsigned char *id)
{
	for (; id && ids && *ids; ids++)
		if (strcmp(*ids, (const char *) id) == 0)
			return true;
	return false;
}

/* ------------------------------------------------------------------ definitions */

static void
definition_clear(struct sp_definition *d)
{
	free(d->id);
	free(d->term);
	free(d->act);
	free(d->section);
	free(d->legal_text);
	free(d->summary);
	free(d->source);
	memset(d, 0, sizeof *d);
}

void
sp_definition_list_clear(struct sp_definition_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		definition_clear(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

static void
clear_definitions(void *list)
{
	sp_definition_list_clear(list);
}

/* Only the ids listed, when a term was asked for; `exact` when one of them is the term. */
struct term_filter {
	const char *term;
	char **ids;
	bool exact;
};

static enum sp_dir_row
definition_row(sqlite3_stmt *st, void *item, void *ctx)
{
	struct sp_definition *d = item;
	struct term_filter *f = ctx;
	int failed = 0;

	if (f->ids && !id_listed(f->ids, sqlite3_column_text(st, 0)))
		return SP_ROW_SKIP;
	d->id = sp_dir_col_dup(st, 0, &failed);
	d->term = sp_dir_col_dup(st, 1, &failed);
	d->act = sp_dir_col_dup(st, 2, &failed);
	d->section = sp_dir_col_dup(st, 3, &failed);
	d->legal_text = sp_dir_col_dup(st, 4, &failed);
	d->summary = sp_dir_col_dup(st, 5, &failed);
	d->summary_translated = sqlite3_column_int(st, 6) != 0;
	d->source = sp_dir_col_dup(st, 7, &failed);
	/* The builder checked the list; anything it does not know counts for nobody. */
	{
		const char *bad = NULL;

		if (!sp_profile_parse_list((const char *) sqlite3_column_text(st, 8), &d->profiles,
		                           &bad))
			d->profiles = 0;
	}
	if (f->term && d->id && strcmp(d->id, f->term) == 0)
		f->exact = true;
	return failed ? SP_ROW_NOMEM : SP_ROW_KEEP;
}

enum sp_status
sp_directory_definitions(struct sp_directory *dir, const char *term, struct sp_definition_list *out)
{
	struct term_filter filter = { term && *term ? term : NULL, NULL, false };
	struct sp_dir_rows rows = {
		&out->items,       &out->count, sizeof *out->items, definition_row, &filter,
		clear_definitions, out
	};
	enum sp_status status;

	out->items = NULL;
	out->count = 0;
	if (filter.term) {
		if ((status = match_terms(dir, term, "definition", &filter.ids)) != SP_OK)
			return status;
		if (!filter.ids)
			return SP_OK;
	}
	status = sp_dir_load_rows(dir, ST_DEFINITIONS, &rows);
	sp_strv_free(filter.ids);
	if (status != SP_OK)
		return status;
	/* Asked for one definition by its id: give just that one. */
	for (size_t i = 0; filter.exact && i < out->count; i++) {
		if (out->items[i].id && strcmp(out->items[i].id, term) == 0) {
			struct sp_definition keep = out->items[i];

			out->items[i] = out->items[0];
			out->items[0] = keep;
			for (size_t j = 1; j < out->count; j++)
				definition_clear(&out->items[j]);
			out->count = 1;
			break;
		}
	}
	return SP_OK;
}

/* ------------------------------------------------------------------ glossary */

void
sp_glossary_clear(struct sp_glossary *g)
{
	for (size_t i = 0; i < g->count; i++) {
		free(g->items[i].term);
		free(g->items[i].expansion);
		free(g->items[i].explanation);
	}
	free(g->items);
	g->items = NULL;
	g->count = 0;
}

static void
clear_glossary(void *list)
{
	sp_glossary_clear(list);
}

static enum sp_dir_row
glossary_row(sqlite3_stmt *st, void *item, void *ctx)
{
	struct sp_glossary_entry *e = item;
	struct term_filter *f = ctx;
	int failed = 0;

	if (f->ids && !id_listed(f->ids, sqlite3_column_text(st, 0)))
		return SP_ROW_SKIP;
	e->term = sp_dir_col_dup(st, 0, &failed);
	e->expansion = sp_dir_col_dup(st, 1, &failed);
	e->explanation = sp_dir_col_dup(st, 2, &failed);
	return failed ? SP_ROW_NOMEM : SP_ROW_KEEP;
}

enum sp_status
sp_directory_glossary(struct sp_directory *dir, const char *term, struct sp_glossary *out)
{
	struct term_filter filter = { term && *term ? term : NULL, NULL, false };
	struct sp_dir_rows rows = { &out->items,  &out->count, sizeof *out->items,
		                    glossary_row, &filter,     clear_glossary,
		                    out };
	enum sp_status status;

	out->items = NULL;
	out->count = 0;
	if (filter.term) {
		if ((status = match_terms(dir, term, "glossary", &filter.ids)) != SP_OK)
			return status;
		if (!filter.ids)
			return SP_OK;
	}
	status = sp_dir_load_rows(dir, ST_GLOSSARY, &rows);
	sp_strv_free(filter.ids);
	return status;
}

/* ------------------------------------------------------------------ referral pathways */

void
sp_pathway_list_clear(struct sp_pathway_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		struct sp_pathway *p = &list->items[i];

		free(p->id);
		free(p->title);
		free(p->condition);
		free(p->action);
		free(p->consent);
		free(p->notes);
	}
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

static void
clear_pathways(void *list)
{
	sp_pathway_list_clear(list);
}

static enum sp_dir_row
pathway_row(sqlite3_stmt *st, void *item, void *ctx)
{
	struct sp_pathway *p = item;
	int failed = 0;

	(void) ctx;
	p->id = sp_dir_col_dup(st, 0, &failed);
	p->title = sp_dir_col_dup(st, 1, &failed);
	p->condition = sp_dir_col_dup(st, 2, &failed);
	p->action = sp_dir_col_dup(st, 3, &failed);
	p->consent = sp_dir_col_dup(st, 4, &failed);
	p->notes = sp_dir_col_dup(st, 5, &failed);
	return failed ? SP_ROW_NOMEM : SP_ROW_KEEP;
}

enum sp_status
sp_directory_pathways(struct sp_directory *dir, struct sp_pathway_list *out)
{
	struct sp_dir_rows rows = { &out->items, &out->count, sizeof *out->items,
		                    pathway_row, NULL,        clear_pathways,
		                    out };

	return sp_dir_load_rows(dir, ST_PATHWAYS, &rows);
}

/* ------------------------------------------------------------------ quiz */

/* "a;b;c" -> NULL-terminated array of copies; NULL when out of memory. */
static char **
split_list(const char *list, size_t *count)
{
	size_t n = 0, cap = 1;
	char **items;

	for (const char *p = list; p && *p; p++)
		cap += *p == ';';
	if (!(items = sp_calloc(cap + 1, sizeof *items)))
		return NULL;
	while (list && *list) {
		size_t len = strcspn(list, ";");

		if (len && !(items[n++] = sp_strndup(list, len))) {
			sp_strv_free(items);
			return NULL;
		}
		list += len;
		if (*list == ';')
			list++;
	}
	if (count)
		*count = n;
	return items;
}

void
sp_quiz_clear(struct sp_quiz *quiz)
{
	for (size_t i = 0; i < quiz->count; i++) {
		struct sp_quiz_item *q = &quiz->items[i];

		free(q->id);
		free(q->scenario);
		free(q->explanation);
		sp_strv_free(q->options);
		sp_strv_free(q->services);
	}
	free(quiz->items);
	quiz->items = NULL;
	quiz->count = 0;
}

static void
clear_quiz(void *list)
{
	sp_quiz_clear(list);
}

static enum sp_dir_row
quiz_row(sqlite3_stmt *st, void *item, void *ctx)
{
	struct sp_quiz_item *q = item;
	int failed = 0;

	(void) ctx;
	q->id = sp_dir_col_dup(st, 0, &failed);
	q->scenario = sp_dir_col_dup(st, 1, &failed);
	q->options = split_list((const char *) sqlite3_column_text(st, 2), &q->noptions);
	q->answer = sqlite3_column_int(st, 3) - 1;
	q->explanation = sp_dir_col_dup(st, 4, &failed);
	q->services = split_list((const char *) sqlite3_column_text(st, 5), NULL);
	if (failed || !q->options || !q->services)
		return SP_ROW_NOMEM;
	if (q->answer < 0 || (size_t) q->answer >= q->noptions)
		q->answer = 0;
	return SP_ROW_KEEP;
}

enum sp_status
sp_directory_quiz(struct sp_directory *dir, struct sp_quiz *out)
{
	struct sp_dir_rows rows = { &out->items, &out->count, sizeof *out->items, quiz_row, NULL,
		                    clear_quiz,  out };

	return sp_dir_load_rows(dir, ST_QUIZ, &rows);
}

/* ------------------------------------------------------------------ charts */

void
sp_chart_list_clear(struct sp_chart_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		struct sp_chart *c = &list->items[i];

		free(c->id);
		free(c->title);
		free(c->note);
		for (size_t f = 0; f < c->nfacts; f++) {
			free(c->facts[f].label);
			free(c->facts[f].unit);
			free(c->facts[f].period);
		}
		free(c->facts);
	}
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

static void
clear_charts(void *list)
{
	sp_chart_list_clear(list);
}

/* One row per fact, its chart's columns repeated: a row of the chart before adds a fact to
 * it and gives its own item back. */
static enum sp_dir_row
chart_row(sqlite3_stmt *st, void *item, void *ctx)
{
	struct sp_chart_list *list = ctx;
	struct sp_chart *c = item, *before = list->count > 1 ? &list->items[list->count - 2] : NULL;
	const unsigned char *id = sqlite3_column_text(st, 0);
	enum sp_dir_row done = SP_ROW_KEEP;
	struct sp_fact *fact;
	int failed = 0;

	if (before && id && before->id && strcmp(before->id, (const char *) id) == 0) {
		c = before;
		done = SP_ROW_SKIP;
	} else {
		c->id = sp_dir_col_dup(st, 0, &failed);
		c->title = sp_dir_col_dup(st, 1, &failed);
		c->note = sp_dir_col_dup(st, 2, &failed);
	}
	if (!(fact = sp_array_push(&c->facts, &c->nfacts, sizeof *fact)))
		return SP_ROW_NOMEM;
	fact->label = sp_dir_col_dup(st, 3, &failed);
	fact->value = sqlite3_column_double(st, 4);
	fact->unit = sp_dir_col_dup(st, 5, &failed);
	fact->period = sp_dir_col_dup(st, 6, &failed);
	return failed ? SP_ROW_NOMEM : done;
}

enum sp_status
sp_directory_charts(struct sp_directory *dir, struct sp_chart_list *out)
{
	struct sp_dir_rows rows = { &out->items,  &out->count, sizeof *out->items, chart_row, out,
		                    clear_charts, out };

	return sp_dir_load_rows(dir, ST_CHARTS, &rows);
}

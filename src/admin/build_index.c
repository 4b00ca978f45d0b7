#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uversion.h>

#include "admin/build.h"
#include "admin/build_private.h"
#include "admin/check.h"
#include "admin/csvfile.h"
#include "admin/keys.h"
#include "admin/phone.h"
#include "core/directory.h"
#include "core/fold.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/taxonomy.h"

/* Appends the folded form of text to buf, space-separated. */
static void
put_folded(struct build *b, struct sp_buf *buf, const char *text)
{
	char *folded = NULL;

	if (!text || !*text)
		return;
	if (sp_fold_utf8(b->fold, text, &folded) != SP_OK) {
		b->report->out_of_memory = 1;
		return;
	}
	if (*folded) {
		if (buf->len)
			sp_buf_putc(buf, ' ');
		sp_buf_puts(buf, folded);
	}
	free(folded);
}

static char *
column_list(struct build *b, sqlite3_stmt *st, int col)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, "");
	while (sqlite3_step(st) == SQLITE_ROW)
		put_folded(b, &buf, (const char *) sqlite3_column_text(st, col));
	sqlite3_reset(st);
	return sp_buf_take(&buf);
}

/* Appends text that is folded already to buf, space-separated. */
static void
put_text(struct sp_buf *buf, const char *text)
{
	if (!text || !*text)
		return;
	if (buf->len)
		sp_buf_putc(buf, ' ');
	sp_buf_puts(buf, text);
}

/* What a profile adds to each service tagged with it, worked out once for all of them (it was
 * once a service, issue 13): its folded id and English synonyms for service_fts's keywords,
 * and its other languages' synonyms, lang and fold_index(word) in turn, for translation_fts. */
struct profile_words {
	bool done;
	char *id, *english;
	char **lang_words;
	size_t n;
};

static void
profile_words_load(struct build *b, struct profile_words *w, enum sp_profile p, sqlite3_stmt *syn,
                   sqlite3_stmt *syn_lang)
{
	char *words;

	w->done = true;
	if (sp_fold_utf8(b->fold, sp_profile_id(p), &w->id) != SP_OK)
		b->report->out_of_memory = 1;
	sqlite3_bind_text(syn, 1, sp_profile_id(p), -1, SQLITE_STATIC);
	if ((words = column_list(b, syn, 0))) {
		if (*words && sp_fold_utf8(b->fold, words, &w->english) != SP_OK)
			b->report->out_of_memory = 1;
		free(words);
	}
	sqlite3_bind_text(syn_lang, 1, sp_profile_id(p), -1, SQLITE_STATIC);
	while (sqlite3_step(syn_lang) == SQLITE_ROW) {
		for (int c = 0; c < 2; c++) {
			const char *text = (const char *) sqlite3_column_text(syn_lang, c);
			char **slot = sp_array_push(&w->lang_words, &w->n, sizeof *slot);

			/* The word as translation_fts takes it, folded once here. */
			if (slot && c == 1 && sp_fold_index_utf8(b->fold, text, slot) != SP_OK)
				*slot = NULL;
			else if (slot && c == 0)
				*slot = sp_strdup(text);
			if (!slot || !*slot) {
				w->n -= slot != NULL;
				b->report->out_of_memory = 1;
				break;
			}
		}
	}
	sqlite3_reset(syn_lang);
}

/* Calls a folding function of src/core/fold.c on an SQL text argument. */
static void
sql_apply_fold(sqlite3_context *ctx, sqlite3_value *arg,
               enum sp_status (*fold_fn)(struct sp_fold *, const char *, char **))
{
	const unsigned char *text = sqlite3_value_text(arg);
	char *out = NULL;

	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	if (fold_fn(sqlite3_user_data(ctx), (const char *) text, &out) != SP_OK) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, out, -1, free);
}

/* fold(text) in SQL, the search folding of src/core/fold.c. */
static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sql_apply_fold(ctx, argv[0], sp_fold_utf8);
}

/* fold_index(text) in SQL: fold(text) || ' ' || fold_latin(text), the text folded once. */
static void
sql_fold_index(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sql_apply_fold(ctx, argv[0], sp_fold_index_utf8);
}

/* A language code (two or three lower-case letters, build_is_language) as a number that
 * sorts as the code does: its letters as translation_fts's rowids hold them. */
static uint32_t
lang_key(const char *lang)
{
	return (uint32_t) (sp_translation_first_rowid(lang) >> SP_TRANSLATION_SERVICE_BITS);
}

/* A row's id in translation_fts: its language's letters above the service's rowid
 * (SP_TRANSLATION_SERVICE_BITS). */
static sqlite3_int64
translation_rowid(uint32_t lang, sqlite3_int64 service)
{
	return (sqlite3_int64) lang << SP_TRANSLATION_SERVICE_BITS |
	       (service & (((sqlite3_int64) 1 << SP_TRANSLATION_SERVICE_BITS) - 1));
}

/* Adds a row to `out`, taking body. */
static void
add_translation_row(struct build *b, struct build_translation_rows *out, sqlite3_int64 service,
                    uint32_t lang, char *body)
{
	struct build_translation_row *row = sp_array_push(&out->row, &out->n, sizeof *row);

	if (!row) {
		free(body);
		b->report->out_of_memory = 1;
		return;
	}
	row->id = translation_rowid(lang, service);
	row->body = body;
}

/* One of a service's profile synonyms in a language of its own. */
struct lang_word {
	uint32_t lang;
	int profile;
	size_t index; /* in the profile's lang_words */
	const char *word;
};

static int
compare_lang_word(const void *a, const void *b)
{
	const struct lang_word *x = a, *y = b;

	if (x->lang != y->lang)
		return x->lang < y->lang ? -1 : 1;
	if (x->profile != y->profile)
		return x->profile < y->profile ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* The synonyms of the profiles of `mask` in languages of their own, by language, profile and
 * their order (made once per mask: most services share a few). false when out of memory. */
struct mask_words {
	bool done;
	struct lang_word *words;
	size_t n;
};

static bool
mask_words_make(struct mask_words *m, unsigned mask, const struct profile_words *profiles)
{
	m->done = true;
	for (int p = 0; p < SP_PROFILE_COUNT; p++) {
		if (!(mask & (1u << p)))
			continue;
		for (size_t i = 0; i + 1 < profiles[p].n; i += 2) {
			struct lang_word *lw = sp_array_push(&m->words, &m->n, sizeof *lw);

			if (!lw)
				return false;
			*lw = (struct lang_word){ lang_key(profiles[p].lang_words[i]), p, i,
				                  profiles[p].lang_words[i + 1] };
		}
	}
	if (m->n)
		qsort(m->words, m->n, sizeof *m->words, compare_lang_word);
	return true;
}

/* A service's translations: each one's language, field and folded text. */
struct service_text {
	size_t lang_at, field_at, text_at; /* where they are in the buffer while it grows */
	const char *lang, *field, *text;
};
struct service_texts {
	struct sp_buf buf; /* the strings, each ended by its NUL */
	struct service_text *entry;
	size_t n;
};

static int
compare_service_texts(const void *a, const void *b)
{
	const struct service_text *x = a, *y = b;
	int d = strcmp(x->lang, y->lang);

	return d ? d : strcmp(x->field, y->field);
}

/* Appends s and its NUL to t->buf; where it starts. */
static size_t
put_string(struct service_texts *t, const char *s)
{
	size_t at = t->buf.len;

	sp_buf_append(&t->buf, s, strlen(s) + 1);
	return at;
}

/*
 * Gathers into t the translations of service `id` from `texts`, which gives every service's
 * (id, lang, field, folded text) in id order and is on its next row (*more: there is one);
 * rows of ids before `id` (translations of no service, which the checks report) are passed
 * over. t's entries are then in language, then field order. false when out of memory.
 */
static bool
service_texts_gather(struct service_texts *t, sqlite3_stmt *texts, bool *more, const char *id)
{
	t->n = 0;
	t->buf.len = 0;
	while (*more) {
		const char *at = (const char *) sqlite3_column_text(texts, 0);
		int d, rc;

		if (!at)
			return false;
		if ((d = strcmp(at, id)) > 0)
			break;
		if (d == 0) {
			struct service_text *e = sp_array_push(&t->entry, &t->n, sizeof *e);
			const char *lang = (const char *) sqlite3_column_text(texts, 1);
			const char *field = (const char *) sqlite3_column_text(texts, 2);
			const char *text = (const char *) sqlite3_column_text(texts, 3);

			if (!e || !lang || !field || !text)
				return false;
			e->lang_at = put_string(t, lang);
			e->field_at = put_string(t, field);
			e->text_at = put_string(t, text);
		}
		/* An error (the fold out of memory) is not the end of the rows. */
		if ((rc = sqlite3_step(texts)) != SQLITE_ROW && rc != SQLITE_DONE)
			return false;
		*more = rc == SQLITE_ROW;
	}
	if (t->buf.failed)
		return false;
	for (size_t i = 0; i < t->n; i++) {
		t->entry[i].lang = t->buf.data + t->entry[i].lang_at;
		t->entry[i].field = t->buf.data + t->entry[i].field_at;
		t->entry[i].text = t->buf.data + t->entry[i].text_at;
	}
	if (t->n > 1)
		qsort(t->entry, t->n, sizeof *t->entry, compare_service_texts);
	return true;
}

/*
 * translation_fts's rows of one service, a row per language in language order: its
 * translations' text (fold_index, field by field) and then its profiles' synonyms in that
 * language (`words`, mask_words_make), as a GROUP BY service, lang over both once made them
 * (issue 13: the synonyms were millions of rows of a temporary table, sorted, at 100,000
 * services). `t` holds the translations by language, then field; the two are merged.
 */
static void
service_translation_rows(struct build *b, sqlite3_int64 service, const struct lang_word *words,
                         size_t nwords, const struct service_texts *t,
                         struct build_translation_rows *out)
{
	size_t w = 0, i = 0;

	while (i < t->n || w < nwords) {
		/* the next translation's language; UINT32_MAX after the last */
		uint32_t text_lang = i < t->n ? lang_key(t->entry[i].lang) : UINT32_MAX;
		uint32_t lang = w < nwords && words[w].lang < text_lang ? words[w].lang : text_lang;
		struct sp_buf body;
		bool first = true;

		sp_buf_init(&body);
		sp_buf_puts(&body, "");
		for (; i < t->n && lang_key(t->entry[i].lang) == lang; i++) {
			if (!first)
				sp_buf_putc(&body, ' ');
			sp_buf_puts(&body, t->entry[i].text);
			first = false;
		}
		for (; w < nwords && words[w].lang == lang; w++) {
			if (!first)
				sp_buf_putc(&body, ' ');
			sp_buf_puts(&body, words[w].word);
			first = false;
		}
		if (body.failed) {
			b->report->out_of_memory = 1;
			sp_buf_free(&body);
			break;
		}
		add_translation_row(b, out, service, lang, sp_buf_take(&body));
	}
}

static void
profile_words_free(struct profile_words *profiles)
{
	for (int p = 0; p < SP_PROFILE_COUNT; p++) {
		free(profiles[p].id);
		free(profiles[p].english);
		sp_strv_free_n(profiles[p].lang_words, profiles[p].n);
	}
}

static void
register_folds(struct build *b)
{
	sqlite3_create_function(b->db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, b->fold,
	                        sql_fold, NULL, NULL);
	sqlite3_create_function(b->db, "fold_index", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, b->fold,
	                        sql_fold_index, NULL, NULL);
}

static int
compare_translation_row(const void *a, const void *b)
{
	sqlite3_int64 x = ((const struct build_translation_row *) a)->id;
	sqlite3_int64 y = ((const struct build_translation_row *) b)->id;

	return (x > y) - (x < y);
}

void
build_translation_rows_make(struct build *b, const char *services_sql,
                            struct build_translation_rows *out)
{
	sqlite3_stmt *svc, *syn, *syn_other, *texts;
	struct profile_words profiles[SP_PROFILE_COUNT] = { 0 };
	size_t errors = b->report->nerrors, nmasks = (size_t) 1 << SP_PROFILE_COUNT;
	struct mask_words *by_mask = sp_calloc(nmasks, sizeof *by_mask);
	struct service_texts t = { .entry = NULL };
	bool more = false;

	register_folds(b);
	svc = build_prepare(b, services_sql);
	syn = build_prepare(b, "SELECT word FROM synonym WHERE profile = ?1 AND lang = ''");
	syn_other = build_prepare(
	        b, "SELECT lang, word FROM synonym WHERE profile = ?1 AND lang <> ''");
	/* A language's own synonyms join its translations in one row of translation_fts, so a
	 * query may mix a synonym with a word of the description. Read once, in the key's
	 * order, beside the services in theirs (issue 13: a query a service, each with a sorter
	 * of its own, was a third of the rows' making at 100,000 services). */
	texts = build_prepare(b, "SELECT id, lang, field, fold_index(text) FROM translation"
	                         " WHERE tbl = 'service' ORDER BY id, field, lang");
	if (texts) {
		int rc = sqlite3_step(texts);

		more = rc == SQLITE_ROW;
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			b->report->out_of_memory = 1;
	}
	while (svc && syn && syn_other && texts && by_mask && !b->report->out_of_memory &&
	       sqlite3_step(svc) == SQLITE_ROW) {
		unsigned mask = (unsigned) sqlite3_column_int64(svc, 2) & (unsigned) (nmasks - 1);
		struct mask_words *m = &by_mask[mask];

		for (int p = 0; p < SP_PROFILE_COUNT; p++)
			if ((mask & (1u << p)) && !profiles[p].done)
				profile_words_load(b, &profiles[p], (enum sp_profile) p, syn,
				                   syn_other);
		if (!m->done && !mask_words_make(m, mask, profiles)) {
			b->report->out_of_memory = 1;
			break;
		}
		if (!service_texts_gather(&t, texts, &more,
		                          (const char *) sqlite3_column_text(svc, 1))) {
			b->report->out_of_memory = 1;
			break;
		}
		service_translation_rows(b, sqlite3_column_int64(svc, 0), m->words, m->n, &t, out);
	}
	sp_buf_free(&t.buf);
	free(t.entry);
	for (size_t i = 0; by_mask && i < nmasks; i++)
		free(by_mask[i].words);
	free(by_mask);
	sqlite3_finalize(svc);
	sqlite3_finalize(syn);
	sqlite3_finalize(syn_other);
	sqlite3_finalize(texts);
	profile_words_free(profiles);
	/* Each language's rows in a rowid range of their own (SP_TRANSLATION_SERVICE_BITS in
	 * core/directory.h), so a search in one language reads that range only; they go into
	 * translation_fts in rowid order, as FTS5 writes a new segment whenever a rowid goes
	 * down. */
	if (out->n)
		qsort(out->row, out->n, sizeof *out->row, compare_translation_row);
	if (!by_mask)
		b->report->out_of_memory = 1;
	if (b->report->out_of_memory || b->report->nerrors > errors || !svc || !syn || !syn_other ||
	    !texts)
		out->failed = true;
}

void
build_translation_rows_index(struct build *b, const struct build_translation_rows *rows)
{
	sqlite3_stmt *ins;

	if (rows->failed) {
		sp_report_error(b->report, "translation index: not made");
		return;
	}
	ins = build_prepare(b, "INSERT INTO translation_fts (rowid, body) VALUES (?1, ?2)");
	for (size_t i = 0; ins && i < rows->n; i++) {
		const struct build_translation_row *r = &rows->row[i];

		sqlite3_bind_int64(ins, 1, r->id);
		sqlite3_bind_text(ins, 2, r->body, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			sp_report_error(b->report, "translation index: %s", sqlite3_errmsg(b->db));
			break;
		}
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
}

void
build_translation_rows_free(struct build_translation_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		free(rows->row[i].body);
	free(rows->row);
	*rows = (struct build_translation_rows){ 0 };
}

/* Fills service_fts with folded text: name and organisation, keywords (profile tags and
 * every everyday word that leads to them, the area), and the body (description and
 * eligibility). */
void
build_index_service_text(struct build *b, const char *services_sql, const char *insert_sql)
{
	register_folds(b);
	sqlite3_stmt *svc = build_prepare(b, services_sql);
	sqlite3_stmt *syn =
	        build_prepare(b, "SELECT word FROM synonym WHERE profile = ?1 AND lang = ''");
	sqlite3_stmt *syn_other = build_prepare(
	        b, "SELECT lang, word FROM synonym WHERE profile = ?1 AND lang <> ''");
	struct profile_words profiles[SP_PROFILE_COUNT] = { 0 };
	sqlite3_stmt *ins = build_prepare(b, insert_sql);

	while (svc && syn && syn_other && ins && sqlite3_step(svc) == SQLITE_ROW) {
		struct sp_buf name, keywords, body;
		unsigned mask = (unsigned) sqlite3_column_int64(svc, 6);

		sp_buf_init(&name);
		sp_buf_init(&keywords);
		sp_buf_init(&body);
		sp_buf_puts(&name, "");
		sp_buf_puts(&keywords, "");
		sp_buf_puts(&body, "");
		put_folded(b, &name, (const char *) sqlite3_column_text(svc, 1));
		put_folded(b, &name, (const char *) sqlite3_column_text(svc, 2));
		put_folded(b, &keywords, (const char *) sqlite3_column_text(svc, 5));
		for (int p = 0; p < SP_PROFILE_COUNT; p++) {
			struct profile_words *w = &profiles[p];

			if (!(mask & (1u << p)))
				continue;
			if (!w->done)
				profile_words_load(b, w, (enum sp_profile) p, syn, syn_other);
			put_text(&keywords, w->id);
			put_text(&keywords, w->english);
		}
		put_folded(b, &body, (const char *) sqlite3_column_text(svc, 3));
		put_folded(b, &body, (const char *) sqlite3_column_text(svc, 4));
		if (name.failed || keywords.failed || body.failed)
			b->report->out_of_memory = 1;
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(svc, 0));
		sqlite3_bind_text(ins, 2, name.data, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, keywords.data, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 4, body.data, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			sp_report_error(b->report, "search index: %s", sqlite3_errmsg(b->db));
		sqlite3_reset(ins);
		sp_buf_free(&name);
		sp_buf_free(&keywords);
		sp_buf_free(&body);
	}
	sqlite3_finalize(svc);
	sqlite3_finalize(syn);
	sqlite3_finalize(syn_other);
	sqlite3_finalize(ins);
	profile_words_free(profiles);
}

void
build_index_services(struct build *b)
{
	struct build_translation_rows rows = { 0 };

	build_index_service_text(b, BUILD_SERVICE_TEXT_SQL("s.rowid", ""),
	                         BUILD_SERVICE_FTS_INSERT(""));
	build_translation_rows_make(b, "SELECT rowid, id, profile_mask FROM service ORDER BY id",
	                            &rows);
	build_translation_rows_index(b, &rows);
	build_translation_rows_free(&rows);
}

/* Fills term_fts so staff can look up definitions and acronyms by any of their words (a
 * definition also by its translated headings: "przemoc domowa"). */
void
build_index_terms(struct build *b)
{
	sqlite3_stmt *src = build_prepare(
	        b, "SELECT id, 'definition', id || ' ' || term || ' ' || coalesce(act, '') || ' '"
	           " || coalesce(section, '') || ' ' || coalesce((SELECT group_concat(t.text, ' ')"
	           "  FROM translation t WHERE t.tbl = 'definition' AND t.id = definition.id"
	           "  AND t.field = 'term'), '') FROM definition"
	           " UNION ALL SELECT term, 'glossary', term || ' ' || expansion FROM glossary");
	sqlite3_stmt *ins =
	        build_prepare(b, "INSERT INTO term_fts (term, kind, words) VALUES (?1, ?2, ?3)");

	while (src && ins && sqlite3_step(src) == SQLITE_ROW) {
		char *folded = NULL;

		if (sp_fold_utf8(b->fold, (const char *) sqlite3_column_text(src, 2), &folded) !=
		    SP_OK) {
			b->report->out_of_memory = 1;
			break;
		}
		sqlite3_bind_text(ins, 1, (const char *) sqlite3_column_text(src, 0), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, (const char *) sqlite3_column_text(src, 1), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, folded, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			sp_report_error(b->report, "term index: %s", sqlite3_errmsg(b->db));
		sqlite3_reset(ins);
		free(folded);
	}
	sqlite3_finalize(src);
	sqlite3_finalize(ins);
}

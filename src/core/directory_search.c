#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "directory.h"
#include "directory_private.h"
#include "fold.h"
#include "mem.h"
#include "policy.h"

/*
 * The paged search: matches come from a stream in row order, which SQLite and FTS5 give
 * without sorting. Up to SP_SEARCH_RANKED_MAX matches are ranked in full (the person's
 * order, exactly as sp_directory_search() and sp_policy_sort_for_person() give it); beyond
 * that the stream's own order is kept and each page reads only what it shows.
 */

/* A line's hours at the search's moment, worked out once for each distinct text. */
struct hours_seen {
	char *text;
	enum sp_tristate open_now;
	bool always;
};

/* Only so many distinct hours are remembered: a directory has a few dozen. */
#define HOURS_SEEN_MAX 256

struct ranked {
	sqlite3_int64 row;
	enum sp_reach reach;
	unsigned matched;
	size_t pos; /* in relevance order */
};

#define NSTREAMS 2

struct sp_search {
	struct sp_directory *dir;
	bool staff, open_now_only;
	unsigned profiles;
	enum sp_area area;
	long date;
	int minute;
	char *fts;        /* the FTS5 query, for ranking; NULL for none */
	char *stream_fts; /* the same matches with prefixes spelt out as words, or NULL */
	bool ranked;
	sqlite3_int64 *rows; /* ranked: every match in order; else the stream read ahead */
	size_t nrows, next;
	/* The streams still running (text: the English index and the translations'). */
	sqlite3_stmt *stream[NSTREAMS];
	enum sp_dir_stmt stream_id[NSTREAMS];
	sqlite3_int64 head[NSTREAMS];
	bool has_head[NSTREAMS];
	unsigned char *seen; /* rows given already (a service matching both streams) */
	size_t seen_bytes;
	struct hours_seen *hours;
	size_t nhours;
};

/* The parameters every search statement takes (directory.c: ?1..?9), with `fts` as ?7. */
static void
bind_query(const struct sp_search *se, sqlite3_stmt *st, const char *fts)
{
	enum sp_area chain[SP_AREA_MAX_DEPTH];

	sqlite3_bind_int(st, 1, se->staff);
	sqlite3_bind_int64(st, 2, se->profiles);
	if (se->area != SP_AREA_NONE) {
		size_t nchain = sp_area_chain(se->area, chain);

		for (size_t i = 0; i < SP_AREA_MAX_DEPTH; i++)
			sqlite3_bind_text(st, 3 + (int) i, sp_area_id(chain[i < nchain ? i : 0]),
			                  -1, SQLITE_STATIC);
	}
	if (fts) {
		sqlite3_bind_text(st, 7, fts, -1, SQLITE_STATIC);
		sp_dir_bind_translation_range(se->dir, st, 8);
	}
}

/* Prefixes this short have FTS5 prefix indexes of their own (db/schema.sql). */
#define PREFIX_INDEXED_BYTES 2
/* A longer prefix standing for more words than this is left a prefix. */
#define PREFIX_WORDS_MAX 16

static bool
has_vocabulary(struct sp_directory *dir)
{
	if (!dir->vocabulary_checked) {
		sqlite3_stmt *st = NULL;

		dir->has_vocabulary = sqlite3_prepare_v2(dir->db,
		                                         "SELECT 1 FROM sqlite_schema WHERE type = "
		                                         "'table' AND name = 'search_term'",
		                                         -1, &st, NULL) == SQLITE_OK &&
		                      sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		dir->vocabulary_checked = true;
	}
	return dir->has_vocabulary;
}

/* Appends the words prefix p (n bytes) stands for, as ("w1" OR "w2" ...), or the prefix
 * itself when it is short, stands for too many words, or for none. */
static enum sp_status
put_words(struct sp_search *se, sqlite3_stmt *st, struct sp_buf *buf, const char *p, size_t n)
{
	char *high = NULL;
	size_t words = 0, mark = buf->len;
	int rc = SQLITE_DONE;

	if (n > PREFIX_INDEXED_BYTES && (high = sp_malloc(n + 2))) {
		memcpy(high, p, n);
		high[n] = (char) 0xFF; /* after every text that begins with p: UTF-8 has no 0xFF */
		high[n + 1] = '\0';
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, p, (int) n, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, high, (int) n + 1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, PREFIX_WORDS_MAX + 1);
		sp_buf_putc(buf, '(');
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *w = (const char *) sqlite3_column_text(st, 0);

			if (!w || strchr(w, '"'))
				break;
			sp_buf_puts(buf, words++ ? " OR \"" : "\"");
			sp_buf_puts(buf, w);
			sp_buf_putc(buf, '"');
		}
		sp_buf_putc(buf, ')');
		sqlite3_reset(st);
		free(high);
	} else if (n > PREFIX_INDEXED_BYTES) {
		return SP_ERR_NOMEM;
	}
	if (rc == SQLITE_DONE && words > 0 && words <= PREFIX_WORDS_MAX)
		return SP_OK;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sp_dir_status(se->dir, rc);
	buf->len = mark; /* the prefix after all */
	sp_buf_putc(buf, '"');
	sp_buf_append(buf, p, n);
	sp_buf_puts(buf, "\"*");
	return SP_OK;
}

/*
 * The stream's query: the ranking query ("t1"* "t2"*, from sp_fold_fts_query_match()) with
 * each longer prefix replaced by the words of the index it stands for (search_term). The
 * matches are the same; FTS5 reads each word's list in row order as far as a page needs,
 * where for a prefix without an index of its own it first gathers every match.
 */
static enum sp_status
expand_prefixes(struct sp_search *se)
{
	struct sp_buf buf;
	sqlite3_stmt *st;
	enum sp_status status = SP_OK;

	if (!has_vocabulary(se->dir))
		return SP_OK;
	if (!(st = sp_dir_stmt(se->dir, ST_VOCABULARY)))
		return sp_dir_error(se->dir);
	sp_buf_init(&buf);
	for (const char *p = se->fts; status == SP_OK && *p;) {
		const char *end;

		if (*p != '"' || !(end = strstr(p + 1, "\"*")) || memchr(p + 1, '"', end - p - 1)) {
			sp_buf_free(&buf);
			return SP_OK; /* not the query's usual form: the prefix query stands */
		}
		if (p != se->fts)
			sp_buf_puts(&buf, " AND ");
		status = put_words(se, st, &buf, p + 1, (size_t) (end - p - 1));
		for (p = end + 2; *p == ' '; p++)
			;
	}
	if (status == SP_OK && !(se->stream_fts = sp_buf_take(&buf)))
		status = SP_ERR_NOMEM;
	sp_buf_free(&buf);
	return status;
}

static void
streams_close(struct sp_search *se)
{
	for (int i = 0; i < NSTREAMS; i++) {
		sp_dir_stmt_give(se->dir, se->stream_id[i], se->stream[i]);
		se->stream[i] = NULL;
		se->has_head[i] = false;
	}
}

static enum sp_status
streams_open(struct sp_search *se)
{
	enum sp_dir_stmt ids[NSTREAMS] = { ST_STREAM_TEXT, ST_STREAM_TRANSLATION };
	int n = se->fts ? 2 : 1;

	if (!se->fts)
		ids[0] = ST_STREAM_ALL;
	for (int i = 0; i < n; i++) {
		se->stream_id[i] = ids[i];
		if (!(se->stream[i] = sp_dir_stmt_take(se->dir, ids[i])))
			return sp_dir_error(se->dir);
		bind_query(se, se->stream[i], se->stream_fts ? se->stream_fts : se->fts);
	}
	return SP_OK;
}

/* Marks a row given; true if it was given before. */
static enum sp_status
seen_before(struct sp_search *se, sqlite3_int64 row, bool *before)
{
	size_t byte = (size_t) row / 8;

	*before = false;
	if (row < 0)
		return SP_OK;
	if (byte >= se->seen_bytes) {
		size_t n = se->seen_bytes ? se->seen_bytes : 1024;
		unsigned char *grown;

		while (n <= byte)
			n *= 2;
		if (!(grown = sp_reallocarray(se->seen, n, 1)))
			return SP_ERR_NOMEM;
		memset(grown + se->seen_bytes, 0, n - se->seen_bytes);
		se->seen = grown;
		se->seen_bytes = n;
	}
	*before = se->seen[byte] & (1u << (row % 8));
	se->seen[byte] |= (unsigned char) (1u << (row % 8));
	return SP_OK;
}

/* The next match of the merged streams, in row order: *row, or *got false at the end. */
static enum sp_status
stream_next(struct sp_search *se, sqlite3_int64 *row, bool *got)
{
	for (;;) {
		int best = -1;
		bool before;
		enum sp_status status;

		for (int i = 0; i < NSTREAMS; i++) {
			int rc;

			if (!se->stream[i] || se->has_head[i])
				continue;
			rc = sqlite3_step(se->stream[i]);
			if (rc == SQLITE_ROW) {
				se->head[i] = sqlite3_column_int64(se->stream[i], 0);
				se->has_head[i] = true;
			} else if (rc == SQLITE_DONE) {
				sp_dir_stmt_give(se->dir, se->stream_id[i], se->stream[i]);
				se->stream[i] = NULL;
			} else {
				return sp_dir_status(se->dir, rc);
			}
		}
		for (int i = 0; i < NSTREAMS; i++)
			if (se->has_head[i] && (best < 0 || se->head[i] < se->head[best]))
				best = i;
		if (best < 0) {
			*got = false;
			return SP_OK;
		}
		*row = se->head[best];
		for (int i = 0; i < NSTREAMS; i++)
			if (se->has_head[i] && se->head[i] == *row)
				se->has_head[i] = false;
		if ((status = seen_before(se, *row, &before)) != SP_OK)
			return status;
		if (!before) {
			*got = true;
			return SP_OK;
		}
	}
}

/* A line's state now, from the search's memory of its hours text. */
static enum sp_status
line_now(struct sp_search *se, const char *text, enum sp_tristate *open_now, bool *always)
{
	struct hours_seen *h;
	enum sp_status status;

	if (!text)
		return sp_dir_line_now(se->dir, NULL, se->date, se->minute, open_now, always);
	for (size_t i = 0; i < se->nhours; i++)
		if (!strcmp(se->hours[i].text, text)) {
			*open_now = se->hours[i].open_now;
			*always = se->hours[i].always;
			return SP_OK;
		}
	if ((status = sp_dir_line_now(se->dir, text, se->date, se->minute, open_now, always)) !=
	    SP_OK)
		return status;
	if (se->nhours < HOURS_SEEN_MAX &&
	    (h = sp_array_push(&se->hours, &se->nhours, sizeof *h))) {
		if (!(h->text = sp_strdup(text))) {
			se->nhours--;
			return SP_OK; /* only a memory: the answer stands */
		}
		h->open_now = *open_now;
		h->always = *always;
	}
	return SP_OK;
}

/*
 * A match's place in the person's order: its reach (policy.h) from its referral and main
 * public phone, the asked-for profiles it serves, and, for "open now" only, whether any of
 * its live lines is open, as the loaded service would say (*keep).
 */
static enum sp_status
rank_one(struct sp_search *se, sqlite3_stmt *st, struct ranked *r, bool *keep)
{
	enum sp_call_group group = SP_CALL_NONE;
	bool self = false, found = false, main_seen = false, any_open = false;
	enum sp_status status = SP_OK;
	int rc = SQLITE_DONE;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, r->row);
	sqlite3_bind_int(st, 2, se->staff);
	while (status == SP_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *) sqlite3_column_text(st, 2);
		const char *hours = (const char *) sqlite3_column_text(st, 4);
		bool phone, always;
		enum sp_tristate open_now;

		if (!found) {
			found = true;
			self = sp_policy_self_referral_of(
			        (const char *) sqlite3_column_text(st, 0));
			r->matched = sp_profile_mask_count((unsigned) sqlite3_column_int64(st, 1) &
			                                   se->profiles);
		}
		if (!kind)
			continue; /* a service with no lines */
		phone = !strcmp(kind, "phone") && sp_dir_col_is(st, 3, "public");
		if (!((phone && !main_seen) || (se->open_now_only && sp_dir_kind_is_live(kind))))
			continue;
		if ((status = line_now(se, hours, &open_now, &always)) != SP_OK)
			break;
		if (phone && !main_seen) {
			main_seen = true;
			group = sp_policy_call_group_of(true, always, open_now);
		}
		if (sp_dir_kind_is_live(kind))
			any_open |= open_now == SP_YES;
	}
	if (status == SP_OK && rc != SQLITE_DONE)
		status = sp_dir_status(se->dir, rc);
	sqlite3_reset(st);
	r->reach = sp_policy_reach_of(self, group);
	*keep = found && (!se->open_now_only || any_open);
	return status;
}

static int
ranked_cmp(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->reach != b->reach)
		return a->reach < b->reach ? -1 : 1;
	if (a->matched != b->matched)
		return a->matched > b->matched ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/*
 * Every match is known and there are few: ranks them as sp_directory_search() and
 * sp_policy_sort_for_person() would (relevance from the ranking query, then a stable sort by
 * reach and profiles served), keeping only row ids.
 */
static enum sp_status
rank_all(struct sp_search *se)
{
	enum sp_dir_stmt id = se->fts ? ST_SEARCH_TEXT : ST_SEARCH_ALL;
	sqlite3_stmt *st = sp_dir_stmt(se->dir, id);
	sqlite3_stmt *keys = NULL;
	struct ranked *r = NULL;
	size_t n = 0, kept = 0;
	enum sp_status status = SP_OK;
	int rc;

	if (!st)
		return sp_dir_error(se->dir);
	bind_query(se, st, se->fts);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ranked *one = sp_array_push(&r, &n, sizeof *one);

		if (!one) {
			status = SP_ERR_NOMEM;
			break;
		}
		one->row = sqlite3_column_int64(st, 0);
		one->pos = n - 1;
	}
	if (status == SP_OK && rc != SQLITE_DONE)
		status = sp_dir_status(se->dir, rc);
	if (status == SP_OK)
		status = sp_dir_sorted(se->dir, id);
	sqlite3_reset(st);
	if (status == SP_OK && !(keys = sp_dir_stmt_take(se->dir, ST_SEARCH_KEYS)))
		status = sp_dir_error(se->dir);
	for (size_t i = 0; status == SP_OK && i < n; i++) {
		bool keep;

		if ((status = rank_one(se, keys, &r[i], &keep)) == SP_OK && keep)
			r[kept++] = r[i];
	}
	sp_dir_stmt_give(se->dir, ST_SEARCH_KEYS, keys);
	if (status == SP_OK) {
		if (kept > 1)
			qsort(r, kept, sizeof *r, ranked_cmp);
		for (size_t i = 0; i < kept; i++)
			se->rows[i] = r[i].row;
		se->nrows = kept;
		se->ranked = true;
	}
	free(r);
	return status;
}

/*
 * Whether the directory holds at most SP_SEARCH_RANKED_MAX services, so that no search can
 * match more and every one is ranked at once, without first reading the stream to count its
 * matches (which a small directory would only throw away). Rowids are distinct integers, so
 * their span bounds the count: two lookups at the ends of the table, where counting the rows
 * would read every page of it. Asked once a directory.
 */
static enum sp_status
few_services(struct sp_directory *dir, bool *few)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (dir->span_checked) {
		*few = dir->few_services;
		return SP_OK;
	}
	rc = sqlite3_prepare_v2(dir->db,
	                        "SELECT (SELECT min(rowid) FROM service),"
	                        " (SELECT max(rowid) FROM service)",
	                        -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* max >= min, so the difference as unsigned is exact whatever their signs. */
		dir->few_services = sqlite3_column_type(st, 0) == SQLITE_NULL ||
		                    (sqlite3_uint64) sqlite3_column_int64(st, 1) -
		                                    (sqlite3_uint64) sqlite3_column_int64(st, 0) <
		                            SP_SEARCH_RANKED_MAX;
		dir->span_checked = true;
	}
	sqlite3_finalize(st);
	if (!dir->span_checked)
		return sp_dir_status(dir, rc);
	*few = dir->few_services;
	return SP_OK;
}

/* As sp_search_open(); without `rank`, a search whose matches are all known is left unranked
 * (sp_directory_search_at_most() then reads them its own way). */
static enum sp_status
search_open(struct sp_search **out, struct sp_directory *dir, const struct sp_query *q, bool rank)
{
	struct sp_search *se;
	enum sp_status status;
	int day;
	size_t cap = SP_SEARCH_RANKED_MAX + 1;
	bool few = false;

	*out = NULL;
	if (!(se = sp_calloc(1, sizeof *se)))
		return SP_ERR_NOMEM;
	se->dir = dir;
	se->staff = q->staff;
	se->open_now_only = q->open_now_only;
	se->profiles = q->profiles;
	se->area = q->area;
	if ((status = sp_london_date(q->now_ms, &se->date, &day, &se->minute)) != SP_OK ||
	    (status = sp_dir_load_holidays(dir)) != SP_OK)
		goto fail;
	if (q->text && *q->text) {
		if ((status = sp_fold_fts_query_match(
		             dir->fold, q->text, sp_fold_match_for(dir->lang), &se->fts)) != SP_OK)
			goto fail;
		if (!se->fts) { /* only punctuation or spaces: nothing can match */
			se->ranked = true;
			*out = se;
			return SP_OK;
		}
	}
	if (!(se->rows = sp_reallocarray(NULL, cap, sizeof *se->rows))) {
		status = SP_ERR_NOMEM;
		goto fail;
	}
	if ((status = few_services(dir, &few)) != SP_OK)
		goto fail;
	if (!few && ((se->fts && (status = expand_prefixes(se)) != SP_OK) ||
	             (status = streams_open(se)) != SP_OK))
		goto fail;
	/* Read ahead one more than may be ranked: then it is known whether all can be. */
	while (!few && se->nrows < cap) {
		bool got;

		if ((status = stream_next(se, &se->rows[se->nrows], &got)) != SP_OK)
			goto fail;
		if (!got)
			break;
		se->nrows++;
	}
	if (few || se->nrows < cap) {
		streams_close(se);
		se->nrows = 0;
		se->ranked = true;
		if (rank && (status = rank_all(se)) != SP_OK)
			goto fail;
	}
	*out = se;
	return SP_OK;
fail:
	sp_search_free(se);
	return status;
}

enum sp_status
sp_search_open(struct sp_search **out, struct sp_directory *dir, const struct sp_query *q)
{
	return search_open(out, dir, q, true);
}

enum sp_status
sp_directory_search_at_most(struct sp_directory *dir, const struct sp_query *q,
                            struct sp_service_list *out, bool *more)
{
	struct sp_search *se = NULL;
	enum sp_status status = search_open(&se, dir, q, false);

	out->items = NULL;
	out->count = 0;
	if (more)
		*more = false;
	if (status == SP_OK && se->ranked) {
		sp_search_free(se);
		return sp_directory_search(dir, q, out);
	}
	if (status == SP_OK) {
		if (more)
			*more = true;
		if ((status = sp_search_next(se, SP_SEARCH_RANKED_MAX, out)) != SP_OK)
			sp_service_list_clear(out);
	}
	sp_search_free(se);
	return status;
}

/* The next row to load, or *got false at the end. */
static enum sp_status
next_row(struct sp_search *se, sqlite3_int64 *row, bool *got)
{
	if (se->next < se->nrows) {
		*row = se->rows[se->next++];
		*got = true;
		return SP_OK;
	}
	if (se->ranked) {
		*got = false;
		return SP_OK;
	}
	return stream_next(se, row, got);
}

enum sp_status
sp_search_next(struct sp_search *se, size_t max, struct sp_service_list *list)
{
	size_t added = 0;

	while (added < max) {
		sqlite3_int64 row;
		struct sp_service *s;
		enum sp_status status;
		bool got;

		if ((status = next_row(se, &row, &got)) != SP_OK)
			return status;
		if (!got)
			break;
		if (!(s = sp_array_push(&list->items, &list->count, sizeof *s)))
			return SP_ERR_NOMEM;
		if ((status = sp_dir_load_service(se->dir, row, se->staff, se->date, se->minute,
		                                  s)) != SP_OK) {
			list->count--;
			return status;
		}
		s->matched = sp_profile_mask_count(s->profiles & se->profiles);
		/* Ranked matches were chosen open already; the stream's are chosen here. */
		if (!se->ranked && se->open_now_only && s->open_now != SP_YES) {
			sp_service_clear(s);
			list->count--;
			continue;
		}
		added++;
	}
	return SP_OK;
}

size_t
sp_search_count(const struct sp_search *se, bool *exact)
{
	*exact = se->ranked;
	return se->ranked ? se->nrows : SP_SEARCH_RANKED_MAX + 1;
}

bool
sp_search_more(const struct sp_search *se)
{
	if (se->next < se->nrows)
		return true;
	for (int i = 0; !se->ranked && i < NSTREAMS; i++)
		if (se->stream[i] || se->has_head[i])
			return true;
	return false;
}

void
sp_search_free(struct sp_search *se)
{
	if (!se)
		return;
	streams_close(se);
	for (size_t i = 0; i < se->nhours; i++)
		free(se->hours[i].text);
	free(se->hours);
	free(se->seen);
	free(se->rows);
	free(se->fts);
	free(se->stream_fts);
	free(se);
}

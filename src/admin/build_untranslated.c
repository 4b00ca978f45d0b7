#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "admin/build_private.h"
#include "core/mem.h"

/* An import drops every service's translations, so a language can lack hundreds of entries:
 * the warning names the first few, enough to see what kind of entry is missing. */
enum { UNTRANSLATED_SHOWN = 8 };

/* What one language lacks: how many entries, and the first UNTRANSLATED_SHOWN of them. */
struct untranslated {
	char *lang;
	int count;
	struct sp_buf shown;
};

/* Notes that entry `what` lacks its translation into u->lang. */
static void
untranslated_add(struct untranslated *u, const char *what)
{
	if (u->count++ < UNTRANSLATED_SHOWN) {
		if (u->shown.len)
			sp_buf_puts(&u->shown, "; ");
		sp_buf_puts(&u->shown, what);
	}
}

/* Whether `lang` is one of the ' '-separated words of list. */
static int
in_word_list(const char *list, const char *lang)
{
	size_t n = strlen(lang);

	for (const char *p = list; p && (p = strstr(p, lang)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * The entries that have translations, each with its languages: read in one pass over the
 * translations (grouped by entry) into a hash index (sp_index), so each wanted entry is a probe or two
 * away (issue 13: a correlated look-up per entry was a tenth of a national build; a binary
 * search, 19 steps through 300,000 entries at 100,000 services, each a cache miss, was most
 * of what was left). An entry's key is its id, tbl and field, then their three lengths, so no
 * two entries share one.
 */
struct translated_entry {
	size_t key, key_len; /* in the arena */
	size_t langs;        /* ' '-separated, NUL-terminated, in the arena */
};

struct translated {
	struct sp_buf arena;
	struct translated_entry *entries;
	size_t count;
	struct sp_index by_key;
};

/* Appends the key of (tbl, id, field), columns `first`.. of st, to buf. */
static void
put_key(struct sp_buf *buf, sqlite3_stmt *st, int first)
{
	/* The id first, where keys differ soonest; the lengths last. */
	static const int order[] = { 1, 0, 2 };
	size_t len[3];

	for (int i = 0; i < 3; i++) {
		const char *text = (const char *) sqlite3_column_text(st, first + order[i]);

		len[i] = text ? (size_t) sqlite3_column_bytes(st, first + order[i]) : 0;
		sp_buf_append(buf, text ? text : "", len[i]);
	}
	sp_buf_append(buf, (const char *) len, sizeof len);
}

/* Reads the translated entries into t: true, or false when out of memory or after reporting. */
static bool
translated_read(struct build *b, struct translated *t)
{
	sqlite3_stmt *st = build_prepare(b, "SELECT tbl, id, field, group_concat(lang, ' ')"
	                                    " FROM translation GROUP BY tbl, id, field");

	sp_buf_init(&t->arena);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		struct translated_entry *e = sp_array_push(&t->entries, &t->count, sizeof *e);
		const char *langs = (const char *) sqlite3_column_text(st, 3);

		if (!e) {
			t->arena.failed = true;
			break;
		}
		e->key = t->arena.len;
		put_key(&t->arena, st, 0);
		e->key_len = t->arena.len - e->key;
		if (!t->arena.failed &&
		    !sp_index_add(&t->by_key,
		                  sp_hash_bytes(SP_HASH_START, t->arena.data + e->key, e->key_len),
		                  t->count - 1))
			t->arena.failed = true;
		e->langs = t->arena.len;
		sp_buf_append(&t->arena, langs ? langs : "", langs ? strlen(langs) + 1 : 1);
	}
	sqlite3_finalize(st);
	if (t->arena.failed)
		b->report->out_of_memory = 1;
	return st && !t->arena.failed;
}

/* The languages of the entry whose key is `key`, or NULL when it has none. */
static const char *
translated_langs(const struct translated *t, const char *key, size_t key_len)
{
	uint64_t hash = sp_hash_bytes(SP_HASH_START, key, key_len);

	for (const struct sp_index_slot *s = sp_index_first(&t->by_key, hash); s;
	     s = sp_index_next(&t->by_key, s, hash)) {
		const struct translated_entry *e = &t->entries[s->item - 1];

		if (e->key_len == key_len && !memcmp(t->arena.data + e->key, key, key_len))
			return t->arena.data + e->langs;
	}
	return NULL;
}

/*
 * Lists, per language, what a member of the public reads that has no translation yet: a
 * public service's description, eligibility and "what it is" line (service.subtitle, whose
 * English is in translations/en.csv), a public contact's label, a definition's heading and
 * summary, a glossary explanation. Warnings, so a new entry can be built before it is
 * translated; `signpost-admin check` shows them.
 */
void
build_report_untranslated(struct build *b)
{
	sqlite3_stmt *langs = build_prepare(
	        b, "SELECT DISTINCT lang FROM translation UNION SELECT 'en' ORDER BY 1");
	sqlite3_stmt *wanted = build_prepare(
	        b, "WITH wanted (tbl, id, field) AS ("
	           "  SELECT 'service', id, 'description' FROM service WHERE audience = 'public'"
	           "  UNION ALL SELECT 'service', id, 'eligibility' FROM service"
	           "   WHERE audience = 'public' AND coalesce(eligibility, '') <> ''"
	           "  UNION ALL SELECT 'service', id, 'subtitle' FROM service WHERE audience = "
	           "'public'"
	           "  UNION ALL SELECT 'contact', s.id || '#' || c.position, 'label' FROM contact c"
	           "   JOIN service s ON s.rowid = c.service"
	           "   WHERE c.audience = 'public' AND s.audience = 'public'"
	           "   AND coalesce(c.label, '') <> ''"
	           "  UNION ALL SELECT 'definition', id, 'term' FROM definition"
	           "  UNION ALL SELECT 'definition', id, 'summary' FROM definition"
	           "  UNION ALL SELECT 'glossary', term, 'explanation' FROM glossary"
	           "   WHERE coalesce(explanation, '') <> '')"
	           " SELECT w.tbl || ' ' || w.id || ' ' || w.field, w.field = 'subtitle',"
	           "  w.tbl, w.id, w.field FROM wanted w");
	struct translated have = { 0 };
	struct sp_buf key;
	struct untranslated *u = NULL;
	size_t n = 0;

	sp_buf_init(&key);
	while (langs && sqlite3_step(langs) == SQLITE_ROW) {
		struct untranslated *slot = sp_array_push(&u, &n, sizeof *slot);

		if (!slot ||
		    !(slot->lang = sp_strdup((const char *) sqlite3_column_text(langs, 0)))) {
			n -= slot != NULL;
			b->report->out_of_memory = 1;
			break;
		}
		slot->count = 0;
		sp_buf_init(&slot->shown);
		sp_buf_puts(&slot->shown, "");
	}
	if (n && wanted && !translated_read(b, &have)) {
		sqlite3_finalize(wanted);
		wanted = NULL;
	}
	while (wanted && n && sqlite3_step(wanted) == SQLITE_ROW) {
		const char *what = (const char *) sqlite3_column_text(wanted, 0);
		int subtitle = sqlite3_column_int(wanted, 1);
		const char *entry_langs;

		key.len = 0;
		put_key(&key, wanted, 2);
		if (key.failed) {
			b->report->out_of_memory = 1;
			break;
		}
		entry_langs = translated_langs(&have, key.data, key.len);
		/* English is the row itself, but for the subtitle (translations/en.csv). */
		for (size_t i = 0; what && i < n; i++)
			if ((subtitle || strcmp(u[i].lang, "en") != 0) &&
			    !in_word_list(entry_langs, u[i].lang))
				untranslated_add(&u[i], what);
	}
	for (size_t i = 0; i < n; i++) {
		/* About the language's file as a whole (it may not exist yet: en.csv). */
		char *path = sp_asprintf("%s/translations/%s.csv", b->src_dir, u[i].lang);

		if (u[i].shown.failed)
			b->report->out_of_memory = 1;
		if (u[i].count > UNTRANSLATED_SHOWN)
			sp_report_warn_at(b->report, path, 0, "%d untranslated: %s; and %d more",
			                  u[i].count, u[i].shown.data,
			                  u[i].count - UNTRANSLATED_SHOWN);
		else if (u[i].count)
			sp_report_warn_at(b->report, path, 0, "%d untranslated: %s", u[i].count,
			                  u[i].shown.data);
		free(path);
		free(u[i].lang);
		sp_buf_free(&u[i].shown);
	}
	free(u);
	free(have.entries);
	sp_index_free(&have.by_key);
	sp_buf_free(&have.arena);
	sp_buf_free(&key);
	sqlite3_finalize(langs);
	sqlite3_finalize(wanted);
}

struct build_untranslated {
	const char *scratch, *aside, *src_dir;
	struct sp_report report;
	pthread_t thread;
};

static void *
untranslated_run(void *arg)
{
	struct build_untranslated *job = arg;
	struct build b = { .src_dir = job->src_dir, .report = &job->report };

	if (sqlite3_open_v2(job->scratch, &b.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    (job->aside && !build_attach(b.db, job->aside, "tr", 0)))
		sp_report_error_at(&job->report, job->scratch, 0, "untranslated report: %s",
		                   b.db ? sqlite3_errmsg(b.db) : "cannot open");
	else
		build_report_untranslated(&b);
	sqlite3_close(b.db);
	return NULL;
}

struct build_untranslated *
build_untranslated_begin(const char *scratch, const char *aside, const char *src_dir, int quiet)
{
	struct build_untranslated *job = sp_calloc(1, sizeof *job);

	if (!job)
		return NULL;
	job->scratch = scratch;
	job->aside = aside;
	job->src_dir = src_dir;
	job->report.quiet = quiet;
	if (pthread_create(&job->thread, NULL, untranslated_run, job) != 0) {
		free(job);
		return NULL;
	}
	return job;
}

void
build_untranslated_end(struct build_untranslated *job, struct sp_report *report)
{
	pthread_join(job->thread, NULL);
	sp_report_append(report, &job->report);
	sp_report_free(&job->report);
	free(job);
}

#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
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

/* A table whose rows go in as they stand after a few checks: definitions, glossary,
 * pathways, synonyms, facts, translations. */
struct plain_table {
	const char *file;
	const char *const *columns;
	const char *sql;
	void (*check)(struct build *b, const struct sp_csv_row *r);
};

static void
check_definition(struct build *b, const struct sp_csv_row *r)
{
	build_origin(b, "definition", build_field(r, 0));
	if (!build_is_slug(build_field(r, 0)))
		build_row_error(b, "id \"%s\" is not a lower-case slug", build_field(r, 0));
	if (!*build_field(r, 1) || !*build_field(r, 5))
		build_row_error(b, "%s: a definition needs a term and a plain summary",
		                build_field(r, 0));
	{
		unsigned mask;
		const char *bad = NULL;

		if (!sp_profile_parse_list(build_field(r, 7), &mask, &bad))
			build_row_error(b, "%s: unknown profile \"%s\"", build_field(r, 0),
			                bad ? bad : "");
	}
}

static void
check_glossary(struct build *b, const struct sp_csv_row *r)
{
	build_origin(b, "glossary", build_field(r, 0));
	if (!*build_field(r, 0) || !*build_field(r, 1))
		build_row_error(b, "a glossary entry needs a term and its expansion");
}

static void
check_pathway(struct build *b, const struct sp_csv_row *r)
{
	char *end;

	if (!build_is_slug(build_field(r, 0)))
		build_row_error(b, "id \"%s\" is not a lower-case slug", build_field(r, 0));
	strtol(build_field(r, 1), &end, 10);
	if (!*build_field(r, 1) || *end)
		build_row_error(b, "%s: position must be a whole number", build_field(r, 0));
	if (!*build_field(r, 2) || !*build_field(r, 4))
		build_row_error(b, "%s: a pathway needs a title and an action", build_field(r, 0));
}

static void
check_synonym(struct build *b, const struct sp_csv_row *r)
{
	if (!*build_field(r, 0))
		build_row_error(b, "empty word");
	if (sp_profile_from_id(build_field(r, 1)) == SP_PROFILE_COUNT)
		build_row_error(b, "\"%s\": unknown profile \"%s\"", build_field(r, 0),
		                build_field(r, 1));
}

/* db/translations/synonyms/<lang>.csv: a language's everyday and inflected words for a
 * profile ("nękanie", "nękania": stalking), searched only when that language is chosen. */
static void
check_synonym_lang(struct build *b, const struct sp_csv_row *r)
{
	const char *base = strrchr(b->csv->path, '/');

	check_synonym(b, r);
	base = base ? base + 1 : b->csv->path;
	if (!build_is_language(build_field(r, 2)) ||
	    strncmp(base, build_field(r, 2), strlen(build_field(r, 2))) != 0 ||
	    strcmp(base + strlen(build_field(r, 2)), ".csv") != 0)
		build_row_error(b, "lang \"%s\" does not match the file name %s", build_field(r, 2),
		                base);
}

static void
check_fact(struct build *b, const struct sp_csv_row *r)
{
	char *end;

	build_origin(b, "fact", build_field(r, 0));

	if (!build_is_slug(build_field(r, 0)) || !build_is_slug(build_field(r, 1)))
		build_row_error(b, "id and chart must be lower-case slugs");
	strtod(build_field(r, 3), &end);
	if (!*build_field(r, 3) || *end)
		build_row_error(b, "%s: value \"%s\" is not a number", build_field(r, 0),
		                build_field(r, 3));
}

static void
check_chart(struct build *b, const struct sp_csv_row *r)
{
	if (!build_is_slug(build_field(r, 0)) || !*build_field(r, 1))
		build_row_error(b, "a chart needs a slug id and a title");
}

static void
check_quiz(struct build *b, const struct sp_csv_row *r)
{
	int options = 1;
	char *end;
	long answer = strtol(build_field(r, 4), &end, 10);

	build_origin(b, "quiz", build_field(r, 0));

	for (const char *p = build_field(r, 3); *p; p++)
		options += *p == ';';
	if (!build_is_slug(build_field(r, 0)))
		build_row_error(b, "id \"%s\" is not a lower-case slug", build_field(r, 0));
	if (!*build_field(r, 2) || !*build_field(r, 5))
		build_row_error(b, "%s: a question needs its scenario and an explanation",
		                build_field(r, 0));
	if (options < 2)
		build_row_error(b, "%s: at least two answers, separated by ;", build_field(r, 0));
	if (*end || answer < 1 || answer > options)
		build_row_error(b, "%s: answer must be the number of one of the %d answers",
		                build_field(r, 0), options);
}

/* The fields cols[0..n) of a row joined by sep into buf, cut to fit as snprintf() would;
 * returns the length the whole would have. snprintf() itself costs more than the rest of a
 * row's checks, a million rows at 100,000 services. */
static size_t
join_fields(char *buf, size_t size, const struct sp_csv_row *r, const int *cols, int n, char sep)
{
	size_t len = 0;

	for (int i = 0; i < n; i++) {
		const char *f = build_field(r, cols[i]);
		size_t flen = strlen(f);

		if (i) {
			if (len + 1 < size)
				buf[len] = sep;
			len++;
		}
		if (len < size)
			memcpy(buf + len, f, len + flen < size ? flen : size - 1 - len);
		len += flen;
	}
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	return len;
}

static void
check_translation(struct build *b, const struct sp_csv_row *r)
{
	static const char *const fields[] = { "service.description",  "service.eligibility",
		                              "service.subtitle",     "contact.label",
		                              "definition.term",      "definition.summary",
		                              "glossary.explanation", NULL };
	static const int key_cols[] = { 0, 1, 2, 3 }, which_cols[] = { 0, 2 };
	char which[64], key_buf[256], *key = key_buf;
	const char *base = strrchr(b->csv->path, '/');
	size_t key_len;

	/* A million rows at 100,000 services: the key on the stack unless it is unusually long. */
	if ((key_len = join_fields(key_buf, sizeof key_buf, r, key_cols, 4, '/')) >=
	            sizeof key_buf &&
	    (key = sp_malloc(key_len + 1)))
		join_fields(key, key_len + 1, r, key_cols, 4, '/');
	if (key)
		build_origin(b, "translation", key);
	else
		b->report->out_of_memory = 1;
	if (key != key_buf)
		free(key);
	join_fields(which, sizeof which, r, which_cols, 2, '.');
	if (!build_one_of(which, fields))
		build_row_error(
		        b,
		        "\"%s\" cannot be translated (only service.description,"
		        " service.eligibility, service.subtitle, contact.label, definition.term,"
		        " definition.summary, glossary.explanation)",
		        which);
	/* db/translations/pl.csv holds Polish only. */
	base = base ? base + 1 : b->csv->path;
	if (strncmp(base, build_field(r, 3), strlen(build_field(r, 3))) != 0 ||
	    strcmp(base + strlen(build_field(r, 3)), ".csv") != 0)
		build_row_error(b, "lang \"%s\" does not match the file name %s", build_field(r, 3),
		                base);
	if (!build_is_language(build_field(r, 3)))
		build_row_error(b, "lang \"%s\" is not an ISO 639 code", build_field(r, 3));
	if (!*build_field(r, 4))
		build_row_error(b, "empty translation");
}

static const char *const definition_cols[] = { "id",      "term",       "act",
	                                       "section", "legal_text", "summary",
	                                       "source",  "profiles",   NULL };
static const char *const glossary_cols[] = { "term", "expansion", "explanation", NULL };
static const char *const pathway_cols[] = { "id",     "position", "title", "condition",
	                                    "action", "consent",  "notes", NULL };
static const char *const synonym_cols[] = { "word", "profile", NULL };
static const char *const synonym_lang_cols[] = { "word", "profile", "lang", NULL };
static const char *const fact_cols[] = { "id",   "chart",  "label",  "value",
	                                 "unit", "period", "source", NULL };
static const char *const chart_cols[] = { "id", "title", "note", NULL };
static const char *const quiz_cols[] = { "id",     "position",    "scenario", "options",
	                                 "answer", "explanation", "services", NULL };
static const char *const translation_cols[] = { "tbl", "id", "field", "lang", "text", NULL };

static const struct plain_table plain_tables[] = {
	{ "definitions.csv", definition_cols,
	  "INSERT INTO definition (id, term, act, section, legal_text, summary, source, profiles,"
	  " position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	  check_definition },
	{ "glossary.csv", glossary_cols,
	  "INSERT INTO glossary (term, expansion, explanation) VALUES (?1, ?2, ?3)",
	  check_glossary },
	{ "pathways.csv", pathway_cols,
	  "INSERT INTO pathway (id, position, title, condition, action, consent, notes)"
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	  check_pathway },
	{ "synonyms.csv", synonym_cols,
	  "INSERT INTO synonym (word, profile) VALUES (lower(?1), ?2)", check_synonym },
	{ "charts.csv", chart_cols,
	  "INSERT INTO chart (id, title, note, position) VALUES (?1, ?2, ?3, ?4)", check_chart },
	{ "quiz.csv", quiz_cols,
	  "INSERT INTO quiz (id, position, scenario, options, answer, explanation, services)"
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	  check_quiz },
	{ "facts.csv", fact_cols,
	  "INSERT INTO fact (id, chart, label, value, unit, period, source, position)"
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	  check_fact },
};

static const struct plain_table translation_table = {
	NULL,
	translation_cols,
	"INSERT INTO translation (tbl, id, field, lang, text) VALUES (?1, ?2, ?3, ?4, ?5)",
	check_translation,
};

static const struct plain_table synonym_lang_table = {
	NULL,
	synonym_lang_cols,
	"INSERT INTO synonym (word, profile, lang) VALUES (lower(?1), ?2, ?3)",
	check_synonym_lang,
};

static void
load_plain_file(struct build *b, const struct plain_table *t, const char *file)
{
	struct sp_csv csv;
	sqlite3_stmt *st;
	int ncols = 0;

	while (t->columns[ncols])
		ncols++;
	if (!build_open_source(b, file, t->columns, &csv, 0))
		return;
	st = build_prepare(b, t->sql);
	for (size_t i = 0; st && i < csv.nrows; i++) {
		const struct sp_csv_row *r = &csv.rows[i];

		b->record = r->record;
		b->line = r->line;
		t->check(b, r);
		for (int c = 0; c < ncols; c++)
			build_bind_opt(st, c + 1, build_field(r, c));
		/* Rows keep the file's order (definitions' teaching order, charts' bars). */
		if (sqlite3_bind_parameter_count(st) > ncols)
			sqlite3_bind_int64(st, ncols + 1, (sqlite3_int64) i + 1);
		build_step_done(b, st);
	}
	sqlite3_finalize(st);
	sp_csv_free(&csv);
}

static void
build_plain_table(struct build *b, const struct plain_table *t)
{
	load_plain_file(b, t, t->file);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

char **
sp_build_lang_files(const char *src_dir, const char *sub, size_t *count, int *out_of_memory)
{
	char *dir = sp_asprintf("%s/%s", src_dir, sub), **names = NULL;
	size_t n = 0;
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *e;

	*out_of_memory = !dir;
	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char **slot;

		if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0 || e->d_name[0] == '.')
			continue;
		if (!(slot = sp_array_push(&names, &n, sizeof *slot)) ||
		    !(*slot = sp_asprintf("%s/%s", sub, e->d_name))) {
			n -= slot != NULL;
			*out_of_memory = 1;
			break;
		}
	}
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof *names, compare_names);
	free(dir);
	*count = n;
	return names;
}

/* db/translations/<lang>.csv, one file per language, in name order (and likewise
 * db/translations/synonyms/<lang>.csv). */
static void
load_lang_files(struct build *b, const char *sub, const struct plain_table *table)
{
	size_t n = 0;
	int oom = 0;
	char **names = sp_build_lang_files(b->src_dir, sub, &n, &oom);

	if (oom)
		b->report->out_of_memory = 1;
	for (size_t i = 0; i < n; i++) {
		load_plain_file(b, table, names[i]);
		free(names[i]);
	}
	free(names);
}

/* A row of db/translations/<lang>.csv, in the order it is inserted: by the first bytes of its
 * key (tbl, id, field, lang, each ended by a NUL: the order SQLite's BINARY gives the key),
 * then by its place in the files. Rows with one key keep the files' order, so of two the one
 * read first goes in first; rows whose keys differ only further on go in near each other. */
struct keyed_row {
	uint64_t prefix[3];
	size_t seq; /* its place in the files, in the order they are read */
	/* its five fields: read here, where the rows are read in the files' order, not in the
	 * key's, each row's fields array a cache miss then (0.3 s at 100,000 services) */
	const char *field[5];
};

static void
keyed_row_make(struct keyed_row *k, const struct sp_csv_row *row, size_t seq)
{
	unsigned char bytes[sizeof k->prefix] = { 0 };
	size_t n = 0;

	for (int c = 0; c < 5; c++)
		k->field[c] = build_field(row, c);
	for (int c = 0; c < 4 && n < sizeof bytes; c++) {
		size_t len = strlen(k->field[c]) + 1;

		if (len > sizeof bytes - n)
			len = sizeof bytes - n;
		memcpy(bytes + n, k->field[c], len);
		n += len;
	}
	for (size_t i = 0; i < 3; i++) {
		k->prefix[i] = 0;
		for (size_t j = 0; j < 8; j++)
			k->prefix[i] = k->prefix[i] << 8 | bytes[i * 8 + j];
	}
	k->seq = seq;
}

static int
compare_keyed_rows(const void *a, const void *b)
{
	const struct keyed_row *x = a, *y = b;

	for (int i = 0; i < 3; i++)
		if (x->prefix[i] != y->prefix[i])
			return x->prefix[i] < y->prefix[i] ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Inserts the rows in that order; errors[seq] is SQLite's message when a row's insert failed. */
static void
insert_in_key_order(struct build *b, struct keyed_row *rows, size_t n, char **errors)
{
	sqlite3_stmt *st = build_prepare(b, translation_table.sql);

	qsort(rows, n, sizeof *rows, compare_keyed_rows);
	for (size_t i = 0; st && i < n; i++) {
		for (int c = 0; c < 5; c++)
			build_bind_opt(st, c + 1, rows[i].field[c]);
		if (sqlite3_step(st) != SQLITE_DONE &&
		    !(errors[rows[i].seq] = sp_strdup(sqlite3_errmsg(b->db))))
			b->report->out_of_memory = 1;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	sqlite3_finalize(st);
}

/* A file of db/translations, read. */
struct lang_file {
	struct sp_csv csv;
	struct build_source_failure failure; /* why it cannot be used, when it cannot */
	bool read;
};

/*
 * db/translations/<lang>.csv, one file per language, in name order: the bulk of a national
 * directory (877,000 rows at 100,000 services). A file's rows come by language, and the table
 * is keyed by entry first, so inserted as they come each landed somewhere else in the B-tree:
 * every file is now read first, and the rows go in nearly in key order (issue 13: the load of
 * the translations of 100,000 services 4.1 -> 3.0 s). Everything is then said as if each row
 * had been inserted as it was read: the files' and the rows' messages in their order, each
 * failed insert's SQLite message (a duplicate, an empty field) at its row, after the row's own
 * checks; of two rows with one key the later fails, as before.
 */
void
build_translation_texts(struct build *b)
{
	struct lang_file *files;
	struct keyed_row *rows = NULL;
	char **errors = NULL;
	size_t nfiles = 0, nrows = 0, seq = 0;
	int oom = 0;
	char **names = sp_build_lang_files(b->src_dir, "translations", &nfiles, &oom);

	if (oom)
		b->report->out_of_memory = 1;
	if (!(files = sp_calloc(nfiles ? nfiles : 1, sizeof *files)))
		b->report->out_of_memory = 1;
	for (size_t f = 0; files && f < nfiles; f++) {
		files[f].read = build_read_source(b, names[f], translation_cols, &files[f].csv, 0,
		                                  &files[f].failure);
		nrows += files[f].read ? files[f].csv.nrows : 0;
	}
	if (nrows && (!(rows = sp_calloc(nrows, sizeof *rows)) ||
	              !(errors = sp_calloc(nrows, sizeof *errors))))
		b->report->out_of_memory = 1;
	for (size_t f = 0; errors && f < nfiles; f++)
		for (size_t i = 0; files[f].read && i < files[f].csv.nrows; i++, seq++)
			keyed_row_make(&rows[seq], &files[f].csv.rows[i], seq);
	if (errors)
		insert_in_key_order(b, rows, nrows, errors);
	free(rows);
	seq = 0;
	for (size_t f = 0; files && f < nfiles; f++) {
		if (!files[f].read) {
			build_report_source_failure(b, &files[f].failure);
			continue;
		}
		build_use_source(b, names[f], &files[f].csv);
		for (size_t i = 0; i < files[f].csv.nrows; i++, seq++) {
			const struct sp_csv_row *r = &files[f].csv.rows[i];

			b->record = r->record;
			b->line = r->line;
			translation_table.check(b, r);
			if (errors && errors[seq]) {
				build_row_error(b, "%s", errors[seq]);
				free(errors[seq]);
			}
		}
		sp_csv_free(&files[f].csv);
	}
	for (size_t f = 0; f < nfiles; f++)
		free(names[f]);
	free(errors);
	free(files);
	free(names);
}

void
build_translation_synonyms(struct build *b)
{
	load_lang_files(b, "translations/synonyms", &synonym_lang_table);
}

void
build_translations(struct build *b)
{
	build_translation_texts(b);
	build_translation_synonyms(b);
}

void
build_plain_tables(struct build *b)
{
	for (size_t i = 0; i < sizeof plain_tables / sizeof plain_tables[0]; i++)
		build_plain_table(b, &plain_tables[i]);
}

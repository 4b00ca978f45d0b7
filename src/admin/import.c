/* signpost-admin import: the rows an import makes, record by record, and the build they go
 * through (the one `build` runs, with the services given in memory). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin/build.h"
#include "admin/csvfile.h"
#include "admin/import.h"
#include "admin/import_private.h"
#include "core/fileio.h"
#include "core/mem.h"
#include "core/taxonomy.h"

static const char *const org_cols[] = { "id", "name", "website", NULL };
static const char *const svc_cols[] = { "id",        "organisation", "name",        "description",
	                                "area",      "audience",     "referral",    "consent",
	                                "age_min",   "age_max",      "risk_levels", "profiles",
	                                "languages", "eligibility",  "status",      "superseded_by",
	                                "source",    "source_note",  "verified",    "verification",
	                                NULL };
static const char *const con_cols[] = { "service",  "kind",  "value",        "label",
	                                "audience", "hours", "verification", NULL };
static const char *const term_cols[] = { "vocabulary", "code", "name", "profile", NULL };

bool
sp_import_format_from_name(const char *name, enum sp_import_format *format)
{
	if (!strcmp(name, "oruk-json"))
		*format = SP_IMPORT_ORUK_JSON;
	else if (!strcmp(name, "csv"))
		*format = SP_IMPORT_CSV;
	else
		return false;
	return true;
}

/* An empty table with the header `cols`, its messages naming `path`. */
static bool
table_init(struct sp_csv *t, const char *path, const char *const *cols)
{
	memset(t, 0, sizeof *t);
	while (cols[t->ncols])
		t->ncols++;
	if (!(t->path = sp_strdup(path)) || !(t->header = sp_calloc(t->ncols, sizeof *t->header)))
		return false;
	for (size_t i = 0; i < t->ncols; i++)
		if (!(t->header[i] = sp_strdup(cols[i])))
			return false;
	return true;
}

/* Drops the rows of t from `keep` on. */
static void
table_truncate(struct sp_csv *t, size_t keep)
{
	while (t->nrows > keep) {
		struct sp_csv_row *r = &t->rows[--t->nrows];

		for (size_t j = 0; j < t->ncols; j++)
			free(r->fields[j]);
		free(r->fields);
	}
}

void
import_bad(struct import *im, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	if (im->why)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!(im->why = sp_strdup(msg)))
		im->report->out_of_memory = 1;
}

char **
import_row(struct import *im, struct sp_csv *table)
{
	struct sp_csv_row *r = sp_array_push(&table->rows, &table->nrows, sizeof *table->rows);

	if (r && !(r->fields = sp_calloc(table->ncols, sizeof *r->fields)))
		table->nrows--, r = NULL;
	if (!r) {
		im->report->out_of_memory = 1;
		import_bad(im, "out of memory");
		return NULL;
	}
	r->record = im->record_base + im->record;
	r->line = im->line;
	return r->fields;
}

/* The code point of a control character at s (C0 but line break, DEL, C1, or a bidirectional
 * embedding, override or isolate, which could make text read other than it is), or 0. */
static unsigned
control_at(const unsigned char *s)
{
	if ((s[0] < 0x20 && s[0] != '\n') || s[0] == 0x7f)
		return s[0];
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return s[1];
	if (s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae)
		return 0x2000u + (unsigned) (s[2] - 0x80);
	if (s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
		return 0x2040u + (unsigned) (s[2] - 0x80);
	return 0;
}

void
import_set(struct import *im, char **row, int col, const char *value)
{
	if (!row || !value)
		return;
	for (const unsigned char *p = (const unsigned char *) value; *p; p++) {
		unsigned c = control_at(p);

		if (c) {
			import_bad(im, "control character U+%04X in \"%.40s\"", c, value);
			return;
		}
	}
	free(row[col]);
	if (!(row[col] = sp_strdup(value))) {
		im->report->out_of_memory = 1;
		import_bad(im, "out of memory");
	}
}

void
import_begin(struct import *im, size_t record, size_t line)
{
	im->record = record;
	im->line = line;
	im->mark_org = im->org.nrows;
	im->mark_svc = im->svc.nrows;
	im->mark_con = im->con.nrows;
	free(im->why);
	im->why = NULL;
}

/* Every field a record left unset becomes "" (an empty field, as in a CSV file). */
static void
fill_empty(struct import *im, struct sp_csv *t, size_t from)
{
	for (size_t i = from; i < t->nrows; i++)
		for (size_t j = 0; j < t->ncols; j++)
			if (!t->rows[i].fields[j] && !(t->rows[i].fields[j] = sp_strdup("")))
				im->report->out_of_memory = 1;
}

void
import_end(struct import *im)
{
	if (!im->why) {
		fill_empty(im, &im->org, im->mark_org);
		fill_empty(im, &im->svc, im->mark_svc);
		fill_empty(im, &im->con, im->mark_con);
		return;
	}
	table_truncate(&im->org, im->mark_org);
	table_truncate(&im->svc, im->mark_svc);
	table_truncate(&im->con, im->mark_con);
	im->nskipped++;
	sp_report_at(im->report, im->options->strict, im->file, im->line, "record %zu: %s%s",
	             im->record, im->why, im->options->strict ? "" : "; record skipped");
	free(im->why);
	im->why = NULL;
}

void
import_organisation(struct import *im, const char *id, const char *name, const char *website)
{
	char **row;

	for (size_t i = 0; i < im->org.nrows; i++)
		if (!strcmp(im->org.rows[i].fields[IM_O_ID], id))
			return;
	if ((row = import_row(im, &im->org))) {
		import_set(im, row, IM_O_ID, id);
		import_set(im, row, IM_O_NAME, name);
		import_set(im, row, IM_O_WEBSITE, website);
	}
}

const char *
import_profile_of(const struct import *im, const char *vocabulary, const char *code,
                  const char *name)
{
	for (size_t i = 0; i < im->nterms; i++) {
		const struct import_term *t = &im->terms[i];

		if (*t->vocabulary && (!vocabulary || strcasecmp(t->vocabulary, vocabulary) != 0))
			continue;
		if ((*t->code && code && !strcmp(t->code, code)) ||
		    (*t->name && name && !strcasecmp(t->name, name)))
			return t->profile;
	}
	return NULL;
}

const char *
import_area_of(const char *name)
{
	/* Names other directories give the areas signpost knows. */
	static const char *const aliases[][2] = {
		{ "united-kingdom", "national" },
		{ "uk", "national" },
		{ "england", "national" },
		{ "england-and-wales", "national" },
		{ "cambridgeshire-and-peterborough", "cambs-peterborough" },
		{ "cambridge", "cambridge-city" },
		{ "east-cambridgeshire", "east-cambs" },
		{ "south-cambridgeshire", "south-cambs" },
	};
	char slug[96];

	if (!sp_slug(name, slug, sizeof slug))
		return NULL;
	if (sp_area_from_id(slug) != SP_AREA_NONE)
		return sp_area_id(sp_area_from_id(slug));
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (!strcmp(slug, aliases[i][0]))
			return aliases[i][1];
	return NULL;
}

static void
terms_free(struct import *im)
{
	for (size_t i = 0; i < im->nterms; i++) {
		free(im->terms[i].vocabulary);
		free(im->terms[i].code);
		free(im->terms[i].name);
		free(im->terms[i].profile);
	}
	free(im->terms);
	im->terms = NULL;
	im->nterms = 0;
}

/* db/oruk-taxonomy.csv: which taxonomy terms mean which profile (db/README.md). */
static bool
terms_load(struct import *im)
{
	char *path = sp_asprintf("%s/oruk-taxonomy.csv", im->options->src_dir), *error = NULL;
	struct sp_csv csv;
	bool ok = true;

	if (!path)
		return false;
	if (sp_csv_read(path, &csv, &error) != SP_OK ||
	    sp_csv_expect(&csv, term_cols, &error) != SP_OK) {
		sp_report_error_at(im->report, path, 0, "%s", error ? error : "out of memory");
		if (csv.rows || csv.header)
			sp_csv_free(&csv);
		free(error);
		free(path);
		return false;
	}
	for (size_t i = 0; i < csv.nrows; i++) {
		char **f = csv.rows[i].fields;
		struct import_term *t;

		if (sp_profile_from_id(f[3]) == SP_PROFILE_COUNT || (!*f[1] && !*f[2])) {
			sp_report_error_at(
			        im->report, path, csv.rows[i].line,
			        "record %zu: a term (code or name) and a profile signpost"
			        " knows, not \"%s\"",
			        csv.rows[i].record, f[3]);
			ok = false;
			continue;
		}
		/* Copied: the file's strings go with it. */
		if (!(t = sp_array_push(&im->terms, &im->nterms, sizeof *t)) ||
		    !(t->vocabulary = sp_strdup(f[0])) || !(t->code = sp_strdup(f[1])) ||
		    !(t->name = sp_strdup(f[2])) || !(t->profile = sp_strdup(f[3]))) {
			if (t) {
				free(t->vocabulary);
				free(t->code);
				free(t->name);
				im->nterms--;
			}
			im->report->out_of_memory = 1;
			ok = false;
			break;
		}
	}
	sp_csv_free(&csv);
	free(path);
	return ok;
}

static bool
imported(const struct import *im, const char *id, size_t n)
{
	for (size_t i = 0; i < im->svc.nrows; i++)
		if (strlen(im->svc.rows[i].fields[IM_S_ID]) == n &&
		    !strncmp(im->svc.rows[i].fields[IM_S_ID], id, n))
			return true;
	return false;
}

/* Whether a row of quiz.csv (services in column 7) or of translations/<lang>.csv (tbl in
 * column 1) stays in an import: a quiz question only when every service it names was imported;
 * a translation only of a definition or a glossary entry, since a translated description or
 * label from db/ would not be a translation of what was imported. */
static bool
keep_row(const struct import *im, bool quiz, char **f)
{
	if (!quiz)
		return strcmp(f[0], "service") != 0 && strcmp(f[0], "contact") != 0;
	for (const char *p = f[6]; *p;) {
		size_t n = strcspn(p, ";");

		if (n && !imported(im, p, n))
			return false;
		p += n + (p[n] == ';');
	}
	return true;
}

/* Reads src_dir/name and keeps only the rows that apply to the import; false (reported) when
 * it cannot be read. A missing file is left to the build to report. */
static bool
given_filtered(struct import *im, struct sp_build_given *g, const char *name, bool quiz)
{
	char *path = sp_asprintf("%s/%s", im->options->src_dir, name), *error = NULL;
	size_t kept = 0;

	g->name = name;
	if (!path)
		return false;
	if (sp_csv_read(path, &g->csv, &error) != SP_OK) {
		free(error);
		free(path);
		memset(&g->csv, 0, sizeof g->csv);
		g->used = 1; /* nothing to give: the build reads (and reports) the file itself */
		return true;
	}
	free(path);
	for (size_t i = 0; i < g->csv.nrows; i++) {
		struct sp_csv_row *r = &g->csv.rows[i];

		if (g->csv.ncols >= (quiz ? 7u : 1u) && keep_row(im, quiz, r->fields)) {
			g->csv.rows[kept++] = *r;
			continue;
		}
		sp_csv_row_free(&g->csv, r);
	}
	g->csv.nrows = kept;
	return true;
}

/* Hands a table to the build (the given entry owns it afterwards). */
static void
give(struct sp_build_given *g, const char *name, struct sp_csv *t)
{
	g->name = name;
	g->csv = *t;
	g->used = 0;
	memset(t, 0, sizeof *t);
}

static enum sp_status
parse_one(struct import *im, const char *name, const unsigned char *data, size_t len)
{
	im->file = name;
	return im->options->format == SP_IMPORT_CSV ? import_csv(im, data, len) :
	                                              import_oruk_json(im, data, len);
}

static void
import_free(struct import *im)
{
	sp_csv_free(&im->org);
	sp_csv_free(&im->svc);
	sp_csv_free(&im->con);
	terms_free(im);
	free(im->why);
}

static bool
import_init(struct import *im, const struct sp_import_options *options, const char *name,
            struct sp_report *report)
{
	memset(im, 0, sizeof *im);
	im->options = options;
	im->report = report;
	if (table_init(&im->org, name, org_cols) && table_init(&im->svc, name, svc_cols) &&
	    table_init(&im->con, name, con_cols))
		return true;
	report->out_of_memory = 1;
	return false;
}

enum sp_status
sp_import_parse_bytes(const struct sp_import_options *options, const char *name,
                      const unsigned char *data, size_t len, struct sp_report *report)
{
	struct import im;
	enum sp_status rc = SP_ERR_NOMEM;

	if (import_init(&im, options, name, report) &&
	    (options->format != SP_IMPORT_ORUK_JSON || !options->src_dir || terms_load(&im)))
		rc = parse_one(&im, name, data, len);
	import_free(&im);
	return rc;
}

/* Builds the imported rows with the rest of src_dir into out_path. */
static enum sp_status
import_build(struct import *im, const char *out_path)
{
	size_t nlang = 0, n = 0;
	int oom = 0;
	char **langs = sp_build_lang_files(im->options->src_dir, "translations", &nlang, &oom);
	struct sp_build_given *given = sp_calloc(nlang + 4, sizeof *given);
	enum sp_status rc = SP_ERR_NOMEM;

	if (given && !oom) {
		n = 3; /* the imported tables go first, once the others are filtered by them */
		given_filtered(im, &given[n++], "quiz.csv", true);
		for (size_t i = 0; i < nlang; i++)
			given_filtered(im, &given[n++], langs[i], false);
		give(&given[0], "organisations.csv", &im->org);
		give(&given[1], "services.csv", &im->svc);
		give(&given[2], "contacts.csv", &im->con);
		rc = sp_build_file_given(im->options->src_dir, given, n, out_path,
		                         im->options->today, im->report);
		sp_build_given_free(given, n);
	}
	free(given);
	for (size_t i = 0; i < nlang; i++)
		free(langs[i]);
	free(langs);
	return rc;
}

/* What the build's messages name: the one file, or "a.json+b.json" (their records counted on
 * from one file to the next). */
static char *
joined_names(char *const *files, size_t nfiles)
{
	struct sp_buf buf;

	sp_buf_init(&buf);
	sp_buf_puts(&buf, nfiles ? "" : "import");
	for (size_t i = 0; i < nfiles; i++) {
		if (i)
			sp_buf_puts(&buf, "+");
		sp_buf_puts(&buf, files[i]);
	}
	return sp_buf_take(&buf);
}

enum sp_status
sp_import_files(const struct sp_import_options *options, char *const *files, size_t nfiles,
                const char *out_path, struct sp_report *report)
{
	struct import im;
	enum sp_status rc = SP_OK;
	char *name;

	if (!(name = joined_names(files, nfiles)) || !import_init(&im, options, name, report)) {
		free(name);
		import_free(&im);
		return SP_ERR_NOMEM;
	}
	free(name);
	if (options->format == SP_IMPORT_ORUK_JSON && !terms_load(&im))
		rc = SP_ERR_DATA;
	for (size_t i = 0; rc == SP_OK && i < nfiles; i++) {
		unsigned char *data = NULL;
		size_t len = 0;
		char *error = NULL;
		enum sp_status read_rc =
		        sp_file_read(files[i], SP_IMPORT_MAX_BYTES, &data, &len, &error);

		if (read_rc != SP_OK) {
			sp_report_error(
			        report, "%s%s", error ? error : "out of memory",
			        read_rc == SP_ERR_DATA ? " (an import reads at most 64 MiB)" : "");
			free(error);
			rc = read_rc == SP_ERR_NOMEM ? SP_ERR_NOMEM :
			     read_rc == SP_ERR_DATA  ? SP_ERR_DATA :
			                               SP_ERR_IO;
			break;
		}
		rc = parse_one(&im, files[i], data, len);
		free(data);
		im.record_base += im.record;
		im.record = 0;
	}
	if (rc == SP_OK && report->nerrors)
		rc = SP_ERR_DATA;
	if (rc == SP_OK && im.svc.nrows == 0) {
		sp_report_error(report, "no service was imported: nothing to build");
		rc = SP_ERR_DATA;
	}
	if (rc == SP_OK && report->out_of_memory)
		rc = SP_ERR_NOMEM;
	if (rc == SP_OK)
		rc = import_build(&im, out_path);
	import_free(&im);
	return rc;
}

#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/check.h"
#include "admin/phone.h"
#include "core/fold.h"
#include "core/mem.h"

/* Lines of a text file, without comments (#) and blank lines; NULL-terminated, or NULL. */
static char **
read_lines(const char *src_dir, const char *name)
{
	char *path = sp_asprintf("%s/check/%s", src_dir, name);
	char line[1024], **lines = NULL;
	size_t n = 0;
	FILE *f = path ? fopen(path, "r") : NULL;

	free(path);
	if (!f)
		return NULL;
	while (fgets(line, sizeof line, f)) {
		char **grown;
		size_t len = strcspn(line, "\r\n");

		line[len] = '\0';
		while (len && isspace((unsigned char) line[len - 1]))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		if (!(grown = sp_reallocarray(lines, n + 2, sizeof *grown)))
			break;
		lines = grown;
		if (!(lines[n] = sp_strdup(line)))
			break;
		lines[++n] = NULL;
	}
	fclose(f);
	return lines;
}

/* Reports a message at the file and line the row `key` (service:ID, contact:ROWID,
 * translation:TBL/ID/FIELD/LANG, ...; file:NAME for a whole file, with no line) was built from,
 * when the builder noted it (admin/origin.h, looked up by `origin`, which sp_check_directory()
 * prepares once: tens of thousands of messages at 100,000 services), else without a place. */
static void __attribute__((format(printf, 5, 6)))
report_at(sqlite3_stmt *origin, struct sp_report *r, int is_error, const char *key, const char *fmt,
          ...)
{
	const char *file = NULL;
	size_t line = 0;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);

	if (key && origin) {
		sqlite3_bind_text(origin, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(origin) == SQLITE_ROW) {
			file = (const char *) sqlite3_column_text(origin, 0);
			line = (size_t) sqlite3_column_int64(origin, 1);
		}
	}
	if (is_error)
		sp_report_error_at(r, file, line, "%s", msg);
	else
		sp_report_warn_at(r, file, line, "%s", msg);
	if (origin)
		sqlite3_reset(origin);
}

/* Runs a query whose first column is a finished message and whose second, if it has one, is
 * the row it is about (service:ID, contact:ROWID), reporting each row as an error or a
 * warning at that row's file and line. ?1, if the query has it, is bound to `bind1`. */
static void
report_rows(sqlite3 *db, sqlite3_stmt *origin, struct sp_report *r, int is_error, const char *sql,
            const char *bind1)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		sp_report_error(r, "internal check query: %s", sqlite3_errmsg(db));
		return;
	}
	if (bind1)
		sqlite3_bind_text(st, 1, bind1, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *m = (const char *) sqlite3_column_text(st, 0);
		const char *key = sqlite3_column_count(st) > 1 ?
		                          (const char *) sqlite3_column_text(st, 1) :
		                          NULL;

		report_at(origin, r, is_error, key, "%s", m ? m : "");
	}
	sqlite3_finalize(st);
}

/* Every text a member of the public may see: which row holds it (a public_kind and up to four
 * parts naming the row), then the text. Where it is and its row's origin key are written out
 * only for a row that is reported (public_text_place()), not for each of the million rows of
 * 100,000 services. */
enum public_kind {
	PUBLIC_SERVICE_NAME,
	PUBLIC_SERVICE_DESCRIPTION,
	PUBLIC_CONTACT,
	PUBLIC_DEFINITION,
	PUBLIC_GLOSSARY,
	PUBLIC_TRANSLATION,
	PUBLIC_ORGANISATION,
};

static const char public_text_sql[] =
        "SELECT 0, id, NULL, NULL, NULL, name FROM service WHERE audience = 'public'"
        " UNION ALL SELECT 1, id, NULL, NULL, NULL, description FROM service"
        "   WHERE audience = 'public'"
        " UNION ALL SELECT 2, s.id, c.kind, c.rowid, NULL, c.value || ' ' ||"
        "   coalesce(c.label, '') FROM contact c JOIN service s"
        "   ON s.rowid = c.service WHERE c.audience = 'public' AND s.audience = 'public'"
        " UNION ALL SELECT 3, id, NULL, NULL, NULL, coalesce(legal_text, '') || ' ' || summary"
        "   FROM definition"
        " UNION ALL SELECT 4, term, NULL, NULL, NULL, expansion || ' ' ||"
        "   coalesce(explanation, '') FROM glossary"
        " UNION ALL SELECT 5, tbl, id, field, lang, text FROM translation"
        " UNION ALL SELECT 6, id, NULL, NULL, NULL, name || ' ' || coalesce(website, '')"
        "   FROM organisation";

/* For the current row of public_text_sql: where its text is, for a message ("service galop
 * description"), and its row's origin key ("service:galop"); new strings (NULL when out of
 * memory). */
static void
public_text_place(sqlite3_stmt *st, char **where, char **key)
{
	const char *part[4];

	for (int i = 0; i < 4; i++)
		part[i] = (const char *) sqlite3_column_text(st, 1 + i);
	switch ((enum public_kind) sqlite3_column_int(st, 0)) {
	case PUBLIC_SERVICE_NAME:
	case PUBLIC_SERVICE_DESCRIPTION:
		*where = sp_asprintf(
		        "service %s %s", part[0],
		        sqlite3_column_int(st, 0) == PUBLIC_SERVICE_NAME ? "name" : "description");
		*key = sp_asprintf("service:%s", part[0]);
		break;
	case PUBLIC_CONTACT:
		*where = sp_asprintf("contact of %s (%s)", part[0], part[1]);
		*key = sp_asprintf("contact:%s", part[2]);
		break;
	case PUBLIC_DEFINITION:
		*where = sp_asprintf("definition %s", part[0]);
		*key = sp_asprintf("definition:%s", part[0]);
		break;
	case PUBLIC_GLOSSARY:
		*where = sp_asprintf("glossary %s", part[0]);
		*key = sp_asprintf("glossary:%s", part[0]);
		break;
	case PUBLIC_TRANSLATION:
		*where = sp_asprintf("translation %s %s", part[0], part[1]);
		*key = sp_asprintf("translation:%s/%s/%s/%s", part[0], part[1], part[2], part[3]);
		break;
	case PUBLIC_ORGANISATION:
		*where = sp_asprintf("organisation %s", part[0]);
		*key = sp_asprintf("organisation:%s", part[0]);
		break;
	}
}

/* Role mailboxes are fine ("idva.referrals@", "dass.referrals@"); a personal address is
 * first.last@ where neither part names a role. */
static int
looks_personal_email(const char *text, const char **at_out)
{
	static const char *const role_words[] = {
		"referral", "referrals", "info",    "enquiries", "enquiry",  "admin",
		"team",     "idva",      "dasv",    "marac",     "dass",     "help",
		"support",  "office",    "contact", "hub",       "duty",     "safeguarding",
		"service",  "services",  "isva",    "advice",    "helpline", "mash",
		"victim",   "victims",   "police",  "council",   NULL
	};
	const char *at = text;

	while ((at = strchr(at, '@'))) {
		const char *start = at, *dot = NULL;

		while (start > text && (isalnum((unsigned char) start[-1]) || start[-1] == '.' ||
		                        start[-1] == '-' || start[-1] == '_'))
			start--;
		for (const char *p = start; p < at; p++)
			if (*p == '.')
				dot = dot ? (const char *) -1 : p;
		if (dot && dot != (const char *) -1 && dot > start && dot + 1 < at) {
			int role = 0;
			char first[64], last[64];
			size_t fl = (size_t) (dot - start), ll = (size_t) (at - dot - 1);

			if (fl < sizeof first && ll < sizeof last) {
				for (size_t i = 0; i < fl; i++)
					first[i] = (char) tolower((unsigned char) start[i]);
				for (size_t i = 0; i < ll; i++)
					last[i] = (char) tolower((unsigned char) dot[1 + i]);
				first[fl] = last[ll] = '\0';
				for (size_t i = 0; role_words[i]; i++)
					if (!strcmp(first, role_words[i]) ||
					    !strcmp(last, role_words[i]))
						role = 1;
				if (!role) {
					*at_out = start;
					return 1;
				}
			}
		}
		at++;
	}
	return 0;
}

/* Which people (folded, whole words) the text names: their indexes into people, in list
 * order, in named[] (room for all of them); -1 if the text cannot be folded. */
static long
find_named(struct sp_fold *fold, char **people, const char *text, size_t *named)
{
	char *folded = NULL;
	size_t n = 0;

	if (sp_fold_utf8(fold, text, &folded) != SP_OK)
		return -1;
	/* Names are matched as whole words of the folded text. */
	for (size_t i = 0; people[i]; i++) {
		size_t len = strlen(people[i]);

		for (const char *hit = strstr(folded, people[i]); hit;
		     hit = strstr(hit + 1, people[i])) {
			if ((hit == folded || hit[-1] == ' ') &&
			    (hit[len] == '\0' || hit[len] == ' ')) {
				named[n++] = i;
				break;
			}
		}
	}
	free(folded);
	return (long) n;
}

static void
check_people(sqlite3 *db, sqlite3_stmt *origin, const char *src_dir, struct sp_report *r)
{
	char **people = read_lines(src_dir, "people.txt");
	struct sp_fold *fold = NULL;
	size_t npeople = 0, *named = NULL;
	sqlite3_stmt *st = NULL;

	while (people && people[npeople])
		npeople++;
	if (sp_fold_new(&fold) != SP_OK ||
	    (npeople && !(named = sp_reallocarray(NULL, npeople, sizeof *named)))) {
		r->out_of_memory = 1;
		goto out;
	}
	/* Fold both sides so "DEIRDRE  Reed" or a changed accent still matches. */
	for (char **p = people; p && *p; p++) {
		char *folded = NULL;

		if (sp_fold_utf8(fold, *p, &folded) == SP_OK && folded && *folded) {
			free(*p);
			*p = folded;
		} else {
			free(folded);
		}
	}
	if (sqlite3_prepare_v2(db, public_text_sql, -1, &st, NULL) != SQLITE_OK) {
		sp_report_error(r, "internal check query: %s", sqlite3_errmsg(db));
		goto out;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *) sqlite3_column_text(st, 5);
		const char *at, *email = NULL;
		char *where = NULL, *key = NULL;
		long n = 0;

		if (!text)
			continue;
		if (looks_personal_email(text, &at))
			email = at;
		if (npeople && (n = find_named(fold, people, text, named)) < 0)
			n = 0; /* a text that cannot be folded names no one it can be matched with */
		if (!email && n == 0)
			continue;
		public_text_place(st, &where, &key);
		if (!where || !key)
			r->out_of_memory = 1;
		if (email)
			report_at(origin, r, 1, key,
			          "%s: a personal email address in public data (%.40s): use the"
			          " team's address",
			          where ? where : "", email);
		for (long i = 0; i < n; i++)
			report_at(origin, r, 1, key,
			          "%s: names a person (\"%s\"): roles, not people",
			          where ? where : "", people[named[i]]);
		free(where);
		free(key);
	}
out:
	sqlite3_finalize(st);
	free(named);
	sp_fold_free(fold);
	sp_strv_free(people);
}

static void
check_professional_only(sqlite3 *db, sqlite3_stmt *origin, const char *src_dir, struct sp_report *r)
{
	char **values = read_lines(src_dir, "professional-only.txt");
	sqlite3_stmt *st;

	if (!values)
		return;
	if (sqlite3_prepare_v2(
	            db,
	            "SELECT s.id, c.value, 'contact:' || c.rowid FROM contact c JOIN service s"
	            " ON s.rowid = c.service WHERE c.audience = 'public' AND s.audience = 'public'",
	            -1, &st, NULL) != SQLITE_OK) {
		sp_strv_free(values);
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *) sqlite3_column_text(st, 0);
		const char *value = (const char *) sqlite3_column_text(st, 1);
		char a[32], b[32];

		for (char **p = values; *p; p++) {
			int same = strcasecmp(value, *p) == 0 ||
			           (sp_phone_digits(value, a, sizeof a) &&
			            sp_phone_digits(*p, b, sizeof b) && strcmp(a, b) == 0);

			if (same)
				report_at(origin, r, 1, (const char *) sqlite3_column_text(st, 2),
				          "service %s: professional-only line %s is tagged public",
				          id, value);
		}
	}
	sqlite3_finalize(st);
	sp_strv_free(values);
}

static void
check_phones(sqlite3 *db, sqlite3_stmt *origin, struct sp_report *r)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(
	            db,
	            "SELECT s.id, c.value, s.status, s.organisation, coalesce(c.label, ''),"
	            " c.audience = 'public' AND s.audience = 'public', 'contact:' || c.rowid"
	            " FROM contact c JOIN service s ON s.rowid = c.service WHERE c.kind = 'phone'"
	            " ORDER BY s.id",
	            -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *) sqlite3_column_text(st, 0);
		const char *value = (const char *) sqlite3_column_text(st, 1);
		int active = !strcmp((const char *) sqlite3_column_text(st, 2), "active");
		const char *refused, *key = (const char *) sqlite3_column_text(st, 6);

		if (active && sp_phone_is_withdrawn_rate(value))
			report_at(origin, r, 1, key,
			          "service %s: %s is a withdrawn 084x/087x/09 number on an active"
			          " service",
			          id, value);
		/* The numbering plan (issue 17): what a public line of an active service may be. */
		else if (active && sqlite3_column_int(st, 5) &&
		         (refused = sp_phone_refused_reason(value)))
			report_at(origin, r, 1, key, "service %s: public line %s is %s", id, value,
			          refused);
	}
	sqlite3_finalize(st);
}

/* The checks that are one query each: every row is a finished message, an error or a
 * warning. ?1, where a query has it, is today's date. */
static const struct {
	bool error;
	const char *sql;
} row_checks[] = {
	{ true,
	  "SELECT 'service ' || s.id || ' is closed or superseded but still lists ' || c.value"
	  ", 'contact:' || c.rowid FROM contact c JOIN service s ON s.rowid = c.service"
	  " WHERE s.status != 'active'" },
	{ true, "SELECT 'service ' || s.id || ' is superseded by ' || s.superseded_by ||"
	        " ', which is not an active service', 'service:' || s.id FROM service s"
	        " WHERE s.superseded_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM service t"
	        "   WHERE t.id = s.superseded_by AND t.status = 'active')" },
	{ false,
	  "SELECT 'active service ' || s.id || ' has no contact of its own', 'service:' || s.id"
	  " FROM service s"
	  " WHERE s.status = 'active'"
	  " AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.service = s.rowid)" },
	{ true,
	  "SELECT 'service ' || s.id || ' is for professionals only, so its line ' || c.value ||"
	  " ' cannot be public', 'contact:' || c.rowid FROM contact c JOIN service s"
	  " ON s.rowid = c.service"
	  " WHERE s.audience = 'professional' AND c.audience = 'public'" },
	{ true, "SELECT 'services ' || a.id || ' and ' || b.id || ' look like duplicates"
	        " (same name and area)', 'service:' || b.id FROM service a JOIN service b ON "
	        "a.rowid < b.rowid"
	        " AND lower(a.name) = lower(b.name) AND a.area = b.area" },
	{ true, "SELECT 'service ' || s.id || ' has conflicting numbers with the same label: ' ||"
	        " group_concat(c.value, ' / '), 'service:' || s.id FROM contact c JOIN service s "
	        "ON s.rowid = c.service"
	        " WHERE c.kind = 'phone'"
	        " GROUP BY s.id, c.audience, lower(coalesce(c.label, '')) HAVING count(*) > 1" },
	/* Only numbers listed more than once are grouped: a group of one row cannot have two
	 * organisations, and its DISTINCT aggregates (two temporary b-trees a number) were
	 * most of the cost. The groups kept keep all their rows, in the same order. */
	{ true, "SELECT 'services of different organisations (' || group_concat(DISTINCT s.id) ||"
	        " ') share the number ' || c.value, 'contact:' || max(c.rowid) FROM contact c"
	        " JOIN service s"
	        " ON s.rowid = c.service WHERE c.kind = 'phone' AND replace(c.value, ' ', '') IN"
	        " (SELECT replace(value, ' ', '') FROM contact WHERE kind = 'phone' GROUP BY 1"
	        "  HAVING count(*) > 1)"
	        " GROUP BY replace(c.value, ' ', '')"
	        " HAVING count(DISTINCT s.organisation) > 1" },
	{ true, "SELECT 'service ' || id || ' has no source or verified date', 'service:' || id"
	        " FROM service"
	        " WHERE source IS NULL OR source = '' OR verified IS NULL" },
	{ true,
	  "SELECT 'translation (' || t.lang || ') of ' || t.tbl || ' ' || t.id ||"
	  " ': no such entry', 'translation:' || t.tbl || '/' || t.id || '/' || t.field || '/' ||"
	  " t.lang FROM translation t WHERE NOT ("
	  /* IN reads the key's index directly, where a correlated EXISTS runs a subquery for
	   * each of a million rows; no column here is ever NULL, so they mean the same. */
	  " (t.tbl = 'service' AND t.id IN (SELECT id FROM service)) OR"
	  " (t.tbl = 'definition' AND t.id IN (SELECT id FROM definition)) OR"
	  " (t.tbl = 'glossary' AND t.id IN (SELECT term FROM glossary)) OR"
	  /* A contact's id is its service's id, '#' and its position (digits): the service is
	   * found by the id before the last '#' (so by its index, not by pairing every contact
	   * with every translation), and the whole id still compared. */
	  " (t.tbl = 'contact' AND EXISTS (SELECT 1 FROM service s JOIN contact c"
	  "   ON c.service = s.rowid WHERE s.id = substr(rtrim(t.id, '0123456789'), 1,"
	  "   length(rtrim(t.id, '0123456789')) - 1) AND s.id || '#' || c.position = t.id)))" },
	{ true, "SELECT 'fact ' || id || ': no chart ' || chart || ' in charts.csv', 'fact:' || id"
	        " FROM fact"
	        " WHERE chart NOT IN (SELECT id FROM chart)" },
	{ true, "WITH RECURSIVE split(quiz, rest, item) AS ("
	        "  SELECT id, services || ';', '' FROM quiz"
	        "  UNION ALL SELECT quiz, substr(rest, instr(rest, ';') + 1),"
	        "   substr(rest, 1, instr(rest, ';') - 1) FROM split WHERE rest != '')"
	        " SELECT 'quiz ' || quiz || ': no service ' || item, 'quiz:' || quiz FROM split"
	        " WHERE item != '' AND item NOT IN (SELECT id FROM service)" },
	{ false, "SELECT CASE WHEN max(date) IS NULL THEN 'no bank-holiday dates, so"
	         " \"open now\" cannot know public holidays'"
	         " ELSE 'the last bank holiday listed is ' || max(date) ||"
	         " ', less than 12 months ahead: add the next year''s dates' END,"
	         " 'file:holidays.csv' FROM holiday"
	         " HAVING max(date) IS NULL OR max(date) < date(?1, '+12 months')" },
	{ false, "SELECT 'public lines with their hours: ' || sum(c.hours IS NOT NULL) || ' of ' ||"
	         " count(*) || CASE WHEN sum(c.hours IS NOT NULL) * 10 < count(*) * 9"
	         " THEN ' (under 90 %)' ELSE '' END, 'file:contacts.csv'"
	         " FROM contact c JOIN service s ON s.rowid = c.service WHERE c.kind = 'phone'"
	         " AND c.audience = 'public' AND s.audience = 'public' AND s.status = 'active'"
	         " HAVING sum(c.hours IS NOT NULL) * 10 < count(*) * 9" },
	{ false, "SELECT 'service ' || id || ' was last verified on ' || verified ||"
	         " ', more than 12 months ago', 'service:' || id FROM service WHERE verified < "
	         "date(?1, '-12 months')"
	         " ORDER BY verified, id" },
	/* The next two read the table in row order and sort the few rows they keep ("+id": not
	 * by the id index, which would fetch every service's row out of order to test it). */
	{ false,
	  "SELECT 'service ' || id || ' is unverified (source: ' || source || ')', 'service:' || id"
	  " FROM service"
	  " WHERE verification = 'unverified' AND status = 'active' ORDER BY +id" },
	/* A service's contacts in position order (then row), as its index lists them. */
	{ false, "SELECT 'service ' || s.id || ': contact ' || c.value || ' is unverified',"
	         " 'contact:' || c.rowid FROM contact c CROSS JOIN service s ON s.rowid = c.service"
	         " WHERE c.verification = 'unverified' AND s.status = 'active'"
	         " ORDER BY s.id, c.position, c.rowid" },
};

void
sp_check_directory(sqlite3 *db, const char *src_dir, const char *today, struct sp_report *r)
{
	sqlite3_stmt *origin = NULL;

	/* No origin_file() (a database the builder did not load): messages have no place. */
	if (sqlite3_prepare_v2(db, "SELECT origin_file(?1), origin_line(?1)", -1, &origin, NULL) !=
	    SQLITE_OK) {
		sqlite3_finalize(origin);
		origin = NULL;
	}
	check_phones(db, origin, r);
	check_professional_only(db, origin, src_dir, r);
	check_people(db, origin, src_dir, r);

	for (size_t i = 0; i < sizeof row_checks / sizeof row_checks[0]; i++)
		report_rows(db, origin, r, row_checks[i].error, row_checks[i].sql, today);
	sqlite3_finalize(origin);
}

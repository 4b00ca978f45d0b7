#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "admin/diff.h"
#include "core/mem.h"
#include "core/taxonomy.h"

/* The comparison of two directories, and how it is opened and printed (signpost-admin diff). */

/* A failed allocation anywhere in a comparison: the caller clears what was built. */
struct diff_state {
	struct sp_diff *diff;
	bool failed;
};

/* Takes over old_value and new_value (freed here on failure). */
static void
add_item(struct diff_state *d, enum sp_diff_change change, const struct sp_service *s,
         const char *field, const char *line, char *old_value, char *new_value)
{
	struct sp_diff_item *item;

	if (d->failed || !(item = sp_array_push(&d->diff->items, &d->diff->count, sizeof *item))) {
		d->failed = true;
		free(old_value);
		free(new_value);
		return;
	}
	item->change = change;
	item->field = field;
	item->old_value = old_value;
	item->new_value = new_value;
	item->service = sp_strdup(s->id);
	item->name = sp_strdup(s->name ? s->name : "");
	item->line = line ? sp_strdup(line) : NULL;
	if (!item->service || !item->name || (line && !item->line))
		d->failed = true;
}

static char *
dup_or_null(const char *s)
{
	return s ? sp_strdup(s) : NULL;
}

static bool
same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* A change of one text field; a field that is NULL on one side shows as null. */
static void
compare_text(struct diff_state *d, const struct sp_service *s, const char *field, const char *line,
             const char *a, const char *b)
{
	if (same_text(a, b))
		return;
	if ((a && !(a = sp_strdup(a))) || (b && !(b = sp_strdup(b)))) {
		d->failed = true;
		return;
	}
	add_item(d, SP_DIFF_CHANGED, s, field, line, (char *) a, (char *) b);
}

/* "male;lgbtq", in the taxonomy's order; "" for none. */
static char *
profiles_text(unsigned mask)
{
	char text[512] = "";
	size_t len = 0;

	for (int p = 0; p < SP_PROFILE_COUNT; p++)
		if (mask & (1u << p))
			len += (size_t) snprintf(text + len, sizeof text - len, "%s%s",
			                         len ? ";" : "",
			                         sp_profile_id((enum sp_profile) p));
	return sp_strdup(text);
}

/* "16 to 25", "16 and over", "up to 25", or "any". */
static char *
ages_text(const struct sp_service *s)
{
	if (s->age_min >= 0 && s->age_max >= 0)
		return sp_asprintf("%d to %d", s->age_min, s->age_max);
	if (s->age_min >= 0)
		return sp_asprintf("%d and over", s->age_min);
	if (s->age_max >= 0)
		return sp_asprintf("up to %d", s->age_max);
	return sp_strdup("any");
}

static const char *
tristate_text(enum sp_tristate t)
{
	return t == SP_YES ? "yes" : t == SP_NO ? "no" : "not known";
}

/* The service's own fields, in the order a reviewer reads them. */
static const struct {
	const char *field;
	size_t offset;
} text_fields[] = {
	{ "name", offsetof(struct sp_service, name) },
	{ "organisation", offsetof(struct sp_service, organisation) },
	{ "status", offsetof(struct sp_service, status) },
	{ "superseded_by", offsetof(struct sp_service, superseded_by) },
	{ "area", offsetof(struct sp_service, area) },
	{ "description", offsetof(struct sp_service, description) },
	{ "referral", offsetof(struct sp_service, referral) },
	{ "eligibility", offsetof(struct sp_service, eligibility) },
	{ "languages", offsetof(struct sp_service, languages) },
	{ "risk_levels", offsetof(struct sp_service, risk_levels) },
	{ "source", offsetof(struct sp_service, source) },
	{ "verified", offsetof(struct sp_service, verified) },
	{ "verification", offsetof(struct sp_service, verification) },
};

static const char *
field_of(const struct sp_service *s, size_t offset)
{
	return *(char *const *) (const void *) ((const char *) s + offset);
}

static void
compare_derived(struct diff_state *d, const struct sp_service *s, const char *field, char *av,
                char *bv)
{
	if (!av || !bv)
		d->failed = true;
	if (av && bv && strcmp(av, bv) != 0) {
		add_item(d, SP_DIFF_CHANGED, s, field, NULL, av, bv);
		return;
	}
	free(av);
	free(bv);
}

/* "Helpline (phone)": which line, as a reviewer finds it in the sources. */
static char *
line_name(const struct sp_contact *c)
{
	return sp_asprintf("%s (%s)", c->label && *c->label ? c->label : "unlabelled", c->kind);
}

static void
compare_line(struct diff_state *d, const struct sp_service *s, const struct sp_contact *a,
             const struct sp_contact *b)
{
	char *name = line_name(b);

	if (!name) {
		d->failed = true;
		return;
	}
	compare_text(d, s, "number", name, a->value, b->value);
	compare_text(d, s, "label", name, a->label, b->label);
	compare_text(d, s, "hours", name, a->hours_text, b->hours_text);
	compare_text(d, s, "professional_only", name, a->professional ? "yes" : "no",
	             b->professional ? "yes" : "no");
	free(name);
}

static bool
same_kind_and(const struct sp_contact *a, const struct sp_contact *b, bool by_value)
{
	return !strcmp(a->kind, b->kind) &&
	       (by_value ? same_text(a->value, b->value) : same_text(a->label, b->label));
}

/*
 * The lines of a service: first paired by kind and number (the same line, perhaps with new
 * hours or label), then the rest by kind and label (the same line with a new number); what is
 * left was added or removed.
 */
static void
compare_lines(struct diff_state *d, const struct sp_service *a, const struct sp_service *b)
{
	int *pair = a->ncontacts ? sp_reallocarray(NULL, a->ncontacts, sizeof *pair) : NULL;
	bool *taken = b->ncontacts ? sp_reallocarray(NULL, b->ncontacts, sizeof *taken) : NULL;

	if ((a->ncontacts && !pair) || (b->ncontacts && !taken)) {
		d->failed = true;
		goto out;
	}
	for (size_t i = 0; i < a->ncontacts; i++)
		pair[i] = -1;
	for (size_t j = 0; j < b->ncontacts; j++)
		taken[j] = false;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < a->ncontacts; i++)
			for (size_t j = 0; pair[i] < 0 && j < b->ncontacts; j++)
				if (!taken[j] &&
				    same_kind_and(&a->contacts[i], &b->contacts[j], pass == 0)) {
					pair[i] = (int) j;
					taken[j] = true;
				}
	for (size_t i = 0; i < a->ncontacts; i++) {
		char *name;

		if (pair[i] >= 0) {
			compare_line(d, b, &a->contacts[i], &b->contacts[pair[i]]);
			continue;
		}
		if (!(name = line_name(&a->contacts[i]))) {
			d->failed = true;
			break;
		}
		add_item(d, SP_DIFF_CHANGED, b, "line", name, dup_or_null(a->contacts[i].value),
		         NULL);
		free(name);
	}
	for (size_t j = 0; j < b->ncontacts; j++) {
		char *name;

		if (taken[j])
			continue;
		if (!(name = line_name(&b->contacts[j]))) {
			d->failed = true;
			break;
		}
		add_item(d, SP_DIFF_CHANGED, b, "line", name, NULL,
		         dup_or_null(b->contacts[j].value));
		free(name);
	}
out:
	free(pair);
	free(taken);
}

static void
compare_service(struct diff_state *d, const struct sp_service *a, const struct sp_service *b)
{
	for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++)
		compare_text(d, b, text_fields[i].field, NULL, field_of(a, text_fields[i].offset),
		             field_of(b, text_fields[i].offset));
	compare_derived(d, b, "profiles", profiles_text(a->profiles), profiles_text(b->profiles));
	compare_text(d, b, "professional_only", NULL, a->professional_only ? "yes" : "no",
	             b->professional_only ? "yes" : "no");
	compare_text(d, b, "consent_needed", NULL, tristate_text(a->consent_needed),
	             tristate_text(b->consent_needed));
	compare_derived(d, b, "ages", ages_text(a), ages_text(b));
	compare_lines(d, a, b);
}

static enum sp_status
about(struct sp_directory *dir, struct sp_diff_about *out)
{
	const struct sp_signed *sig = sp_directory_signature(dir);

	out->version = sig->version[0] ? sp_strdup(sig->version) : NULL;
	out->data_version = sp_directory_meta(dir, "data_version");
	out->built = sp_directory_meta(dir, "built");
	return sig->version[0] && !out->version ? SP_ERR_NOMEM : SP_OK;
}

/* The service `id` with every line, professional-only ones included. */
static enum sp_status
get_service(struct sp_directory *dir, const char *id, struct sp_service *out)
{
	return sp_directory_get(dir, id, true, 0, out);
}

enum sp_status
sp_diff_directories(struct sp_directory *old, struct sp_directory *new, struct sp_diff *out)
{
	struct diff_state d = { .diff = out };
	char **ids[2] = { NULL, NULL };
	size_t n[2] = { 0, 0 }, i = 0, j = 0;
	enum sp_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = about(old, &out->old)) != SP_OK || (rc = about(new, &out->new)) != SP_OK ||
	    (rc = sp_directory_service_ids(old, &ids[0], &n[0])) != SP_OK ||
	    (rc = sp_directory_service_ids(new, &ids[1], &n[1])) != SP_OK)
		goto out;
	/* Both lists are in id order: walk them together. */
	while (rc == SP_OK && !d.failed && (i < n[0] || j < n[1])) {
		int cmp = i == n[0] ? 1 : j == n[1] ? -1 : strcmp(ids[0][i], ids[1][j]);
		struct sp_service a = { 0 }, b = { 0 };

		if (cmp <= 0 && (rc = get_service(old, ids[0][i], &a)) != SP_OK)
			break;
		if (cmp >= 0 && (rc = get_service(new, ids[1][j], &b)) != SP_OK) {
			sp_service_clear(&a);
			break;
		}
		if (cmp < 0)
			add_item(&d, SP_DIFF_REMOVED, &a, NULL, NULL, NULL, NULL);
		else if (cmp > 0)
			add_item(&d, SP_DIFF_ADDED, &b, NULL, NULL, NULL, NULL);
		else
			compare_service(&d, &a, &b);
		i += cmp <= 0;
		j += cmp >= 0;
		sp_service_clear(&a);
		sp_service_clear(&b);
	}
	if (rc == SP_OK && d.failed)
		rc = SP_ERR_NOMEM;
out:
	sp_strv_free_n(ids[0], n[0]);
	sp_strv_free_n(ids[1], n[1]);
	if (rc != SP_OK)
		sp_diff_clear(out);
	return rc;
}

static void
about_clear(struct sp_diff_about *a)
{
	free(a->version);
	free(a->data_version);
	free(a->built);
}

void
sp_diff_clear(struct sp_diff *diff)
{
	for (size_t i = 0; i < diff->count; i++) {
		struct sp_diff_item *item = &diff->items[i];

		free(item->service);
		free(item->name);
		free(item->line);
		free(item->old_value);
		free(item->new_value);
	}
	free(diff->items);
	about_clear(&diff->old);
	about_clear(&diff->new);
	memset(diff, 0, sizeof *diff);
}

void
sp_diff_count(const struct sp_diff *diff, size_t *added, size_t *removed, size_t *changed)
{
	const char *last = NULL;

	*added = *removed = *changed = 0;
	for (size_t i = 0; i < diff->count; i++) {
		const struct sp_diff_item *item = &diff->items[i];

		if (item->change == SP_DIFF_ADDED)
			++*added;
		else if (item->change == SP_DIFF_REMOVED)
			++*removed;
		else if (!last || strcmp(last, item->service) != 0)
			++*changed;
		if (item->change == SP_DIFF_CHANGED)
			last = item->service;
	}
}

/* What went wrong opening a directory, in signpost-admin's English. */
static const char *
open_problem(enum sp_status rc)
{
	switch (rc) {
	case SP_ERR_NOMEM: return "out of memory";
	case SP_ERR_DB_MISSING: return "no such file";
	case SP_ERR_DB_UNREADABLE: return "cannot be read";
	case SP_ERR_DB_CORRUPT: return "is damaged or is not a signpost directory";
	case SP_ERR_DB_FOREIGN: return "is a database of another program, not a signpost directory";
	case SP_ERR_DB_VERSION: return "was built for another version of signpost";
	case SP_ERR_DB_UNSIGNED:
		return "has no signature beside it (" SP_SIGNATURE_SUFFIX
		       "); --allow-unsigned compares drafts";
	case SP_ERR_DB_TAMPERED:
		return "does not match its signature, or was not signed by the key given with "
		       "--public";
	default: return "could not be read as a directory";
	}
}

enum sp_status
sp_diff_open(const char *path, const struct sp_trust *trust, struct sp_directory **out,
             char **error)
{
	char *detail = NULL;
	enum sp_status rc = sp_directory_open(out, path, trust, &detail);

	*error = NULL;
	if (rc != SP_OK)
		*error = sp_asprintf("%s: %s%s%s", path, open_problem(rc), detail ? " " : "",
		                     detail ? detail : "");
	free(detail);
	return rc;
}

static const char *const change_names[] = { "added", "removed", "changed" };

static json_t *
string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
about_json(const struct sp_diff_about *a, const char *path)
{
	return json_pack("{s:s, s:o, s:o, s:o}", "file", path, "version",
	                 string_or_null(a->version), "data_version",
	                 string_or_null(a->data_version), "built", string_or_null(a->built));
}

static int
print_json(const struct sp_diff *diff, const char *old_path, const char *new_path, FILE *out)
{
	json_t *list = json_array(), *doc;
	size_t added, removed, changed;
	char *text;
	int rc;

	for (size_t i = 0; list && i < diff->count; i++) {
		const struct sp_diff_item *it = &diff->items[i];

		if (json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}",
		                                          "change", change_names[it->change],
		                                          "service", it->service, "name", it->name,
		                                          "field", string_or_null(it->field),
		                                          "line", string_or_null(it->line), "old",
		                                          string_or_null(it->old_value), "new",
		                                          string_or_null(it->new_value))) != 0) {
			json_decref(list);
			return -1;
		}
	}
	sp_diff_count(diff, &added, &removed, &changed);
	doc = list ? json_pack("{s:i, s:o, s:o, s:I, s:I, s:I, s:o}", "schema_version", 1, "old",
	                       about_json(&diff->old, old_path), "new",
	                       about_json(&diff->new, new_path), "added", (json_int_t) added,
	                       "removed", (json_int_t) removed, "changed", (json_int_t) changed,
	                       "differences", list) :
	             NULL;
	text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	rc = text && fprintf(out, "%s\n", text) >= 0 ? 0 : -1;
	free(text);
	json_decref(doc);
	return rc;
}

static void
print_about(const char *mark, const char *path, const struct sp_diff_about *a, FILE *out)
{
	fprintf(out, "%s %s: version %s, services checked up to %s, built %s\n", mark, path,
	        a->version ? a->version : "(signature not checked)",
	        a->data_version ? a->data_version : "(not recorded)",
	        a->built ? a->built : "(not recorded)");
}

/* A value as text: quoted, or (none). */
static void
print_value(const char *v, FILE *out)
{
	if (v)
		fprintf(out, "\"%s\"", v);
	else
		fputs("(none)", out);
}

static void
print_item(const struct sp_diff_item *it, FILE *out)
{
	fprintf(out, "%s: %s \"%s\"", change_names[it->change], it->service, it->name);
	if (it->change != SP_DIFF_CHANGED) {
		fputc('\n', out);
		return;
	}
	fputs(": ", out);
	if (it->field && !strcmp(it->field, "line")) {
		fprintf(out, "line %s %s: ", it->old_value ? "removed" : "added", it->line);
		print_value(it->old_value ? it->old_value : it->new_value, out);
		fputc('\n', out);
		return;
	}
	if (it->line)
		fprintf(out, "%s of %s: ", it->field, it->line);
	else
		fprintf(out, "%s: ", it->field);
	print_value(it->old_value, out);
	fputs(" -> ", out);
	print_value(it->new_value, out);
	fputc('\n', out);
}

int
sp_diff_print(const struct sp_diff *diff, const char *old_path, const char *new_path, bool json,
              FILE *out)
{
	size_t added, removed, changed;

	if (json)
		return print_json(diff, old_path, new_path, out) == 0 && !ferror(out) ? 0 : -1;
	print_about("---", old_path, &diff->old, out);
	print_about("+++", new_path, &diff->new, out);
	for (size_t i = 0; i < diff->count; i++)
		print_item(&diff->items[i], out);
	sp_diff_count(diff, &added, &removed, &changed);
	if (diff->count)
		fprintf(out, "%zu service(s) added, %zu removed, %zu changed\n", added, removed,
		        changed);
	else
		fputs("no differences in the services\n", out);
	return ferror(out) ? -1 : 0;
}

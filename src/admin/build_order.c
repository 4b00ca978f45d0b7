#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "admin/build_private.h"
#include "core/mem.h"

/*
 * What the load knows of each service it inserted (issue 13), and the file's numbering.
 * - A contact row finds its service here by id (build_order_find): a query a service, 100,000
 *   of them at national scale, was a tenth of the contacts' load.
 * - The file's numbering: services in reach order (db/schema.sql), contacts in their
 *   service's order and then by position, made here in C from what was noted as they loaded
 *   (build_services, build_contacts). Made by SQL over the loaded tables, a window function
 *   over a join with the folded names, it was a tenth of the first thread's work at 100,000
 *   services. The maps it gives are the same, row for row.
 */

/* A service as the load inserted it. */
struct order_service {
	sqlite3_int64 rowid;     /* in the scratch database */
	char *name, *id;         /* name only for the numbering */
	char *folded;            /* the name folded (core/fold.h), made when the order is */
	bool self;               /* self-referral: referral "self" or "either" */
	bool profiles;           /* for some profiles only */
	bool live;               /* active and public */
	bool note_says_hours;    /* its source_note mentions hours */
	sqlite3_int64 ncontacts; /* its contacts inserted so far */
	/* its first public phone line (by position): 0 none, 1 one, 2 one open round the clock */
	int phone;
	sqlite3_int64 number; /* its number in the file, once made */
};

/* A contact as the order reads it. */
struct order_contact {
	sqlite3_int64 rowid;
	size_t service; /* the index of its service in build_order.service */
	sqlite3_int64 position;
	sqlite3_int64 service_number; /* its service's number in the file, once made */
};

struct build_order {
	bool numbering;                /* contacts are kept for the file's numbering */
	struct order_service *service; /* in rowid order, as they were inserted */
	size_t nservices;
	struct sp_index by_id;
	struct order_contact *contact;
	size_t ncontacts;
	bool failed; /* out of memory (reported) */
};

struct build_order *
build_order_new(bool numbering)
{
	struct build_order *o = sp_calloc(1, sizeof(struct build_order));

	if (o)
		o->numbering = numbering;
	return o;
}

void
build_order_free(struct build_order *order)
{
	if (!order)
		return;
	for (size_t i = 0; i < order->nservices; i++) {
		free(order->service[i].name);
		free(order->service[i].id);
		free(order->service[i].folded);
	}
	free(order->service);
	sp_index_free(&order->by_id);
	free(order->contact);
	free(order);
}

/* Whether `note` mentions hours, as lower(note) LIKE '%hours%' says: in any case of ASCII. */
static bool
mentions_hours(const char *note)
{
	for (const char *p = note; *p; p++) {
		size_t i = 0;

		while (i < 5 && p[i] && (p[i] | 0x20) == "hours"[i])
			i++;
		if (i == 5)
			return true;
	}
	return false;
}

void
build_order_service(struct build *b, sqlite3_int64 rowid, const struct build_service_row *row)
{
	struct build_order *o = b->order;
	struct order_service *s;

	if (!o || o->failed)
		return;
	if (!(s = sp_array_push(&o->service, &o->nservices, sizeof *s))) {
		o->failed = true;
		b->report->out_of_memory = 1;
		return;
	}
	*s = (struct order_service){
		.rowid = rowid,
		.name = o->numbering ? sp_strdup(row->name) : NULL,
		.id = sp_strdup(row->id),
		.self = !strcmp(row->referral, "self") || !strcmp(row->referral, "either"),
		.profiles = row->profiles != 0,
		.live = !strcmp(row->status, "active") && !strcmp(row->audience, "public"),
		.note_says_hours = mentions_hours(row->source_note),
	};
	if ((o->numbering && !s->name) || !s->id ||
	    !sp_index_add(&o->by_id, sp_hash_string(SP_HASH_START, row->id), o->nservices - 1)) {
		o->failed = true;
		b->report->out_of_memory = 1;
	}
}

bool
build_order_find(const struct build *b, const char *id, struct build_service_seen *seen)
{
	const struct build_order *o = b->order;
	uint64_t hash = sp_hash_string(SP_HASH_START, id);

	for (const struct sp_index_slot *at = o ? sp_index_first(&o->by_id, hash) : NULL; at;
	     at = sp_index_next(&o->by_id, at, hash)) {
		const struct order_service *s = &o->service[at->item - 1];

		if (!strcmp(s->id, id)) {
			*seen = (struct build_service_seen){ .index = at->item - 1,
				                             .rowid = s->rowid,
				                             .live = s->live,
				                             .note_says_hours = s->note_says_hours,
				                             .ncontacts = s->ncontacts };
			return true;
		}
	}
	return false;
}

void
build_order_contact(struct build *b, sqlite3_int64 rowid, size_t service, sqlite3_int64 position,
                    bool public_phone, bool always_open)
{
	struct build_order *o = b->order;
	struct order_service *s;
	struct order_contact *c;

	if (!o || o->failed || service >= o->nservices)
		return;
	s = &o->service[service];
	s->ncontacts = position;
	/* Contacts are noted as they are inserted, so a service's first public phone is its
	 * lowest position's. */
	if (public_phone && !s->phone)
		s->phone = always_open ? 2 : 1;
	if (!o->numbering)
		return;
	if (!(c = sp_array_push(&o->contact, &o->ncontacts, sizeof *c))) {
		o->failed = true;
		b->report->out_of_memory = 1;
		return;
	}
	*c = (struct order_contact){ .rowid = rowid, .service = service, .position = position };
}

/* Reach tiers: self-referral with a round-the-clock first public phone, with another public
 * phone, with none; then the rest. */
static int
tier(const struct order_service *s)
{
	if (!s->self)
		return 3;
	return s->phone == 0 ? 2 : s->phone == 2 ? 0 : 1;
}

static int
compare_services(const void *a, const void *b)
{
	const struct order_service *x = *(struct order_service *const *) a;
	const struct order_service *y = *(struct order_service *const *) b;
	int d;

	if ((d = tier(x) - tier(y)))
		return d;
	if (x->profiles != y->profiles)
		return x->profiles ? 1 : -1;
	if ((d = strcmp(x->folded, y->folded)) || (d = strcmp(x->name, y->name)))
		return d;
	return strcmp(x->id, y->id);
}

static int
compare_contacts(const void *a, const void *b)
{
	const struct order_contact *x = a, *y = b;

	if (x->service_number != y->service_number)
		return x->service_number < y->service_number ? -1 : 1;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

/* Numbers the services (o->service[i].number) and puts the contacts in the file's order. */
static bool
make_order(struct build *b, struct build_order *o)
{
	struct order_service **by_reach =
	        sp_calloc(o->nservices ? o->nservices : 1, sizeof *by_reach);

	if (!by_reach) {
		b->report->out_of_memory = 1;
		return false;
	}
	for (size_t i = 0; i < o->nservices; i++) {
		by_reach[i] = &o->service[i];
		if (sp_fold_utf8(b->fold, o->service[i].name, &o->service[i].folded) != SP_OK) {
			b->report->out_of_memory = 1;
			free(by_reach);
			return false;
		}
	}
	if (o->nservices)
		qsort(by_reach, o->nservices, sizeof *by_reach, compare_services);
	for (size_t i = 0; i < o->nservices; i++)
		by_reach[i]->number = (sqlite3_int64) i + 1;
	free(by_reach);
	for (size_t i = 0; i < o->ncontacts; i++)
		o->contact[i].service_number = o->service[o->contact[i].service].number;
	if (o->ncontacts)
		qsort(o->contact, o->ncontacts, sizeof *o->contact, compare_contacts);
	return true;
}

/* Inserts (old, new) pairs through `sql`; false when a step fails. */
static bool
insert_pair(sqlite3_stmt *st, sqlite3_int64 old, sqlite3_int64 new)
{
	bool ok;

	sqlite3_bind_int64(st, 1, old);
	sqlite3_bind_int64(st, 2, new);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_reset(st);
	return ok;
}

bool
build_write_maps(struct build *b)
{
	struct build_order *o = b->order;
	sqlite3_stmt *services = NULL, *contacts = NULL;
	char *err = NULL;
	bool ok;

	if (!o || o->failed)
		return false;
	ok = make_order(b, o) &&
	     sqlite3_exec(
	             b->db,
	             "CREATE TABLE service_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);"
	             "CREATE TABLE contact_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	             NULL, NULL, &err) == SQLITE_OK &&
	     sqlite3_prepare_v2(b->db, "INSERT INTO service_map (old, new) VALUES (?1, ?2)", -1,
	                        &services, NULL) == SQLITE_OK &&
	     sqlite3_prepare_v2(b->db, "INSERT INTO contact_map (old, new) VALUES (?1, ?2)", -1,
	                        &contacts, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && i < o->nservices; i++)
		ok = insert_pair(services, o->service[i].rowid, o->service[i].number);
	for (size_t i = 0; ok && i < o->ncontacts; i++)
		ok = insert_pair(contacts, o->contact[i].rowid, (sqlite3_int64) i + 1);
	sqlite3_finalize(services);
	sqlite3_finalize(contacts);
	/* The copies read rows in the new order through these, by row id, instead of sorting
	 * whole rows (issue 13). */
	ok = ok && sqlite3_exec(b->db,
	                        "CREATE INDEX service_map_by_new ON service_map (new, old);"
	                        "CREATE INDEX contact_map_by_new ON contact_map (new, old)",
	                        NULL, NULL, &err) == SQLITE_OK;
	if (!ok && !b->report->out_of_memory)
		sp_report_error(b->report, "write: %s", err ? err : sqlite3_errmsg(b->db));
	sqlite3_free(err);
	return ok;
}

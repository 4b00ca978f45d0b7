#include "config.h"

#include <string.h>

#include "policy.h"

enum sp_call_group
sp_policy_call_group_of(bool has_phone, bool always, enum sp_tristate open_now)
{
	if (!has_phone)
		return SP_CALL_NONE;
	if (always)
		return SP_CALL_ALWAYS;
	/* No hours, or a bank holiday its hours say nothing about. */
	if (open_now == SP_UNKNOWN)
		return SP_CALL_UNKNOWN;
	return open_now == SP_YES ? SP_CALL_OPEN : SP_CALL_LATER;
}

enum sp_call_group
sp_policy_call_group(const struct sp_service *s)
{
	const struct sp_contact *c = sp_service_main_phone(s);

	if (!c)
		return SP_CALL_NONE;
	return sp_policy_call_group_of(true, c->hours.count && sp_hours_is_always(&c->hours),
	                               c->open_now);
}

bool
sp_policy_self_referral_of(const char *referral)
{
	return referral && (!strcmp(referral, "self") || !strcmp(referral, "either"));
}

bool
sp_policy_self_referral(const struct sp_service *s)
{
	return sp_policy_self_referral_of(s->referral);
}

enum sp_reach
sp_policy_reach_of(bool self_referral, enum sp_call_group g)
{
	if (!self_referral)
		return SP_REACH_REFERRAL;
	if (g == SP_CALL_ALWAYS || g == SP_CALL_OPEN)
		return SP_REACH_CALL_NOW;
	return g == SP_CALL_NONE ? SP_REACH_CONTACT : SP_REACH_CALL;
}

enum sp_reach
sp_policy_reach(const struct sp_service *s)
{
	return sp_policy_reach_of(sp_policy_self_referral(s), sp_policy_call_group(s));
}

static bool
reach_before(const struct sp_service *a, const struct sp_service *b)
{
	return sp_policy_reach(a) < sp_policy_reach(b);
}

void
sp_policy_sort_for_person(struct sp_service_list *list)
{
	sp_service_list_sort(list, reach_before);
}

/* Keeps the items for which keep() is true, in order; clears the others. */
static void
list_filter(struct sp_service_list *list, bool (*keep)(const struct sp_service *, const void *),
            const void *arg)
{
	size_t kept = 0;

	for (size_t i = 0; i < list->count; i++) {
		if (keep(&list->items[i], arg))
			list->items[kept++] = list->items[i];
		else
			sp_service_clear(&list->items[i]);
	}
	list->count = kept;
}

static bool
has_phone(const struct sp_service *s, const void *arg)
{
	(void) arg;
	return sp_service_main_phone(s) != NULL;
}

static bool
is_general(const struct sp_service *s, const void *arg)
{
	(void) arg;
	return s->profiles == 0;
}

static bool
not_listed(const struct sp_service *s, const void *arg)
{
	const struct sp_service_list *seen = arg;

	for (size_t i = 0; i < seen->count; i++)
		if (!strcmp(seen->items[i].id, s->id))
			return false;
	return true;
}

void
sp_policy_keep_phones(struct sp_service_list *list)
{
	list_filter(list, has_phone, NULL);
}

void
sp_policy_drop_repeated_numbers(struct sp_service_list *list)
{
	size_t kept = 0;

	for (size_t i = 0; i < list->count; i++) {
		const struct sp_contact *mine = sp_service_main_phone(&list->items[i]);
		bool repeated = false;

		for (size_t k = 0; mine && k < kept && !repeated; k++) {
			const struct sp_contact *theirs = sp_service_main_phone(&list->items[k]);

			repeated = theirs && !strcmp(theirs->value, mine->value);
		}
		if (repeated)
			sp_service_clear(&list->items[i]);
		else
			list->items[kept++] = list->items[i];
	}
	list->count = kept;
}

void
sp_policy_keep_general(struct sp_service_list *list)
{
	list_filter(list, is_general, NULL);
}

void
sp_policy_drop_listed(struct sp_service_list *list, const struct sp_service_list *seen)
{
	list_filter(list, not_listed, seen);
}

/* Minutes until the main line opens, for ordering the closed ones. */
static long
minutes_to_open(const struct sp_service *s)
{
	const struct sp_contact *c = sp_service_main_phone(s);

	return c && c->has_next_open ? (long) c->next_day * 1440 + c->next_min : 99999;
}

static bool
call_before(const struct sp_service *a, const struct sp_service *b)
{
	enum sp_call_group ga = sp_policy_call_group(a), gb = sp_policy_call_group(b);

	if (ga != gb)
		return ga < gb;
	if ((a->profiles == 0) != (b->profiles == 0))
		return a->profiles == 0;
	return ga == SP_CALL_LATER && minutes_to_open(a) < minutes_to_open(b);
}

void
sp_policy_sort_for_callers(struct sp_service_list *list)
{
	sp_service_list_sort(list, call_before);
}

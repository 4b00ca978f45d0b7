#ifndef SIGNPOST_POLICY_H
#define SIGNPOST_POLICY_H

#include "directory.h"

/*
 * How lists of services are chosen and ordered for a person: one place for the command line
 * and every screen, so they never disagree. Each works in place on a list from
 * sp_directory_search(); services it drops are cleared.
 */

/* Where a service's main public phone line stands for someone who wants to talk now. */
enum sp_call_group {
	SP_CALL_ALWAYS,  /* answered round the clock */
	SP_CALL_OPEN,    /* open now */
	SP_CALL_LATER,   /* closed now, with known hours */
	SP_CALL_UNKNOWN, /* a phone whose hours are not known (or say nothing of today's holiday) */
	SP_CALL_NONE,    /* no public phone */
};

enum sp_call_group sp_policy_call_group(const struct sp_service *s);

/* Keeps the services whose main phone line has known hours (someone answers it at set times). */
void sp_policy_keep_answered(struct sp_service_list *list);

/* Keeps the services for everyone: those tagged for no particular group of people. */
void sp_policy_keep_general(struct sp_service_list *list);

/* Drops from `list` every service whose id is in `seen` (a list already shown above it). */
void sp_policy_drop_listed(struct sp_service_list *list, const struct sp_service_list *seen);

/*
 * Orders a list for someone who needs to talk: round-the-clock lines first, then those open
 * now, then those that open later (soonest first), then hours unknown, then no phone; among
 * equals, services for everyone before specialist ones. Stable: ties keep the search order.
 */
void sp_policy_sort_for_callers(struct sp_service_list *list);

#endif

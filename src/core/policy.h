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
	SP_CALL_UNKNOWN, /* a phone whose hours are not known (or say nothing of today's holiday):
	                  * worth trying, so before the closed ones */
	SP_CALL_LATER,   /* closed now, with known hours */
	SP_CALL_NONE,    /* no public phone */
};

enum sp_call_group sp_policy_call_group(const struct sp_service *s);
/* The same from the main line's facts: is there one, is it round the clock, is it open. */
enum sp_call_group sp_policy_call_group_of(bool has_phone, bool always, enum sp_tristate open_now);

/* Whether a person may contact the service themselves (self or either referral). */
bool sp_policy_self_referral(const struct sp_service *s);
/* The same from a service's referral field (self, professional, either, or NULL). */
bool sp_policy_self_referral_of(const char *referral);

/* How directly a person can get help from a service, best first. */
enum sp_reach {
	SP_REACH_CALL_NOW, /* a line they may ring themselves, answered now or round the clock */
	SP_REACH_CALL,     /* a line they may ring themselves, at other times or hours unknown */
	SP_REACH_CONTACT,  /* they may refer themselves, but there is no phone (web, email) */
	SP_REACH_REFERRAL, /* a professional must refer them */
};

enum sp_reach sp_policy_reach(const struct sp_service *s);
/* The same from whether they may refer themselves and their main line's group. */
enum sp_reach sp_policy_reach_of(bool self_referral, enum sp_call_group group);

/*
 * The order for the person in front of the screen, in Find support, Search and the command
 * line: by reach (above), so a service that needs a professional never comes before a line
 * the person can ring; among equals, the order the list had (relevance, or the profiles
 * served). Stable.
 */
void sp_policy_sort_for_person(struct sp_service_list *list);

/* Keeps the services with a public phone line. */
void sp_policy_keep_phones(struct sp_service_list *list);

/* Drops every service whose main phone number an earlier one in the list already has (one
 * entry per number: the national helpline is not listed twice under two names). */
void sp_policy_drop_repeated_numbers(struct sp_service_list *list);

/* Keeps the services for everyone: those tagged for no particular group of people. */
void sp_policy_keep_general(struct sp_service_list *list);

/* Drops from `list` every service whose id is in `seen` (a list already shown above it). */
void sp_policy_drop_listed(struct sp_service_list *list, const struct sp_service_list *seen);

/*
 * Orders a list for someone who needs to talk: round-the-clock lines first, then those open
 * now, then those whose hours are not known, then those that open later (soonest first),
 * then no phone; among equals, services for everyone before specialist ones. Stable: ties
 * keep the search order.
 */
void sp_policy_sort_for_callers(struct sp_service_list *list);

#endif

#ifndef SIGNPOST_DESCRIBE_H
#define SIGNPOST_DESCRIBE_H

#include "directory.h"
#include "hours_fmt.h"
#include "i18n.h"

/*
 * The words a service is described with, in the UI language: the same in the command line's
 * text output and on every screen. Each returns a new string the caller frees, NULL when
 * memory runs out.
 */

/* "men, LGBTQ+ people": the bundle texts "<prefix><profile id>" of each profile in the mask,
 * comma-separated. New string; NULL when out of memory. */
char *sp_describe_profiles(struct sp_i18n *i18n, unsigned mask, const char *prefix);

/* "standard, medium or high risk": the words for a ';'-separated list of risk levels. New
 * string; NULL when out of memory. */
char *sp_describe_risk_levels(struct sp_i18n *i18n, const char *levels);

/* Where a definition's law is: "Domestic Abuse Act 2021, section 1", or "Family Law Act
 * 1996, Part IV" when the section is not a number. NULL act gives NULL. New string. */
char *sp_describe_legal_source(struct sp_i18n *i18n, const char *act, const char *section);

/* A line's state in words: "open now", "open 24 hours, every day", "closed now, opens Mon
 * 09:00"; NULL when its hours are unknown (or memory runs out). New string. */
char *sp_describe_contact_state(struct sp_i18n *i18n, const struct sp_hours_fmt *hours,
                                const struct sp_contact *c);

/* "Polish, Lithuanian": the names of ';'-separated ISO 639 codes in the UI language; "" for
 * none. New string. */
char *sp_describe_languages(struct sp_i18n *i18n, const char *codes);

/* "13 to 25", "16 and over", "up to 18": a service's own age limits; NULL when it has none
 * (or memory runs out). New string. */
char *sp_describe_ages(struct sp_i18n *i18n, const struct sp_service *s);

/*
 * Who a service is for, in a line under its name: the profiles it serves (only those in
 * `asked` when it is not 0), or everyone; its own age limits; the languages it offers.
 * "for male victims · ages 18 and over · also in Polish". New string; NULL when out of memory.
 */
char *sp_describe_who_for(struct sp_i18n *i18n, const struct sp_service *s, unsigned asked);

#endif

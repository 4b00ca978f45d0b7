#ifndef SIGNPOST_TAXONOMY_H
#define SIGNPOST_TAXONOMY_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The victim profiles and areas that services are tagged with. Their ids are part of the CLI
 * contract (man signpost) and of the database: a profile's bit in service.profile_mask
 * is its position here, so a new profile goes at the end and bumps the schema version.
 * Words shown to people come from the bundles, under the keys "profile_<id>" (the group's
 * name), "reason_<id>" (why a service is shown: "for male victims") and "area_<id>".
 */
#define SP_PROFILE_INFO(_) \
	_(SP_PROFILE_MALE, "male") \
	_(SP_PROFILE_LGBTQ, "lgbtq") \
	_(SP_PROFILE_OLDER, "older") \
	_(SP_PROFILE_YOUNG, "young") \
	_(SP_PROFILE_STALKING, "stalking") \
	_(SP_PROFILE_A8, "a8") \
	_(SP_PROFILE_ETHNIC_MINORITY, "ethnic-minority") \
	_(SP_PROFILE_PERPETRATOR, "perpetrator") \
	_(SP_PROFILE_CHILDREN, "children") \
	_(SP_PROFILE_SEXUAL_VIOLENCE, "sexual-violence") \
	_(SP_PROFILE_HONOUR, "honour") \
	_(SP_PROFILE_DISABILITY, "disability")

/* clang-format off */
enum sp_profile {
#define SP_PROFILE_ENUM(name, id) name,
	SP_PROFILE_INFO(SP_PROFILE_ENUM)
#undef SP_PROFILE_ENUM
	SP_PROFILE_COUNT
};
/* clang-format on */

/* Areas, each inside its parent: a district is in its county, which is in the partnership's
 * area, which is in the nation. A person in an area is served by services of that area and of
 * every area above it. */
#define SP_AREA_INFO(_) \
	_(SP_AREA_NATIONAL, "national", SP_AREA_NONE) \
	_(SP_AREA_CAMBS_PBORO, "cambs-peterborough", SP_AREA_NATIONAL) \
	_(SP_AREA_CAMBRIDGESHIRE, "cambridgeshire", SP_AREA_CAMBS_PBORO) \
	_(SP_AREA_PETERBOROUGH, "peterborough", SP_AREA_CAMBS_PBORO) \
	_(SP_AREA_CAMBRIDGE_CITY, "cambridge-city", SP_AREA_CAMBRIDGESHIRE) \
	_(SP_AREA_EAST_CAMBS, "east-cambs", SP_AREA_CAMBRIDGESHIRE) \
	_(SP_AREA_FENLAND, "fenland", SP_AREA_CAMBRIDGESHIRE) \
	_(SP_AREA_HUNTINGDONSHIRE, "huntingdonshire", SP_AREA_CAMBRIDGESHIRE) \
	_(SP_AREA_SOUTH_CAMBS, "south-cambs", SP_AREA_CAMBRIDGESHIRE)

/* clang-format off */
enum sp_area {
	SP_AREA_NONE = -1,
#define SP_AREA_ENUM(name, id, parent) name,
	SP_AREA_INFO(SP_AREA_ENUM)
#undef SP_AREA_ENUM
	SP_AREA_COUNT
};
/* clang-format on */

/* The deepest chain of areas, from a district up to the nation. */
#define SP_AREA_MAX_DEPTH 4

const char *sp_profile_id(enum sp_profile profile);
/* Looks a profile up by id; SP_PROFILE_COUNT if there is none. */
enum sp_profile sp_profile_from_id(const char *id);
/* How many profiles a mask (bit i = profile i) holds. */
unsigned sp_profile_mask_count(unsigned mask);

/* The index of `name` in a table of `count` names, or `count` when it is not there (or NULL). */
int sp_name_index(const char *const *names, int count, const char *name);
/* Parses "male;lgbtq" into a bit mask; false (and *bad set to the first unknown id's start)
 * when an id is unknown. */
bool sp_profile_parse_list(const char *list, unsigned *mask, const char **bad);

/* "Cambridge Women's Aid" -> "cambridge-women-s-aid": ASCII letters and digits lower-cased,
 * every other run one '-', none at either end, into out (cap bytes, cut to fit). False when
 * nothing is left. How ids are made from names (the ORUK export and import). */
bool sp_slug(const char *text, char *out, size_t cap);

const char *sp_area_id(enum sp_area area);
enum sp_area sp_area_from_id(const char *id);
enum sp_area sp_area_parent(enum sp_area area);
/* Fills chain with area and every area above it; returns how many. */
size_t sp_area_chain(enum sp_area area, enum sp_area chain[SP_AREA_MAX_DEPTH]);

#endif

#include "config.h"

#include <string.h>

#include "taxonomy.h"

static const char *const profile_ids[SP_PROFILE_COUNT] = {
#define SP_PROFILE_ROW(name, id) [name] = id,
	SP_PROFILE_INFO(SP_PROFILE_ROW)
#undef SP_PROFILE_ROW
};

static const struct {
	const char *id;
	enum sp_area parent;
} areas[SP_AREA_COUNT] = {
#define SP_AREA_ROW(name, id, parent) [name] = { id, parent },
	SP_AREA_INFO(SP_AREA_ROW)
#undef SP_AREA_ROW
};

const char *
sp_profile_id(enum sp_profile profile)
{
	return (unsigned) profile < SP_PROFILE_COUNT ? profile_ids[profile] : NULL;
}

int
sp_name_index(const char *const *names, int count, const char *name)
{
	for (int i = 0; name && i < count; i++)
		if (names[i] && strcmp(name, names[i]) == 0)
			return i;
	return count;
}

enum sp_profile
sp_profile_from_id(const char *id)
{
	return (enum sp_profile) sp_name_index(profile_ids, SP_PROFILE_COUNT, id);
}

bool
sp_profile_parse_list(const char *list, unsigned *mask, const char **bad)
{
	const char *p = list;

	*mask = 0;
	while (p && *p) {
		size_t n = strcspn(p, ";");
		int found = 0;

		for (int i = 0; i < SP_PROFILE_COUNT; i++) {
			if (strlen(profile_ids[i]) == n && strncmp(p, profile_ids[i], n) == 0) {
				*mask |= 1u << i;
				found = 1;
				break;
			}
		}
		if (!found && n > 0) {
			if (bad)
				*bad = p;
			return false;
		}
		p += n;
		if (*p == ';')
			p++;
	}
	return true;
}

const char *
sp_area_id(enum sp_area area)
{
	return (unsigned) area < SP_AREA_COUNT ? areas[area].id : NULL;
}

enum sp_area
sp_area_from_id(const char *id)
{
	for (int i = 0; i < SP_AREA_COUNT; i++)
		if (id && strcmp(id, areas[i].id) == 0)
			return (enum sp_area) i;
	return SP_AREA_NONE;
}

enum sp_area
sp_area_parent(enum sp_area area)
{
	return (unsigned) area < SP_AREA_COUNT ? areas[area].parent : SP_AREA_NONE;
}

size_t
sp_area_chain(enum sp_area area, enum sp_area chain[SP_AREA_MAX_DEPTH])
{
	size_t n = 0;

	while ((unsigned) area < SP_AREA_COUNT && n < SP_AREA_MAX_DEPTH) {
		chain[n++] = area;
		area = areas[area].parent;
	}
	return n;
}

bool
sp_slug(const char *text, char *out, size_t cap)
{
	size_t n = 0;

	for (const char *p = text; p && *p && n + 1 < cap; p++) {
		unsigned char c = (unsigned char) *p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = (char) c;
		else if (c >= 'A' && c <= 'Z')
			out[n++] = (char) (c - 'A' + 'a');
		else if (n && out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n && out[n - 1] == '-')
		n--;
	if (cap)
		out[n] = '\0';
	return n > 0;
}

unsigned
sp_profile_mask_count(unsigned mask)
{
	unsigned n = 0;

	for (; mask; mask &= mask - 1)
		n++;
	return n;
}

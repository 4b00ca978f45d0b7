/*
 * Database bytes -> open and query: any file is refused with a status, never a crash; one that
 * opens answers every query, and never hands a professional-only service or line to the
 * public. Seeded (tests/fuzz/test-fuzz.sh, make fuzz) with a small sound directory made from
 * the built one by make-seed-directory.py, so mutations get past the door.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/directory.h"
#include "fuzz.h"

#define NOW 1795428000000.0 /* a Monday, 10:00 in London */

/* The public never sees what is for professionals, whatever the file says. */
static void
check_public(const struct sp_service *s)
{
	if (s->professional_only || s->eligibility || s->source_note)
		abort();
	for (size_t i = 0; i < s->ncontacts; i++)
		if (s->contacts[i].professional)
			abort();
}

static void
queries(struct sp_directory *dir)
{
	static const char *const texts[] = { "help", NULL, "galop", "przemoc", "lgbt helpline" };
	static const char *const ids[] = { "galop", "marac", "broken-rainbow", "nobody" };
	struct sp_service_list list;
	struct sp_service s;
	struct sp_definition_list defs;
	struct sp_glossary glossary;
	struct sp_pathway_list pathways;
	struct sp_quiz quiz;
	struct sp_chart_list charts;

	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		for (int staff = 0; staff < 2; staff++) {
			struct sp_query q = { .text = texts[t], .profiles = t ? 0 : 0x3, .area = SP_AREA_NONE,
				.open_now_only = t == 1, .staff = staff, .now_ms = NOW };

			if (sp_directory_search(dir, &q, &list) != SP_OK)
				continue;
			for (size_t i = 0; !staff && i < list.count; i++)
				check_public(&list.items[i]);
			sp_service_list_clear(&list);
		}
	}
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		for (int staff = 0; staff < 2; staff++) {
			if (sp_directory_get(dir, ids[i], staff, NOW, &s) != SP_OK)
				continue;
			if (!staff)
				check_public(&s);
			sp_service_clear(&s);
		}
		free(sp_directory_service_name(dir, ids[i]));
	}
	if (sp_directory_definitions(dir, NULL, &defs) == SP_OK)
		sp_definition_list_clear(&defs);
	if (sp_directory_definitions(dir, "coercive control", &defs) == SP_OK)
		sp_definition_list_clear(&defs);
	if (sp_directory_glossary(dir, NULL, &glossary) == SP_OK)
		sp_glossary_clear(&glossary);
	if (sp_directory_glossary(dir, "idva", &glossary) == SP_OK)
		sp_glossary_clear(&glossary);
	if (sp_directory_pathways(dir, &pathways) == SP_OK)
		sp_pathway_list_clear(&pathways);
	if (sp_directory_quiz(dir, &quiz) == SP_OK)
		sp_quiz_clear(&quiz);
	if (sp_directory_charts(dir, &charts) == SP_OK)
		sp_chart_list_clear(&charts);
	if (sp_directory_set_locale(dir, "pl_PL") == SP_OK) {
		struct sp_query q = { .text = "pomoc", .area = SP_AREA_NONE, .now_ms = NOW };

		if (sp_directory_search(dir, &q, &list) == SP_OK) {
			for (size_t i = 0; i < list.count; i++)
				check_public(&list.items[i]);
			sp_service_list_clear(&list);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *bytes = malloc(size ? size : 1);
	struct sp_directory *dir = NULL;
	char *detail = NULL;

	if (!bytes)
		return 0;
	memcpy(bytes, data, size);
	if (sp_directory_open_bytes(&dir, bytes, size, &detail) == SP_OK)
		queries(dir);
	/* A refusal's detail is one line: it ends a one-line message. */
	if (detail && strchr(detail, '\n'))
		abort();
	free(detail);
	sp_directory_free(dir);
	return 0;
}

#include "config.h"

#include <stdlib.h>

#include "core/fallback.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/textwrap.h"
#include "tui/app.h"

/* When the directory cannot be used: the built-in national helplines, never an empty screen. */
static void
fallback_build(struct tui_screen *s, struct tui_app *app)
{
	int day, minute;
	bool have_time = sp_london_time(app_now(app), &day, &minute) == SP_OK;

	doc_add(&s->doc, TH_WARNING, DOC_NO_ITEM, 0, app_text(app, "fallback_notice"));
	doc_gap(&s->doc);
	for (size_t i = 0; i < sp_fallback_count; i++) {
		const struct sp_fallback_line *l = &sp_fallback_lines[i];
		char *phone = sp_text_keep_whole(l->phone), *line;
		struct sp_hours hours = { 0 };
		const char *state = NULL;

		doc_add(&s->doc, TH_HEADING, DOC_NO_ITEM, 0, l->name);
		if (l->hours && sp_hours_parse(l->hours, &hours, NULL) == SP_OK && have_time) {
			state = sp_hours_is_always(&hours) ? app_text(app, "hours_always") :
			        sp_hours_open_at(&hours, day, minute) ? app_text(app, "open_now") :
			                                                app_text(app, "closed_now");
		}
		line = sp_asprintf("%s %s%s%s", app_text(app, "kind_phone"),
		                   phone ? phone : l->phone, state ? " \u00b7 " : "",
		                   state ? state : "");
		doc_add(&s->doc, TH_PHONE, DOC_NO_ITEM, 2, line ? line : l->phone);
		doc_add(&s->doc, TH_MUTED, DOC_NO_ITEM, 2, app_text(app, l->who_key));
		sp_hours_clear(&hours);
		free(line);
		free(phone);
	}
	/* Staff need to know why, to put it right; a visitor needs only the lines above. */
	app_add_staff_notice(app, &s->doc);
}

/* The screen's table, laid out by hand to read at a glance. */
/* clang-format off */
const struct tui_screen_ops screen_fallback = {
	.title_key = "title_fallback", .build = fallback_build,
};
/* clang-format on */

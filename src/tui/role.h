#ifndef SIGNPOST_TUI_ROLE_H
#define SIGNPOST_TUI_ROLE_H

/* What a piece of text is on screen; term.c decides how each looks (colour, mono, contrast). */
/* clang-format off */
#define TUI_ROLES(_) \
	_(TH_NORMAL) _(TH_EMERGENCY) _(TH_HINT) _(TH_TITLE) _(TH_HEADING) _(TH_PHONE) \
	_(TH_MUTED) _(TH_SELECTED) _(TH_FOOTER) _(TH_WARNING)
/* clang-format on */

/* clang-format off */
enum tui_role {
#define TUI_ROLE_ENUM(role) role,
	TUI_ROLES(TUI_ROLE_ENUM)
#undef TUI_ROLE_ENUM
	TUI_ROLE_COUNT
};
/* clang-format on */

#endif

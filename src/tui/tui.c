#include "config.h"

#include "tui/tui.h"

int
sp_tui_main(const struct sp_cli *cli, struct sp_i18n *i18n)
{
	(void) cli;
	(void) i18n;
	return 2;
}

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "kiosk/lockdown.h"

volatile sig_atomic_t kiosk_stop_requested;
volatile sig_atomic_t kiosk_reload_requested;

static void
on_stop(int sig)
{
	(void) sig;
	kiosk_stop_requested = 1;
}

static void
on_reload(int sig)
{
	(void) sig;
	kiosk_reload_requested = 1;
}

void
kiosk_signals(bool kiosk)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	if (kiosk) {
		/* A kiosk never stops for a hang-up: it looks for a newer directory between
		 * visits (systemctl reload, or after an update). */
		sa.sa_handler = on_reload;
		sigaction(SIGHUP, &sa, NULL);
		sa.sa_handler = SIG_IGN;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
		sigaction(SIGTSTP, &sa, NULL);
		sigaction(SIGTTIN, &sa, NULL);
		sigaction(SIGTTOU, &sa, NULL);
	} else {
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGINT, &sa, NULL);
	}
}

void
kiosk_lockdown(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

#ifndef SIGNPOST_LOCKDOWN_H
#define SIGNPOST_LOCKDOWN_H

#include <signal.h>
#include <stdbool.h>

/*
 * Process-level protections. In kiosk mode: no core dumps and not dumpable (a dump would hold
 * what a visitor typed), the keyboard's signals ignored, and SIGHUP asks for a newer
 * directory (kiosk_reload_requested; the session takes it between visits). SIGTERM (and SIGHUP
 * and SIGINT outside the kiosk) end the program cleanly, giving the terminal back.
 */
void kiosk_signals(bool kiosk);
void kiosk_lockdown(void);

/* Set by a terminating signal; the main loop checks it. */
extern volatile sig_atomic_t kiosk_stop_requested;
/* Set by SIGHUP in a kiosk; the main loop clears it and passes it to the session. */
extern volatile sig_atomic_t kiosk_reload_requested;

#endif

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "core/textwrap.h"
#include "kiosk/exit.h"

static void
hash(const char *text, size_t len, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *) text, len, NULL, 0);
}

void
kiosk_exit_init(struct kiosk_exit *e, const char *secret)
{
	kiosk_exit_clear(e);
	if (!secret || !*secret || sodium_init() < 0)
		return;
	hash(secret, strlen(secret), e->secret_hash);
	e->armed = true;
}

void
kiosk_exit_close(struct kiosk_exit *e)
{
	sodium_memzero(e->typed, sizeof e->typed);
	e->len = 0;
	e->overflow = false;
	e->open = false;
}

void
kiosk_exit_clear(struct kiosk_exit *e)
{
	sodium_memzero(e, sizeof *e);
}

bool
kiosk_exit_is_open(struct kiosk_exit *e, double now_ms)
{
	if (e->open && now_ms - e->last_key_ms > KIOSK_EXIT_WINDOW_MS)
		kiosk_exit_close(e);
	return e->open;
}

static enum kiosk_exit_result
check(struct kiosk_exit *e, double now_ms)
{
	unsigned char typed_hash[32];
	bool right;
	double delay;

	hash(e->typed, e->len, typed_hash);
	right = sodium_memcmp(typed_hash, e->secret_hash, sizeof typed_hash) == 0 && !e->overflow;
	sodium_memzero(typed_hash, sizeof typed_hash);
	kiosk_exit_close(e);
	if (right)
		return KIOSK_EXIT_QUIT;
	delay = KIOSK_EXIT_FIRST_DELAY_MS;
	for (unsigned i = 0; i < e->failures && delay < KIOSK_EXIT_MAX_DELAY_MS; i++)
		delay *= 2;
	if (delay > KIOSK_EXIT_MAX_DELAY_MS)
		delay = KIOSK_EXIT_MAX_DELAY_MS;
	e->failures++;
	e->locked_until_ms = now_ms + delay;
	return KIOSK_EXIT_TAKEN;
}

enum kiosk_exit_result
kiosk_exit_key(struct kiosk_exit *e, enum kiosk_exit_input input, const char *utf8, double now_ms)
{
	if (!e->armed)
		return KIOSK_EXIT_PASS;
	if (!kiosk_exit_is_open(e, now_ms)) {
		/* While locked after a wrong attempt, Ctrl-] is an ordinary key. */
		if (input != KIOSK_EXIT_CHAR || !utf8 || utf8[0] != KIOSK_EXIT_OPEN_KEY ||
		    utf8[1] || now_ms < e->locked_until_ms)
			return KIOSK_EXIT_PASS;
		e->open = true;
		e->last_key_ms = now_ms;
		return KIOSK_EXIT_TAKEN;
	}
	e->last_key_ms = now_ms;
	switch (input) {
	case KIOSK_EXIT_ENTER: return check(e, now_ms);
	case KIOSK_EXIT_ESC: kiosk_exit_close(e); return KIOSK_EXIT_PASS;
	case KIOSK_EXIT_BACKSPACE: sp_text_erase_last(e->typed, &e->len); return KIOSK_EXIT_TAKEN;
	case KIOSK_EXIT_CHAR: {
		size_t n = utf8 ? strlen(utf8) : 0;

		/* Too long for any secret the settings can hold: it can only be wrong. */
		if (e->len + n < sizeof e->typed) {
			memcpy(e->typed + e->len, utf8, n);
			e->len += n;
			e->typed[e->len] = '\0';
		} else {
			e->overflow = true;
		}
		return KIOSK_EXIT_TAKEN;
	}
	default: return KIOSK_EXIT_TAKEN;
	}
}

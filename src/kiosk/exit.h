#ifndef SIGNPOST_KIOSK_EXIT_H
#define SIGNPOST_KIOSK_EXIT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The administrator's way out of a kiosk: Ctrl-] opens a short window, the secret from the
 * settings is typed (nothing shows), Enter checks it. Built against guessing at machine speed
 * (a keyboard emulator pasting thousands of guesses): only a hash of the secret is kept, the
 * comparison takes the same time whatever matches, and each wrong attempt locks the way out
 * for twice as long as the last (1 s, 2 s, 4 s, ... up to 5 minutes) while the kiosk goes on
 * serving visitors. A window left untouched for 3 s closes, so a visitor who pressed Ctrl-] by
 * mistake gets the screen back at once.
 */
#define KIOSK_EXIT_WINDOW_MS 3000
#define KIOSK_EXIT_FIRST_DELAY_MS 1000
#define KIOSK_EXIT_MAX_DELAY_MS (5 * 60 * 1000)
#define KIOSK_EXIT_MAX_TYPED 2048
#define KIOSK_EXIT_OPEN_KEY 0x1d /* Ctrl-] */

enum kiosk_exit_input {
	KIOSK_EXIT_CHAR,
	KIOSK_EXIT_ENTER,
	KIOSK_EXIT_BACKSPACE,
	KIOSK_EXIT_ESC,
	KIOSK_EXIT_OTHER
};

enum kiosk_exit_result {
	KIOSK_EXIT_PASS,  /* not for the exit: the key goes to the screen */
	KIOSK_EXIT_TAKEN, /* part of the sequence: nothing else sees it */
	KIOSK_EXIT_QUIT,  /* the right secret: the kiosk may end */
};

struct kiosk_exit {
	unsigned char secret_hash[32];
	bool armed; /* a secret is set */
	bool open;  /* the window is open: keys are the secret being typed */
	double last_key_ms;
	double locked_until_ms;
	unsigned failures;
	char typed[KIOSK_EXIT_MAX_TYPED];
	size_t len;
	bool overflow; /* more was typed than any secret can hold */
};

/* Arms the exit with a secret (NULL: no way out from the keyboard). Keeps only its hash. */
void kiosk_exit_init(struct kiosk_exit *e, const char *secret);

/* One key at now_ms: `utf8` is the character's bytes for KIOSK_EXIT_CHAR (a Ctrl-] is the
 * one byte 0x1d). */
enum kiosk_exit_result kiosk_exit_key(struct kiosk_exit *e, enum kiosk_exit_input input,
                                      const char *utf8, double now_ms);

/* Whether the window is open at now_ms (it closes by itself after KIOSK_EXIT_WINDOW_MS). */
bool kiosk_exit_is_open(struct kiosk_exit *e, double now_ms);

/* Forgets whatever was typed and closes the window (a quick exit or an idle reset); the lock
 * after wrong attempts stays. */
void kiosk_exit_close(struct kiosk_exit *e);

/* Wipes everything, the hash included. */
void kiosk_exit_clear(struct kiosk_exit *e);

#endif

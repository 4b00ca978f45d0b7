#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/exit.h"
#include "suites.h"

#define SECRET "correct horse battery"

static const char ctrl_bracket[] = { KIOSK_EXIT_OPEN_KEY, '\0' };
/* Milliseconds between keys: a person types at 10 ms at the very fastest; a paste is faster. */
static double key_gap_ms = 10;

/* Ctrl-], the text one character at a time, Enter: what the last key returned. */
static enum kiosk_exit_result
attempt(struct kiosk_exit *e, const char *text, double *now)
{
	kiosk_exit_key(e, KIOSK_EXIT_CHAR, ctrl_bracket, *now);
	for (const char *p = text; *p; p++) {
		char one[2] = { *p, '\0' };

		*now += key_gap_ms;
		kiosk_exit_key(e, KIOSK_EXIT_CHAR, one, *now);
	}
	*now += key_gap_ms;
	return kiosk_exit_key(e, KIOSK_EXIT_ENTER, NULL, *now);
}

static void
test_right_secret_quits(void)
{
	struct kiosk_exit e;
	double now = 1000;

	kiosk_exit_init(&e, SECRET);
	CU_ASSERT_EQUAL(attempt(&e, SECRET, &now), KIOSK_EXIT_QUIT);
	kiosk_exit_clear(&e);
}

static void
test_unarmed_passes_every_key(void)
{
	struct kiosk_exit e;
	double now = 1000;

	kiosk_exit_init(&e, NULL);
	CU_ASSERT_EQUAL(kiosk_exit_key(&e, KIOSK_EXIT_CHAR, ctrl_bracket, now), KIOSK_EXIT_PASS);
	CU_ASSERT_EQUAL(attempt(&e, SECRET, &now), KIOSK_EXIT_PASS);
}

static void
test_pasted_guesses_are_slowed_down(void)
{
	struct kiosk_exit e;
	double now = 1000;
	int quits = 0;

	kiosk_exit_init(&e, SECRET);
	/* 20,000 wrong guesses then the right one, pasted: all within a second. */
	key_gap_ms = 0.004;
	for (int i = 0; i < 20000; i++) {
		char guess[16];

		snprintf(guess, sizeof guess, "guess%05d", i);
		quits += attempt(&e, guess, &now) == KIOSK_EXIT_QUIT;
	}
	quits += attempt(&e, SECRET, &now) == KIOSK_EXIT_QUIT;
	CU_ASSERT_EQUAL(quits, 0);
	/* The first wrong guess locked the way out; the rest never opened the window. */
	CU_ASSERT_EQUAL(e.failures, 1);
	key_gap_ms = 10;
	/* After the delay the right secret works. */
	now = e.locked_until_ms;
	CU_ASSERT_EQUAL(attempt(&e, SECRET, &now), KIOSK_EXIT_QUIT);
	kiosk_exit_clear(&e);
}

static void
test_delay_doubles_up_to_five_minutes(void)
{
	struct kiosk_exit e;
	double now = 1000, last = 0;

	kiosk_exit_init(&e, SECRET);
	for (int i = 0; i < 12; i++) {
		double delay;

		now = e.locked_until_ms > now ? e.locked_until_ms : now;
		attempt(&e, "wrong", &now);
		delay = e.locked_until_ms - now;
		if (i == 0)
			CU_ASSERT_DOUBLE_EQUAL(delay, KIOSK_EXIT_FIRST_DELAY_MS, 0.5);
		if (i > 0 && last < KIOSK_EXIT_MAX_DELAY_MS)
			CU_ASSERT(delay == 2 * last || delay == KIOSK_EXIT_MAX_DELAY_MS);
		CU_ASSERT(delay <= KIOSK_EXIT_MAX_DELAY_MS);
		last = delay;
	}
	CU_ASSERT_DOUBLE_EQUAL(last, KIOSK_EXIT_MAX_DELAY_MS, 0.5);
	kiosk_exit_clear(&e);
}

static void
test_backspace_edits(void)
{
	struct kiosk_exit e;
	double now = 1000;

	kiosk_exit_init(&e, SECRET);
	kiosk_exit_key(&e, KIOSK_EXIT_CHAR, ctrl_bracket, now);
	for (const char *p = SECRET "xy"; *p; p++) {
		char one[2] = { *p, '\0' };

		kiosk_exit_key(&e, KIOSK_EXIT_CHAR, one, now += 10);
	}
	kiosk_exit_key(&e, KIOSK_EXIT_BACKSPACE, NULL, now += 10);
	kiosk_exit_key(&e, KIOSK_EXIT_BACKSPACE, NULL, now += 10);
	CU_ASSERT_EQUAL(kiosk_exit_key(&e, KIOSK_EXIT_ENTER, NULL, now += 10), KIOSK_EXIT_QUIT);
	kiosk_exit_clear(&e);
}

static void
test_window_closes_after_three_quiet_seconds(void)
{
	struct kiosk_exit e;
	double now = 1000;

	kiosk_exit_init(&e, SECRET);
	CU_ASSERT_EQUAL(kiosk_exit_key(&e, KIOSK_EXIT_CHAR, ctrl_bracket, now), KIOSK_EXIT_TAKEN);
	CU_ASSERT_TRUE(kiosk_exit_is_open(&e, now + KIOSK_EXIT_WINDOW_MS - 1));
	CU_ASSERT_FALSE(kiosk_exit_is_open(&e, now + KIOSK_EXIT_WINDOW_MS + 1));
	/* The visitor's next key goes to the screen again. */
	CU_ASSERT_EQUAL(kiosk_exit_key(&e, KIOSK_EXIT_CHAR, "3", now + KIOSK_EXIT_WINDOW_MS + 2),
	                KIOSK_EXIT_PASS);
	/* Esc closes it at once and still acts as Esc. */
	kiosk_exit_key(&e, KIOSK_EXIT_CHAR, ctrl_bracket, now += 10000);
	CU_ASSERT_EQUAL(kiosk_exit_key(&e, KIOSK_EXIT_ESC, NULL, now + 1), KIOSK_EXIT_PASS);
	CU_ASSERT_FALSE(kiosk_exit_is_open(&e, now + 2));
	kiosk_exit_clear(&e);
}

static void
test_secret_with_more_after_it_is_wrong(void)
{
	struct kiosk_exit e;
	char long_secret[KIOSK_EXIT_MAX_TYPED];
	char typed[KIOSK_EXIT_MAX_TYPED + 16];
	double now = 1000;

	/* The longest secret a settings line can hold still matches exactly. */
	memset(long_secret, 's', sizeof long_secret - 1);
	long_secret[sizeof long_secret - 1] = '\0';
	kiosk_exit_init(&e, long_secret);
	snprintf(typed, sizeof typed, "%sextra", long_secret);
	CU_ASSERT_EQUAL(attempt(&e, typed, &now), KIOSK_EXIT_TAKEN);
	now = e.locked_until_ms;
	CU_ASSERT_EQUAL(attempt(&e, SECRET, &now), KIOSK_EXIT_TAKEN);
	now = e.locked_until_ms;
	long_secret[sizeof long_secret - 2] = '\0';
	kiosk_exit_init(&e, long_secret);
	CU_ASSERT_EQUAL(attempt(&e, long_secret, &now), KIOSK_EXIT_QUIT);
	kiosk_exit_clear(&e);
}

static const CU_TestInfo tests[] = {
	{ "the right secret quits", test_right_secret_quits },
	{ "without a secret every key passes", test_unarmed_passes_every_key },
	{ "20,000 pasted guesses and the secret do not quit", test_pasted_guesses_are_slowed_down },
	{ "each wrong attempt doubles the lock, up to 5 minutes",
	  test_delay_doubles_up_to_five_minutes },
	{ "Backspace edits what was typed", test_backspace_edits },
	{ "the window closes after 3 quiet seconds or on Esc",
	  test_window_closes_after_three_quiet_seconds },
	{ "the secret followed by more is wrong", test_secret_with_more_after_it_is_wrong },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_kiosk_exit(void)
{
	return test_add_suite("kiosk_exit", NULL, NULL, tests);
}

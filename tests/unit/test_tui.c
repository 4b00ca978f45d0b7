/* The screens, the frame and the rules above them, run without a terminal: a fake clock and a
 * fake terminal that counts how often the screen was blanked. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/trust.h"
#include "fixture.h"
#include "suites.h"
#include "tui/app.h"
#include "tui/frame.h"
#include "tui/session.h"

static struct tui_app app;
static struct tui_session session;
static double fake_now_ms;
static int blanks;

static double
fake_clock(void)
{
	return TEST_MONDAY_10AM;
}

static void
fake_blank(void *ctx)
{
	(void) ctx;
	blanks++;
}

static void
start(bool staff, bool kiosk)
{
	struct tui_terminal term = { .blank = fake_blank };

	memset(&app, 0, sizeof app);
	app.staff = staff;
	app.kiosk = kiosk;
	app.clock = fake_clock;
	app.idle_timeout = kiosk ? 90 : 0;
	sp_settings_clear(&app.settings);
	app.bundles = sp_strdup(TEST_LOCALES);
	snprintf(app.default_locale, sizeof app.default_locale, "en_GB");
	/* The directory is opened once for every test (opening checks the whole file, which
	 * under valgrind takes seconds); each test starts it in English. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(app.dir = fixture_directory());
	CU_ASSERT_FATAL(app_set_locale(&app, "en_GB"));
	app_reset(&app);
	app.content_rows = 17;
	app.content_cols = 80;
	blanks = 0;
	fake_now_ms = 1000000.0;
	tui_session_start(&session, &app, &term, fake_now_ms);
}

static void
stop(void)
{
	app.dir = NULL; /* the fixture's, kept for the next test */
	app_free(&app);
}

/* The whole frame as text, rows joined by newlines. */
static char *
frame_text(int rows, int cols)
{
	struct tui_canvas canvas = { 0 };
	struct sp_buf buf;

	tui_frame_layout(&canvas, &app, rows, cols,
	                 tui_session_warning_left(&session, fake_now_ms));
	sp_buf_init(&buf);
	for (int y = 0; y < rows; y++) {
		char *row = tui_canvas_row_text(&canvas, y);

		sp_buf_puts(&buf, row ? row : "");
		sp_buf_putc(&buf, '\n');
		free(row);
	}
	tui_canvas_clear(&canvas);
	return sp_buf_take(&buf);
}

static bool
frame_has(const char *text)
{
	char *frame = frame_text(24, 80);
	bool found = frame && strstr(frame, text);

	free(frame);
	return found;
}

/* As the real loop does: the screen is drawn, then the key is handled. */
static void
key_after_frame(const struct tui_key *key)
{
	free(frame_text(24, 80));
	tui_session_key(&session, key, fake_now_ms);
}

static void
press(enum tui_keycode code, double after_ms)
{
	struct tui_key key = { .code = code };

	fake_now_ms += after_ms;
	key_after_frame(&key);
}

static void
type(const char *text)
{
	for (const char *p = text; *p; p++) {
		struct tui_key key = { .code = TUI_KEY_CHAR, .ch = (wint_t) *p };

		fake_now_ms += 50;
		key_after_frame(&key);
	}
}

static void
test_home_shows_safety_lines_and_doors(void)
{
	char *frame;

	start(false, false);
	frame = frame_text(24, 80);
	CU_ASSERT_PTR_NOT_NULL_FATAL(frame);
	CU_ASSERT_PTR_NOT_NULL(strstr(frame, "In immediate danger? Call 999."));
	CU_ASSERT_PTR_NOT_NULL(strstr(frame, "55"));
	CU_ASSERT_PTR_NOT_NULL(strstr(frame, "F12 or Esc Esc: quick exit"));
	CU_ASSERT_PTR_NOT_NULL(strstr(frame, "1  "));
	CU_ASSERT_PTR_NOT_NULL(strstr(frame, "Support directory"));
	free(frame);
	stop();
}

static void
test_small_window_still_shows_999(void)
{
	char *frame;

	start(false, false);
	frame = frame_text(5, 24);
	CU_ASSERT_PTR_NOT_NULL(strstr(frame, "999"));
	CU_ASSERT_PTR_NOT_NULL(strstr(frame, "too small"));
	free(frame);
	/* Three columns: the number alone, whole. */
	frame = frame_text(2, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(frame, "999"));
	free(frame);
	/* One column: the digits one a row, never a lone "9". */
	frame = frame_text(5, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(frame, "9\n9\n9\n"));
	free(frame);
	stop();
}

static void
test_f12_forgets_the_visit(void)
{
	start(false, false);
	type("3");
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_search);
	type("galop");
	CU_ASSERT_TRUE(frame_has("Galop"));
	press(TUI_KEY_QUICK_EXIT, 10);
	CU_ASSERT_EQUAL(blanks, 1);
	CU_ASSERT_TRUE(app.neutral);
	CU_ASSERT_EQUAL(app.depth, 1);
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_home);
	/* The neutral page names nothing of signpost. */
	CU_ASSERT_FALSE(frame_has("999"));
	CU_ASSERT_FALSE(frame_has("galop"));
	/* Any key starts afresh, on a clean screen. */
	type("x");
	CU_ASSERT_FALSE(app.neutral);
	CU_ASSERT_EQUAL(blanks, 2);
	CU_ASSERT_TRUE(frame_has("Support directory"));
	stop();
}

static void
test_esc_twice_quickly_is_quick_exit(void)
{
	start(false, false);
	type("2");
	press(TUI_KEY_ESC, 100);
	CU_ASSERT_EQUAL(blanks, 0);
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_home);
	press(TUI_KEY_ESC, TUI_DOUBLE_ESC_MS - 1);
	CU_ASSERT_EQUAL(blanks, 1);
	CU_ASSERT_TRUE(app.neutral);
	stop();
}

static void
test_esc_slowly_goes_back_twice(void)
{
	start(false, false);
	type("3");
	type("g");
	press(TUI_KEY_DOWN, 10);
	press(TUI_KEY_ENTER, 10);
	CU_ASSERT_EQUAL(app.depth, 3);
	press(TUI_KEY_ESC, 10);
	press(TUI_KEY_ESC, TUI_DOUBLE_ESC_MS + 1);
	CU_ASSERT_EQUAL(blanks, 0);
	CU_ASSERT_EQUAL(app.depth, 1);
	CU_ASSERT_FALSE(app.neutral);
	stop();
}

static void
test_back_keys_never_wipe(void)
{
	start(false, false);
	type("2");
	press(TUI_KEY_DOWN, 1);
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_EQUAL(app.depth, 2);
	type("4");
	press(TUI_KEY_BACKSPACE, 1);
	press(TUI_KEY_BACKSPACE, 1);
	press(TUI_KEY_LEFT, 1);
	press(TUI_KEY_LEFT, 1);
	CU_ASSERT_EQUAL(blanks, 0);
	CU_ASSERT_FALSE(app.neutral);
	CU_ASSERT_EQUAL(app.depth, 1);
	stop();
}

static void
test_idle_countdown_then_reset(void)
{
	start(false, true);
	type("3");
	type("rape");
	CU_ASSERT_EQUAL(tui_session_warning_left(&session, fake_now_ms + 69000), -1);
	CU_ASSERT_EQUAL(tui_session_warning_left(&session, fake_now_ms + 75000), 15);
	CU_ASSERT_FALSE(tui_session_tick(&session, fake_now_ms + 89999));
	CU_ASSERT_EQUAL(app.depth, 2);
	CU_ASSERT_TRUE(tui_session_tick(&session, fake_now_ms + 90000));
	CU_ASSERT_EQUAL(blanks, 1);
	CU_ASSERT_EQUAL(app.depth, 1);
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_home);
	stop();
}

static void
test_key_during_countdown_only_keeps_the_visit(void)
{
	start(false, true);
	type("3");
	fake_now_ms += 80000;
	CU_ASSERT(tui_session_warning_left(&session, fake_now_ms) >= 0);
	type("x");
	CU_ASSERT_EQUAL(tui_session_warning_left(&session, fake_now_ms), -1);
	/* The key was not typed into the search. */
	CU_ASSERT_FALSE(frame_has("x_"));
	CU_ASSERT_FALSE(tui_session_tick(&session, fake_now_ms + 89000));
	stop();
}

static void
test_kiosk_quits_only_by_the_secret(void)
{
	struct tui_key bracket = { .code = TUI_KEY_CHAR, .ch = TUI_KEY_CTRL_RIGHT_BRACKET };

	struct tui_terminal term = { .blank = fake_blank };

	start(false, true);
	app.settings.admin_quit = sp_strdup("open sesame please");
	tui_session_start(&session, &app, &term, fake_now_ms);
	type("q");
	press(TUI_KEY_ESC, 5000);
	CU_ASSERT_FALSE(session.quit);
	tui_session_key(&session, &bracket, fake_now_ms);
	type("wrong");
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_FALSE(session.quit);
	/* Straight after a wrong guess the right one is refused: the way out is locked for 1 s. */
	tui_session_key(&session, &bracket, fake_now_ms);
	type("open sesame please");
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_FALSE(session.quit);
	fake_now_ms += KIOSK_EXIT_FIRST_DELAY_MS;
	tui_session_key(&session, &bracket, fake_now_ms);
	type("open sesame please");
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_TRUE(session.quit);
	tui_session_end(&session);
	stop();
}

static void
test_q_quits_outside_a_kiosk(void)
{
	start(false, false);
	type("q");
	CU_ASSERT_TRUE(session.quit);
	stop();
}

static void
test_find_support_for_a_man(void)
{
	start(false, false);
	type("2");
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_find);
	/* "I am a man" is the fourth answer; Space ticks it; End reaches "Show support". */
	for (int i = 0; i < 3; i++)
		press(TUI_KEY_DOWN, 1);
	type(" ");
	CU_ASSERT_TRUE(frame_has("[x]"));
	press(TUI_KEY_END, 1);
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_results);
	CU_ASSERT_TRUE(frame_has("Men's Advice Line"));
	stop();
}

static void
test_find_support_names_what_counts(void)
{
	start(false, false);
	type("2");
	/* Over 60 (the sixth answer), and someone controls my money (the fifteenth). */
	for (int i = 0; i < 5; i++)
		press(TUI_KEY_DOWN, 1);
	type(" ");
	for (int i = 0; i < 9; i++)
		press(TUI_KEY_DOWN, 1);
	type(" ");
	press(TUI_KEY_END, 1);
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_PTR_EQUAL_FATAL(app_top(&app)->ops, &screen_results);
	CU_ASSERT_TRUE(frame_has("Hourglass"));
	/* After the lines, the topic that says it counts; End then Enter opens it. */
	press(TUI_KEY_END, 1);
	CU_ASSERT_TRUE(frame_has("What you describe can be domestic abuse"));
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_definition);
	CU_ASSERT_TRUE(frame_has("Domestic Abuse Act 2021"));
	stop();
}

static void
test_search_then_detail_then_note(void)
{
	start(false, false);
	type("3");
	type("galop");
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_PTR_EQUAL_FATAL(app_top(&app)->ops, &screen_detail);
	CU_ASSERT_TRUE(frame_has("Galop"));
	type("n");
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_note);
	CU_ASSERT_TRUE(frame_has("0800 999 5428"));
	/* The big digits follow the width. */
	press(TUI_KEY_RESIZE, 1);
	CU_ASSERT_TRUE(app_top(&app)->dirty);
	stop();
}

static void
test_public_view_hides_professional_lines(void)
{
	start(false, false);
	type("3");
	type("idva");
	CU_ASSERT_FALSE(frame_has("01480 847718"));
	stop();
	start(true, false);
	CU_ASSERT_FATAL(app_open(&app, &screen_detail, "idva-service"));
	CU_ASSERT_TRUE(frame_has("01480 847718"));
	stop();
}

/* Every screen opens, builds without a gap and keeps the safety lines, in every view. */
static void
test_every_screen_builds(void)
{
	const struct tui_screen_ops *plain[] = { &screen_now,      &screen_find,
		                                 &screen_search,   &screen_topics,
		                                 &screen_language, &screen_pathways,
		                                 &screen_glossary, &screen_quiz,
		                                 &screen_facts,    &screen_fallback };
	struct results_request everyone = { .area = SP_AREA_NONE };
	struct sp_service svc;

	for (int staff = 0; staff <= 1; staff++) {
		start(staff, false);
		for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
			CU_ASSERT_FATAL(app_open(&app, plain[i], NULL));
			CU_ASSERT_TRUE(frame_has("999"));
			CU_ASSERT_FALSE(frame_has("Part of this page could not be shown"));
			app_pop(&app);
		}
		CU_ASSERT(app_open(&app, &screen_results, &everyone));
		CU_ASSERT_TRUE(frame_has("999"));
		app_pop(&app);
		CU_ASSERT(app_open(&app, &screen_detail, "hourglass"));
		CU_ASSERT_TRUE(frame_has("Hourglass"));
		app_pop(&app);
		CU_ASSERT(app_open(&app, &screen_definition, "domestic-abuse"));
		CU_ASSERT_FALSE(frame_has("Part of this page could not be shown"));
		app_pop(&app);
		CU_ASSERT_FATAL(sp_directory_get(app.dir, "hourglass", false, fake_clock(), &svc) ==
		                SP_OK);
		CU_ASSERT(app_open(&app, &screen_note, &svc));
		sp_service_clear(&svc);
		CU_ASSERT_TRUE(frame_has("999"));
		app_pop(&app);
		stop();
	}
}

static void
test_language_switches_and_comes_back(void)
{
	start(false, false);
	press(TUI_KEY_LANGUAGE, 1);
	CU_ASSERT_PTR_EQUAL_FATAL(app_top(&app)->ops, &screen_language);
	/* English first, then by code: bg, cs, et, hu, lt, lv, pl. */
	for (int i = 0; i < 7; i++)
		press(TUI_KEY_DOWN, 1);
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_STRING_EQUAL(app.locale, "pl");
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_home);
	CU_ASSERT_TRUE(frame_has("999"));
	press(TUI_KEY_QUICK_EXIT, 1);
	CU_ASSERT_STRING_EQUAL(app.locale, "en_GB");
	stop();
}

static void
test_home_situations_are_one_key_each(void)
{
	const char *const expect[] = { "Men's Advice Line", "Hourglass", "Rape Crisis",
		                       "National Stalking Helpline" };

	for (int i = 0; i < 4; i++) {
		char key[2] = { (char) ('6' + i), '\0' };

		start(false, false);
		type(key);
		CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_results);
		CU_ASSERT_TRUE(frame_has(expect[i]));
		stop();
	}
	/* Staff have their own doors there instead. */
	start(true, false);
	CU_ASSERT_FALSE(frame_has("I'm a man"));
	stop();
}

static void
test_language_by_its_first_letter(void)
{
	start(false, false);
	press(TUI_KEY_LANGUAGE, 1);
	type("p");
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_STRING_EQUAL(app.locale, "pl");
	press(TUI_KEY_LANGUAGE, 1);
	/* Polski is now the one selected: the next "p" is Português. */
	type("p");
	press(TUI_KEY_ENTER, 1);
	CU_ASSERT_STRING_EQUAL(app.locale, "pt");
	stop();
}

static void
test_document_wraps_and_keeps_numbers_whole(void)
{
	struct doc doc;

	doc_init(&doc);
	doc_add(&doc, TH_NORMAL, DOC_NO_ITEM, 0,
	        "Call the helpline on 0808\u00a02000\u00a0247 at any time of day or night.");
	doc_add(&doc, TH_HEADING, doc_new_item(&doc), 2, "Item");
	doc_layout(&doc, 20, "en_GB");
	CU_ASSERT(doc.nlines >= 3);
	CU_ASSERT_EQUAL(doc_min_width(&doc), 13);
	for (size_t i = 0; i < doc.nlines; i++) {
		const struct doc_line *l = &doc.lines[i];
		const char *text = doc.blocks[l->block].text + l->start;

		if (strstr(text, "0808") &&
		    (size_t) (strstr(text, "0808") - text) < l->end - l->start)
			CU_ASSERT_PTR_NOT_NULL(strstr(text, "247"));
	}
	CU_ASSERT_EQUAL(doc.nitems, 1);
	CU_ASSERT_EQUAL(doc_line_item(&doc, doc.nlines - 1), 0);
	doc_clear(&doc);
}

static const CU_TestInfo tests[] = {
	{ "Home shows 999, the Silent Solution, quick exit and its doors",
	  test_home_shows_safety_lines_and_doors },
	{ "a window too small still shows 999", test_small_window_still_shows_999 },
	{ "F12 blanks the screen and forgets the visit", test_f12_forgets_the_visit },
	{ "Esc twice within the window is quick exit", test_esc_twice_quickly_is_quick_exit },
	{ "Esc twice slowly goes back twice", test_esc_slowly_goes_back_twice },
	{ "Backspace and Left go back and never wipe", test_back_keys_never_wipe },
	{ "the idle countdown shows, then the visit is reset", test_idle_countdown_then_reset },
	{ "a key during the countdown only keeps the visit",
	  test_key_during_countdown_only_keeps_the_visit },
	{ "a kiosk quits only by the administrator's secret", test_kiosk_quits_only_by_the_secret },
	{ "q quits outside a kiosk", test_q_quits_outside_a_kiosk },
	{ "Find support for a man reaches the Men's Advice Line", test_find_support_for_a_man },
	{ "Find support says what counts and leads to its topic",
	  test_find_support_names_what_counts },
	{ "search, then a service, then its number in big digits",
	  test_search_then_detail_then_note },
	{ "the public view hides professional-only lines",
	  test_public_view_hides_professional_lines },
	{ "every screen builds whole with the safety lines", test_every_screen_builds },
	{ "the language switches, and quick exit brings the default back",
	  test_language_switches_and_comes_back },
	{ "a document wraps and keeps numbers whole", test_document_wraps_and_keeps_numbers_whole },
	{ "Home's situations are one key each", test_home_situations_are_one_key_each },
	{ "a language is reached by its first letter", test_language_by_its_first_letter },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_tui(void)
{
	return test_add_suite("tui", NULL, NULL, tests);
}

/* Directory updates without a restart: which file is shown (core/update.c) and when a running
 * kiosk takes a newer one (tui/load.c, tui/session.c), with real signed files and a fake
 * clock. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "core/fileio.h"
#include "core/mem.h"
#include "core/trust.h"
#include "core/update.h"
#include "fixture.h"
#include "suites.h"
#include "tui/app.h"
#include "tui/frame.h"
#include "tui/load.h"
#include "tui/session.h"

static char *tmp;
static char packaged[4096], updates[4096];
static unsigned char pk[SP_PUBLIC_KEY_BYTES], sk[SP_SECRET_KEY_BYTES];
static unsigned char *bytes;
static size_t nbytes;

static int
setup(void)
{
	if (!(tmp = fixture_tempdir()) || !sp_trust_init())
		return 1;
	crypto_sign_keypair(pk, sk);
	snprintf(packaged, sizeof packaged, "%s/packaged.db", tmp);
	snprintf(updates, sizeof updates, "%s/updates", tmp);
	return sp_file_read(TEST_DB_PATH, SP_DB_MAX_BYTES, &bytes, &nbytes, NULL) == SP_OK ? 0 : 1;
}

static int
teardown(void)
{
	fixture_rmrf(tmp);
	free(tmp);
	free(bytes);
	return 0;
}

/* Writes the built directory to path, signed with the test key as `version`; damaged: one
 * byte changed after signing; unsigned: no .minisig. */
enum how { SIGNED, DAMAGED, UNSIGNED };

static void
place(const char *path, const char *version, enum how how)
{
	const unsigned char id[SP_KEY_ID_BYTES] = { 9, 8, 7, 6, 5, 4, 3, 2 };
	char comment[128], sig_path[4200], *sig;
	FILE *f;

	snprintf(comment, sizeof comment,
	         "signpost-directory version:%s valid-until:2099-12-31 file:signpost.db", version);
	snprintf(sig_path, sizeof sig_path, "%s" SP_SIGNATURE_SUFFIX, path);
	sig = sp_trust_sign(sk, id, bytes, nbytes, comment);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sig);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(path, "wb"));
	CU_ASSERT_EQUAL(fwrite(bytes, 1, nbytes, f), nbytes);
	if (how == DAMAGED) {
		/* A byte deep inside the file, as a bad copy might leave it. */
		fseek(f, (long) nbytes / 2, SEEK_SET);
		fputc(bytes[nbytes / 2] ^ 0x20, f);
	}
	fclose(f);
	remove(sig_path);
	if (how != UNSIGNED) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(sig_path, "w"));
		fputs(sig, f);
		fclose(f);
	}
	free(sig);
}

static void
place_update(const char *version, enum how how)
{
	char path[4200];

	fixture_rmrf(updates);
	CU_ASSERT_EQUAL_FATAL(mkdir(updates, 0700), 0);
	snprintf(path, sizeof path, "%s/" SP_UPDATE_FILE, updates);
	place(path, version, how);
}

static struct sp_settings
trusting(void)
{
	struct sp_settings s;

	memset(&s, 0, sizeof s);
	sp_settings_clear(&s);
	s.trusted_keys = sp_malloc(sizeof *s.trusted_keys);
	memcpy(s.trusted_keys[0], pk, sizeof pk);
	s.ntrusted_keys = 1;
	return s;
}

/* The version sp_update_open() chooses with nothing in use, "" when none; *chosen which. */
static const char *
chosen_version(const char *current, size_t *chosen)
{
	static char version[32];
	struct sp_settings settings = trusting();
	struct sp_update_report report;
	struct sp_directory *dir = NULL;

	*chosen = SIZE_MAX;
	version[0] = '\0';
	CU_ASSERT_EQUAL(sp_update_open(&dir, packaged, updates, &settings, false, current, &report),
	                SP_OK);
	if (dir)
		snprintf(version, sizeof version, "%s", sp_directory_signature(dir)->version);
	for (size_t i = 0; i < report.n; i++)
		if (report.candidate[i].chosen)
			*chosen = i;
	sp_directory_free(dir);
	sp_update_report_clear(&report);
	sp_settings_clear(&settings);
	return version;
}

static void
test_versions_compare_as_numbers(void)
{
	CU_ASSERT(sp_update_version_cmp("2", "10") < 0);
	CU_ASSERT(sp_update_version_cmp("2026.9", "2026.12") < 0);
	CU_ASSERT(sp_update_version_cmp("20261130001500", "20270101000000") < 0);
	CU_ASSERT(sp_update_version_cmp("", "1") < 0);
	CU_ASSERT(sp_update_version_cmp("1", "") > 0);
	CU_ASSERT(sp_update_version_cmp("007", "7") == 0);
	CU_ASSERT(sp_update_version_cmp("2026.12", "2026.12") == 0);
	CU_ASSERT(sp_update_version_cmp("2026.12b", "2026.12a") > 0);
	CU_ASSERT(sp_update_version_cmp("2026.12.1", "2026.12") > 0);
}

static void
test_newer_update_is_used(void)
{
	size_t chosen;

	place(packaged, "1", SIGNED);
	place_update("2", SIGNED);
	CU_ASSERT_STRING_EQUAL(chosen_version(NULL, &chosen), "2");
	CU_ASSERT_EQUAL(chosen, 1);
	/* Nothing newer than the version in use: nothing is opened. */
	CU_ASSERT_STRING_EQUAL(chosen_version("2", &chosen), "");
	CU_ASSERT_EQUAL(chosen, SIZE_MAX);
	/* The same version as the packaged one: the packaged one stays. */
	place_update("1", SIGNED);
	CU_ASSERT_STRING_EQUAL(chosen_version(NULL, &chosen), "1");
	CU_ASSERT_EQUAL(chosen, 0);
}

static void
test_older_update_is_refused(void)
{
	size_t chosen;

	place(packaged, "5", SIGNED);
	place_update("4", SIGNED);
	CU_ASSERT_STRING_EQUAL(chosen_version(NULL, &chosen), "5");
	CU_ASSERT_EQUAL(chosen, 0);
	/* No rollback: with 6 in use neither is taken. */
	place_update("10", SIGNED);
	CU_ASSERT_STRING_EQUAL(chosen_version("11", &chosen), "");
	CU_ASSERT_STRING_EQUAL(chosen_version("9", &chosen), "10");
}

static void
test_damaged_or_unsigned_update_is_ignored(void)
{
	struct sp_settings settings = trusting();
	struct sp_update_report report;
	struct sp_directory *dir = NULL;
	size_t chosen;

	place(packaged, "1", SIGNED);
	place_update("2", DAMAGED);
	CU_ASSERT_STRING_EQUAL(chosen_version(NULL, &chosen), "1");
	CU_ASSERT_EQUAL(chosen, 0);
	CU_ASSERT_EQUAL(sp_update_open(&dir, packaged, updates, &settings, false, NULL, &report),
	                SP_OK);
	CU_ASSERT_EQUAL(report.n, 2);
	CU_ASSERT_EQUAL(report.candidate[1].status, SP_ERR_DB_TAMPERED);
	sp_directory_free(dir);
	sp_update_report_clear(&report);
	place_update("2", UNSIGNED);
	CU_ASSERT_STRING_EQUAL(chosen_version(NULL, &chosen), "1");
	CU_ASSERT_EQUAL(sp_update_open(&dir, packaged, updates, &settings, false, NULL, &report),
	                SP_OK);
	CU_ASSERT_EQUAL(report.candidate[1].status, SP_ERR_DB_UNSIGNED);
	sp_directory_free(dir);
	sp_update_report_clear(&report);
	/* Drafts (allow_unsigned) never reach into the update folder. */
	CU_ASSERT_EQUAL(sp_update_open(&dir, packaged, updates, &settings, true, NULL, &report),
	                SP_OK);
	CU_ASSERT_EQUAL(report.n, 1);
	sp_directory_free(dir);
	sp_update_report_clear(&report);
	/* When neither can be used, the packaged file's reason is the answer. */
	place(packaged, "1", UNSIGNED);
	CU_ASSERT_EQUAL(sp_update_open(&dir, packaged, updates, &settings, false, NULL, &report),
	                SP_ERR_DB_UNSIGNED);
	CU_ASSERT_PTR_NULL(dir);
	sp_update_report_clear(&report);
	sp_settings_clear(&settings);
}

/* ------------------------------------------------------------------ a running kiosk */
static struct tui_app app;
static struct tui_session session;
static double now_ms;
static int blanks;
static char journal_text[1024];

static void
record_blank(void *ctx)
{
	(void) ctx;
	blanks++;
}

static void
record_line(const char *line)
{
	size_t used = strlen(journal_text);

	snprintf(journal_text + used, sizeof journal_text - used, "%s\n", line);
}

static const char *
version_in_use(void)
{
	return app.dir ? sp_directory_signature(app.dir)->version : "(none)";
}

static void
kiosk_start(void)
{
	struct tui_terminal term = { .blank = record_blank };

	memset(&app, 0, sizeof app);
	app.kiosk = true;
	app.idle_timeout = 90;
	app.settings = trusting();
	app.bundles = sp_strdup(TEST_LOCALES);
	app.db_path = sp_strdup(packaged);
	app.update_dir = sp_strdup(updates);
	app.journal = record_line;
	snprintf(app.default_locale, sizeof app.default_locale, "en_GB");
	CU_ASSERT_FATAL(app_set_locale(&app, "en_GB"));
	journal_text[0] = '\0';
	tui_load_directory(&app);
	app_reset(&app);
	app.content_rows = 17;
	app.content_cols = 80;
	now_ms = 1000000.0;
	blanks = 0;
	tui_session_start(&session, &app, &term, now_ms);
}

static void
kiosk_stop(void)
{
	tui_session_end(&session);
	app_free(&app);
}

static void
press_char(wint_t ch)
{
	struct tui_key key = { .code = TUI_KEY_CHAR, .ch = ch };
	struct tui_canvas canvas = { 0 };

	/* As the real loop does: the screen is drawn, then the key is handled. */
	tui_frame_layout(&canvas, &app, 24, 80, -1);
	tui_canvas_clear(&canvas);
	now_ms += 500;
	tui_session_key(&session, &key, now_ms);
}

static bool
tick_after(double ms)
{
	now_ms += ms;
	return tui_session_tick(&session, now_ms);
}

static void
test_kiosk_reload_waits_for_the_idle_reset(void)
{
	place(packaged, "1", SIGNED);
	fixture_rmrf(updates);
	kiosk_start();
	CU_ASSERT_STRING_EQUAL(version_in_use(), "1");
	CU_ASSERT_PTR_NOT_NULL(strstr(journal_text, "kiosk started with directory version 1"));
	/* A visitor opens Search and types; version 2 arrives and SIGHUP asks for it. */
	press_char(L'3');
	press_char(L'g');
	press_char(L'a');
	CU_ASSERT_EQUAL(app.depth, 2);
	place_update("2", SIGNED);
	tui_session_request_reload(&session);
	CU_ASSERT_FALSE(tick_after(1000));
	CU_ASSERT_FALSE(tick_after(30000));
	/* Never in the middle of a visit: the same directory, the same screen. */
	CU_ASSERT_STRING_EQUAL(version_in_use(), "1");
	CU_ASSERT_EQUAL(app.depth, 2);
	CU_ASSERT_PTR_NULL(strstr(journal_text, "version 2"));
	/* The idle reset forgets the visit, then takes the new directory. */
	CU_ASSERT_TRUE(tick_after(90000));
	CU_ASSERT_EQUAL(blanks, 1);
	CU_ASSERT_STRING_EQUAL(version_in_use(), "2");
	CU_ASSERT_EQUAL(app.depth, 1);
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_home);
	CU_ASSERT_PTR_NOT_NULL(strstr(journal_text, "directory version 2 now in use (was 1)"));
	/* The journal has the versions and nothing the visitor typed. */
	CU_ASSERT_PTR_NULL(strstr(journal_text, "ga"));
	/* A damaged version 3 and an older version 1 are both ignored at the next resets. */
	place_update("3", DAMAGED);
	CU_ASSERT_TRUE(tick_after(90000));
	CU_ASSERT_STRING_EQUAL(version_in_use(), "2");
	place_update("1", SIGNED);
	CU_ASSERT_TRUE(tick_after(90000));
	CU_ASSERT_STRING_EQUAL(version_in_use(), "2");
	place_update("3", UNSIGNED);
	CU_ASSERT_TRUE(tick_after(90000));
	CU_ASSERT_STRING_EQUAL(version_in_use(), "2");
	CU_ASSERT_PTR_NULL(strstr(journal_text, "version 3"));
	CU_ASSERT_PTR_NULL(strstr(journal_text, "was 2"));
	kiosk_stop();
}

static void
test_kiosk_reload_on_home_at_once(void)
{
	place(packaged, "1", SIGNED);
	fixture_rmrf(updates);
	kiosk_start();
	place_update("2", SIGNED);
	/* Nothing typed since the reset: SIGHUP is carried out on the next tick. */
	tui_session_request_reload(&session);
	CU_ASSERT_TRUE(tick_after(100));
	CU_ASSERT_STRING_EQUAL(version_in_use(), "2");
	CU_ASSERT_EQUAL(blanks, 0);
	CU_ASSERT_FALSE(session.reload_requested);
	/* Asked again with nothing newer: nothing changes. */
	tui_session_request_reload(&session);
	CU_ASSERT_FALSE(tick_after(100));
	CU_ASSERT_STRING_EQUAL(version_in_use(), "2");
	kiosk_stop();
}

static void
test_kiosk_without_a_directory_takes_one(void)
{
	place(packaged, "1", DAMAGED);
	fixture_rmrf(updates);
	kiosk_start();
	/* The built-in helplines, and staff told why. */
	CU_ASSERT_PTR_NULL(app.dir);
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_fallback);
	CU_ASSERT_PTR_NOT_NULL(app.dir_notice);
	CU_ASSERT_PTR_NOT_NULL(strstr(journal_text, "without a directory"));
	place_update("1", SIGNED);
	CU_ASSERT_TRUE(tick_after(90000));
	CU_ASSERT_STRING_EQUAL(version_in_use(), "1");
	CU_ASSERT_PTR_EQUAL(app_top(&app)->ops, &screen_home);
	CU_ASSERT_PTR_NULL(app.dir_notice);
	kiosk_stop();
}

CU_ErrorCode
test_register_update(void)
{
	static CU_TestInfo tests[] = {
		{ "versions compare as numbers", test_versions_compare_as_numbers },
		{ "a newer update is used", test_newer_update_is_used },
		{ "an older update is refused", test_older_update_is_refused },
		{ "a damaged or unsigned update is ignored",
		  test_damaged_or_unsigned_update_is_ignored },
		{ "a kiosk reloads at the idle reset, never in a visit",
		  test_kiosk_reload_waits_for_the_idle_reset },
		{ "a kiosk on Home reloads at once", test_kiosk_reload_on_home_at_once },
		{ "a kiosk without a directory takes one",
		  test_kiosk_without_a_directory_takes_one },
		CU_TEST_INFO_NULL,
	};

	return test_add_suite("update", setup, teardown, tests);
}

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "core/fallback.h"
#include "core/fileio.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/settings.h"
#include "core/trust.h"
#include "fixture.h"
#include "suites.h"

static char *dir;

static int
setup(void)
{
	return (dir = fixture_tempdir()) ? 0 : 1;
}

static int
teardown(void)
{
	fixture_rmrf(dir);
	free(dir);
	fixture_directory_close();
	fixture_i18n_close();
	return 0;
}

static enum sp_status
read_settings(const char *text, struct sp_settings *s, char **error)
{
	char path[4096];

	fixture_write(dir, "kiosk.conf", text);
	snprintf(path, sizeof path, "%s/kiosk.conf", dir);
	return sp_settings_read(path, s, error);
}

static void
test_reads_every_setting(void)
{
	struct sp_settings s;
	char *error;

	CU_ASSERT_EQUAL_FATAL(
	        read_settings("# kiosk at the library\n"
	                      "idle_timeout = 120\n"
	                      "neutral_text = Opening hours\\nMon-Fri 9-5\n"
	                      "  admin_quit=open sesame please \n"
	                      "language = pl\n"
	                      "theme = high-contrast\n"
	                      "trusted_key = ed25519-public "
	                      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"
	                      "trusted_key = "
	                      "ab112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n",
	                      &s, &error),
	        SP_OK);
	CU_ASSERT_EQUAL(s.idle_timeout, 120);
	CU_ASSERT_STRING_EQUAL(s.neutral_text, "Opening hours\nMon-Fri 9-5");
	CU_ASSERT_STRING_EQUAL(s.admin_quit, "open sesame please");
	CU_ASSERT_STRING_EQUAL(s.language, "pl");
	CU_ASSERT_STRING_EQUAL(s.theme, "high-contrast");
	CU_ASSERT_EQUAL(s.ntrusted_keys, 2);
	CU_ASSERT_EQUAL(s.trusted_keys[1][0], 0xab);
	sp_settings_clear(&s);
}

static void
test_bad_settings_name_the_line(void)
{
	const char *bad[] = { "idle_timeout = soon\n",
		              "idle_timeout = 5\n",
		              "colour = red\n",
		              "theme = pink\n",
		              "just words\n",
		              "admin_quit = eleven char\n",
		              "trusted_key = 12ab\n",
		              "trusted_key = ed25519-public zz\n",
		              NULL };

	for (int i = 0; bad[i]; i++) {
		struct sp_settings s;
		char *error = NULL;

		CU_ASSERT_EQUAL(read_settings(bad[i], &s, &error), SP_ERR_USAGE);
		CU_ASSERT_PTR_NOT_NULL(error ? strstr(error, ":1:") : NULL);
		free(error);
	}
}

static void
test_missing_file(void)
{
	struct sp_settings s;
	char *error = NULL;

	CU_ASSERT_EQUAL(sp_settings_read("/nonexistent/kiosk.conf", &s, &error), SP_ERR_IO);
	free(error);
}

/* The compiled-in helplines must say what the directory says. */
static void
test_fallback_matches_directory(void)
{
	struct sp_directory *d = fixture_directory();

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_TRUE(sp_fallback_count >= 9);
	for (size_t i = 0; i < sp_fallback_count; i++) {
		const struct sp_fallback_line *l = &sp_fallback_lines[i];
		struct sp_service s;
		const struct sp_contact *c;

		CU_ASSERT_EQUAL_FATAL(sp_directory_get(d, l->id, false, TEST_MONDAY_10AM, &s),
		                      SP_OK);
		CU_ASSERT_STRING_EQUAL(s.status, "active");
		c = sp_service_main_phone(&s);
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_STRING_EQUAL(c->value, l->phone);
		if (l->hours || c->hours_text)
			CU_ASSERT_STRING_EQUAL(c->hours_text ? c->hours_text : "",
			                       l->hours ? l->hours : "");
		CU_ASSERT_STRING_NOT_EQUAL(sp_i18n_text(fixture_i18n(), l->who_key), l->who_key);
		sp_service_clear(&s);
	}
}

/* Signatures: the one over the built directory holds; any change to bytes, key or text fails. */
static void
test_signature_checks(void)
{
	unsigned char sk[SP_SECRET_KEY_BYTES], pk[SP_PUBLIC_KEY_BYTES];
	const unsigned char data[] = "National Domestic Abuse Helpline 0808 2000 247";
	unsigned char copy[sizeof data];
	struct sp_trust trust = { .keys = (const unsigned char(*)[SP_PUBLIC_KEY_BYTES]) & pk,
		                  .nkeys = 1 };
	struct sp_trust builtin = { .keys = sp_builtin_keys, .nkeys = sp_builtin_key_count };
	const unsigned char id[SP_KEY_ID_BYTES] = {
		0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11
	};
	struct sp_signed info;
	char *sig;

	CU_ASSERT_TRUE_FATAL(sp_trust_init());
	/* A fixed seed so the test is the same every run. */
	{
		unsigned char seed[crypto_sign_SEEDBYTES];

		for (size_t i = 0; i < sizeof seed; i++)
			seed[i] = (unsigned char) i;
		CU_ASSERT_EQUAL_FATAL(crypto_sign_seed_keypair(pk, sk, seed), 0);
	}
	sig = sp_trust_sign(sk, id, data, sizeof data,
	                    "signpost-directory version:20261123 valid-until:2027-01-31");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sig);
	CU_ASSERT_EQUAL(sp_trust_verify_info(&trust, data, sizeof data, sig, &info), SP_OK);
	CU_ASSERT_STRING_EQUAL(info.key_id, "1122334455667788");
	CU_ASSERT_STRING_EQUAL(info.version, "20261123");
	CU_ASSERT_STRING_EQUAL(info.valid_until, "2027-01-31");
	CU_ASSERT_FALSE(sp_trust_expired(&info, 1795428000LL)); /* 2026-11-23 */
	CU_ASSERT_TRUE(sp_trust_expired(&info, 1801440000LL));  /* 2027-02-01 */
	/* The trusted comment is signed: changing its version is tampering. */
	{
		char *forged = sp_strdup(sig), *v = strstr(forged, "version:2026");

		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		v[strlen("version:")] = '3';
		CU_ASSERT_EQUAL(sp_trust_verify(&trust, data, sizeof data, forged),
		                SP_ERR_DB_TAMPERED);
		free(forged);
	}
	/* The public key round-trips through minisign's text. */
	{
		unsigned char pk2[SP_PUBLIC_KEY_BYTES], id2[SP_KEY_ID_BYTES];
		char *pub = sp_trust_format_public(pk, id);

		CU_ASSERT_PTR_NOT_NULL_FATAL(pub);
		CU_ASSERT_TRUE(sp_trust_parse_public(pub, pk2, id2));
		CU_ASSERT_EQUAL(memcmp(pk, pk2, sizeof pk), 0);
		CU_ASSERT_EQUAL(memcmp(id, id2, sizeof id), 0);
		CU_ASSERT_TRUE(sp_trust_parse_public(strchr(pub, '\n') + 1, pk2, id2));
		CU_ASSERT_FALSE(sp_trust_parse_public("RWQ", pk2, id2));
		free(pub);
	}
	memcpy(copy, data, sizeof data);
	copy[sizeof data - 2] = '8';
	CU_ASSERT_EQUAL(sp_trust_verify(&trust, copy, sizeof copy, sig), SP_ERR_DB_TAMPERED);
	CU_ASSERT_EQUAL(sp_trust_verify(&builtin, data, sizeof data, sig), SP_ERR_DB_TAMPERED);
	CU_ASSERT_EQUAL(sp_trust_verify(&trust, data, sizeof data, NULL), SP_ERR_DB_UNSIGNED);
	CU_ASSERT_EQUAL(sp_trust_verify(&trust, data, sizeof data, ""), SP_ERR_DB_UNSIGNED);
	CU_ASSERT_EQUAL(sp_trust_verify(&trust, data, sizeof data, "ed25519 zz"),
	                SP_ERR_DB_TAMPERED);
	sig[strlen(sig) - 5] = sig[strlen(sig) - 5] == 'A' ? 'B' : 'A';
	CU_ASSERT_EQUAL(sp_trust_verify(&trust, data, sizeof data, sig), SP_ERR_DB_TAMPERED);
	free(sig);
}

static void
test_built_directory_is_signed(void)
{
	struct sp_trust builtin = { .keys = sp_builtin_keys, .nkeys = sp_builtin_key_count };
	struct sp_directory *d = NULL;
	char path[4096];

	CU_ASSERT_EQUAL(sp_directory_open(&d, TEST_DB_PATH, &builtin, NULL), SP_OK);
	sp_directory_free(d);
	d = NULL;
	/* The same bytes without their .minisig are refused; allowed only as a draft. */
	snprintf(path, sizeof path, "%s/unsigned.db", dir);
	{
		FILE *in = fopen(TEST_DB_PATH, "rb"), *out = fopen(path, "wb");
		char buf[65536];
		size_t n;

		CU_ASSERT_PTR_NOT_NULL_FATAL(in);
		CU_ASSERT_PTR_NOT_NULL_FATAL(out);
		while ((n = fread(buf, 1, sizeof buf, in)) > 0)
			fwrite(buf, 1, n, out);
		fclose(in);
		fclose(out);
	}
	CU_ASSERT_EQUAL(sp_directory_open(&d, path, &builtin, NULL), SP_ERR_DB_UNSIGNED);
	builtin.allow_unsigned = true;
	CU_ASSERT_EQUAL(sp_directory_open(&d, path, &builtin, NULL), SP_OK);
	sp_directory_free(d);
}

static void
test_file_reader(void)
{
	unsigned char *data = (unsigned char *) "x";
	size_t len = 99;
	char path[4096], *error = NULL;

	/* Whole, NUL-terminated, embedded NULs kept. */
	snprintf(path, sizeof path, "%s/three", dir);
	CU_ASSERT_TRUE_FATAL(fixture_write(dir, "three", "abc"));
	CU_ASSERT_EQUAL(sp_file_read(path, 3, &data, &len, &error), SP_OK);
	CU_ASSERT_EQUAL(len, 3);
	CU_ASSERT_STRING_EQUAL((char *) data, "abc");
	CU_ASSERT_PTR_NULL(error);
	free(data);
	/* One byte over the limit. */
	CU_ASSERT_EQUAL(sp_file_read(path, 2, &data, &len, &error), SP_ERR_DATA);
	CU_ASSERT_PTR_NULL(data);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_PTR_NOT_NULL(error);
	if (error)
		CU_ASSERT_PTR_NOT_NULL(strstr(error, "three"));
	free(error);
	/* An empty file is read, as an empty string. */
	snprintf(path, sizeof path, "%s/empty", dir);
	CU_ASSERT_TRUE_FATAL(fixture_write(dir, "empty", ""));
	CU_ASSERT_EQUAL(sp_file_read(path, 10, &data, &len, NULL), SP_OK);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_STRING_EQUAL((char *) data, "");
	free(data);
	/* Missing, a folder, and a FIFO (which must not hang the reader). */
	snprintf(path, sizeof path, "%s/missing", dir);
	CU_ASSERT_EQUAL(sp_file_read(path, 10, &data, &len, NULL), SP_ERR_NOT_FOUND);
	CU_ASSERT_EQUAL(sp_file_read("/nonexistent/x/y", 10, &data, &len, NULL), SP_ERR_NOT_FOUND);
	CU_ASSERT_EQUAL(sp_file_read(dir, 10, &data, &len, &error), SP_ERR_IO);
	free(error);
	snprintf(path, sizeof path, "%s/fifo", dir);
	CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0600), 0);
	CU_ASSERT_EQUAL(sp_file_read(path, 10, &data, &len, NULL), SP_ERR_IO);
	CU_ASSERT_PTR_NULL(data);
	/* Character devices are not files either: /dev/zero would never end. */
	CU_ASSERT_EQUAL(sp_file_read("/dev/zero", 10, &data, &len, NULL), SP_ERR_IO);
}

static void
test_settings_text(void)
{
	struct sp_settings s;
	char *error = NULL, long_line[3000];
	static const char text[] = "idle_timeout = 30\r\n# note\n\ntheme=mono";

	/* CR LF line ends, no final newline. */
	CU_ASSERT_EQUAL(sp_settings_parse(text, sizeof text - 1, "k.conf", &s, &error), SP_OK);
	CU_ASSERT_EQUAL(s.idle_timeout, 30);
	CU_ASSERT_STRING_EQUAL(s.theme, "mono");
	sp_settings_clear(&s);
	memset(long_line, '#', sizeof long_line);
	CU_ASSERT_EQUAL(sp_settings_parse(long_line, sizeof long_line, "k.conf", &s, &error),
	                SP_ERR_USAGE);
	CU_ASSERT_PTR_NOT_NULL(error);
	if (error)
		CU_ASSERT_STRING_EQUAL(error, "k.conf:1: line too long");
	free(error);
	/* A NUL inside a line ends it, never the reading. */
	CU_ASSERT_EQUAL(
	        sp_settings_parse("theme = mono\0junk\nlanguage = pl\n", 32, "k.conf", &s, &error),
	        SP_OK);
	CU_ASSERT_STRING_EQUAL(s.theme, "mono");
	CU_ASSERT_STRING_EQUAL(s.language, "pl");
	sp_settings_clear(&s);
}

static const CU_TestInfo tests[] = {
	{ "signatures hold, and fail on any change", test_signature_checks },
	{ "the built directory is signed with the compiled-in key",
	  test_built_directory_is_signed },
	{ "every kiosk setting is read", test_reads_every_setting },
	{ "bad settings are refused with their line", test_bad_settings_name_the_line },
	{ "a missing settings file is an I/O error", test_missing_file },
	{ "the built-in helplines match the directory", test_fallback_matches_directory },
	{ "the one file reader reads regular files whole, within a limit", test_file_reader },
	{ "settings text: CR LF, no last newline, long lines, NULs", test_settings_text },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_settings(void)
{
	return test_add_suite("settings", setup, teardown, tests);
}

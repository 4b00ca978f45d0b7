#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "admin/keys.h"
#include "core/directory.h"
#include "core/fileio.h"
#include "core/mem.h"

enum sp_status
sp_keys_read_file(const char *path, unsigned char **data, size_t *len, char **error)
{
	/* Nothing larger than the program would open is worth signing or verifying. */
	enum sp_status rc = sp_file_read(path, SP_DB_MAX_BYTES, data, len, error);

	return rc == SP_OK || rc == SP_ERR_NOMEM ? rc : SP_ERR_IO;
}

static enum sp_status
write_text(const char *path, const char *text, mode_t mode, char **error)
{
	char *tmp = sp_asprintf("%s.tmp", path);
	int fd;
	size_t len = strlen(text);

	if (!tmp)
		return SP_ERR_NOMEM;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0 || write(fd, text, len) != (ssize_t) len || fsync(fd) != 0 || close(fd) != 0 ||
	    rename(tmp, path) != 0) {
		*error = sp_asprintf("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		free(tmp);
		return SP_ERR_IO;
	}
	free(tmp);
	return SP_OK;
}

/*
 * minisign's secret key: base64 of "Ed" | kdf ("Sc" scrypt-encrypted, or two zero bytes) | "B2"
 * | salt (32) | opslimit (8, LE) | memlimit (8, LE) | key id (8) | secret key (64) | checksum
 * (32, BLAKE2b-256 of "Ed" | key id | secret key). The last 104 bytes are XORed with scrypt of
 * the password when the kdf is "Sc".
 */
#define SK_HEAD 54
#define SK_KEYNUM 104
#define SK_BYTES (SK_HEAD + SK_KEYNUM)

static void
checksum(const unsigned char *keynum, unsigned char out[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *) "Ed", 2);
	crypto_generichash_update(&st, keynum, SP_KEY_ID_BYTES + SP_SECRET_KEY_BYTES);
	crypto_generichash_final(&st, out, 32);
}

enum sp_status
sp_keys_generate(const char *secret_path, const char *public_path, char **error)
{
	unsigned char pk[SP_PUBLIC_KEY_BYTES], raw[SK_BYTES] = { 'E', 'd', 0, 0, 'B', '2' };
	char b64[sodium_base64_ENCODED_LEN(SK_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	char *text;
	enum sp_status rc;

	if (!sp_trust_init()) {
		*error = sp_strdup("libsodium cannot be initialised");
		return SP_ERR_INTERNAL;
	}
	randombytes_buf(raw + 6, 32);
	randombytes_buf(raw + SK_HEAD, SP_KEY_ID_BYTES);
	crypto_sign_keypair(pk, raw + SK_HEAD + SP_KEY_ID_BYTES);
	checksum(raw + SK_HEAD, raw + SK_HEAD + SP_KEY_ID_BYTES + SP_SECRET_KEY_BYTES);
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
	text = sp_asprintf("untrusted comment: minisign secret key (not encrypted; keep it safe)\n"
	                   "%s\n",
	                   b64);
	rc = text ? write_text(secret_path, text, 0600, error) : SP_ERR_NOMEM;
	if (text)
		sodium_memzero(text, strlen(text));
	free(text);
	sodium_memzero(b64, sizeof b64);
	if (rc == SP_OK && !(text = sp_trust_format_public(pk, raw + SK_HEAD)))
		rc = SP_ERR_NOMEM;
	sodium_memzero(raw, sizeof raw);
	if (rc != SP_OK)
		return rc;
	rc = write_text(public_path, text, 0644, error);
	free(text);
	return rc;
}

/* The password for an encrypted minisign key: one line from the terminal, not echoed, or
 * from standard input when there is no terminal. */
static char *
read_password(const char *path)
{
	char line[1024];
	FILE *in = fopen("/dev/tty", "r+");
	struct termios old, quiet;
	bool restore = false;
	size_t n;

	if (in) {
		fprintf(in, "Password for %s: ", path);
		fflush(in);
		if (tcgetattr(fileno(in), &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t) ECHO;
			restore = tcsetattr(fileno(in), TCSAFLUSH, &quiet) == 0;
		}
	}
	if (!fgets(line, sizeof line, in ? in : stdin))
		line[0] = '\0';
	if (restore) {
		tcsetattr(fileno(in), TCSAFLUSH, &old);
		fputc('\n', in);
	}
	if (in)
		fclose(in);
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return sp_strdup(line);
}

static uint64_t
le64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

enum sp_status
sp_keys_read_secret(const char *path, unsigned char out[SP_SECRET_KEY_BYTES],
                    unsigned char id[SP_KEY_ID_BYTES], char **error)
{
	unsigned char *data, raw[SK_BYTES], chk[32];
	size_t len, got = 0, n;
	const char *line;
	enum sp_status rc = sp_keys_read_file(path, &data, &len, error);
	bool ok = false;

	if (rc != SP_OK)
		return rc;
	/* Skip the untrusted comment; the base64 line follows. */
	line = (const char *) data;
	if (strncmp(line, "untrusted comment:", 18) == 0)
		line += strcspn(line, "\n") + (line[strcspn(line, "\n")] ? 1 : 0);
	n = strcspn(line, "\r\n");
	if (sodium_base642bin(raw, sizeof raw, line, n, NULL, &got, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) == 0 &&
	    got == SK_BYTES && memcmp(raw, "Ed", 2) == 0 && memcmp(raw + 4, "B2", 2) == 0)
		ok = true;
	sodium_memzero(data, len);
	free(data);
	if (!ok) {
		*error = sp_asprintf("%s: not a minisign secret key (signpost-admin keygen or "
		                     "minisign -G makes one)",
		                     path);
		return SP_ERR_DATA;
	}
	if (memcmp(raw + 2, "Sc", 2) == 0) {
		unsigned char stream[SK_KEYNUM];
		char *password = read_password(path);

		if (!password || crypto_pwhash_scryptsalsa208sha256(
		                         stream, sizeof stream, password, strlen(password), raw + 6,
		                         le64(raw + 38), (size_t) le64(raw + 46)) != 0) {
			free(password);
			sodium_memzero(raw, sizeof raw);
			*error = sp_asprintf("%s: cannot derive the key from the password", path);
			return SP_ERR_DATA;
		}
		sodium_memzero(password, strlen(password));
		free(password);
		for (size_t i = 0; i < SK_KEYNUM; i++)
			raw[SK_HEAD + i] ^= stream[i];
		sodium_memzero(stream, sizeof stream);
	} else if (raw[2] || raw[3]) {
		sodium_memzero(raw, sizeof raw);
		*error = sp_asprintf("%s: unknown key encryption", path);
		return SP_ERR_DATA;
	}
	checksum(raw + SK_HEAD, chk);
	/* minisign -W leaves an unencrypted key's checksum zero. */
	if (!(raw[2] || raw[3]) &&
	    sodium_is_zero(raw + SK_HEAD + SP_KEY_ID_BYTES + SP_SECRET_KEY_BYTES, 32))
		memcpy(chk, raw + SK_HEAD + SP_KEY_ID_BYTES + SP_SECRET_KEY_BYTES, 32);
	if (sodium_memcmp(chk, raw + SK_HEAD + SP_KEY_ID_BYTES + SP_SECRET_KEY_BYTES, 32) != 0) {
		sodium_memzero(raw, sizeof raw);
		*error = sp_asprintf("%s: wrong password, or the key file is damaged", path);
		return SP_ERR_DATA;
	}
	memcpy(id, raw + SK_HEAD, SP_KEY_ID_BYTES);
	memcpy(out, raw + SK_HEAD + SP_KEY_ID_BYTES, SP_SECRET_KEY_BYTES);
	sodium_memzero(raw, sizeof raw);
	return SP_OK;
}

enum sp_status
sp_keys_read_public(const char *path, unsigned char out[SP_PUBLIC_KEY_BYTES],
                    unsigned char id[SP_KEY_ID_BYTES], char **error)
{
	unsigned char *data;
	size_t len;
	enum sp_status rc = sp_keys_read_file(path, &data, &len, error);
	bool ok;

	if (rc != SP_OK)
		return rc;
	ok = sp_trust_parse_public((const char *) data, out, id);
	free(data);
	if (!ok) {
		*error = sp_asprintf("%s: not a minisign public key", path);
		return SP_ERR_DATA;
	}
	return SP_OK;
}

enum sp_status
sp_keys_sign_file(const unsigned char secret[SP_SECRET_KEY_BYTES],
                  const unsigned char id[SP_KEY_ID_BYTES], const char *path,
                  const char *trusted_comment, char **error)
{
	unsigned char *data;
	size_t len;
	char *sig, *sig_path;
	enum sp_status rc = sp_keys_read_file(path, &data, &len, error);

	if (rc != SP_OK)
		return rc;
	sig = sp_trust_sign(secret, id, data, len, trusted_comment);
	free(data);
	if (!sig) {
		*error = sp_strdup("signing failed");
		return SP_ERR_INTERNAL;
	}
	if (!(sig_path = sp_asprintf("%s" SP_SIGNATURE_SUFFIX, path))) {
		free(sig);
		return SP_ERR_NOMEM;
	}
	rc = write_text(sig_path, sig, 0644, error);
	free(sig);
	free(sig_path);
	return rc;
}

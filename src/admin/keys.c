#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

enum sp_status
sp_keys_generate(const char *secret_path, const char *public_path, char **error)
{
	unsigned char pk[SP_PUBLIC_KEY_BYTES], sk[SP_SECRET_KEY_BYTES];
	char sk_hex[2 * SP_SECRET_KEY_BYTES + 1], pk_hex[2 * SP_PUBLIC_KEY_BYTES + 1];
	char line[sizeof sk_hex + 32];
	enum sp_status rc;

	if (!sp_trust_init()) {
		*error = sp_strdup("libsodium cannot be initialised");
		return SP_ERR_INTERNAL;
	}
	crypto_sign_keypair(pk, sk);
	sp_hex_encode(sk, sizeof sk, sk_hex);
	sp_hex_encode(pk, sizeof pk, pk_hex);
	snprintf(line, sizeof line, "ed25519-secret %s\n", sk_hex);
	rc = write_text(secret_path, line, 0600, error);
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(sk_hex, sizeof sk_hex);
	sodium_memzero(line, sizeof line);
	if (rc != SP_OK)
		return rc;
	snprintf(line, sizeof line, "ed25519-public %s\n", pk_hex);
	return write_text(public_path, line, 0644, error);
}

static enum sp_status
read_key(const char *path, const char *prefix, unsigned char *out, size_t out_len, char **error)
{
	unsigned char *data;
	size_t len, plen = strlen(prefix), hex_len;
	enum sp_status rc = sp_keys_read_file(path, &data, &len, error);
	bool ok;

	if (rc != SP_OK)
		return rc;
	hex_len = len > plen ? strcspn((char *) data + plen, "\n") : 0;
	ok = len > plen && strncmp((char *) data, prefix, plen) == 0 &&
	     sp_hex_decode((char *) data + plen, hex_len, out, out_len);
	sodium_memzero(data, len);
	free(data);
	if (!ok) {
		*error = sp_asprintf("%s: not a key file (expected a line \"%s<hex>\")", path,
		                     prefix);
		return SP_ERR_DATA;
	}
	return SP_OK;
}

enum sp_status
sp_keys_read_secret(const char *path, unsigned char out[SP_SECRET_KEY_BYTES], char **error)
{
	return read_key(path, "ed25519-secret ", out, SP_SECRET_KEY_BYTES, error);
}

enum sp_status
sp_keys_read_public(const char *path, unsigned char out[SP_PUBLIC_KEY_BYTES], char **error)
{
	return read_key(path, "ed25519-public ", out, SP_PUBLIC_KEY_BYTES, error);
}

enum sp_status
sp_keys_sign_file(const unsigned char secret[SP_SECRET_KEY_BYTES], const char *path, char **error)
{
	unsigned char *data;
	size_t len;
	char *sig, *sig_path;
	enum sp_status rc = sp_keys_read_file(path, &data, &len, error);

	if (rc != SP_OK)
		return rc;
	sig = sp_trust_sign(secret, data, len);
	free(data);
	if (!sig) {
		*error = sp_strdup("signing failed");
		return SP_ERR_INTERNAL;
	}
	if (!(sig_path = sp_asprintf("%s.sig", path))) {
		free(sig);
		return SP_ERR_NOMEM;
	}
	rc = write_text(sig_path, sig, 0644, error);
	free(sig);
	free(sig_path);
	return rc;
}

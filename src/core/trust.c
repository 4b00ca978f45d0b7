#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "mem.h"
#include "trust.h"

bool
sp_trust_init(void)
{
	return sodium_init() >= 0;
}

bool
sp_hex_decode(const char *hex, size_t hex_len, unsigned char *out, size_t out_len)
{
	size_t got = 0;

	return hex_len == 2 * out_len &&
	       sodium_hex2bin(out, out_len, hex, hex_len, NULL, &got, NULL) == 0 && got == out_len;
}

void
sp_hex_encode(const unsigned char *data, size_t len, char *out)
{
	sodium_bin2hex(out, 2 * len + 1, data, len);
}

enum sp_status
sp_trust_verify(const struct sp_trust *trust, const unsigned char *data, size_t len,
                const char *sig_text)
{
	unsigned char key[SP_PUBLIC_KEY_BYTES], sig[SP_SIGNATURE_BYTES];
	const char *p;
	size_t n;
	bool trusted = false;

	if (!sig_text || !*sig_text)
		return SP_ERR_DB_UNSIGNED;
	if (!sp_trust_init())
		return SP_ERR_INTERNAL;
	/* "ed25519 <64 hex> <128 hex>" and an optional newline, nothing else. */
	if (strncmp(sig_text, "ed25519 ", 8) != 0)
		return SP_ERR_DB_TAMPERED;
	p = sig_text + 8;
	n = strcspn(p, " ");
	if (!sp_hex_decode(p, n, key, sizeof key) || p[n] != ' ')
		return SP_ERR_DB_TAMPERED;
	p += n + 1;
	n = strcspn(p, "\n");
	if (!sp_hex_decode(p, n, sig, sizeof sig) || (p[n] && strcmp(p + n, "\n") != 0))
		return SP_ERR_DB_TAMPERED;
	for (size_t i = 0; i < trust->nkeys; i++)
		if (sodium_memcmp(trust->keys[i], key, sizeof key) == 0)
			trusted = true;
	if (!trusted)
		return SP_ERR_DB_TAMPERED;
	if (crypto_sign_verify_detached(sig, data, len, key) != 0)
		return SP_ERR_DB_TAMPERED;
	return SP_OK;
}

char *
sp_trust_sign(const unsigned char secret[SP_SECRET_KEY_BYTES], const unsigned char *data,
              size_t len)
{
	unsigned char sig[SP_SIGNATURE_BYTES], pk[SP_PUBLIC_KEY_BYTES];
	char sig_hex[2 * SP_SIGNATURE_BYTES + 1], pk_hex[2 * SP_PUBLIC_KEY_BYTES + 1];

	if (!sp_trust_init() || crypto_sign_detached(sig, NULL, data, len, secret) != 0 ||
	    crypto_sign_ed25519_sk_to_pk(pk, secret) != 0)
		return NULL;
	sp_hex_encode(sig, sizeof sig, sig_hex);
	sp_hex_encode(pk, sizeof pk, pk_hex);
	return sp_asprintf("ed25519 %s %s\n", pk_hex, sig_hex);
}

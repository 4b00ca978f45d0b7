#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "mem.h"
#include "trust.h"

#define B64 sodium_base64_VARIANT_ORIGINAL
#define UNTRUSTED "untrusted comment: "
#define TRUSTED "trusted comment: "
#define COMMENT_MAX 1024

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

/* Decodes exactly out_len bytes of base64 from the n characters at text. The alphabet is
 * checked first: libsodium 1.0.18 decodes some bytes above 0x7F as if they were '/'. */
static bool
b64_decode(const char *text, size_t n, unsigned char *out, size_t out_len)
{
	static const char alphabet[] =
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
	size_t got = 0;
	const char *end = NULL;

	for (size_t i = 0; i < n; i++)
		if (!text[i] || !strchr(alphabet, text[i]))
			return false;
	return sodium_base642bin(out, out_len, text, n, NULL, &got, &end, B64) == 0 &&
	       got == out_len && end == text + n;
}

/* The next line of *p (without its newline) as [*line, *line + *n); false at the end. */
static bool
next_line(const char **p, const char **line, size_t *n)
{
	if (!**p)
		return false;
	*line = *p;
	*n = strcspn(*p, "\n");
	*p += *n;
	if (**p == '\n')
		(*p)++;
	if (*n && (*line)[*n - 1] == '\r')
		(*n)--;
	return true;
}

/* minisign prints a key id as the little-endian 64-bit number in upper-case hex. */
static void
key_id_text(const unsigned char id[SP_KEY_ID_BYTES], char out[2 * SP_KEY_ID_BYTES + 1])
{
	for (int i = 0; i < SP_KEY_ID_BYTES; i++)
		snprintf(out + 2 * i, 3, "%02X", id[SP_KEY_ID_BYTES - 1 - i]);
}

/* The value of "name:value" in a trusted comment, up to the next space, into out. */
static void
comment_field(const char *comment, size_t n, const char *name, char *out, size_t out_size)
{
	size_t nl = strlen(name);

	out[0] = '\0';
	for (size_t i = 0; i + nl <= n; i++) {
		if ((i == 0 || comment[i - 1] == ' ') && strncmp(comment + i, name, nl) == 0) {
			size_t v = i + nl, e = v;

			while (e < n && comment[e] != ' ')
				e++;
			if (e - v < out_size) {
				memcpy(out, comment + v, e - v);
				out[e - v] = '\0';
			}
			return;
		}
	}
}

/* The file's signature is checked when data is not NULL; the trusted comment always. */
static enum sp_status
verify(const struct sp_trust *trust, const unsigned char *data, size_t len, const char *sig_text,
       struct sp_signed *info)
{
	/* "Ed"/"ED" | key id | signature */
	unsigned char sig[2 + SP_KEY_ID_BYTES + SP_SIGNATURE_BYTES], global[SP_SIGNATURE_BYTES];
	unsigned char hash[crypto_generichash_BYTES_MAX], *signed_comment;
	const unsigned char *message = data, *key = NULL;
	unsigned long long message_len = len;
	const char *p = sig_text, *line, *comment;
	size_t n, comment_len;
	bool ok;

	if (!sig_text || !*sig_text)
		return SP_ERR_DB_UNSIGNED;
	if (!sp_trust_init())
		return SP_ERR_INTERNAL;
	/* Four lines: untrusted comment, signature, trusted comment, global signature. */
	if (!next_line(&p, &line, &n) || n < strlen(UNTRUSTED) ||
	    strncmp(line, UNTRUSTED, strlen(UNTRUSTED)) != 0)
		return SP_ERR_DB_TAMPERED;
	if (!next_line(&p, &line, &n) || !b64_decode(line, n, sig, sizeof sig))
		return SP_ERR_DB_TAMPERED;
	if (!next_line(&p, &comment, &comment_len) || comment_len < strlen(TRUSTED) ||
	    strncmp(comment, TRUSTED, strlen(TRUSTED)) != 0)
		return SP_ERR_DB_TAMPERED;
	comment += strlen(TRUSTED);
	comment_len -= strlen(TRUSTED);
	if (comment_len > COMMENT_MAX)
		return SP_ERR_DB_TAMPERED;
	if (!next_line(&p, &line, &n) || !b64_decode(line, n, global, sizeof global))
		return SP_ERR_DB_TAMPERED;
	while (*p == '\n' || *p == '\r')
		p++;
	if (*p)
		return SP_ERR_DB_TAMPERED;
	if (sig[0] == 'E' && sig[1] == 'D') {
		if (data)
			crypto_generichash(hash, sizeof hash, data, len, NULL, 0);
		message = hash;
		message_len = sizeof hash;
	} else if (!(sig[0] == 'E' && sig[1] == 'd') || !data)
		return SP_ERR_DB_TAMPERED; /* only a prehashed signature can have a manifest */
	/* The global signature covers the signature and the trusted comment's text. */
	if (!(signed_comment = sp_malloc(SP_SIGNATURE_BYTES + comment_len + 1)))
		return SP_ERR_NOMEM;
	memcpy(signed_comment, sig + 2 + SP_KEY_ID_BYTES, SP_SIGNATURE_BYTES);
	memcpy(signed_comment + SP_SIGNATURE_BYTES, comment, comment_len);
	for (size_t i = 0; i < trust->nkeys && !key; i++) {
		ok = crypto_sign_verify_detached(global, signed_comment,
		                                 SP_SIGNATURE_BYTES + comment_len,
		                                 trust->keys[i]) == 0;
		if (ok && data)
			ok = crypto_sign_verify_detached(sig + 2 + SP_KEY_ID_BYTES, message,
			                                 message_len, trust->keys[i]) == 0;
		if (ok)
			key = trust->keys[i];
	}
	free(signed_comment);
	if (!key)
		return SP_ERR_DB_TAMPERED;
	if (info) {
		key_id_text(sig + 2, info->key_id);
		comment_field(comment, comment_len, "version:", info->version,
		              sizeof info->version);
		comment_field(comment, comment_len, "valid-until:", info->valid_until,
		              sizeof info->valid_until);
		comment_field(comment, comment_len, "pages:", info->pages, sizeof info->pages);
	}
	return SP_OK;
}

enum sp_status
sp_trust_verify_info(const struct sp_trust *trust, const unsigned char *data, size_t len,
                     const char *sig_text, struct sp_signed *info)
{
	static const unsigned char empty[1];

	return verify(trust, data ? data : empty, len, sig_text, info);
}

enum sp_status
sp_trust_verify_comment(const struct sp_trust *trust, const char *sig_text, struct sp_signed *info)
{
	struct sp_signed got;
	enum sp_status rc = verify(trust, NULL, 0, sig_text, &got);

	if (rc == SP_OK && info)
		*info = got;
	return rc;
}

enum sp_status
sp_trust_verify(const struct sp_trust *trust, const unsigned char *data, size_t len,
                const char *sig_text)
{
	return sp_trust_verify_info(trust, data, len, sig_text, NULL);
}

bool
sp_trust_expired(const struct sp_signed *info, long long now)
{
	char today[11];
	time_t t = (time_t) now;
	struct tm tm;

	if (!info->valid_until[0] || !gmtime_r(&t, &tm))
		return false;
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	return strcmp(info->valid_until, today) < 0;
}

bool
sp_trust_parse_public(const char *text, unsigned char pk[SP_PUBLIC_KEY_BYTES],
                      unsigned char id[SP_KEY_ID_BYTES])
{
	unsigned char raw[2 + SP_KEY_ID_BYTES + SP_PUBLIC_KEY_BYTES];
	const char *p = text, *line;
	size_t n;

	/* signpost's earlier form, with or without its prefix: the key in hex. */
	if (strncmp(text, "ed25519-public ", 15) == 0)
		text += 15;
	if (strcspn(text, "\r\n") == 2 * SP_PUBLIC_KEY_BYTES &&
	    sp_hex_decode(text, 2 * SP_PUBLIC_KEY_BYTES, pk, SP_PUBLIC_KEY_BYTES)) {
		memset(id, 0, SP_KEY_ID_BYTES);
		return true;
	}
	p = text;
	while (next_line(&p, &line, &n)) {
		if (n >= strlen(UNTRUSTED) && strncmp(line, UNTRUSTED, strlen(UNTRUSTED)) == 0)
			continue;
		if (!b64_decode(line, n, raw, sizeof raw) || raw[0] != 'E' || raw[1] != 'd')
			return false;
		memcpy(id, raw + 2, SP_KEY_ID_BYTES);
		memcpy(pk, raw + 2 + SP_KEY_ID_BYTES, SP_PUBLIC_KEY_BYTES);
		return true;
	}
	return false;
}

char *
sp_trust_format_public(const unsigned char pk[SP_PUBLIC_KEY_BYTES],
                       const unsigned char id[SP_KEY_ID_BYTES])
{
	unsigned char raw[2 + SP_KEY_ID_BYTES + SP_PUBLIC_KEY_BYTES] = { 'E', 'd' };
	char b64[sodium_base64_ENCODED_LEN(sizeof raw, B64)], id_text[2 * SP_KEY_ID_BYTES + 1];

	memcpy(raw + 2, id, SP_KEY_ID_BYTES);
	memcpy(raw + 2 + SP_KEY_ID_BYTES, pk, SP_PUBLIC_KEY_BYTES);
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, B64);
	key_id_text(id, id_text);
	return sp_asprintf(UNTRUSTED "minisign public key %s\n%s\n", id_text, b64);
}

char *
sp_trust_sign(const unsigned char secret[SP_SECRET_KEY_BYTES],
              const unsigned char id[SP_KEY_ID_BYTES], const unsigned char *data, size_t len,
              const char *trusted_comment)
{
	unsigned char sig[2 + SP_KEY_ID_BYTES + SP_SIGNATURE_BYTES] = { 'E', 'D' };
	unsigned char hash[crypto_generichash_BYTES_MAX], global[SP_SIGNATURE_BYTES], *both;
	char sig_b64[sodium_base64_ENCODED_LEN(sizeof sig, B64)];
	char global_b64[sodium_base64_ENCODED_LEN(sizeof global, B64)];
	char id_text[2 * SP_KEY_ID_BYTES + 1];
	size_t clen = strlen(trusted_comment);

	if (!sp_trust_init() || strchr(trusted_comment, '\n') || clen > COMMENT_MAX)
		return NULL;
	crypto_generichash(hash, sizeof hash, data, len, NULL, 0);
	memcpy(sig + 2, id, SP_KEY_ID_BYTES);
	if (crypto_sign_detached(sig + 2 + SP_KEY_ID_BYTES, NULL, hash, sizeof hash, secret) != 0)
		return NULL;
	if (!(both = sp_malloc(SP_SIGNATURE_BYTES + clen + 1)))
		return NULL;
	memcpy(both, sig + 2 + SP_KEY_ID_BYTES, SP_SIGNATURE_BYTES);
	memcpy(both + SP_SIGNATURE_BYTES, trusted_comment, clen);
	if (crypto_sign_detached(global, NULL, both, SP_SIGNATURE_BYTES + clen, secret) != 0) {
		free(both);
		return NULL;
	}
	free(both);
	sodium_bin2base64(sig_b64, sizeof sig_b64, sig, sizeof sig, B64);
	sodium_bin2base64(global_b64, sizeof global_b64, global, sizeof global, B64);
	key_id_text(id, id_text);
	return sp_asprintf(UNTRUSTED "signature from signpost-admin secret key %s\n%s\n" TRUSTED
	                             "%s\n%s\n",
	                   id_text, sig_b64, trusted_comment, global_b64);
}

/*
 * Signature files -> verdict: only the genuine signature of the genuine bytes passes.
 *
 * The target signs real bytes with a fixed test key (sp_trust_sign, as signpost-admin does)
 * and trusts that key besides the build's, so a seed of that genuine .sig line takes
 * mutations all the way to the key and signature comparisons (a .minisig text: its untrusted
 * comment and key id are not signed, so other ones pass too; is_genuine() allows for that). Run with FUZZ_PRINT_SEED set,
 * it prints the genuine line and exits: tests/fuzz/test-fuzz.sh and make fuzz seed with it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/trust.h"
#include "fuzz.h"

/* Bytes like a directory's: a header, then text with helpline numbers. */
static unsigned char signed_data[4096];
static unsigned char keys[2][SP_PUBLIC_KEY_BYTES];
static struct sp_trust trust;
static char *genuine;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsigned char seed[crypto_sign_SEEDBYTES] = "signpost fuzz_signature test key";
	const unsigned char id[SP_KEY_ID_BYTES] = "fuzz-key";
	unsigned char secret[SP_SECRET_KEY_BYTES];

	(void) argc;
	(void) argv;
	if (!sp_trust_init())
		abort();
	memcpy(signed_data, "SQLite format 3", 16);
	for (size_t i = 16; i < sizeof signed_data; i++)
		signed_data[i] = (unsigned char) "National Domestic Abuse Helpline 0808 2000 247\n"[i % 47];
	if (crypto_sign_seed_keypair(keys[0], secret, seed) != 0 ||
	    !(genuine = sp_trust_sign(secret, id, signed_data, sizeof signed_data,
	                              "signpost-directory version:1 valid-until:2027-01-01")))
		abort();
	sodium_memzero(secret, sizeof secret);
	/* The build's key too, as the program trusts it (a different key: never a match here). */
	if (sp_builtin_key_count)
		memcpy(keys[1], sp_builtin_keys[0], sizeof keys[1]);
	trust = (struct sp_trust){ .keys = (const unsigned char (*)[SP_PUBLIC_KEY_BYTES]) keys,
		                   .nkeys = sp_builtin_key_count ? 2 : 1 };
	if (sp_trust_verify(&trust, signed_data, sizeof signed_data, genuine) != SP_OK)
		abort();
	if (getenv("FUZZ_PRINT_SEED")) {
		fputs(genuine, stdout);
		exit(0);
	}
	return 0;
}

/* Line i (0-based) of text without CRs, into out; false when there is none. */
static int
line_of(const char *text, int i, char *out, size_t out_size)
{
	size_t n = 0;

	for (; i > 0; i--) {
		if (!(text = strchr(text, '\n')))
			return 0;
		text++;
	}
	for (; *text && *text != '\n'; text++)
		if (*text != '\r') {
			if (n + 1 >= out_size)
				return 0;
			out[n++] = *text;
		}
	out[n] = '\0';
	return 1;
}

/*
 * The genuine signature but for what minisign does not sign either: the untrusted comment (first
 * line) and the key id inside the signature line (a key is trusted by its public half; the id
 * is only reported), and CRs and trailing newlines.
 */
static int
is_genuine(const char *text)
{
	char a[1200], b[1200];
	unsigned char x[74], y[74];
	size_t nx = 0, ny = 0;

	if (!line_of(text, 1, a, sizeof a) || !line_of(genuine, 1, b, sizeof b) ||
	    sodium_base642bin(x, sizeof x, a, strlen(a), NULL, &nx, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    sodium_base642bin(y, sizeof y, b, strlen(b), NULL, &ny, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    nx != sizeof x || ny != sizeof y || memcmp(x, y, 2) != 0 ||
	    memcmp(x + 10, y + 10, 64) != 0)
		return 0;
	for (int i = 2; i < 4; i++)
		if (!line_of(text, i, a, sizeof a) || !line_of(genuine, i, b, sizeof b) ||
		    strcmp(a, b) != 0)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);

	if (!text)
		return 0;
	if (sp_trust_verify(&trust, signed_data, sizeof signed_data, text) == SP_OK &&
	    !is_genuine(text))
		abort();
	free(text);
	return 0;
}

/*
 * Signature files -> verdict: only the genuine signature of the genuine bytes passes.
 *
 * The target signs real bytes with a fixed test key (sp_trust_sign, as signpost-admin does)
 * and trusts that key besides the build's, so a seed of that genuine .sig line takes
 * mutations all the way to the key and signature comparisons. Run with FUZZ_PRINT_SEED set,
 * it prints the genuine line and exits: tests/fuzz/test-fuzz.sh and make fuzz seed with it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

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
	unsigned char secret[SP_SECRET_KEY_BYTES];

	(void) argc;
	(void) argv;
	if (!sp_trust_init())
		abort();
	memcpy(signed_data, "SQLite format 3", 16);
	for (size_t i = 16; i < sizeof signed_data; i++)
		signed_data[i] = (unsigned char) "National Domestic Abuse Helpline 0808 2000 247\n"[i % 47];
	if (crypto_sign_seed_keypair(keys[0], secret, seed) != 0 ||
	    !(genuine = sp_trust_sign(secret, signed_data, sizeof signed_data)))
		abort();
	sodium_memzero(secret, sizeof secret);
	/* The build's key too, as the program trusts it (a different key: never a match here). */
	if (sp_builtin_key_count)
		memcpy(keys[1], sp_builtin_keys[0], sizeof keys[1]);
	trust = (struct sp_trust){ (const unsigned char (*)[SP_PUBLIC_KEY_BYTES]) keys,
		sp_builtin_key_count ? 2 : 1, false };
	if (sp_trust_verify(&trust, signed_data, sizeof signed_data, genuine) != SP_OK)
		abort();
	if (getenv("FUZZ_PRINT_SEED")) {
		fputs(genuine, stdout);
		exit(0);
	}
	return 0;
}

/* The genuine line, but for the case of its hex digits and its final newline. */
static int
is_genuine(const char *text)
{
	size_t n = strlen(text), g = strlen(genuine);

	if (n && text[n - 1] == '\n')
		n--;
	if (g && genuine[g - 1] == '\n')
		g--;
	return n == g && strncasecmp(text, genuine, n) == 0;
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

/* Signature files -> verdict: only the genuine signature of the genuine bytes passes. */
#include "config.h"

#include <stdlib.h>

#include "core/trust.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char signed_data[] = "0808 2000 247";
	struct sp_trust trust = { sp_builtin_keys, sp_builtin_key_count, false };
	char *text = fuzz_string(data, size);

	if (!text)
		return 0;
	/* No fuzzed text can be a valid signature of these bytes by the build's key. */
	if (sp_trust_verify(&trust, signed_data, sizeof signed_data, text) == SP_OK)
		abort();
	free(text);
	return 0;
}

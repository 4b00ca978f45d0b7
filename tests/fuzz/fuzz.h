#ifndef SIGNPOST_FUZZ_H
#define SIGNPOST_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Fuzz targets in libFuzzer's form: each file defines LLVMFuzzerTestOneInput (and may define
 * LLVMFuzzerInitialize). `make fuzz` links them with clang's libFuzzer; `make check` runs them
 * under tests/fuzz/driver.c, a small deterministic mutator, for a few seconds each.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (embedded NULs end it early); free() it. */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#endif

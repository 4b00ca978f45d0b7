#ifndef SIGNPOST_PHONE_H
#define SIGNPOST_PHONE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * UK telephone numbers as the directory stores them: digits in groups separated by single
 * spaces ("0808 2000 247"), national format, no punctuation. Returns NULL when the number is
 * valid, else a static English reason for the data officer.
 */
const char *sp_phone_check_uk(const char *number);

/* A number is charged at a premium or "non-geographic" rate that the 2010s withdrew from
 * public services (0845, 0870, 0871, 0844, 09…): never acceptable on an active service. */
bool sp_phone_is_withdrawn_rate(const char *number);

/* The digits alone, for comparing numbers grouped differently; false if they do not fit. */
bool sp_phone_digits(const char *number, char *out, size_t cap);

#endif

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

/*
 * Where a number sits in the UK numbering plan (Ofcom's National Telephone Numbering Plan):
 * what a caller pays and whether it can be a public helpline.
 */
enum sp_phone_kind {
	SP_PHONE_INVALID,     /* not a UK number at all (sp_phone_check_uk says why) */
	SP_PHONE_SHORT,       /* 999, 112, 101, 111, 105, and Childline's 0800 1111 */
	SP_PHONE_HARMONISED,  /* 116 xxx: European helplines of social value, free */
	SP_PHONE_GEOGRAPHIC,  /* 01, 02 with an area code that exists */
	SP_PHONE_BAD_AREA,    /* 01, 02 shaped, but no such area code */
	SP_PHONE_NON_GEO_03,  /* 03: charged as a geographic call */
	SP_PHONE_FREEPHONE,   /* 0800, 0808 */
	SP_PHONE_MOBILE,      /* 071-075, 077-079 */
	SP_PHONE_PERSONAL,    /* 070: personal numbering, costly and a known scam route */
	SP_PHONE_PAGER,       /* 076: pagers */
	SP_PHONE_SPECIAL_084, /* 084: service charge on top of the access charge */
	SP_PHONE_SPECIAL_087, /* 087: likewise, higher */
	SP_PHONE_PREMIUM,     /* 09: premium rate */
	SP_PHONE_CORPORATE,   /* 055, 056 */
	SP_PHONE_OTHER        /* other 08 ranges (0500 ended in 2017, 082, 089 ...) */
};

enum sp_phone_kind sp_phone_kind(const char *number);

/* The reason a number cannot be a public line of an active service (costs the caller money or
 * is not what it seems), or NULL if it can. */
const char *sp_phone_refused_reason(const char *number);

/* The digits alone, for comparing numbers grouped differently; false if they do not fit. */
bool sp_phone_digits(const char *number, char *out, size_t cap);

#endif

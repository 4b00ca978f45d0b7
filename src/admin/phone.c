#include "config.h"

#include <string.h>

#include "admin/phone.h"

bool
sp_phone_digits(const char *number, char *out, size_t cap)
{
	size_t n = 0;

	for (const char *p = number; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || n + 1 >= cap)
			return false;
		out[n++] = *p;
	}
	out[n] = '\0';
	return n > 0;
}

/*
 * The shape of the geographic codes in the numbering plan: 02 is 020, 023, 024, 028, 029
 * only; 011x is 0113-0118; 01x1 exists only as 0121, 0131, 0141, 0151, 0161 and 0191 (0171
 * and 0181, London's codes until 1990s, are gone); 010 is unused. Four- and five-digit 01
 * codes (01223, 01480, 01733, 013873 ...) are accepted as a class.
 */
static bool
area_code_exists(const char *d)
{
	if (d[1] == '2')
		return d[2] == '0' || d[2] == '3' || d[2] == '4' || d[2] == '8' || d[2] == '9';
	if (d[2] == '0')
		return false;
	if (d[2] == '1')
		return d[3] >= '3' && d[3] <= '8';
	if (d[3] == '1')
		return strchr("234569", d[2]) != NULL;
	return true;
}

const char *
sp_phone_check_uk(const char *number)
{
	static const char *const short_codes[] = { "999", "112", "101", "111", "105", NULL };
	char d[32];
	size_t n;

	if (!*number)
		return "empty";
	for (const char *p = number; *p; p++) {
		if (*p == ' ') {
			if (p == number || p[1] == '\0' || p[1] == ' ')
				return "spaces only between digit groups, one at a time";
		} else if (*p < '0' || *p > '9') {
			return "only digits and spaces (national format, no +44 or punctuation)";
		}
	}
	if (!sp_phone_digits(number, d, sizeof d))
		return "too long";
	n = strlen(d);
	for (size_t i = 0; short_codes[i]; i++)
		if (strcmp(d, short_codes[i]) == 0)
			return NULL;
	if (n == 6 && strncmp(d, "116", 3) == 0) /* harmonised European helplines: 116 123 */
		return NULL;
	if (d[0] != '0')
		return "a UK number starts with 0 (or is 999, 112, 101, 111, 105, 116xxx)";
	if (strcmp(d, "08001111") == 0) /* Childline's own short freephone number */
		return NULL;
	switch (d[1]) {
	case '1':
	case '2':
		if (!area_code_exists(d))
			return "no such geographic area code";
		break;
	case '3':
	case '7':
	case '8':
	case '9': break;
	case '5':
		if (d[2] == '5' || d[2] == '6')
			break;
		return "05 numbers other than 055/056 are not in use";
	default: return "no UK number starts with this prefix";
	}
	if (n == 11)
		return NULL;
	/* A few geographic areas and 0800 keep ten-digit numbers. */
	if (n == 10 && (d[1] == '1' || strncmp(d, "0800", 4) == 0))
		return NULL;
	return "a UK number has 11 digits (10 for some 01 and 0800 numbers)";
}

bool
sp_phone_is_withdrawn_rate(const char *number)
{
	static const char *const prefixes[] = { "0843", "0844", "0845", "0870", "0871",
		                                "0872", "0873", "09",   NULL };
	char d[32];

	if (!sp_phone_digits(number, d, sizeof d))
		return false;
	for (size_t i = 0; prefixes[i]; i++)
		if (strncmp(d, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

enum sp_phone_kind
sp_phone_kind(const char *number)
{
	char d[32];

	if (sp_phone_check_uk(number)) {
		/* Say which part is wrong when the shape is right but the area is not. */
		if (sp_phone_digits(number, d, sizeof d) && d[0] == '0' &&
		    (d[1] == '1' || d[1] == '2') && (strlen(d) == 10 || strlen(d) == 11) &&
		    !area_code_exists(d))
			return SP_PHONE_BAD_AREA;
		return SP_PHONE_INVALID;
	}
	sp_phone_digits(number, d, sizeof d);
	if (d[0] != '0' || strcmp(d, "08001111") == 0)
		return strncmp(d, "116", 3) == 0 && strlen(d) == 6 ? SP_PHONE_HARMONISED :
		                                                     SP_PHONE_SHORT;
	switch (d[1]) {
	case '1':
	case '2': return SP_PHONE_GEOGRAPHIC;
	case '3': return SP_PHONE_NON_GEO_03;
	case '5': return SP_PHONE_CORPORATE;
	case '7':
		return d[2] == '0' ? SP_PHONE_PERSONAL :
		       d[2] == '6' ? SP_PHONE_PAGER :
		                     SP_PHONE_MOBILE;
	case '8':
		if (strncmp(d, "0800", 4) == 0 || strncmp(d, "0808", 4) == 0)
			return SP_PHONE_FREEPHONE;
		if (d[2] == '4')
			return SP_PHONE_SPECIAL_084;
		if (d[2] == '7')
			return SP_PHONE_SPECIAL_087;
		return SP_PHONE_OTHER;
	case '9': return SP_PHONE_PREMIUM;
	}
	return SP_PHONE_INVALID;
}

const char *
sp_phone_refused_reason(const char *number)
{
	switch (sp_phone_kind(number)) {
	case SP_PHONE_INVALID: return "not a valid UK number";
	case SP_PHONE_BAD_AREA: return "a geographic number whose area code does not exist";
	case SP_PHONE_PERSONAL: return "a 070 personal number (costly, and not what it seems)";
	case SP_PHONE_PAGER: return "a 076 pager number";
	case SP_PHONE_SPECIAL_084: return "an 084 number (charged on top of the call)";
	case SP_PHONE_SPECIAL_087: return "an 087 number (charged on top of the call)";
	case SP_PHONE_PREMIUM: return "a 09 premium-rate number";
	case SP_PHONE_OTHER:
		return "an 08 number that is neither freephone (0800, 0808) nor in use for "
		       "helplines";
	default: return NULL;
	}
}

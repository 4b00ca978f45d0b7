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
	case '1': case '2': case '3': case '7': case '8': case '9':
		break;
	case '5':
		if (d[2] == '5' || d[2] == '6')
			break;
		return "05 numbers other than 055/056 are not in use";
	default:
		return "no UK number starts with this prefix";
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
	static const char *const prefixes[] = { "0843", "0844", "0845", "0870", "0871", "0872",
		"0873", "09", NULL };
	char d[32];

	if (!sp_phone_digits(number, d, sizeof d))
		return false;
	for (size_t i = 0; prefixes[i]; i++)
		if (strncmp(d, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

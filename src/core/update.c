#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "update.h"

/* Compares the runs of digits at *a and *b as numbers (leading zeros aside) and moves past
 * them. */
static int
number_cmp(const char **a, const char **b)
{
	const char *x = *a, *y = *b;
	size_t nx, ny;
	int diff;

	while (*x == '0')
		x++;
	while (*y == '0')
		y++;
	for (nx = 0; isdigit((unsigned char) x[nx]); nx++)
		;
	for (ny = 0; isdigit((unsigned char) y[ny]); ny++)
		;
	*a = x + nx;
	*b = y + ny;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	diff = memcmp(x, y, nx);
	return diff < 0 ? -1 : diff > 0;
}

int
sp_update_version_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char) *a) && isdigit((unsigned char) *b)) {
			int diff = number_cmp(&a, &b);

			if (diff)
				return diff;
			continue;
		}
		if (*a != *b)
			return (unsigned char) *a < (unsigned char) *b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

void
sp_update_report_clear(struct sp_update_report *report)
{
	for (size_t i = 0; i < report->n; i++) {
		free(report->candidate[i].path);
		free(report->candidate[i].detail);
	}
	memset(report, 0, sizeof *report);
}

/* Opens one candidate into the report; the directory, or NULL when it cannot be shown. */
static struct sp_directory *
open_candidate(struct sp_update_report *report, char *path, const struct sp_settings *settings,
               bool allow_unsigned)
{
	struct sp_update_candidate *c = &report->candidate[report->n++];
	struct sp_directory *dir = NULL;

	c->path = path;
	if (!path) {
		c->status = SP_ERR_NOMEM;
		return NULL;
	}
	c->status = sp_directory_open_trusted(&dir, path, settings, allow_unsigned, &c->detail);
	if (c->status == SP_OK)
		snprintf(c->version, sizeof c->version, "%s", sp_directory_signature(dir)->version);
	return dir;
}

enum sp_status
sp_update_open(struct sp_directory **out, const char *packaged, const char *update_dir,
               const struct sp_settings *settings, bool allow_unsigned, const char *current,
               struct sp_update_report *report)
{
	struct sp_directory *best = NULL;
	size_t best_i = 0;

	*out = NULL;
	memset(report, 0, sizeof *report);
	best = open_candidate(report, sp_strdup(packaged), settings, allow_unsigned);
	if (update_dir && !allow_unsigned) {
		struct sp_directory *dir = open_candidate(
		        report, sp_asprintf("%s/" SP_UPDATE_FILE, update_dir), settings, false);

		/* Only a newer one replaces the packaged one. */
		if (dir && (!best || sp_update_version_cmp(report->candidate[1].version,
		                                           report->candidate[0].version) > 0)) {
			sp_directory_free(best);
			best = dir;
			best_i = 1;
		} else {
			sp_directory_free(dir);
		}
	}
	if (best && current &&
	    sp_update_version_cmp(report->candidate[best_i].version, current) <= 0) {
		sp_directory_free(best);
		return SP_OK;
	}
	if (!best)
		return current ? SP_OK : report->candidate[0].status;
	report->candidate[best_i].chosen = true;
	*out = best;
	return SP_OK;
}

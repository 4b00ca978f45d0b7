/* CSV in the layout of `signpost export --format csv` (one row a contact) -> the rows of
 * organisations.csv, services.csv and contacts.csv: the rows of one service_id make one record. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/csvfile.h"
#include "admin/import_private.h"
#include "core/mem.h"
#include "core/taxonomy.h"

/* The export's columns, in its order; `description` and `status` may follow (the export
 * writes them), and any other column after them is ignored. */
enum {
	X_ID,
	X_NAME,
	X_ORG,
	X_AREA,
	X_PROFILES,
	X_REFERRAL,
	X_KIND,
	X_VALUE,
	X_LABEL,
	X_AUDIENCE,
	X_HOURS,
	X_VERIFIED,
	X_COLS
};
static const char *const export_cols[] = { "service_id",
	                                   "service_name",
	                                   "organisation",
	                                   "area",
	                                   "profiles",
	                                   "referral",
	                                   "contact_kind",
	                                   "contact_value",
	                                   "contact_label",
	                                   "audience",
	                                   "hours",
	                                   "verified",
	                                   NULL };

/* Whether the service columns of rows a and b agree. */
static bool
same_service(char **a, char **b, int desc, int status)
{
	static const int cols[] = { X_NAME, X_ORG, X_AREA, X_PROFILES, X_REFERRAL, X_VERIFIED };

	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (strcmp(a[cols[i]], b[cols[i]]) != 0)
			return false;
	return (desc < 0 || !strcmp(a[desc], b[desc])) &&
	       (status < 0 || !strcmp(a[status], b[status]));
}

/* One service: the rows from `first` on whose service_id is that row's. */
static void
read_service(struct import *im, const struct sp_csv *csv, size_t first, int desc, int status)
{
	char **f = csv->rows[first].fields, **row, org[96], note[256];
	const char *base = strrchr(im->file, '/');
	bool any_public = false, unknown = false;

	base = base ? base + 1 : im->file;
	if (!sp_slug(f[X_ORG], org, sizeof org)) {
		import_bad(im, "%s: no organisation", f[X_ID]);
		return;
	}
	if (desc < 0 || !*f[desc]) {
		import_bad(im, "%s: no description (the export's description column)", f[X_ID]);
		return;
	}
	import_organisation(im, org, f[X_ORG], NULL);
	for (size_t i = first; i < csv->nrows; i++) {
		char **c = csv->rows[i].fields, **crow;

		if (strcmp(c[X_ID], f[X_ID]) != 0)
			continue;
		if (!same_service(f, c, desc, status)) {
			import_bad(im, "%s: line %zu describes the service differently", f[X_ID],
			           csv->rows[i].line);
			return;
		}
		if (!*c[X_KIND])
			continue; /* a service with no contacts is one row with none */
		any_public = any_public || !strcmp(c[X_AUDIENCE], "public");
		unknown = unknown || !strcmp(c[X_HOURS], "unknown");
		crow = import_row(im, &im->con);
		import_set(im, crow, IM_C_SERVICE, c[X_ID]);
		import_set(im, crow, IM_C_KIND, c[X_KIND]);
		import_set(im, crow, IM_C_VALUE, c[X_VALUE]);
		import_set(im, crow, IM_C_LABEL, c[X_LABEL]);
		import_set(im, crow, IM_C_AUDIENCE, c[X_AUDIENCE]);
		import_set(im, crow, IM_C_HOURS, c[X_HOURS]);
		import_set(im, crow, IM_C_VERIFICATION, "unverified");
	}
	if (!(row = import_row(im, &im->svc)))
		return;
	import_set(im, row, IM_S_ID, f[X_ID]);
	import_set(im, row, IM_S_ORG, org);
	import_set(im, row, IM_S_NAME, f[X_NAME]);
	import_set(im, row, IM_S_DESC, f[desc]);
	import_set(im, row, IM_S_AREA, f[X_AREA]);
	/* The export does not say who a service is for: one with no public line is taken to be
	 * for professionals, the side that never shows a private line to the public. */
	import_set(im, row, IM_S_AUDIENCE, any_public ? "public" : "professional");
	import_set(im, row, IM_S_REFERRAL, f[X_REFERRAL]);
	import_set(im, row, IM_S_PROFILES, f[X_PROFILES]);
	import_set(im, row, IM_S_STATUS, status >= 0 && *f[status] ? f[status] : "active");
	import_set(im, row, IM_S_SOURCE, base);
	snprintf(note, sizeof note, "Imported from signpost's CSV export (%s)%s", base,
	         unknown ? "; the export gives some lines' hours as unknown" : "");
	import_set(im, row, IM_S_SOURCE_NOTE, note);
	import_set(im, row, IM_S_VERIFIED, f[X_VERIFIED]);
	import_set(im, row, IM_S_VERIFICATION, "unverified");
}

enum sp_status
import_csv(struct import *im, const unsigned char *data, size_t len)
{
	FILE *f = fmemopen((void *) data, len ? len : 1, "rb");
	struct sp_csv csv;
	char *error = NULL;
	size_t line = 0;
	enum sp_status rc;
	int desc, status;

	if (!f)
		return SP_ERR_NOMEM;
	if (!len)
		fgetc(f); /* an empty file */
	rc = sp_csv_read_stream_at(f, im->file, &csv, &error, &line);
	fclose(f);
	if (rc == SP_OK && csv.ncols < X_COLS) {
		line = csv.header_line;
		error = sp_asprintf("the header has %zu columns; the export's has %d (service_id,"
		                    " ..., verified)",
		                    csv.ncols, X_COLS);
		rc = SP_ERR_DATA;
	}
	for (size_t i = 0; rc == SP_OK && i < X_COLS; i++) {
		if (strcmp(csv.header[i], export_cols[i]) != 0) {
			line = csv.header_line;
			error = sp_asprintf("header column %zu is \"%s\", expected \"%s\"", i + 1,
			                    csv.header[i], export_cols[i]);
			rc = SP_ERR_DATA;
		}
	}
	if (rc != SP_OK) {
		sp_report_error_at(im->report, im->file, line, "%s",
		                   error ? error : "out of memory");
		free(error);
		if (csv.header)
			sp_csv_free(&csv);
		return rc == SP_ERR_NOMEM ? rc : SP_ERR_DATA;
	}
	desc = sp_csv_col(&csv, "description");
	status = sp_csv_col(&csv, "status");
	for (size_t i = 0, record = 0; i < csv.nrows; i++) {
		size_t seen = 0;

		while (seen < i && strcmp(csv.rows[seen].fields[X_ID], csv.rows[i].fields[X_ID]))
			seen++;
		if (seen < i)
			continue; /* read with the service's first row */
		import_begin(im, ++record, csv.rows[i].line);
		read_service(im, &csv, i, desc, status);
		import_end(im);
	}
	sp_csv_free(&csv);
	return im->report->out_of_memory ? SP_ERR_NOMEM : SP_OK;
}

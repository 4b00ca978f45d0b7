/* Per-keystroke search latency in the core library, as the TUI's search screen asks (make
 * bench, never make check).
 *
 *     bench-keystroke DB RUNS QUERY...
 *
 * Opens DB as the kiosk does (SQLite on one thread; sp_directory_open_trusted: signed by a
 * compiled-in key, DB's pages checked against its signed manifest, every page at open up to
 * 16 MB and each as SQLite reads it above), then for each QUERY types it one character at a
 * time: after every character it runs the search the screen runs (sp_search_open, then the
 * first screenful of SCREENFUL services in the person's order, with their lines and hours)
 * RUNS times. A QUERY "for:PROFILE" is the profile filter with no text (Find support's first
 * search); "LL:TEXT" (two lower-case letters) types TEXT with the interface in language LL
 * (pl:nękanie). Prints one line per query: QUERY, median, p99 and worst milliseconds (CPU
 * time; BENCH_WALL=1 for wall time) over every keystroke and run, and how many services the
 * full query found ("301+": more than can be ranked). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/directory.h"
#include "core/taxonomy.h"

/* What the search screen loads first (src/tui/screen_search.c). */
#define SCREENFUL 25

static double
now_ms(void)
{
	struct timespec ts;

	/* CPU time: on a machine shared with other work, wall time measures the others too. On a
	 * kiosk (idle, the file in the page cache) the two are the same. BENCH_WALL=1 for wall. */
	clock_gettime(getenv("BENCH_WALL") ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;

	return x < y ? -1 : x > y;
}

/* One search as the screen runs it; the number of services found, -1 on failure. */
static long
search_once(struct sp_directory *dir, const char *text, unsigned profiles, double *ms, bool *exact)
{
	struct sp_query q = { .text = text,
		              .profiles = profiles,
		              .area = SP_AREA_NONE,
		              .now_ms = 1795427400000.0 /* 2026-11-23 10:30 UTC: a weekday */ };
	struct sp_service_list list = { 0 };
	struct sp_search *search = NULL;
	double t0 = now_ms();
	long n = -1;

	if (sp_search_open(&search, dir, &q) == SP_OK &&
	    sp_search_next(search, SCREENFUL, &list) == SP_OK) {
		*ms = now_ms() - t0;
		n = (long) sp_search_count(search, exact);
	}
	sp_search_free(search);
	sp_service_list_clear(&list);
	return n;
}

int
main(int argc, char **argv)
{
	struct sp_directory *dir;
	char *detail = NULL;
	int runs;

	if (argc < 4) {
		fprintf(stderr, "usage: bench-keystroke DB RUNS QUERY...\n");
		return 2;
	}
	runs = atoi(argv[2]);
	/* SQLite set up as signpost sets it up for the kiosk (one thread, no memory statistics). */
	sp_directory_one_thread();
	if (sp_directory_open_trusted(&dir, argv[1], NULL, false, &detail) != SP_OK) {
		fprintf(stderr, "bench-keystroke: cannot open %s %s\n", argv[1],
		        detail ? detail : "");
		return 1;
	}
	for (int a = 3; a < argc; a++) {
		const char *query = argv[a];
		size_t len = strlen(query), n = 0;
		double *t = malloc(sizeof *t * (len + 1) * (size_t) runs);
		long found = 0;
		bool exact = true;
		char prefix[256];

		if (!t)
			return 1;
		if (len > 3 && query[2] == ':' && query[0] >= 'a' && query[0] <= 'z' &&
		    query[1] >= 'a' && query[1] <= 'z') {
			char lang[3] = { query[0], query[1], '\0' };

			if (sp_directory_set_locale(dir, lang) != SP_OK)
				return 1;
			query += 3;
			len -= 3;
		} else if (sp_directory_set_locale(dir, "en_GB") != SP_OK) {
			return 1;
		}
		if (strncmp(query, "for:", 4) == 0) {
			enum sp_profile p = sp_profile_from_id(query + 4);

			for (int r = 0; r < runs; r++)
				found = search_once(dir, NULL, p < SP_PROFILE_COUNT ? 1u << p : 0,
				                    &t[n++], &exact);
		} else {
			for (size_t i = 1; i <= len && i < sizeof prefix; i++) {
				/* Only whole characters: a key types one. */
				if (i < len && ((unsigned char) query[i] & 0xC0) == 0x80)
					continue;
				memcpy(prefix, query, i);
				prefix[i] = '\0';
				for (int r = 0; r < runs; r++)
					found = search_once(dir, prefix, 0, &t[n++], &exact);
				/* BENCH_VERBOSE=1: each keystroke's last run, on stderr. */
				if (getenv("BENCH_VERBOSE"))
					fprintf(stderr, "%s\t%.3f\n", prefix, t[n - 1]);
			}
		}
		if (found < 0) {
			fprintf(stderr, "bench-keystroke: search failed for %s\n", query);
			return 1;
		}
		qsort(t, n, sizeof *t, cmp_double);
		printf("%s\t%.3f\t%.3f\t%.3f\t%ld%s\n", argv[a], t[n / 2],
		       t[n * 99 / 100 < n ? n * 99 / 100 : n - 1], t[n - 1], found,
		       exact ? "" : "+");
		free(t);
	}
	sp_directory_free(dir);
	return 0;
}

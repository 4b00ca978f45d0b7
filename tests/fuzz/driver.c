/*
 * A standalone driver for the libFuzzer-style targets, so they run in `make check` without
 * clang: every seed (files, or folders of files) is run once, then random mutations of the
 * seeds until the time or the count runs out. Deterministic for a given seed number.
 *   fuzz-NAME [-t SECONDS] [-n RUNS] [-s SEED] SEED_FILE_OR_DIR...
 * Crashes and sanitizer reports end the run with a failure, like libFuzzer's.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

#define FUZZ_MAX_INPUT (1024 * 1024)

struct seed {
	uint8_t *data;
	size_t size;
};

static struct seed *seeds;
/* The input being run, written to ./fuzz-crash-input if it crashes, as libFuzzer does. */
static const uint8_t *current;
static size_t current_size;

static void
on_crash(int sig)
{
	int fd = open("fuzz-crash-input", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		if (write(fd, current, current_size) < 0)
			(void) 0;
		close(fd);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
run_one(const uint8_t *data, size_t size)
{
	current = data;
	current_size = size;
	LLVMFuzzerTestOneInput(data, size);
}
static size_t nseeds;
static uint64_t rng_state;

__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	return 0;
}

static uint64_t
rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static void
add_seed_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct seed s = { 0 };
	long len;

	if (!f)
		return;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && len <= FUZZ_MAX_INPUT &&
	    fseek(f, 0, SEEK_SET) == 0 && (s.data = malloc((size_t) len + 1)) &&
	    fread(s.data, 1, (size_t) len, f) == (size_t) len) {
		struct seed *grown = realloc(seeds, (nseeds + 1) * sizeof *grown);

		s.size = (size_t) len;
		if (grown) {
			seeds = grown;
			seeds[nseeds++] = s;
			s.data = NULL;
		}
	}
	free(s.data);
	fclose(f);
}

static void
add_seeds(const char *path)
{
	struct stat sb;
	DIR *d;
	struct dirent *e;

	if (stat(path, &sb) != 0)
		return;
	if (!S_ISDIR(sb.st_mode)) {
		add_seed_file(path);
		return;
	}
	if (!(d = opendir(path)))
		return;
	while ((e = readdir(d))) {
		char child[4096];

		if (e->d_name[0] == '.')
			continue;
		snprintf(child, sizeof child, "%s/%s", path, e->d_name);
		add_seeds(child);
	}
	closedir(d);
}

/* Bytes that mean something to our parsers: quotes, separators, escapes, digits, UTF-8. */
static const char *const tokens[] = { "\"", ",", ";", "\n", "\r\n", "-", ":", "=", "#", "{",
	"}", "'", "\\", "\x1b[", "\xff", "\xc5\x81", "\xe2\x80\x99", "0808 2000 247", "24/7",
	"Mon-Fri 09:00-17:00", "AND", "NEAR(", "*", "ed25519 ", "\xc2\xa0", "\x00" };

static size_t
mutate(uint8_t *buf, size_t size, size_t cap)
{
	int rounds = 1 + (int)(rng() % 4);

	for (int r = 0; r < rounds; r++) {
		size_t at = size ? (size_t)(rng() % size) : 0;

		switch (rng() % 7) {
		case 0: /* flip a bit */
			if (size)
				buf[at] ^= (uint8_t)(1u << (rng() % 8));
			break;
		case 1: /* set a byte */
			if (size)
				buf[at] = (uint8_t) rng();
			break;
		case 2: { /* insert a token */
			const char *t = tokens[rng() % (sizeof tokens / sizeof tokens[0])];
			size_t n = t[0] ? strlen(t) : 1;

			if (size + n <= cap) {
				memmove(buf + at + n, buf + at, size - at);
				memcpy(buf + at, t, n);
				size += n;
			}
			break;
		}
		case 3: /* delete a range */
			if (size) {
				size_t n = 1 + (size_t)(rng() % 16);

				if (n > size - at)
					n = size - at;
				memmove(buf + at, buf + at + n, size - at - n);
				size -= n;
			}
			break;
		case 4: { /* duplicate a range */
			size_t n = size ? 1 + (size_t)(rng() % 32) : 0;

			if (n > size - at)
				n = size - at;
			if (size + n <= cap) {
				memmove(buf + at + n, buf + at, size - at);
				size += n;
			}
			break;
		}
		case 5: { /* splice in part of another seed */
			const struct seed *o = &seeds[rng() % nseeds];
			size_t from = o->size ? (size_t)(rng() % o->size) : 0;
			size_t n = o->size ? 1 + (size_t)(rng() % 64) : 0;

			if (n > o->size - from)
				n = o->size - from;
			if (size + n <= cap) {
				memmove(buf + at + n, buf + at, size - at);
				memcpy(buf + at, o->data + from, n);
				size += n;
			}
			break;
		}
		default: /* truncate */
			size = at;
			break;
		}
	}
	return size;
}

int
main(int argc, char **argv)
{
	double seconds = 2.0;
	long runs = -1, done = 0;
	uint64_t seed_number = 1;
	uint8_t *buf;
	time_t start;
	int opt;

	while ((opt = getopt(argc, argv, "t:n:s:")) != -1) {
		switch (opt) {
		case 't': seconds = atof(optarg); break;
		case 'n': runs = atol(optarg); break;
		case 's': seed_number = strtoull(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: %s [-t SECONDS] [-n RUNS] [-s SEED] SEEDS...\n", argv[0]);
			return 2;
		}
	}
	signal(SIGABRT, on_crash);
	signal(SIGSEGV, on_crash);
	signal(SIGBUS, on_crash);
	signal(SIGFPE, on_crash);
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = optind; i < argc; i++)
		add_seeds(argv[i]);
	if (!nseeds) {
		static uint8_t empty[1];
		struct seed *one = malloc(sizeof *one);

		if (!one)
			return 1;
		one->data = empty;
		one->size = 0;
		seeds = one;
		nseeds = 1;
	}
	rng_state = seed_number * 0x9E3779B97F4A7C15ULL | 1;
	for (size_t i = 0; i < nseeds; i++, done++)
		run_one(seeds[i].data, seeds[i].size);
	if (!(buf = malloc(FUZZ_MAX_INPUT)))
		return 1;
	start = time(NULL);
	while ((runs < 0 || done < runs) && difftime(time(NULL), start) < seconds) {
		const struct seed *s = &seeds[rng() % nseeds];
		size_t size = s->size;

		memcpy(buf, s->data, size);
		size = mutate(buf, size, FUZZ_MAX_INPUT);
		run_one(buf, size);
		done++;
	}
	free(buf);
	printf("%s: %ld inputs from %zu seeds, no crash\n", argv[0], done, nseeds);
	return 0;
}

/* signpost-admin: builds, checks and signs the directory for data officers. Its messages are
 * diagnostics about CSV files and keys for the data officer, in English like a compiler's. */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "admin/build.h"
#include "admin/check.h"
#include "admin/diff.h"
#include "admin/import.h"
#include "admin/keys.h"
#include "admin/report.h"
#include "cli/output.h"
#include "core/directory.h"
#include "core/hours.h"
#include "core/mem.h"
#include "core/trust.h"

static const char usage_text[] =
        "usage: signpost-admin build [--src DIR] --out FILE [--quiet] [--format text|tsv|json]\n"
        "       signpost-admin check [--src DIR] [--format text|tsv|json]\n"
        "       signpost-admin import --format oruk-json|csv [--strict] [--src DIR] --out FILE "
        "INPUT...\n"
        "       signpost-admin export --format oruk-json|csv [--staff] [--src DIR]\n"
        "       signpost-admin keygen --secret FILE --public FILE\n"
        "       signpost-admin public-key --secret FILE [--c-source]\n"
        "       signpost-admin sign --secret FILE DATABASE\n"
        "       signpost-admin verify --public FILE DATABASE\n"
        "       signpost-admin diff (--public FILE | --allow-unsigned) [--format text|json] OLD "
        "NEW\n"
        "       signpost-admin --version | --help | COMMAND --help\n"
        "\n"
        "  build       builds the directory from the CSV sources in DIR (default db), runs every\n"
        "              data check, and writes FILE only if they pass; --quiet counts warnings;\n"
        "              --format as for check\n"
        "  check       runs the data checks and lists errors and warnings as FILE:LINE: error:\n"
        "              (text, on stderr) or for tools (tsv or json, on stdout); exit 1 on errors\n"
        "  import      builds the directory from services in Open Referral UK 3.0 JSON or in\n"
        "              the layout of `signpost export --format csv`, with the other tables\n"
        "              from DIR; the same checks as build, FILE written only if they pass;\n"
        "              a malformed record is skipped with a warning (--strict: refused)\n"
        "  export      writes the services of the sources in DIR to stdout, as Open Referral\n"
        "              UK 3.0 JSON or CSV; professional-only data only with --staff\n"
        "  keygen      makes a new Ed25519 signing key pair (the secret file is mode 0600)\n"
        "  public-key  prints the public key of a secret key (as C source for the build)\n"
        "  sign        writes DATABASE.minisig (minisign format), the signature kiosks check "
        "before using DATABASE\n"
        "  verify      checks DATABASE.minisig against a public key\n"
        "  diff        lists the services added, removed and changed from directory OLD to NEW;\n"
        "              exit 0 when they are the same, 1 when they differ, 2 on trouble\n"
        "\n"
        "Exit status: 0 success, 1 a data, file or key error, 2 a usage error.\n";

struct args {
	const char *src, *out, *secret, *public, *file, *format;
	const char *file2; /* diff's second operand */
	int quiet, c_source, strict, staff, allow_unsigned;
	char **files; /* the INPUT operands of import */
	size_t nfiles;
};

static int
usage(FILE *out)
{
	fputs(usage_text, out);
	return out == stdout ? 0 : 2;
}

static int
fail(const char *what, char *error)
{
	fprintf(stderr, "signpost-admin: %s%s%s\n", what, error ? ": " : "", error ? error : "");
	free(error);
	return 1;
}

static void
today(char out[11])
{
	/* SOURCE_DATE_EPOCH makes a build reproducible (reproducible-builds.org). */
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long e = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
	time_t now = e >= 0 && end && !*end ? (time_t) e : time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int
finish_report(struct sp_report *report, enum sp_status rc, int quiet, enum sp_report_format format)
{
	int failed = rc != SP_OK;

	report->quiet = quiet;
	if (format == SP_REPORT_TEXT) {
		sp_report_print(report, stderr);
		fprintf(stderr, "signpost-admin: %zu error(s), %zu warning(s)%s\n", report->nerrors,
		        report->nwarnings,
		        quiet && report->nwarnings ?
		                " (signpost-admin check --src DIR lists them)" :
		                "");
	} else if (sp_report_print_as(report, stdout, format) != 0 || fflush(stdout) != 0) {
		failed = 1;
	}
	sp_report_free(report);
	return failed ? 1 : 0;
}

/* --format of build and check: false (after saying why) when it is none of theirs. */
static bool
report_format(const char *command, const char *name, enum sp_report_format *format)
{
	*format = SP_REPORT_TEXT;
	if (name && !strcmp(name, "tsv"))
		*format = SP_REPORT_TSV;
	else if (name && !strcmp(name, "json"))
		*format = SP_REPORT_JSON;
	else if (name && strcmp(name, "text") != 0) {
		fprintf(stderr, "signpost-admin %s: --format is text, tsv or json, not \"%s\"\n",
		        command, name);
		return false;
	}
	return true;
}

static int
cmd_build(const struct args *a)
{
	struct sp_report report = { 0 };
	enum sp_report_format format;
	char date[11];

	if (!a->out)
		return usage(stderr);
	if (!report_format("build", a->format, &format))
		return 2;
	today(date);
	return finish_report(&report, sp_build_file(a->src, a->out, date, &report), a->quiet,
	                     format);
}

static int
cmd_check(const struct args *a)
{
	struct sp_report report = { 0 };
	enum sp_status rc;
	char date[11];
	enum sp_report_format format;

	if (!report_format("check", a->format, &format))
		return 2;
	today(date);
	rc = sp_build_check(a->src, date, &report);
	return finish_report(&report, rc, 0, format);
}

static int
cmd_import(const struct args *a)
{
	struct sp_report report = { 0 };
	struct sp_import_options options = { .src_dir = a->src, .strict = a->strict };
	char date[11];

	if (!a->out || !a->format)
		return usage(stderr);
	if (!sp_import_format_from_name(a->format, &options.format)) {
		fprintf(stderr, "signpost-admin import: --format is oruk-json or csv, not \"%s\"\n",
		        a->format);
		return 2;
	}
	today(date);
	options.today = date;
	return finish_report(&report,
	                     sp_import_files(&options, a->files, a->nfiles, a->out, &report), 0,
	                     SP_REPORT_TEXT);
}

/* The services of the sources in a->src, built into a temporary file and read back as the
 * programs read a directory, encoded as `signpost export` encodes them. */
static int
cmd_export(const struct args *a)
{
	struct sp_report report = { 0 };
	struct sp_output out = { .out = stdout, .staff = a->staff };
	struct sp_query q = { .area = SP_AREA_NONE, .staff = a->staff, .now_ms = sp_clock_now() };
	struct sp_service_list list = { 0 };
	struct sp_directory *dir = NULL;
	enum sp_format format = a->format ? sp_format_from_name(a->format) : SP_FORMAT_COUNT;
	const char *tmpdir = getenv("TMPDIR");
	char *path, *detail = NULL, date[11];
	enum sp_status rc;
	int fd;

	if (format != SP_FORMAT_ORUK_JSON && format != SP_FORMAT_CSV) {
		fprintf(stderr, "signpost-admin export: --format is oruk-json or csv\n");
		return 2;
	}
	if (!(path = sp_asprintf("%s/signpost-export.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp")))
		return 1;
	if ((fd = mkstemp(path)) < 0) {
		free(path);
		return fail("export", sp_strdup("cannot make a temporary file"));
	}
	close(fd);
	today(date);
	rc = sp_build_file(a->src, path, date, &report);
	if (rc == SP_OK)
		rc = sp_directory_open(&dir, path, NULL, &detail);
	unlink(path);
	free(path);
	if (rc != SP_OK) {
		free(detail);
		sp_directory_free(dir);
		return finish_report(&report, rc, 1, SP_REPORT_TEXT);
	}
	sp_report_free(&report);
	if ((rc = sp_directory_search(dir, &q, &list)) == SP_OK)
		rc = sp_format_export(&out, format, &list);
	sp_service_list_clear(&list);
	sp_directory_free(dir);
	if (rc == SP_OK && fflush(stdout) != 0)
		rc = SP_ERR_IO;
	return rc == SP_OK ? 0 : fail("export", sp_strdup(sp_status_key(rc)));
}

static int
cmd_keygen(const struct args *a)
{
	char *error = NULL;

	if (!a->secret || !a->public)
		return usage(stderr);
	if (sp_keys_generate(a->secret, a->public, &error) != SP_OK)
		return fail("keygen", error);
	return 0;
}

static int
cmd_public_key(const struct args *a)
{
	unsigned char sk[SP_SECRET_KEY_BYTES], pk[SP_PUBLIC_KEY_BYTES], id[SP_KEY_ID_BYTES];
	char *error = NULL, *text;

	if (!a->secret)
		return usage(stderr);
	if (sp_keys_read_secret(a->secret, sk, id, &error) != SP_OK)
		return fail("public-key", error);
	if (!sp_trust_init() || crypto_sign_ed25519_sk_to_pk(pk, sk) != 0)
		return fail("public-key", NULL);
	sodium_memzero(sk, sizeof sk);
	if (a->c_source) {
		printf("/* Generated by signpost-admin public-key: the keys signpost trusts. */\n"
		       "#include \"core/trust.h\"\n\n"
		       "const unsigned char sp_builtin_keys[][SP_PUBLIC_KEY_BYTES] = {\n\t{ ");
		for (size_t i = 0; i < sizeof pk; i++)
			printf("0x%02x%s", pk[i],
			       i + 1 < sizeof pk ? (i % 8 == 7 ? ",\n\t  " : ", ") : "");
		printf(" },\n};\n\nconst size_t sp_builtin_key_count = 1;\n");
	} else {
		if (!(text = sp_trust_format_public(pk, id)))
			return 1;
		fputs(text, stdout);
		free(text);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

/*
 * The trusted comment: the directory's version (SIGNPOST_DIRECTORY_VERSION, else the time of
 * signing as YYYYMMDDHHMMSS in UTC, from SOURCE_DATE_EPOCH when set so builds are alike) and
 * its valid-until date (SIGNPOST_VALID_UNTIL, else a year after that time).
 */
static char *
trusted_comment(const char *file)
{
	const char *version = getenv("SIGNPOST_DIRECTORY_VERSION");
	const char *until = getenv("SIGNPOST_VALID_UNTIL"), *epoch = getenv("SOURCE_DATE_EPOCH");
	const char *base = strrchr(file, '/');
	time_t t = epoch && *epoch ? (time_t) strtoll(epoch, NULL, 10) : time(NULL), later;
	char stamp[16], until_text[11];
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		return NULL;
	strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
	later = t + (time_t) 365 * 86400;
	if (!gmtime_r(&later, &tm))
		return NULL;
	strftime(until_text, sizeof until_text, "%Y-%m-%d", &tm);
	if (version && (!*version || strcspn(version, " \t\r\n") != strlen(version)))
		return NULL;
	if (until && (strlen(until) != 10 || until[4] != '-' || until[7] != '-'))
		return NULL;
	return sp_asprintf("signpost-directory version:%s valid-until:%s file:%s",
	                   version ? version : stamp, until ? until : until_text,
	                   base ? base + 1 : file);
}

/*
 * The page manifest goes into the signature only for a directory that passes every check
 * signpost makes of an unsigned one (every page, the search indexes, no control characters):
 * the trusted comment then gains "pages:<hash>", and signpost checks each page as it reads it
 * instead of repeating the checks this signature vouches for (docs/performance.md). Any other
 * file is still signed, as before, without a manifest: signpost then checks it whole, and
 * refuses what is damaged.
 */
static enum sp_status
manifest_comment(const char *file, char **comment, char **error)
{
	struct sp_directory *dir = NULL;
	char hex[2 * SP_PAGES_HASH_BYTES + 1], *detail = NULL, *with;
	enum sp_status rc = sp_directory_open(&dir, file, NULL, &detail);

	sp_directory_free(dir);
	if (rc != SP_OK) {
		fprintf(stderr,
		        "signpost-admin: sign: warning: %s is not a sound directory (%s%s%s): "
		        "signed"
		        " without a page manifest, so signpost checks it whole and refuses it\n",
		        file, sp_status_key(rc), detail ? " " : "", detail ? detail : "");
		free(detail);
		return rc == SP_ERR_NOMEM ? rc : SP_OK;
	}
	if ((rc = sp_directory_write_manifest(file, hex)) != SP_OK) {
		*error = sp_asprintf("%s: cannot write its page manifest (%s)", file,
		                     sp_status_key(rc));
		return rc;
	}
	if (!(with = sp_asprintf("%s pages:%s", *comment, hex)))
		return SP_ERR_NOMEM;
	free(*comment);
	*comment = with;
	return SP_OK;
}

static int
cmd_sign(const struct args *a)
{
	unsigned char sk[SP_SECRET_KEY_BYTES], id[SP_KEY_ID_BYTES];
	char *error = NULL, *comment;
	enum sp_status rc;

	if (!a->secret || !a->file)
		return usage(stderr);
	if (!(comment = trusted_comment(a->file)))
		return fail("sign", sp_strdup("SIGNPOST_DIRECTORY_VERSION is one word and "
		                              "SIGNPOST_VALID_UNTIL a date YYYY-MM-DD"));
	if (sp_keys_read_secret(a->secret, sk, id, &error) != SP_OK) {
		free(comment);
		return fail("sign", error);
	}
	if ((rc = manifest_comment(a->file, &comment, &error)) == SP_OK)
		rc = sp_keys_sign_file(sk, id, a->file, comment, &error);
	sodium_memzero(sk, sizeof sk);
	free(comment);
	return rc == SP_OK ? 0 : fail("sign", error);
}

static int
cmd_verify(const struct args *a)
{
	unsigned char pk[SP_PUBLIC_KEY_BYTES], id[SP_KEY_ID_BYTES], *data = NULL, *sig = NULL;
	size_t len = 0, sig_len = 0;
	char *error = NULL, *sig_path;
	struct sp_trust trust = { .keys = (const unsigned char(*)[SP_PUBLIC_KEY_BYTES]) & pk,
		                  .nkeys = 1 };
	struct sp_signed info;
	enum sp_status rc;

	if (!a->public || !a->file)
		return usage(stderr);
	if (sp_keys_read_public(a->public, pk, id, &error) != SP_OK ||
	    sp_keys_read_file(a->file, &data, &len, &error) != SP_OK)
		return fail("verify", error);
	if (!(sig_path = sp_asprintf("%s" SP_SIGNATURE_SUFFIX, a->file))) {
		free(data);
		return 1;
	}
	if (sp_keys_read_file(sig_path, &sig, &sig_len, &error) != SP_OK) {
		free(error);
		error = NULL;
	}
	rc = sp_trust_verify_info(&trust, data, len, (char *) sig, &info);
	free(sig_path);
	free(sig);
	free(data);
	if (rc != SP_OK)
		return fail(rc == SP_ERR_DB_UNSIGNED ?
		                    "verify: no signature" :
		                    "verify: the signature does not match this file and key",
		            NULL);
	printf("signpost-admin: %s: good signature (key %s, version %s, valid until %s)\n", a->file,
	       info.key_id, info.version[0] ? info.version : "none",
	       info.valid_until[0] ? info.valid_until : "not given");
	return 0;
}

/* diff OLD NEW: exit status like diff(1)'s, 0 the same services, 1 differences, 2 trouble. */
static int
cmd_diff(const struct args *a)
{
	unsigned char pk[SP_PUBLIC_KEY_BYTES], id[SP_KEY_ID_BYTES];
	struct sp_trust trust = { .keys = (const unsigned char(*)[SP_PUBLIC_KEY_BYTES]) & pk,
		                  .allow_unsigned = a->allow_unsigned };
	struct sp_directory *old = NULL, *new = NULL;
	struct sp_diff diff;
	char *error = NULL;
	int code = 2;

	if (a->format && strcmp(a->format, "text") != 0 && strcmp(a->format, "json") != 0) {
		fprintf(stderr, "signpost-admin diff: --format is text or json, not \"%s\"\n",
		        a->format);
		return 2;
	}
	if (!a->public && !a->allow_unsigned) {
		fputs("signpost-admin diff: --public FILE (the key that signed the directories) or "
		      "--allow-unsigned (drafts, no signature checked) is needed\n",
		      stderr);
		return 2;
	}
	if (a->public && sp_keys_read_public(a->public, pk, id, &error) != SP_OK) {
		fprintf(stderr, "signpost-admin diff: %s\n", error ? error : "out of memory");
		free(error);
		return 2;
	}
	trust.nkeys = a->public ? 1 : 0;
	if (sp_diff_open(a->file, &trust, &old, &error) == SP_OK &&
	    sp_diff_open(a->file2, &trust, &new, &error) == SP_OK) {
		enum sp_status rc = sp_diff_directories(old, new, &diff);

		if (rc != SP_OK) {
			error = sp_strdup(rc == SP_ERR_NOMEM ? "out of memory" :
			                                       "a directory could not be read");
		} else {
			int bad = sp_diff_print(&diff, a->file, a->file2,
			                        a->format && !strcmp(a->format, "json"), stdout);

			code = bad || fflush(stdout) != 0 ? 2 : diff.count ? 1 : 0;
			sp_diff_clear(&diff);
		}
	}
	if (code == 2 && !error)
		error = sp_strdup("cannot write the differences");
	if (error)
		fprintf(stderr, "signpost-admin diff: %s\n", error);
	free(error);
	sp_directory_free(old);
	sp_directory_free(new);
	return code;
}

enum {
	OPT_SRC = 1u << 0,
	OPT_OUT = 1u << 1,
	OPT_SECRET = 1u << 2,
	OPT_PUBLIC = 1u << 3,
	OPT_QUIET = 1u << 4,
	OPT_C_SOURCE = 1u << 5,
	OPT_FORMAT = 1u << 6,
	OPT_STRICT = 1u << 7,
	OPT_STAFF = 1u << 8,
	OPT_ALLOW_UNSIGNED = 1u << 9,
};

/* Every option of every command; each command takes the ones its mask names, and --help. */
static const struct option all_options[] = {
	{ "src", required_argument, NULL, OPT_SRC },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "secret", required_argument, NULL, OPT_SECRET },
	{ "public", required_argument, NULL, OPT_PUBLIC },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "c-source", no_argument, NULL, OPT_C_SOURCE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "staff", no_argument, NULL, OPT_STAFF },
	{ "allow-unsigned", no_argument, NULL, OPT_ALLOW_UNSIGNED },
};
#define NOPTIONS (sizeof all_options / sizeof all_options[0])
#define OPT_HELP 'h'
#define FILES_MANY (-1) /* struct command's file: one or more FILE operands */

static const struct command {
	const char *name;
	int (*run)(const struct args *a);
	unsigned options; /* OPT_* this command takes */
	int file;         /* FILE operands it requires: 0, 1 or 2, or FILES_MANY: one or more */
} commands[] = {
	{ "build", cmd_build, OPT_SRC | OPT_OUT | OPT_QUIET | OPT_FORMAT, 0 },
	{ "check", cmd_check, OPT_SRC | OPT_FORMAT, 0 },
	{ "import", cmd_import, OPT_SRC | OPT_OUT | OPT_FORMAT | OPT_STRICT, FILES_MANY },
	{ "export", cmd_export, OPT_SRC | OPT_FORMAT | OPT_STAFF, 0 },
	{ "keygen", cmd_keygen, OPT_SECRET | OPT_PUBLIC, 0 },
	{ "public-key", cmd_public_key, OPT_SECRET | OPT_C_SOURCE, 0 },
	{ "sign", cmd_sign, OPT_SECRET, 1 },
	{ "verify", cmd_verify, OPT_PUBLIC, 1 },
	{ "diff", cmd_diff, OPT_PUBLIC | OPT_ALLOW_UNSIGNED | OPT_FORMAT, 2 },
};

/* "--src, --out, --quiet, --help": the options a command takes, for its usage errors. */
static void
print_valid(const struct command *c, FILE *out)
{
	fprintf(out, "signpost-admin %s takes ", c->name);
	for (size_t i = 0; i < NOPTIONS; i++)
		if (c->options & (unsigned) all_options[i].val)
			fprintf(out, "--%s%s, ", all_options[i].name,
			        all_options[i].has_arg ? " VALUE" : "");
	fprintf(out, "--help%s\n",
	        c->file == FILES_MANY ? " and one or more FILEs" :
	        c->file == 2          ? " and two FILEs" :
	        c->file == 1          ? " and one FILE" :
	                                "");
}

static int
command_usage(const struct command *c, const char *why, const char *what)
{
	fprintf(stderr, "signpost-admin %s: %s%s%s%s\n", c->name, why, what ? " \"" : "",
	        what ? what : "", what ? "\"" : "");
	print_valid(c, stderr);
	fputs("(signpost-admin --help for the usage)\n", stderr);
	return 2;
}

/* Parses one command's arguments with getopt_long; returns -1 to run it, else an exit code. */
static int
parse_command(const struct command *c, int argc, char **argv, struct args *a)
{
	struct option longopts[NOPTIONS + 2];
	size_t n = 0;
	int opt;

	for (size_t i = 0; i < NOPTIONS; i++)
		if (c->options & (unsigned) all_options[i].val)
			longopts[n++] = all_options[i];
	longopts[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	longopts[n] = (struct option){ 0 };
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_SRC: a->src = optarg; break;
		case OPT_OUT: a->out = optarg; break;
		case OPT_SECRET: a->secret = optarg; break;
		case OPT_PUBLIC: a->public = optarg; break;
		case OPT_QUIET: a->quiet = 1; break;
		case OPT_C_SOURCE: a->c_source = 1; break;
		case OPT_FORMAT: a->format = optarg; break;
		case OPT_STRICT: a->strict = 1; break;
		case OPT_STAFF: a->staff = 1; break;
		case OPT_ALLOW_UNSIGNED: a->allow_unsigned = 1; break;
		case OPT_HELP: usage(stdout); return 0;
		case ':': return command_usage(c, "the option needs a value:", argv[optind - 1]);
		default: return command_usage(c, "no such option:", argv[optind - 1]);
		}
	}
	if (c->file == FILES_MANY) {
		a->files = argv + optind;
		a->nfiles = (size_t) (argc - optind);
		optind = argc;
	}
	if (optind < argc && c->file > 0)
		a->file = argv[optind++];
	if (optind < argc && c->file > 1)
		a->file2 = argv[optind++];
	if (optind < argc)
		return command_usage(c, "unexpected argument", argv[optind]);
	if ((c->file == FILES_MANY && !a->nfiles) ||
	    (c->file > 0 && (!a->file || (c->file > 1 && !a->file2))))
		return command_usage(c, c->file == 2 ? "two FILEs are needed" : "a FILE is needed",
		                     NULL);
	return -1;
}

int
main(int argc, char **argv)
{
	struct args a = { .src = "db" };
	const char *cmd = argc > 1 ? argv[1] : NULL;

	/* No count of SQLite's memory (a mutex less for each of the millions of allocations of a
	 * national build, issue 13), and no mutex on a connection: each connection is used by one
	 * thread only. Not SINGLETHREAD: `build` writes the file on a second thread with a
	 * connection of its own (admin/build_write.c), and SQLite's shared state (the page cache,
	 * the files' locks) needs its mutexes then. Before SQLite's first use. */
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (!cmd)
		return usage(stderr);
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h"))
		return usage(stdout);
	if (!strcmp(cmd, "--version")) {
		printf("signpost-admin %s (directory schema %d)\n", PACKAGE_VERSION,
		       SP_DB_SCHEMA_VERSION);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (!strcmp(cmd, commands[i].name)) {
			int code = parse_command(&commands[i], argc - 1, argv + 1, &a);

			return code >= 0 ? code : commands[i].run(&a);
		}
	}
	fprintf(stderr, "signpost-admin: unknown command \"%s\"\n", cmd);
	return usage(stderr);
}

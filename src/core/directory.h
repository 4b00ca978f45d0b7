#ifndef SIGNPOST_DIRECTORY_H
#define SIGNPOST_DIRECTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hours.h"
#include "status.h"
#include "taxonomy.h"

/*
 * The directory model: a read-only view of the SQLite directory that db/ builds. It knows
 * nothing of terminals or output formats. Everything it hands out is a copy the caller owns,
 * so screens can keep results while the directory changes language.
 */
#define SP_DB_APPLICATION_ID 0x53504F4E /* 'SPON' */
#define SP_DB_SCHEMA_VERSION 5
/* A directory signed with a page manifest and no larger than this has every page checked at
 * open (a few milliseconds), so a tampered one is refused at the door; a larger one has each
 * page checked as it is read (docs/performance.md). */
#define SP_DB_VERIFY_AT_OPEN_BYTES (16L * 1024 * 1024)
/* The limit in force: SP_DB_VERIFY_AT_OPEN_BYTES (the tests set 0, to see pages checked only as
 * they are read, as in a large directory). */
extern long sp_directory_verify_at_open_bytes;
#define SP_PAGES_HASH_BYTES 32
/* Whole-file reads of a directory (a signature without a manifest, and signing): no cap on the
 * size but the memory there is. */
#define SP_DB_MAX_BYTES ((size_t) -1 / 4)

/* How translation_fts's rows are numbered (schema version 5): the language code's letters (two
 * or three ASCII letters) in bits 48-55, 40-47 and 32-39, the service's rowid in the low 32
 * bits, so each language's rows are one range and a row's id says its service. */
#define SP_TRANSLATION_SERVICE_BITS 32
/* The first rowid of `lang`'s range, or -1 for a code that is not two or three ASCII letters
 * (it has no rows). The build numbers rows by it and the search reads by it. */
int64_t sp_translation_first_rowid(const char *lang);

struct sp_directory;

enum sp_tristate { SP_UNKNOWN = -1, SP_NO = 0, SP_YES = 1 };

struct sp_contact {
	char *kind;  /* phone, email, web, text, chat */
	char *value; /* shown exactly as stored: never reformatted */
	char *label;
	char *hours_text; /* as the data officer wrote it, or NULL */
	struct sp_hours hours;
	bool professional; /* professional-only: never present in a public result */
	bool verified;
	enum sp_tristate open_now;
	bool has_next_open; /* when closed: the next opening, UK time */
	int next_day, next_min;
};

struct sp_service {
	char *id, *name, *organisation, *description, *area;
	char *subtitle; /* what it is, in the UI language ("Helpline for older people"), or NULL */
	char *referral; /* self, professional, either, or NULL */
	char *eligibility;   /* NULL in public results */
	char *status;        /* active, closed, superseded */
	char *superseded_by; /* id, or NULL */
	char *source, *source_note, *verified, *verification;
	char *languages;   /* "pl;lt" or NULL */
	char *risk_levels; /* "standard;medium;high" or NULL */
	bool professional_only;
	enum sp_tristate consent_needed;
	int age_min, age_max; /* -1 when there is no limit */
	unsigned profiles;    /* bit mask of enum sp_profile */
	unsigned matched;     /* the asked-for profiles this service serves */
	enum sp_tristate open_now;
	struct sp_contact *contacts;
	size_t ncontacts;
};

struct sp_service_list {
	struct sp_service *items;
	size_t count;
};

struct sp_query {
	const char *text;  /* free text, or NULL/"" for all */
	unsigned profiles; /* serve any of these (bit mask); 0 for no filter */
	enum sp_area area; /* where the person lives; SP_AREA_NONE for anywhere */
	bool open_now_only;
	bool staff;    /* include professional-only services and lines */
	double now_ms; /* UTC instant for "open now" */
};

struct sp_definition {
	char *id, *term, *act, *section, *legal_text, *summary, *source;
	bool summary_translated; /* summary is in the UI language, not English */
	unsigned profiles;       /* who it most concerns (enum sp_profile bits); 0 for everyone */
};

struct sp_definition_list {
	struct sp_definition *items;
	size_t count;
};

struct sp_glossary_entry {
	char *term, *expansion, *explanation;
};

struct sp_glossary {
	struct sp_glossary_entry *items;
	size_t count;
};

struct sp_pathway {
	char *id, *title, *condition, *action, *consent, *notes;
};

struct sp_pathway_list {
	struct sp_pathway *items;
	size_t count;
};

struct sp_trust;
struct sp_settings;

/*
 * Opens the directory at `path` read-only, without ever creating or writing a file, checking
 * its signature (path + ".minisig") against `trust`. A signature made by signpost-admin sign
 * carries the hash of the file's page manifest: the file is then read in place and each page
 * checked against the manifest as it is read (all at once when the file is small), and the
 * database checks are the ones the signer's build already passed over these very pages
 * (application id, schema version, folding rules). Any other signature (stock minisign) is
 * checked over the whole file read into memory, and an unsigned file (`trust` NULL: only for
 * signpost-admin's own freshly built file and tests; or allow_unsigned) is read in place; both
 * are then checked in full as a database (integrity of the pages and of the search indexes,
 * no control characters in text). On failure returns the status and, if detail is not NULL,
 * sets it to a new one-line string with SQLite's words (or NULL) for the caller to free.
 */
enum sp_status sp_directory_open(struct sp_directory **out, const char *path,
                                 const struct sp_trust *trust, char **detail);

/*
 * For signpost-admin build's check of the file it has just written: opens it unsigned as
 * sp_directory_open() does, with the checks that concern the reader (application id, schema
 * version, folding rules) but not those that read every page (integrity of the pages and of
 * the search indexes, control characters), which `signpost-admin sign` makes before it writes
 * the page manifest. On failure as sp_directory_open().
 */
enum sp_status sp_directory_open_built(struct sp_directory **out, const char *path, char **detail);

/* What the directory's signature says (key id, version, valid-until), all "" when the
 * directory was opened without checking one. */
const struct sp_signed *sp_directory_signature(const struct sp_directory *dir);

/* True once a page read from the file did not match its signed hash: the file was changed
 * after signing, and nothing read from it since it was opened may be shown. */
bool sp_directory_tampered(const struct sp_directory *dir);

/*
 * The one way the programs open the directory they show: as sp_directory_open(), trusting the
 * compiled-in keys and the `trusted_key` lines of the kiosk settings (`settings` may be NULL),
 * and skipping the signature only when allow_unsigned (which the caller never sets for a
 * kiosk).
 */
enum sp_status sp_directory_open_trusted(struct sp_directory **out, const char *path,
                                         const struct sp_settings *settings, bool allow_unsigned,
                                         char **detail);

/*
 * As sp_directory_open_trusted(), for a one-shot command: a file signed with a page manifest
 * has only the pages SQLite reads checked, each as it is read, instead of every page at open.
 * The caller reads all it needs first and asks sp_directory_tampered() before it writes a word
 * of it; when that is true it refuses the directory as if the open had failed.
 */
enum sp_status sp_directory_open_trusted_as_read(struct sp_directory **out, const char *path,
                                                 const struct sp_settings *settings,
                                                 bool allow_unsigned, char **detail);

/* Opens a directory from bytes already in memory (taken over: freed with the directory, and
 * on failure). The bytes must come from malloc() (or sp_malloc()). */
enum sp_status sp_directory_open_bytes(struct sp_directory **out, unsigned char *bytes, size_t size,
                                       char **detail);
void sp_directory_free(struct sp_directory *dir);
/* For a program of one thread, before it opens its first directory: SQLite without mutexes
 * or memory statistics (every allocation and call of SQLite's otherwise takes a lock). */
void sp_directory_one_thread(void);

/*
 * Writes the page manifest of the SQLite file at path after its image (replacing whatever
 * followed it) and sets hex to the manifest's hash, for the signed trusted comment
 * ("pages:<hex>"). signpost-admin build and sign call it; SQLite ignores the manifest.
 */
enum sp_status sp_directory_write_manifest(const char *path, char hex[2 * SP_PAGES_HASH_BYTES + 1]);

/* Sets the language for translated data fields and the collation for sorting names. */
enum sp_status sp_directory_set_locale(struct sp_directory *dir, const char *locale);

/* Services matching the query: active ones only, best first. The caller clears the list. */
enum sp_status sp_directory_search(struct sp_directory *dir, const struct sp_query *query,
                                   struct sp_service_list *out);

/*
 * A search read a page at a time, in the person's order (core/policy.h): what a screen
 * or the command line shows as it types or prints, without loading every match.
 *
 * When the query matches at most SP_SEARCH_RANKED_MAX services the order is exactly
 * sp_directory_search() followed by sp_policy_sort_for_person() (reach, then the asked-for
 * profiles served, then relevance), and the count is exact. When it matches more (one
 * letter in a national directory), ranking every match would cost what the directory
 * holds, so the matches come in the directory's own order, which the build makes the static
 * part of reach (round-the-clock lines a person may ring, then other lines they may ring,
 * then no phone, then professional referral; services for everyone first, then by name),
 * and the count is only known to be over SP_SEARCH_RANKED_MAX (docs/performance.md).
 */
#define SP_SEARCH_RANKED_MAX 300
struct sp_search;

/* Starts a search (the query's strings are copied); free it with sp_search_free(). */
enum sp_status sp_search_open(struct sp_search **out, struct sp_directory *dir,
                              const struct sp_query *query);
/* Appends the next services, up to max, to `list` (which may hold earlier pages and must
 * be cleared by the caller). Fewer than max appended: the search is over. */
enum sp_status sp_search_next(struct sp_search *search, size_t max, struct sp_service_list *list);
/* How many services match; *exact false: more than SP_SEARCH_RANKED_MAX, exactly unknown. */
size_t sp_search_count(const struct sp_search *search, bool *exact);
/* Whether sp_search_next() has more to give. */
bool sp_search_more(const struct sp_search *search);
/* Frees the search; the directory must still be open. NULL is fine. */
void sp_search_free(struct sp_search *search);

/*
 * sp_directory_search() for the lists that are short by nature (Talk to someone now, Find
 * support, a topic's lines): the same list when the query matches at most
 * SP_SEARCH_RANKED_MAX services; when it matches more (a national directory), the first
 * SP_SEARCH_RANKED_MAX in the directory's own order (its static reach order: round-the-clock
 * lines first) and *more true (more may be NULL), so that such a list costs a page, not the
 * directory.
 */
enum sp_status sp_directory_search_at_most(struct sp_directory *dir, const struct sp_query *query,
                                           struct sp_service_list *out, bool *more);

/*
 * One service by id, whatever its status (a closed one says so). Without staff, a
 * professional-only service is SP_ERR_NOT_FOUND and its professional lines are left out.
 */
enum sp_status sp_directory_get(struct sp_directory *dir, const char *id, bool staff, double now_ms,
                                struct sp_service *out);

/* Definitions, in teaching order; with `term`, those whose id, term or words match it. */
enum sp_status sp_directory_definitions(struct sp_directory *dir, const char *term,
                                        struct sp_definition_list *out);

/* The glossary in order; with `term`, only entries whose acronym or words match it. */
enum sp_status sp_directory_glossary(struct sp_directory *dir, const char *term,
                                     struct sp_glossary *out);

/* Referral pathways for professionals, in order. */
enum sp_status sp_directory_pathways(struct sp_directory *dir, struct sp_pathway_list *out);

/* Training: the scenario quiz. */
struct sp_quiz_item {
	char *id, *scenario, *explanation;
	char **options; /* NULL-terminated */
	size_t noptions;
	int answer;      /* index into options */
	char **services; /* service ids to signpost to, NULL-terminated */
};

struct sp_quiz {
	struct sp_quiz_item *items;
	size_t count;
};

/* Training: key facts, grouped in charts. */
struct sp_fact {
	char *label, *unit, *period;
	double value;
};

struct sp_chart {
	char *id, *title, *note;
	struct sp_fact *facts;
	size_t nfacts;
};

struct sp_chart_list {
	struct sp_chart *items;
	size_t count;
};

enum sp_status sp_directory_quiz(struct sp_directory *dir, struct sp_quiz *out);
void sp_quiz_clear(struct sp_quiz *quiz);
enum sp_status sp_directory_charts(struct sp_directory *dir, struct sp_chart_list *out);
void sp_chart_list_clear(struct sp_chart_list *list);

/* A service's display name by id (new string), NULL if there is none. */
char *sp_directory_service_name(struct sp_directory *dir, const char *id);

/* The build's record KEY from the meta table ("data_version", "built", ...) as a new string the
 * caller frees, NULL if the directory has none. */
char *sp_directory_meta(struct sp_directory *dir, const char *key);

/* Every service's id, whatever its status or audience, in id order: a new array of *count new
 * strings the caller frees with sp_strv_free_n(*ids, *count). */
enum sp_status sp_directory_service_ids(struct sp_directory *dir, char ***ids, size_t *count);

void sp_service_clear(struct sp_service *service);
void sp_service_list_clear(struct sp_service_list *list);
/* Sorts a list in place by before() (a strict order), stably: equals keep their order. */
void sp_service_list_sort(struct sp_service_list *list,
                          bool (*before)(const struct sp_service *, const struct sp_service *));
void sp_definition_list_clear(struct sp_definition_list *list);
void sp_glossary_clear(struct sp_glossary *glossary);
void sp_pathway_list_clear(struct sp_pathway_list *list);

/* The main public phone line of a service (first public phone), or NULL. */
const struct sp_contact *sp_service_main_phone(const struct sp_service *service);

#endif

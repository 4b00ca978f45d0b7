#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <stdbool.h>
#include <stdint.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "fold.h"
#include "fold_private.h"
#include "mem.h"

const char SP_FOLD_RULES[] =
        "NFKC; Latin-ASCII; Any-Lower; [\\u064B-\\u065F\\u0670\\u0640] Remove; "
        "[\\u0027\\u2018\\u2019\\u02BC] Remove; NFC";

/* For the index only: Cyrillic written the way Bulgarians write it in Latin letters, so a
 * Latin query ("nasilie") meets "насилие". */
const char SP_FOLD_LATIN_RULES[] = "Bulgarian-Latin/BGN; Latin-ASCII; Any-Lower; NFC";

/*
 * The fold is defined by SP_FOLD_RULES, but opening those rules as an ICU transliterator
 * builds ICU's whole transliterator registry first: most of a cold start (issue 13). The same
 * function is computed here from its parts: NFKC; each Latin letter without its marks (its
 * canonical decomposition minus the nonspacing marks), or what Latin-ASCII makes of the
 * characters in fold_table.h; lower case (ICU's root rules, as Any-Lower); the Arabic marks
 * and apostrophes removed; NFC. tests/unit/test_fold.c checks it against the transliterator
 * on every Unicode character, alone and in context, and on every text of the directory.
 */
#include "fold_table.h"

enum sp_status
sp_fold_new(struct sp_fold **out)
{
	UErrorCode st = U_ZERO_ERROR;
	struct sp_fold *fold;

	*out = NULL;
	if (!(fold = sp_calloc(1, sizeof *fold)))
		return SP_ERR_NOMEM;
	fold->nfkc = unorm2_getNFKCInstance(&st);
	fold->nfd = unorm2_getNFDInstance(&st);
	fold->nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st)) {
		free(fold);
		return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_LOCALE;
	}
	*out = fold;
	return SP_OK;
}

void
sp_fold_free(struct sp_fold *fold)
{
	if (!fold)
		return;
	if (fold->latin)
		utrans_close(fold->latin);
	if (fold->reference)
		utrans_close(fold->reference);
	free(fold->chars);
	free(fold->latin_chars);
	free(fold);
}

int
fold_is_word_char(UChar32 c)
{
	int8_t type = u_charType(c);

	return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
	       type == U_ENCLOSING_MARK;
}

/* A growable UTF-16 buffer for the steps of the fold. */
struct ubuf {
	UChar *u;
	int32_t len, cap;
	bool failed;
};

static void
ubuf_put(struct ubuf *b, UChar32 c)
{
	UBool err = 0;

	(void) err; /* U16_APPEND sets it only when the buffer is full: it never is here */
	if (b->failed)
		return;
	if (b->len + 2 > b->cap) {
		int32_t cap = b->cap * 2 + 16;
		UChar *u = sp_reallocarray(b->u, (size_t) cap, sizeof *u);

		if (!u || cap < b->cap) {
			b->failed = true;
			return;
		}
		b->u = u;
		b->cap = cap;
	}
	U16_APPEND(b->u, b->len, b->cap, c, err);
}

/* Runs an ICU string function that preflights (returns the length it needs) into a new
 * buffer; *out and *out_len are the result. */
typedef int32_t(ustr_fn)(const void *arg, const UChar *src, int32_t len, UChar *dst, int32_t cap,
                         UErrorCode *st);

static enum sp_status
ustr_apply(ustr_fn *fn, const void *arg, const UChar *src, int32_t len, UChar **out,
           int32_t *out_len)
{
	int32_t cap = len + 16, need;
	UErrorCode st;

	*out = NULL;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!(*out = sp_reallocarray(*out, (size_t) cap, sizeof **out)))
			return SP_ERR_NOMEM;
		st = U_ZERO_ERROR;
		need = fn(arg, src, len, *out, cap, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		cap = need + 1;
	}
	if (U_FAILURE(st)) {
		free(*out);
		*out = NULL;
		return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_INTERNAL;
	}
	*out_len = need;
	return SP_OK;
}

static int32_t
normalize_fn(const void *arg, const UChar *src, int32_t len, UChar *dst, int32_t cap,
             UErrorCode *st)
{
	return unorm2_normalize(arg, src, len, dst, cap, st);
}

static int32_t
lower_fn(const void *arg, const UChar *src, int32_t len, UChar *dst, int32_t cap, UErrorCode *st)
{
	(void) arg;
	return u_strToLower(dst, cap, src, len, "", st);
}

/* Text already in the normal form is left as it is (most of it: ASCII). */
static enum sp_status
normalize(const UNormalizer2 *n, UChar **u, int32_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar *out;
	int32_t out_len;
	enum sp_status rc;

	if (unorm2_isNormalized(n, *u, *len, &st) && U_SUCCESS(st))
		return SP_OK;
	if ((rc = ustr_apply(normalize_fn, n, *u, *len, &out, &out_len)) != SP_OK)
		return rc;
	free(*u);
	*u = out;
	*len = out_len;
	return SP_OK;
}

static int
compare_exception(const void *key, const void *item)
{
	uint32_t cp = *(const uint32_t *) key, other = ((const struct fold_exception *) item)->cp;

	return cp < other ? -1 : cp > other;
}

/* Whether a character is one Latin-ASCII takes as a base whose combining marks it drops: an
 * ASCII letter or digit, or any other Latin letter. */
static bool
is_latin_base(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;

	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	return uscript_getScript(c, &st) == USCRIPT_LATIN && U_SUCCESS(st);
}

/* Latin-ASCII on NFKC text: Latin letters lose their marks (a precomposed letter its
 * decomposition's nonspacing marks; a Latin letter or digit the combining marks after it),
 * and the characters of fold_table.h become what Latin-ASCII makes of them. */
static void
latin_ascii(const struct sp_fold *fold, const UChar *u, int32_t len, struct ubuf *b)
{
	bool after_latin = false;

	for (int32_t i = 0; i < len;) {
		UChar32 c;
		const struct fold_exception *e;
		UErrorCode st = U_ZERO_ERROR;
		UChar dec[32];
		int32_t n;

		U16_NEXT(u, i, len, c);
		if (c < 0x80) {
			ubuf_put(b, c);
			after_latin = is_latin_base(c);
		} else if (u_charType(c) == U_NON_SPACING_MARK &&
		           uscript_getScript(c, &st) == USCRIPT_INHERITED && U_SUCCESS(st)) {
			if (!after_latin)
				ubuf_put(b, c);
		} else if ((e = bsearch(&(uint32_t){ (uint32_t) c }, fold_exceptions,
		                        sizeof fold_exceptions / sizeof fold_exceptions[0],
		                        sizeof fold_exceptions[0], compare_exception))) {
			UScriptCode script = uscript_getScript(c, &st);

			/* Marks after it go when it is a Latin or common letter or number (ß, ①),
			 * not a symbol (₠, ©) or a Han number (〇). */
			bool base = (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) &&
			            (script == USCRIPT_LATIN || script == USCRIPT_COMMON);

			after_latin = false;
			for (const char *p = e->ascii; *p; p++) {
				ubuf_put(b, (unsigned char) *p);
				after_latin = base && is_latin_base((unsigned char) *p);
			}
		} else if (is_latin_base(c) &&
		           (n = unorm2_getDecomposition(fold->nfd, c, dec, 32, &st)) > 0 &&
		           U_SUCCESS(st)) {
			for (int32_t j = 0; j < n;) {
				UChar32 d;

				U16_NEXT(dec, j, n, d);
				if (u_charType(d) != U_NON_SPACING_MARK)
					ubuf_put(b, d);
			}
			after_latin = true;
		} else {
			ubuf_put(b, c);
			after_latin = is_latin_base(c);
		}
	}
}

static bool
is_removed(UChar c)
{
	return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 || c == 0x0027 ||
	       c == 0x2018 || c == 0x2019 || c == 0x02BC;
}

/* The fold's rules on UTF-16 text: *u (taken over) becomes the folded text. *removed (when
 * given) says whether the Arabic marks and apostrophes step removed anything. */
enum sp_status
fold_apply_rules(const struct sp_fold *fold, UChar **u, int32_t *len, bool *removed)
{
	struct ubuf b = { 0 };
	UChar *lower;
	int32_t lower_len, kept = 0;
	enum sp_status rc;

	if ((rc = normalize(fold->nfkc, u, len)) != SP_OK)
		return rc;
	latin_ascii(fold, *u, *len, &b);
	if (b.failed) {
		free(b.u);
		return SP_ERR_NOMEM;
	}
	free(*u);
	*u = NULL;
	if ((rc = ustr_apply(lower_fn, NULL, b.u ? b.u : (UChar[]){ 0 }, b.len, &lower,
	                     &lower_len)) != SP_OK) {
		free(b.u);
		return rc;
	}
	free(b.u);
	for (int32_t i = 0; i < lower_len; i++)
		if (!is_removed(lower[i]))
			lower[kept++] = lower[i];
	if (removed)
		*removed = kept != lower_len;
	*u = lower;
	*len = kept;
	return normalize(fold->nfc, u, len);
}

enum sp_status
sp_fold_utf8(struct sp_fold *fold, const char *text, char **out)
{
	return fold_with(fold, NULL, text, out, NULL);
}

/* Opens *trans from transliterator rules, once. */
enum sp_status
fold_open_rules(UTransliterator **trans, const char *rules)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar id[256];

	if (*trans)
		return SP_OK;
	u_strFromUTF8(id, (int32_t) (sizeof id / sizeof id[0]), NULL, rules, -1, &st);
	if (U_SUCCESS(st))
		*trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st)) {
		*trans = NULL;
		return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_LOCALE;
	}
	return SP_OK;
}

enum sp_status
sp_fold_reference_utf8(struct sp_fold *fold, const char *text, char **out)
{
	enum sp_status rc;

	*out = NULL;
	if ((rc = fold_open_rules(&fold->reference, SP_FOLD_RULES)) != SP_OK)
		return rc;
	return fold_with(fold, fold->reference, text, out, NULL);
}

/* The Latin form by SP_FOLD_LATIN_RULES through ICU's transliterator, "" when it is the plain
 * fold (`plain`, taken over). */
static enum sp_status
fold_latin_by_rules(struct sp_fold *fold, const char *text, char *plain, char **out, bool by_chars)
{
	char *latin = NULL;
	enum sp_status rc;

	if (by_chars && fold_latin_by_chars(fold, text, &latin, &rc)) {
		if (rc != SP_OK) {
			free(plain);
			return rc;
		}
	} else if ((rc = fold_open_rules(&fold->latin, SP_FOLD_LATIN_RULES)) != SP_OK ||
	           (rc = fold_with(fold, fold->latin, text, &latin, NULL)) != SP_OK) {
		free(plain);
		return rc;
	}
	/* Latin text is already folded; only text with other letters gains a Latin form. */
	if (strcmp(plain, latin) == 0)
		latin[0] = '\0';
	free(plain);
	*out = latin;
	return SP_OK;
}

/*
 * Bulgarian-Latin/BGN changes Cyrillic letters only, so for text without them the Latin form
 * is "Latin-ASCII; Any-Lower; NFC" of the text, which is the plain fold whenever NFKC leaves
 * the text as it is and the fold removed no Arabic mark or apostrophe: then the answer is ""
 * without the transliterator (most of a national build's time, issue 13). Any other text takes
 * the rules; tests/unit/test_fold.c checks both ways agree on every character.
 */
enum sp_status
sp_fold_latin_utf8(struct sp_fold *fold, const char *text, char **out)
{
	char *plain = NULL;
	bool same = false;
	enum sp_status rc;

	*out = NULL;
	if ((rc = fold_with(fold, NULL, text, &plain, &same)) != SP_OK)
		return rc;
	if (same) {
		plain[0] = '\0';
		*out = plain;
		return SP_OK;
	}
	return fold_latin_by_rules(fold, text, plain, out, true);
}

enum sp_status
sp_fold_index_utf8(struct sp_fold *fold, const char *text, char **out)
{
	char *plain = NULL, *latin = NULL, *copy;
	bool same = false;
	enum sp_status rc;

	*out = NULL;
	if ((rc = fold_with(fold, NULL, text, &plain, &same)) != SP_OK)
		return rc;
	if (!same) {
		if (!(copy = sp_strdup(plain))) {
			free(plain);
			return SP_ERR_NOMEM;
		}
		if ((rc = fold_latin_by_rules(fold, text, copy, &latin, true)) != SP_OK) {
			free(plain);
			return rc;
		}
	}
	*out = sp_asprintf("%s %s", plain, latin ? latin : "");
	free(plain);
	free(latin);
	return *out ? SP_OK : SP_ERR_NOMEM;
}

enum sp_status
sp_fold_latin_reference_utf8(struct sp_fold *fold, const char *text, char **out)
{
	char *plain = NULL;
	enum sp_status rc;

	*out = NULL;
	if ((rc = fold_with(fold, NULL, text, &plain, NULL)) != SP_OK)
		return rc;
	return fold_latin_by_rules(fold, text, plain, out, false);
}

/* Whether UTF-16 text holds no Cyrillic character and is its own NFKC form. */
bool
fold_latin_keep(const struct sp_fold *fold, const UChar *u, int32_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t i = 0;

	while (i < len) {
		UChar32 c;
		UErrorCode sst = U_ZERO_ERROR;

		U16_NEXT(u, i, len, c);
		if (c >= 0x80 && uscript_getScript(c, &sst) == USCRIPT_CYRILLIC)
			return false;
	}
	return unorm2_isNormalized(fold->nfkc, u, len, &st) && U_SUCCESS(st);
}

/* Transliterates u in place (room for growth: ß -> ss, ligatures), retrying once larger. */
enum sp_status
fold_transliterate(UTransliterator *trans, UChar **u, int32_t *len)
{
	int32_t cap = *len * 2 + 16, in_len = *len;
	UChar *copy = NULL;
	UErrorCode st = U_ZERO_ERROR;

	for (int attempt = 0; attempt < 2; attempt++) {
		int32_t limit = in_len;

		free(copy);
		if (!(copy = sp_reallocarray(NULL, (size_t) cap, sizeof *copy)))
			return SP_ERR_NOMEM;
		memcpy(copy, *u, (size_t) in_len * sizeof *copy);
		*len = in_len;
		st = U_ZERO_ERROR;
		utrans_transUChars(trans, copy, len, cap, 0, &limit, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		cap = *len + 16;
	}
	if (U_FAILURE(st)) {
		free(copy);
		*len = in_len;
		return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_INTERNAL;
	}
	free(*u);
	*u = copy;
	return SP_OK;
}

enum sp_status
fold_with(struct sp_fold *fold, UTransliterator *trans, const char *text, char **out,
          bool *latin_same)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar *u = NULL;
	int32_t len = 0;
	struct sp_buf buf;
	bool gap = false;
	size_t in_len = strlen(text);
	enum sp_status rc;

	*out = NULL;
	if (in_len > INT32_MAX / 4)
		return SP_ERR_USAGE;
	if (!trans && fold_by_chars(fold, text, in_len, out, latin_same, &rc))
		return rc;
	/* UTF-16 never needs more units than UTF-8 has bytes. */
	if (!(u = sp_reallocarray(NULL, in_len + 1, sizeof *u)))
		return SP_ERR_NOMEM;
	u_strFromUTF8WithSub(u, (int32_t) in_len + 1, &len, text, (int32_t) in_len, 0xFFFD, NULL,
	                     &st);
	if (U_FAILURE(st)) {
		free(u);
		return SP_ERR_NOMEM;
	}
	if (latin_same && !trans)
		*latin_same = fold_latin_keep(fold, u, len);
	if (trans) {
		rc = fold_transliterate(trans, &u, &len);
	} else {
		bool removed = false;

		rc = fold_apply_rules(fold, &u, &len, &removed);
		if (latin_same && removed)
			*latin_same = false;
	}
	if (rc != SP_OK) {
		free(u);
		return rc;
	}

	sp_buf_init(&buf);
	sp_buf_append(&buf, "", 0);
	for (int32_t i = 0; i < len;) {
		UChar32 c;

		U16_NEXT(u, i, len, c);
		fold_emit(&buf, c, fold_is_word_char(c), &gap);
	}
	*out = sp_buf_take(&buf);
	free(u);
	return *out ? SP_OK : SP_ERR_NOMEM;
}

enum sp_fold_match
sp_fold_match_for(const char *lang)
{
	return !lang || !*lang || strncmp(lang, "en", 2) == 0 ? SP_FOLD_PREFIX : SP_FOLD_STEM;
}

/* Bytes of a folded word to keep for STEM matching (whole UTF-8 characters). */
static size_t
stem_bytes(const char *w, size_t n)
{
	size_t chars = 0, keep, i = 0;

	for (size_t j = 0; j < n; j++)
		chars += ((unsigned char) w[j] & 0xC0) != 0x80;
	if (chars < 6)
		return n;
	keep = chars - 3 > 5 ? chars - 3 : 5;
	for (size_t c = 0; i < n; i++) {
		if (((unsigned char) w[i] & 0xC0) != 0x80 && c++ == keep)
			break;
	}
	return i;
}

enum sp_status
sp_fold_fts_query(struct sp_fold *fold, const char *text, char **out)
{
	return sp_fold_fts_query_match(fold, text, SP_FOLD_PREFIX, out);
}

enum sp_status
sp_fold_fts_query_match(struct sp_fold *fold, const char *text, enum sp_fold_match match,
                        char **out)
{
	struct sp_buf buf;
	char *folded, *p;
	enum sp_status rc;
	int terms = 0;

	*out = NULL;
	if ((rc = sp_fold_utf8(fold, text, &folded)) != SP_OK)
		return rc;
	sp_buf_init(&buf);
	/* Folded text holds only word characters and single spaces: no quote can appear, but
	 * quoting every term still keeps words like AND, OR, NOT and NEAR plain text. */
	for (p = folded; *p && terms < SP_FOLD_MAX_TERMS;) {
		size_t n = strcspn(p, " "), next = n;

		if (match == SP_FOLD_STEM)
			n = stem_bytes(p, n);
		if (terms++)
			sp_buf_putc(&buf, ' ');
		sp_buf_putc(&buf, '"');
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '"')
				sp_buf_putc(&buf, '"');
			sp_buf_putc(&buf, p[i]);
		}
		sp_buf_puts(&buf, "\"*");
		p += next;
		while (*p == ' ')
			p++;
	}
	free(folded);
	if (terms == 0) {
		sp_buf_free(&buf);
		return SP_OK;
	}
	*out = sp_buf_take(&buf);
	return *out ? SP_OK : SP_ERR_NOMEM;
}

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "fold.h"
#include "fold_private.h"
#include "mem.h"

/* Whether folding u (len units) gives `want` (want_len) and no error. */
static bool
folds_to(const struct sp_fold *fold, const UChar *u, int32_t len, const UChar *want,
         int32_t want_len)
{
	UChar *copy = sp_reallocarray(NULL, (size_t) len + 1, sizeof *copy);
	bool same;

	if (!copy)
		return false;
	memcpy(copy, u, (size_t) len * sizeof *copy);
	same = fold_apply_rules(fold, &copy, &len, NULL) == SP_OK && len == want_len &&
	       memcmp(copy, want, (size_t) len * sizeof *copy) == 0;
	free(copy);
	return same;
}

/*
 * Learns what the fold makes of c. It is CHAR_ALONE when nothing before or after can change
 * that: c has a normalization boundary before it (NFKC cannot join it to what precedes), so
 * does the first character it becomes (NFC cannot), and it folds the same after "" and after
 * a Latin letter (the only state Latin-ASCII carries from one character to the next: whether
 * marks follow a Latin letter) and before "" and before a letter (lower case: final sigma).
 * tests/unit/test_fold.c compares the result with ICU's transliterator.
 */
static void
learn_char(const struct sp_fold *fold, UChar32 c, struct fold_char *e)
{
	struct fold_char learned = { .state = CHAR_IN_CONTEXT };
	UChar *u = sp_reallocarray(NULL, 2, sizeof *u), ctx[8];
	int32_t len = 1;
	bool removed = false, alone;
	enum sp_status rc;

	if (!u)
		return; /* learned another time */
	u[0] = (UChar) c;
	learned.latin_same = fold_latin_keep(fold, u, 1);
	if ((rc = fold_apply_rules(fold, &u, &len, &removed)) != SP_OK) {
		free(u);
		if (rc != SP_ERR_NOMEM)
			*e = learned;
		return;
	}
	alone = unorm2_hasBoundaryBefore(fold->nfkc, c) && len <= 4 &&
	        (len == 0 || unorm2_hasBoundaryBefore(fold->nfc, u[0]));
	for (int32_t i = 0; alone && i < len; i++)
		alone = !U16_IS_SURROGATE(u[i]);
	if (alone) {
		UChar one[1] = { (UChar) c };
		UChar in[3] = { 'a', (UChar) c, 'a' };

		ctx[0] = 'a';
		memcpy(ctx + 1, u, (size_t) len * sizeof *u);
		ctx[len + 1] = 'a';
		alone = folds_to(fold, in, 3, ctx, len + 2) &&
		        folds_to(fold, in, 2, ctx, len + 1) &&
		        folds_to(fold, in + 1, 2, ctx + 1, len + 1) &&
		        folds_to(fold, one, 1, u, len);
	}
	if (alone) {
		learned.state = CHAR_ALONE;
		learned.n = (uint8_t) len;
		memcpy(learned.out, u, (size_t) len * sizeof *u);
		for (int32_t i = 0; i < len; i++)
			if (fold_is_word_char(u[i]))
				learned.word |= (uint8_t) (1u << i);
		learned.latin_same = learned.latin_same && !removed;
	}
	free(u);
	*e = learned;
}

/* An ASCII character of text that folds alone: a letter lower-cased, a digit, or a gap. */
static void
emit_ascii(struct sp_buf *buf, UChar32 c, bool *gap)
{
	bool upper = c >= 'A' && c <= 'Z';

	fold_emit(buf, upper ? c + ('a' - 'A') : c,
	          upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'), gap);
}

/* A learned character's own fold (e->out). */
static void
emit_learned(struct sp_buf *buf, const struct fold_char *e, bool *gap)
{
	for (int k = 0; k < e->n; k++)
		fold_emit(buf, e->out[k], e->word & (1u << k), gap);
}

/*
 * The fold of text made only of characters that fold alone (ASCII among them: NFKC, Latin-ASCII
 * and NFC leave it as it is, Any-Lower is tolower(), the apostrophe is removed), each in turn,
 * and then, as for all text, every run of characters that are not letters or digits becomes one
 * space between words. *latin_same as fold_latin_keep() and the removal make it. false when
 * some character does not fold alone (then *out is untouched).
 */
bool
fold_by_chars(struct sp_fold *fold, const char *text, size_t len, char **out, bool *latin_same,
              enum sp_status *rc)
{
	bool gap = false, same = true;
	struct sp_buf buf;

	sp_buf_init(&buf);
	/* Room for as many bytes as the text has: most folds are no longer (not a realloc a
	 * word, a million texts at national scale). */
	sp_buf_reserve(&buf, len);
	for (int32_t i = 0; i < (int32_t) len;) {
		UChar32 c;

		U8_NEXT(text, i, (int32_t) len, c);
		if (c == '\'') {
			same = false;
			continue;
		}
		if (c >= 0 && c < 0x80) {
			emit_ascii(&buf, c, &gap);
			continue;
		}
		if (c < 0 || c > 0xFFFF ||
		    (!fold->chars && !(fold->chars = sp_calloc(0x10000, sizeof *fold->chars)))) {
			sp_buf_free(&buf);
			return false;
		}
		if (fold->chars[c].state == CHAR_UNKNOWN)
			learn_char(fold, c, &fold->chars[c]);
		if (fold->chars[c].state != CHAR_ALONE) {
			sp_buf_free(&buf);
			return false;
		}
		same = same && fold->chars[c].latin_same;
		emit_learned(&buf, &fold->chars[c], &gap);
	}
	if (latin_same)
		*latin_same = same;
	*out = sp_buf_take(&buf);
	*rc = *out ? SP_OK : SP_ERR_NOMEM;
	return true;
}

/*
 * The Latin form (SP_FOLD_LATIN_RULES) a character at a time. Bulgarian-Latin/BGN has a rule a
 * Cyrillic letter, but for two pairs, т+с and ш+т (lower then upper case excepted), which it
 * writes with a middle dot between ("детска" -> "det·ska"), a break between words once folded;
 * its other rules that look at a neighbour choose only between upper and lower case, which
 * Any-Lower makes the same. So the Latin form of text whose every character is learned
 * CHAR_ALONE here is each character's own, with a break inside those pairs read left to right
 * ("штс" -> "sh ts"). tests/unit/test_fold.c compares it with ICU's transliterator.
 */
static bool
pair_breaks(UChar32 a, UChar32 b)
{
	return ((a == 0x442 || a == 0x422) && (b == 0x441 || b == 0x421) &&
	        !(a == 0x442 && b == 0x421)) ||
	       ((a == 0x448 || a == 0x428) && (b == 0x442 || b == 0x422) &&
	        !(a == 0x448 && b == 0x422));
}

/* c's Latin form alone, through the transliterator: e->n and e->out, and e->state
 * CHAR_UNCHECKED (checked later: learn_latin_char); false when out of memory. */
static bool
latin_alone(struct sp_fold *fold, UChar32 c, struct fold_char *e)
{
	UChar *u = sp_reallocarray(NULL, 2, sizeof *u);
	int32_t len = 1;
	enum sp_status rc;

	if (!u)
		return false;
	u[0] = (UChar) c;
	if ((rc = fold_transliterate(fold->latin, &u, &len)) != SP_OK) {
		free(u);
		if (rc == SP_ERR_NOMEM)
			return false;
		len = 5; /* never alone */
	}
	*e = (struct fold_char){ .state = CHAR_UNCHECKED, .n = (uint8_t) (len <= 4 ? len : 0) };
	e->latin_same = len <= 4 && unorm2_hasBoundaryBefore(fold->nfd, c) &&
	                (len == 0 || unorm2_hasBoundaryBefore(fold->nfc, u[0]));
	for (int32_t i = 0; e->latin_same && i < len; i++) {
		e->latin_same = !U16_IS_SURROGATE(u[i]);
		e->out[i] = u[i];
		if (fold_is_word_char(u[i]))
			e->word |= (uint8_t) (1u << i);
	}
	free(u);
	return true;
}

static void learn_latin_char(struct sp_fold *fold, UChar32 c);

/*
 * Appends the Latin form of text to buf, character by character (each learned alone: see
 * latin_alone; `validated`: only characters learned CHAR_ALONE, learning them on the way), in
 * words as fold_with() makes them. false when a character cannot be taken this way or memory
 * ran out.
 */
static bool
latin_by_entries(struct sp_fold *fold, const char *text, int32_t len, bool validated,
                 struct sp_buf *buf)
{
	bool gap = false, paired = false;
	UChar32 prev = -1;

	for (int32_t i = 0; i < len;) {
		const struct fold_char *e;
		UChar32 c;

		U8_NEXT(text, i, len, c);
		if (c < 0 || c > 0xFFFF)
			return false;
		paired = !paired && prev >= 0 && pair_breaks(prev, c);
		if (paired)
			gap = buf->len > 0;
		prev = c;
		if (c < 0x80) {
			emit_ascii(buf, c, &gap);
			continue;
		}
		e = &fold->latin_chars[c];
		if (validated && e->state != CHAR_ALONE)
			learn_latin_char(fold, c); /* at most once a character: see its states */
		else if (e->state == CHAR_UNKNOWN && !latin_alone(fold, c, &fold->latin_chars[c]))
			return false;
		if (validated ? e->state != CHAR_ALONE : !e->latin_same)
			return false;
		emit_learned(buf, e, &gap);
	}
	return !buf->failed;
}

/* Learns whether c is CHAR_ALONE for the Latin form: its own form, and the same as the
 * transliterator's beside each probe, before and after. */
static void
learn_latin_char(struct sp_fold *fold, UChar32 c)
{
	static const char *const probes[] = { "",         "a",        " ",        "\xd1\x82",
		                              "\xd1\x81", "\xd1\x88", "\xd0\xa2", "\xd0\xa1",
		                              "\xd0\xa8", "\xd1\x8a", "\xd0\xb0" };
	struct fold_char *e = &fold->latin_chars[c];
	UErrorCode st = U_ZERO_ERROR;
	/* Bulgarian-Latin/BGN's rules read only Cyrillic neighbours: any other character is
	 * tried beside nothing and a Latin letter only (Latin-ASCII's and Any-Lower's context). */
	size_t nprobes = uscript_getScript(c, &st) == USCRIPT_CYRILLIC && U_SUCCESS(st) ?
	                         sizeof probes / sizeof probes[0] :
	                         2;
	bool alone;

	if (e->state == CHAR_UNKNOWN && !latin_alone(fold, c, e))
		return; /* out of memory: learned another time */
	if (e->state != CHAR_UNCHECKED)
		return;
	alone = e->latin_same;
	for (size_t x = 0; alone && x < nprobes; x++)
		for (size_t y = 0; alone && y < nprobes; y++) {
			char text[16], *ref = NULL;
			int32_t n = 0;
			UBool err = 0;
			struct sp_buf mine;

			n = (int32_t) strlen(probes[x]);
			memcpy(text, probes[x], (size_t) n);
			U8_APPEND(text, n, (int32_t) sizeof text, c, err);
			memcpy(text + n, probes[y], strlen(probes[y]) + 1);
			sp_buf_init(&mine);
			sp_buf_append(&mine, "", 0);
			alone = !err && fold_with(fold, fold->latin, text, &ref, NULL) == SP_OK &&
			        latin_by_entries(fold, text, (int32_t) strlen(text), false,
			                         &mine) &&
			        strcmp(ref, mine.data) == 0;
			free(ref);
			sp_buf_free(&mine);
		}
	e->state = alone ? CHAR_ALONE : CHAR_IN_CONTEXT;
}

bool
fold_latin_by_chars(struct sp_fold *fold, const char *text, char **out, enum sp_status *rc)
{
	size_t len = strlen(text);
	struct sp_buf buf;

	if (len > INT32_MAX / 4)
		return false;
	if (!fold->latin_chars &&
	    !(fold->latin_chars = sp_calloc(0x10000, sizeof *fold->latin_chars)))
		return false;
	if ((*rc = fold_open_rules(&fold->latin, SP_FOLD_LATIN_RULES)) != SP_OK)
		return true;
	sp_buf_init(&buf);
	sp_buf_append(&buf, "", 0);
	if (!latin_by_entries(fold, text, (int32_t) len, true, &buf)) {
		sp_buf_free(&buf);
		return false;
	}
	*out = sp_buf_take(&buf);
	*rc = *out ? SP_OK : SP_ERR_NOMEM;
	return true;
}

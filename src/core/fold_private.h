#ifndef SIGNPOST_FOLD_PRIVATE_H
#define SIGNPOST_FOLD_PRIVATE_H

/* Shared by fold.c (the fold's rules through ICU) and fold_chars.c (the same a character at a
 * time); nothing else includes it. */

#include <stdbool.h>
#include <stdint.h>

#include <unicode/unorm2.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "mem.h"
#include "status.h"

/*
 * What the fold makes of one character of the Basic Multilingual Plane, learned the first time
 * it is met (learn_char): CHAR_ALONE when the fold of any text made of such characters is the
 * fold of each in turn, split into words as usual, so most text is folded without ICU
 * (issue 13: the fold was a tenth of a national build, and the people check folds every text).
 */
enum {
	CHAR_UNKNOWN,
	CHAR_ALONE,
	CHAR_IN_CONTEXT,
	/* the Latin form's only: its form alone is known (out, latin_same), not yet whether it
	 * may stand beside other characters (then CHAR_ALONE or CHAR_IN_CONTEXT, once) */
	CHAR_UNCHECKED
};

struct fold_char {
	uint8_t state;
	uint8_t n;    /* out[0..n) */
	uint8_t word; /* bit i: out[i] is a word character */
	/* chars: not Cyrillic, its own NFKC form, not removed (fold_latin_keep); latin_chars:
	 * its Latin form alone may stand in text (boundaries before it, at most four units) */
	bool latin_same;
	UChar out[4];
};

struct sp_fold {
	const UNormalizer2 *nfkc, *nfd, *nfc; /* ICU's own, never freed */
	UTransliterator *latin;               /* opened on first use (the index builder's) */
	UTransliterator *reference;           /* SP_FOLD_RULES, opened on first use (tests) */
	struct fold_char *chars;       /* 65,536 by code point, made when text is not ASCII */
	struct fold_char *latin_chars; /* the same for the Latin form (fold_latin_by_chars) */
};

int fold_is_word_char(UChar32 c);

/*
 * Writes one character of folded text to buf, which holds words separated by single spaces:
 * a word character goes after a space when other characters came between it and the word
 * before (*gap, carried from call to call; none at the start), any other character only
 * marks such a gap. The one step of every fold (fold_with, fold_by_chars, the Latin form).
 */
static inline void
fold_emit(struct sp_buf *buf, UChar32 c, bool is_word, bool *gap)
{
	char utf8[4];
	int32_t n = 0;
	UBool err = 0;

	if (!is_word) {
		*gap = buf->len > 0;
		return;
	}
	if (*gap)
		sp_buf_putc(buf, ' ');
	*gap = false;
	if (c < 0x80) {
		sp_buf_putc(buf, (char) c);
		return;
	}
	U8_APPEND(utf8, n, 4, c, err);
	if (!err)
		sp_buf_append(buf, utf8, (size_t) n);
}
/* The fold's rules on UTF-16 text: *u (taken over) becomes the folded text; *removed (when
 * given) says whether the Arabic marks and apostrophes step removed anything. */
enum sp_status fold_apply_rules(const struct sp_fold *fold, UChar **u, int32_t *len, bool *removed);
/* Whether UTF-16 text holds no Cyrillic character and is its own NFKC form. */
bool fold_latin_keep(const struct sp_fold *fold, const UChar *u, int32_t len);
/* Transliterates u in place (room for growth), retrying once larger. */
enum sp_status fold_transliterate(UTransliterator *trans, UChar **u, int32_t *len);
/* Opens *trans from transliterator rules, once. */
enum sp_status fold_open_rules(UTransliterator **trans, const char *rules);
/* Folds UTF-8 text by the fold's rules, or by `trans` when it is given (the Latin form), into
 * words separated by single spaces. */
enum sp_status fold_with(struct sp_fold *fold, UTransliterator *trans, const char *text, char **out,
                         bool *latin_same);
/* The fold of text whose every character folds alone (fold_chars.c): true and *rc, or false
 * (*out untouched) when some character does not. */
bool fold_by_chars(struct sp_fold *fold, const char *text, size_t len, char **out, bool *latin_same,
                   enum sp_status *rc);
/* The Latin form (SP_FOLD_LATIN_RULES, split into words) of text whose every character takes
 * it alone: true and *rc (and *out), or false (*out untouched) when some character does not. */
bool fold_latin_by_chars(struct sp_fold *fold, const char *text, char **out, enum sp_status *rc);

#endif

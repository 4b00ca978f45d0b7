#ifndef SIGNPOST_FOLD_H
#define SIGNPOST_FOLD_H

#include "status.h"

/*
 * Language-neutral folding for search: the same function is applied to the directory's text
 * when the index is built and to every query, so "mens advice" meets "Men's Advice Line" and
 * "lodz" meets "Łódź". Case, accents and compatibility forms are folded (ICU's Latin-ASCII
 * also maps ł, ø, ß, æ, which SQLite's own diacritic removal does not), apostrophes vanish
 * inside words, and every other character that is not a letter, digit or mark becomes one
 * space. Scripts other than Latin keep their letters and marks.
 */
struct sp_fold;

/* The transform rules; stored in the database so a change of rules is detected. */
extern const char SP_FOLD_RULES[];

/* A fold learns the characters it meets (what each folds to): one thread at a time uses it. */
enum sp_status sp_fold_new(struct sp_fold **out);
void sp_fold_free(struct sp_fold *fold);

/*
 * Folds UTF-8 text (invalid bytes and control characters become spaces) into a new string the
 * caller frees. Runs of spaces are collapsed and the result is trimmed.
 */
enum sp_status sp_fold_utf8(struct sp_fold *fold, const char *text, char **out);

/*
 * The same fold computed by ICU's transliterator from SP_FOLD_RULES itself: the definition
 * sp_fold_utf8() is tested against. Slow to open (ICU builds its transliterator registry), so
 * never on a user's path. New string the caller frees.
 */
enum sp_status sp_fold_reference_utf8(struct sp_fold *fold, const char *text, char **out);

/*
 * For the search index: text in another script (Bulgarian Cyrillic) transliterated to Latin
 * letters and folded ("насилие" -> "nasilie"), so a query typed in Latin letters still finds
 * it; "" for text that is Latin already. New string the caller frees.
 */
extern const char SP_FOLD_LATIN_RULES[];
enum sp_status sp_fold_latin_utf8(struct sp_fold *fold, const char *text, char **out);
/* For the search index, both at once: sp_fold_utf8(), a space, sp_fold_latin_utf8() (the
 * text folded once). New string the caller frees. */
enum sp_status sp_fold_index_utf8(struct sp_fold *fold, const char *text, char **out);
/* The same through ICU's transliterator for every text, which sp_fold_latin_utf8() is tested
 * against. New string the caller frees. */
enum sp_status sp_fold_latin_reference_utf8(struct sp_fold *fold, const char *text, char **out);

/*
 * Turns free text into an FTS5 query of quoted prefix terms ("mens"* "advice"*), so that no
 * user input can be FTS syntax. *out is NULL when the text holds no searchable word.
 * At most SP_FOLD_MAX_TERMS words are used.
 */
#define SP_FOLD_MAX_TERMS 32
enum sp_status sp_fold_fts_query(struct sp_fold *fold, const char *text, char **out);

/*
 * How a query word meets the words of the directory. PREFIX: the word as typed, as a prefix
 * ("stalk" finds "stalking"). STEM: for inflected languages, a long word also drops its
 * ending first, so "nękanie" finds "nękania" and "znásilnenie" finds "znásilnení": a word of
 * n >= 6 letters keeps its first max(5, n - 3) letters. The choice was measured
 * (tests/unit/test_fold.c, 47 everyday and inflected words in eleven languages): prefix
 * matching found 54 of the services the words stand for, stem matching 168, with 1 wrong.
 */
enum sp_fold_match { SP_FOLD_PREFIX, SP_FOLD_STEM };

/* The matching for a UI language: PREFIX for English, STEM for the inflected languages. */
enum sp_fold_match sp_fold_match_for(const char *lang);

enum sp_status sp_fold_fts_query_match(struct sp_fold *fold, const char *text,
                                       enum sp_fold_match match, char **out);

#endif

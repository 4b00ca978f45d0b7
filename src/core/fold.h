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

enum sp_status sp_fold_new(struct sp_fold **out);
void sp_fold_free(struct sp_fold *fold);

/*
 * Folds UTF-8 text (invalid bytes and control characters become spaces) into a new string the
 * caller frees. Runs of spaces are collapsed and the result is trimmed.
 */
enum sp_status sp_fold_utf8(struct sp_fold *fold, const char *text, char **out);

/*
 * Turns free text into an FTS5 query of quoted prefix terms ("mens"* "advice"*), so that no
 * user input can be FTS syntax. *out is NULL when the text holds no searchable word.
 * At most SP_FOLD_MAX_TERMS words are used.
 */
#define SP_FOLD_MAX_TERMS 32
enum sp_status sp_fold_fts_query(struct sp_fold *fold, const char *text, char **out);

#endif

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "fold.h"
#include "mem.h"

const char SP_FOLD_RULES[] =
        "NFKC; Latin-ASCII; Any-Lower; [\\u064B-\\u065F\\u0670\\u0640] Remove; "
        "[\\u0027\\u2018\\u2019\\u02BC] Remove; NFC";

/* For the index only: Cyrillic written the way Bulgarians write it in Latin letters, so a
 * Latin query ("nasilie") meets "насилие". */
const char SP_FOLD_LATIN_RULES[] = "Bulgarian-Latin/BGN; Latin-ASCII; Any-Lower; NFC";

struct sp_fold {
	UTransliterator *trans;
	UTransliterator *latin; /* opened on first use */
};

enum sp_status
sp_fold_new(struct sp_fold **out)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar id[256];
	struct sp_fold *fold;

	*out = NULL;
	u_strFromUTF8(id, (int32_t) (sizeof id / sizeof id[0]), NULL, SP_FOLD_RULES, -1, &st);
	if (U_FAILURE(st))
		return SP_ERR_INTERNAL;
	if (!(fold = sp_calloc(1, sizeof *fold)))
		return SP_ERR_NOMEM;
	fold->trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
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
	utrans_close(fold->trans);
	if (fold->latin)
		utrans_close(fold->latin);
	free(fold);
}

static int
is_word_char(UChar32 c)
{
	int8_t type = u_charType(c);

	return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
	       type == U_ENCLOSING_MARK;
}

static enum sp_status fold_with(UTransliterator *trans, const char *text, char **out);

enum sp_status
sp_fold_utf8(struct sp_fold *fold, const char *text, char **out)
{
	return fold_with(fold->trans, text, out);
}

enum sp_status
sp_fold_latin_utf8(struct sp_fold *fold, const char *text, char **out)
{
	char *latin = NULL, *plain = NULL;
	enum sp_status rc;

	*out = NULL;
	if (!fold->latin) {
		UErrorCode st = U_ZERO_ERROR;
		UChar id[128];

		u_strFromUTF8(id, (int32_t) (sizeof id / sizeof id[0]), NULL, SP_FOLD_LATIN_RULES,
		              -1, &st);
		if (U_SUCCESS(st))
			fold->latin = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
		if (U_FAILURE(st)) {
			fold->latin = NULL;
			return st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_LOCALE;
		}
	}
	if ((rc = fold_with(fold->latin, text, &latin)) != SP_OK)
		return rc;
	if ((rc = sp_fold_utf8(fold, text, &plain)) != SP_OK) {
		free(latin);
		return rc;
	}
	/* Latin text is already folded; only text with other letters gains a Latin form. */
	if (strcmp(plain, latin) == 0)
		latin[0] = '\0';
	free(plain);
	*out = latin;
	return SP_OK;
}

static enum sp_status
fold_with(UTransliterator *trans, const char *text, char **out)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar *u = NULL;
	int32_t len = 0, cap, limit;
	struct sp_buf buf;
	size_t in_len = strlen(text);
	enum sp_status rc = SP_ERR_NOMEM;

	*out = NULL;
	if (in_len > INT32_MAX / 4)
		return SP_ERR_USAGE;
	/* The transform can lengthen text (ß -> ss, ligatures): leave room and retry if needed. */
	cap = (int32_t) in_len * 2 + 16;
	for (int attempt = 0; attempt < 2; attempt++) {
		free(u);
		if (!(u = sp_reallocarray(NULL, (size_t) cap, sizeof *u)))
			return SP_ERR_NOMEM;
		st = U_ZERO_ERROR;
		u_strFromUTF8WithSub(u, cap, &len, text, (int32_t) in_len, 0xFFFD, NULL, &st);
		if (U_FAILURE(st))
			goto out;
		limit = len;
		utrans_transUChars(trans, u, &len, cap, 0, &limit, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		cap = len + 16;
	}
	if (U_FAILURE(st)) {
		rc = st == U_MEMORY_ALLOCATION_ERROR ? SP_ERR_NOMEM : SP_ERR_INTERNAL;
		goto out;
	}

	sp_buf_init(&buf);
	sp_buf_append(&buf, "", 0);
	{
		int32_t i = 0;
		int pending_space = 0;

		while (i < len) {
			UChar32 c;
			char utf8[4];
			int32_t n = 0;
			UBool err = 0;

			U16_NEXT(u, i, len, c);
			if (!is_word_char(c)) {
				pending_space = buf.len > 0;
				continue;
			}
			if (pending_space)
				sp_buf_putc(&buf, ' ');
			pending_space = 0;
			U8_APPEND(utf8, n, 4, c, err);
			if (!err)
				sp_buf_append(&buf, utf8, (size_t) n);
		}
	}
	*out = sp_buf_take(&buf);
	rc = *out ? SP_OK : SP_ERR_NOMEM;
out:
	free(u);
	return rc;
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

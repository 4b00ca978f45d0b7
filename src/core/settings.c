#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "mem.h"
#include "settings.h"
#include "trust.h"

void
sp_settings_clear(struct sp_settings *s)
{
	free(s->neutral_text);
	free(s->admin_quit);
	free(s->language);
	free(s->theme);
	free(s->update_dir);
	free(s->trusted_keys);
	memset(s, 0, sizeof *s);
	s->idle_timeout = -1;
}

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char) *s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char) end[-1]))
		*--end = '\0';
	return s;
}

/* "\n" in a value is a line break. */
static char *
unescape(const char *v)
{
	char *out = sp_strdup(v), *w = out;

	for (const char *r = v; out && *r; r++) {
		if (r[0] == '\\' && r[1] == 'n') {
			*w++ = '\n';
			r++;
		} else {
			*w++ = *r;
		}
	}
	if (out)
		*w = '\0';
	return out;
}

enum sp_status
sp_settings_read(const char *path, struct sp_settings *s, char **error)
{
	unsigned char *text;
	size_t len;
	enum sp_status rc;

	memset(s, 0, sizeof *s);
	s->idle_timeout = -1;
	if ((rc = sp_file_read(path, SP_SETTINGS_MAX_BYTES, &text, &len, error)) != SP_OK)
		return rc == SP_ERR_NOMEM ? rc : SP_ERR_IO;
	rc = sp_settings_parse((const char *) text, len, path, s, error);
	free(text);
	return rc;
}

enum sp_status
sp_settings_read_stream(FILE *f, const char *path, struct sp_settings *s, char **error)
{
	struct sp_buf buf;
	char chunk[4096];
	size_t n;
	enum sp_status rc;

	memset(s, 0, sizeof *s);
	s->idle_timeout = -1;
	*error = NULL;
	sp_buf_init(&buf);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && buf.len <= SP_SETTINGS_MAX_BYTES)
		sp_buf_append(&buf, chunk, n);
	if (buf.failed) {
		sp_buf_free(&buf);
		return SP_ERR_NOMEM;
	}
	if (ferror(f) || buf.len > SP_SETTINGS_MAX_BYTES) {
		*error = sp_asprintf("%s: %s", path, ferror(f) ? "cannot be read" : "too large");
		sp_buf_free(&buf);
		return SP_ERR_IO;
	}
	rc = sp_settings_parse(buf.data ? buf.data : "", buf.len, path, s, error);
	sp_buf_free(&buf);
	return rc;
}

enum sp_status
sp_settings_parse(const char *text, size_t len, const char *path, struct sp_settings *s,
                  char **error)
{
	const char *stop = text + len;
	char line[2048];
	int lineno = 0;

	memset(s, 0, sizeof *s);
	s->idle_timeout = -1;
	*error = NULL;
	while (text < stop) {
		const char *nl = memchr(text, '\n', (size_t) (stop - text));
		size_t n = (size_t) ((nl ? nl : stop) - text);
		char *key, *value, *eq, **slot = NULL;

		lineno++;
		if (n >= sizeof line) {
			*error = sp_asprintf("%s:%d: line too long", path, lineno);
			goto fail;
		}
		memcpy(line, text, n);
		line[n] = '\0';
		text += n + (nl != NULL);
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		if (!(eq = strchr(key, '='))) {
			*error = sp_asprintf("%s:%d: expected key = value", path, lineno);
			goto fail;
		}
		*eq = '\0';
		key = trim(key);
		value = trim(eq + 1);
		if (!strcmp(key, "idle_timeout")) {
			char *end;

			errno = 0;
			s->idle_timeout = strtol(value, &end, 10);
			if (errno || *end || end == value || s->idle_timeout < 10 ||
			    s->idle_timeout > 86400) {
				*error = sp_asprintf(
				        "%s:%d: idle_timeout is a number of seconds from 10 to"
				        " 86400",
				        path, lineno);
				goto fail;
			}
			continue;
		}
		if (!strcmp(key, "trusted_key")) {
			unsigned char(*pk)[32], id[SP_KEY_ID_BYTES];

			if (!(pk = sp_array_push(&s->trusted_keys, &s->ntrusted_keys,
			                         sizeof *pk))) {
				*error = sp_strdup("out of memory");
				goto fail;
			}
			if (!sp_trust_parse_public(value, *pk, id)) {
				*error = sp_asprintf(
				        "%s:%d: trusted_key is the second line of a minisign "
				        "public key"
				        " (signpost-admin keygen or minisign -G writes it)",
				        path, lineno);
				goto fail;
			}
			continue;
		}
		if (!strcmp(key, "neutral_text"))
			slot = &s->neutral_text;
		else if (!strcmp(key, "admin_quit"))
			slot = &s->admin_quit;
		else if (!strcmp(key, "language"))
			slot = &s->language;
		else if (!strcmp(key, "theme"))
			slot = &s->theme;
		else if (!strcmp(key, "update_dir"))
			slot = &s->update_dir;
		if (!slot) {
			*error = sp_asprintf(
			        "%s:%d: unknown setting \"%s\" (known: idle_timeout,"
			        " neutral_text, admin_quit, language, theme, trusted_key,"
			        " update_dir)",
			        path, lineno, key);
			goto fail;
		}
		if (!strcmp(key, "theme") && strcmp(value, "colour") && strcmp(value, "mono") &&
		    strcmp(value, "high-contrast")) {
			*error = sp_asprintf("%s:%d: theme is colour, mono or high-contrast", path,
			                     lineno);
			goto fail;
		}
		if (!strcmp(key, "update_dir") && value[0] != '/') {
			*error = sp_asprintf("%s:%d: update_dir is an absolute path", path, lineno);
			goto fail;
		}
		if (!strcmp(key, "admin_quit") && strlen(value) < SP_SETTINGS_MIN_SECRET) {
			*error = sp_asprintf("%s:%d: admin_quit needs at least %d characters", path,
			                     lineno, SP_SETTINGS_MIN_SECRET);
			goto fail;
		}
		free(*slot);
		if (!(*slot = unescape(value))) {
			*error = sp_strdup("out of memory");
			goto fail;
		}
	}
	return SP_OK;
fail:
	sp_settings_clear(s);
	return *error ? SP_ERR_USAGE : SP_ERR_NOMEM;
}

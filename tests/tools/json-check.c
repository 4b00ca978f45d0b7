/* json-check KEY...: reads JSON from stdin and succeeds when it is an array of objects that
 * each carry every KEY; prints the number of objects.
 * json-check --keys: prints every object key in the document as a path, one a line, sorted
 * and once each ("contacts[].kind"), so the CLI tests can compare keys across languages. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

struct paths {
	char **items;
	size_t count, cap;
};

static void
collect(json_t *v, const char *prefix, struct paths *p)
{
	const char *key;
	json_t *child;
	size_t i;

	if (json_is_array(v)) {
		char *sub = malloc(strlen(prefix) + 3);

		sprintf(sub, "%s[]", prefix);
		json_array_foreach(v, i, child) collect(child, sub, p);
		free(sub);
	} else if (json_is_object(v)) {
		json_object_foreach(v, key, child) {
			char *path = malloc(strlen(prefix) + strlen(key) + 2);

			sprintf(path, "%s%s%s", prefix, *prefix ? "." : "", key);
			if (p->count == p->cap) {
				p->cap = p->cap ? 2 * p->cap : 64;
				p->items = realloc(p->items, p->cap * sizeof *p->items);
			}
			p->items[p->count++] = strdup(path);
			collect(child, path, p);
			free(path);
		}
	}
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

int
main(int argc, char **argv)
{
	json_error_t err;
	json_t *root = json_loadf(stdin, 0, &err), *item;
	size_t i;

	if (!root) {
		fprintf(stderr, "json-check: invalid JSON at line %d: %s\n", err.line, err.text);
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "--keys")) {
		struct paths p = { 0 };

		collect(root, "", &p);
		qsort(p.items, p.count, sizeof *p.items, by_string);
		for (i = 0; i < p.count; i++) {
			if (!i || strcmp(p.items[i], p.items[i - 1]) != 0)
				printf("%s\n", p.items[i]);
		}
		for (i = 0; i < p.count; i++)
			free(p.items[i]);
		free(p.items);
		json_decref(root);
		return 0;
	}
	if (!json_is_array(root)) {
		fprintf(stderr, "json-check: not an array\n");
		return 1;
	}
	json_array_foreach(root, i, item) {
		for (int k = 1; k < argc; k++) {
			if (!json_is_object(item) || !json_object_get(item, argv[k])) {
				fprintf(stderr, "json-check: item %zu has no \"%s\"\n", i, argv[k]);
				return 1;
			}
		}
	}
	printf("%zu\n", json_array_size(root));
	json_decref(root);
	return 0;
}

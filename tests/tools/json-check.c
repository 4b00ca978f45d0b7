/* json-check KEY...: reads JSON from stdin and succeeds when it is an array of objects that
 * each carry every KEY; prints the number of objects. For the CLI tests. */
#include "config.h"

#include <stdio.h>

#include <jansson.h>

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

#ifndef SIGNPOST_CLI_OUTPUT_JSON_H
#define SIGNPOST_CLI_OUTPUT_JSON_H

#include <stdbool.h>

#include <jansson.h>

#include "core/directory.h"

/* A service as the JSON contract gives it (man signpost: OUTPUT); professional-only fields
 * only with staff. A new reference the caller owns, NULL when memory ran out. */
/* A string, or null for NULL. */
json_t *sp_json_str_or_null(const char *s);

json_t *sp_json_service(const struct sp_service *s, bool staff);

#endif

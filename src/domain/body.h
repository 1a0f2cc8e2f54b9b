/* Request bodies: strict JSON parsing and turning a JSON object into a
 * resource struct by its field table (POST). */
#ifndef AUDITION_BODY_H
#define AUDITION_BODY_H

#include <jansson.h>
#include <stddef.h>

#include "domain/fields.h"

/* Parses UTF-8 JSON, rejecting duplicate keys, NUL characters and nesting
 * deeper than jansson's limit. NULL with *msg on error; caller json_decref()s. */
json_t *body_parse_json(const char *data, size_t len, const char **msg);

/* Fills out (r->size bytes, zeroed by the caller) from a JSON object: every
 * required field present and valid, optional ones valid or null, "" on an
 * optional field taken as null, unknown keys ignored. -1 with *msg (naming
 * the field) on the first invalid field. */
int body_to_resource(const struct resource *r, const json_t *body, void *out, struct arena *a,
                     const char **msg);
/* body_to_resource, with the failing field's wire name in *field (NULL when
 * the body is not an object) and *msg without it ("must be an integer"). */
int body_to_resource_field(const struct resource *r, const json_t *body, void *out, struct arena *a,
                           const char **field, const char **msg);

#endif

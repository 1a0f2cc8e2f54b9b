/* JSON Patch (RFC 6902 subset of api.md): add (also replacing) and remove on
 * one field of a resource. Validation and application are one pass over a
 * copy, so a patch with one bad operation changes nothing. */
#ifndef AUDITION_PATCH_H
#define AUDITION_PATCH_H

#include <jansson.h>

#include "domain/fields.h"

#define PATCH_MAX_OPS 64

/* Applies patch to obj (a scratch copy owned by the caller). Returns 0, or -1
 * with *msg naming the operation at fault; obj is then in an unspecified
 * state and must be discarded. */
int patch_apply(const struct resource *r, const json_t *patch, void *obj, struct arena *a, const char **msg);

#endif

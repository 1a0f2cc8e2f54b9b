/* The field tables: one row per wire field of a resource (movie, actor) with
 * its JSON type, whether it may be null, its bounds and where it lives in the
 * C struct. Creation, JSON Patch and serialisation all read these tables;
 * none repeats the rules. Adding a field = one row + a column in the stores. */
#ifndef AUDITION_FIELDS_H
#define AUDITION_FIELDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/json_write.h"

enum field_type {
    FT_ID,      /* int64_t, read-only, always present */
    FT_STRING,  /* const char *; trimmed; max = longest length in bytes */
    FT_INT,     /* int32_t; min..max */
    FT_ENUM,    /* int; -1 is null; names via enum_name/enum_parse */
    FT_DATE,    /* const char * "YYYY-MM-DD" */
    FT_INT_OPT, /* int32_t; min..max; FIELD_INT_NULL is null (roles: ages, billing) */
};

#define FIELD_INT_NULL INT32_MIN

struct field {
    const char *wire;          /* camelCase name on the wire and in patch paths */
    enum field_type type;
    bool required;             /* may not be missing, null, empty or removed */
    size_t offset;             /* offsetof() in the resource's struct */
    int64_t min, max;          /* FT_INT bounds; FT_STRING max length */
    const char *(*enum_name)(int);
    int (*enum_parse)(const char *);
};

struct resource {
    const char *name;          /* "movie" */
    const struct field *fields;/* sorted by wire name */
    size_t n_fields;
    size_t size;               /* sizeof the struct */
    const char *nested_key;    /* "actors": where the other side's list goes in the object */
};

extern const struct resource movie_resource;
extern const struct resource actor_resource;

/* A field by wire name, or NULL (FT_ID fields are not returned: they cannot be written). */
const struct field *field_find(const struct resource *r, const char *wire);

/* Sets f in obj from a JSON value with every rule of the field. Strings are
 * trimmed and copied into a. With empty_is_null, "" (after trimming) on a
 * nullable field means null (POST); otherwise it is an error (PATCH).
 * Returns 0, or -1 with *msg set to a sentence for the client. */
int field_set(const struct field *f, void *obj, const json_t *v, bool empty_is_null, struct arena *a,
              const char **msg);
/* Clears a nullable field (JSON Patch remove); -1 with *msg for a required one. */
int field_clear(const struct field *f, void *obj, const char **msg);

/* Writes obj's fields as a JSON object in key order; nested (may be NULL) is
 * called to write the value of r->nested_key at its place. */
void field_write_object(struct jw *w, const struct resource *r, const void *obj,
                        void (*nested)(struct jw *w, const void *ctx), const void *ctx);

#endif

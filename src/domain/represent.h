/* Representations of api.md: a movie with its actors, an actor with its
 * movies, list pages, and the ETag of a representation. Generic over the
 * field tables; the layout of a "full" struct is described by struct shape. */
#ifndef AUDITION_REPRESENT_H
#define AUDITION_REPRESENT_H

#include <stddef.h>
#include <stdint.h>

#include "domain/fields.h"
#include "domain/model.h"
#include "util/hex.h"
#include "util/json_write.h"

/* Where the parts of a movie_full/actor_full live. */
struct shape {
    const struct resource *res;     /* the entity's own fields (at offset 0) */
    const struct resource *nested;  /* the other side, written without its list */
    size_t items_offset;            /* offsetof(full, actors) */
    size_t count_offset;            /* offsetof(full, n_actors) */
    size_t full_size;               /* sizeof(full) */
};

extern const struct shape movie_shape;
extern const struct shape actor_shape;

/* Writes one full entity (e.g. a movie with its actors) as a JSON object. */
void represent_full(struct jw *w, const struct shape *s, const void *full);
/* Writes `count` full entities laid out in an array as a JSON array. */
/* The same elements without the brackets (response_page writes those). */
void represent_full_items(struct jw *w, const struct shape *s, const void *items, size_t count);
void represent_full_array(struct jw *w, const struct shape *s, const void *items, size_t count);

/* ETag value (64 hex digits, no quotes) of a representation's bytes. */
static inline void represent_etag(const char *json, size_t len, char out[SHA256_HEX_LEN + 1]) {
    sha256_hex(json, len, out);
}

#endif

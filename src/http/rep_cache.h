/* The in-process cache of GET representations (a movie's or an actor's
 * response body and ETag), valid for one "generation" of the data. Any write
 * anywhere moves the generation on, so a hit is only ever the current data;
 * see docs/architecture.md ("The representation cache") for the protocol. */
#ifndef AUDITION_REP_CACHE_H
#define AUDITION_REP_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/hex.h"
#include "util/strbuf.h"

struct rep_cache;

struct rep_cache *rep_cache_new(void);
void rep_cache_free(struct rep_cache *c);

/* The current generation. A reader takes it BEFORE it reads the database and
 * stores what it read under that value. */
uint64_t rep_cache_generation(struct rep_cache *c);
/* Moves the generation on: every entry stored so far is stale. Called after
 * a write committed (before it is acknowledged) and whenever the database
 * reports a change made by another connection. */
void rep_cache_bump(struct rep_cache *c);

/* On a hit for (kind, id) stored under generation gen, appends the body to
 * out, copies the ETag and returns true. kind is any stable pointer. */
bool rep_cache_get(struct rep_cache *c, const void *kind, int64_t id, uint64_t gen, struct strbuf *out,
                   char etag[SHA256_HEX_LEN + 1]);
/* Stores a copy (bodies above a few KiB are not kept: the cache is bounded). */
void rep_cache_put(struct rep_cache *c, const void *kind, int64_t id, uint64_t gen, const char *body, size_t len,
                   const char etag[SHA256_HEX_LEN + 1]);

#endif

/* The in-process cache of GET representations (a movie's or an actor's
 * response body and ETag, or a list page's body), valid for one "generation"
 * of the data. Any write
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

/* Answering from the cache without the database (store_pool_changes: a
 * count of commits): notes the count and moves the generation on when it
 * changed since the last note. */
void rep_cache_note(struct rep_cache *c, uint64_t changes);
/* Where the count leaves out writers that are not Audition (SQLite's), a
 * full check (the store's changed_elsewhere) is due when none was recorded
 * for REP_CACHE_RECHECK_MS. */
#define REP_CACHE_RECHECK_MS 100
bool rep_cache_check_due(struct rep_cache *c);
/* Records that a full check was just made. */
void rep_cache_checked(struct rep_cache *c);

/* Hits and misses of rep_cache_get since the start, for /metrics. */
void rep_cache_stats(struct rep_cache *c, uint64_t *hits, uint64_t *misses);

/* What a representation is: kind is any stable pointer (one per resource
 * and list), id a number (an entity id, a list offset), text a string key or
 * NULL (a list's search term; at most REP_CACHE_TEXT_MAX bytes are cached). */
struct rep_key {
    const void *kind;
    int64_t id;
    const char *text;
};
#define REP_CACHE_TEXT_MAX 200

/* On a hit for key stored under generation gen, appends the body to out,
 * copies the ETag ("" when none was stored) and returns true. */
bool rep_cache_get(struct rep_cache *c, struct rep_key key, uint64_t gen, struct strbuf *out,
                   char etag[SHA256_HEX_LEN + 1]);
/* Stores a copy (bodies above a few KiB are not kept: the cache is bounded).
 * etag may be "". */
void rep_cache_put(struct rep_cache *c, struct rep_key key, uint64_t gen, const char *body, size_t len,
                   const char *etag);

#endif

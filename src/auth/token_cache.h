/* A bounded cache of verified tokens: SHA-256 of the whole token -> its
 * claims, tagged with the key-set generation that verified it. Set
 * associative with one mutex per set; a full set evicts the entry that
 * expires first. A new key-set generation makes every older entry a miss
 * (the flush on a JWKS change). Callers re-check exp on every hit. */
#ifndef AUDITION_TOKEN_CACHE_H
#define AUDITION_TOKEN_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/auth.h"

#define TOKEN_CACHE_CAPACITY 8192
#define TOKEN_DIGEST_LEN 32

struct token_cache;

/* capacity is rounded up to a whole number of sets; 0 means the default. */
struct token_cache *token_cache_new(size_t capacity);
void token_cache_free(struct token_cache *c);

/* Copies the claims cached for digest under generation gen; false on a miss.
 * An entry of another generation is dropped. */
bool token_cache_get(struct token_cache *c, const unsigned char digest[TOKEN_DIGEST_LEN], uint64_t gen,
                     struct auth_claims *out);
void token_cache_put(struct token_cache *c, const unsigned char digest[TOKEN_DIGEST_LEN], uint64_t gen,
                     const struct auth_claims *claims);
void token_cache_remove(struct token_cache *c, const unsigned char digest[TOKEN_DIGEST_LEN]);

#endif

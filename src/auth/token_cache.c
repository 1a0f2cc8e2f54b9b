/* The verified-token cache: fixed-size, set associative (TOKEN_CACHE_WAYS
 * entries per set, one mutex per set), keyed by the token's SHA-256. Holds
 * copies of claims only, never the token. Eviction: an empty or stale slot,
 * else the entry with the earliest exp. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "auth/token_cache.h"

#define TOKEN_CACHE_WAYS 8

struct slot {
    bool used;
    uint64_t gen;
    unsigned char digest[TOKEN_DIGEST_LEN];
    struct auth_claims claims;
};

struct cache_set {
    pthread_mutex_t lock;
    struct slot slots[TOKEN_CACHE_WAYS];
};

struct token_cache {
    size_t n_sets;
    struct cache_set *sets;
};

struct token_cache *token_cache_new(size_t capacity)
{
    if (capacity == 0)
        capacity = TOKEN_CACHE_CAPACITY;
    struct token_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->n_sets = (capacity + TOKEN_CACHE_WAYS - 1) / TOKEN_CACHE_WAYS;
    c->sets = calloc(c->n_sets, sizeof *c->sets);
    if (!c->sets) {
        free(c);
        return NULL;
    }
    for (size_t i = 0; i < c->n_sets; i++)
        pthread_mutex_init(&c->sets[i].lock, NULL);
    return c;
}

void token_cache_free(struct token_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_sets; i++)
        pthread_mutex_destroy(&c->sets[i].lock);
    free(c->sets);
    free(c);
}

/* The digest is uniformly distributed: its first bytes pick the set. */
static struct cache_set *set_for(struct token_cache *c, const unsigned char *digest)
{
    uint64_t h;
    memcpy(&h, digest, sizeof h);
    return &c->sets[h % c->n_sets];
}

static struct slot *find(struct cache_set *s, const unsigned char *digest)
{
    for (int i = 0; i < TOKEN_CACHE_WAYS; i++)
        if (s->slots[i].used && memcmp(s->slots[i].digest, digest, TOKEN_DIGEST_LEN) == 0)
            return &s->slots[i];
    return NULL;
}

bool token_cache_get(struct token_cache *c, const unsigned char digest[TOKEN_DIGEST_LEN], uint64_t gen,
                     struct auth_claims *out)
{
    struct cache_set *s = set_for(c, digest);
    pthread_mutex_lock(&s->lock);
    struct slot *e = find(s, digest);
    bool hit = e && e->gen == gen;
    if (hit)
        *out = e->claims;
    else if (e)
        e->used = false;
    pthread_mutex_unlock(&s->lock);
    return hit;
}

static struct slot *victim(struct cache_set *s, uint64_t gen)
{
    struct slot *best = &s->slots[0];
    for (int i = 0; i < TOKEN_CACHE_WAYS; i++) {
        struct slot *e = &s->slots[i];
        if (!e->used || e->gen != gen)
            return e;
        if (e->claims.exp < best->claims.exp)
            best = e;
    }
    return best;
}

void token_cache_put(struct token_cache *c, const unsigned char digest[TOKEN_DIGEST_LEN], uint64_t gen,
                     const struct auth_claims *claims)
{
    struct cache_set *s = set_for(c, digest);
    pthread_mutex_lock(&s->lock);
    struct slot *e = find(s, digest);
    if (!e)
        e = victim(s, gen);
    e->used = true;
    e->gen = gen;
    memcpy(e->digest, digest, TOKEN_DIGEST_LEN);
    e->claims = *claims;
    pthread_mutex_unlock(&s->lock);
}

void token_cache_remove(struct token_cache *c, const unsigned char digest[TOKEN_DIGEST_LEN])
{
    struct cache_set *s = set_for(c, digest);
    pthread_mutex_lock(&s->lock);
    struct slot *e = find(s, digest);
    if (e)
        e->used = false;
    pthread_mutex_unlock(&s->lock);
}

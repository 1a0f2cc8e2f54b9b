/* The representation cache (see rep_cache.h): a fixed table of slots, each
 * with its own lock, addressed by a hash of (kind, id); a newer entry
 * replaces whatever held the slot. Memory is bounded by SLOTS * BODY_MAX. */
#include "http/rep_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOTS 2048          /* a power of two */
#define BODY_MAX 8192

struct slot {
    pthread_mutex_t lock;
    const void *kind;       /* NULL: empty */
    int64_t id;
    char text[REP_CACHE_TEXT_MAX + 1];
    bool has_text;
    uint64_t gen;
    char etag[SHA256_HEX_LEN + 1];
    char *body;
    size_t len;
};

struct rep_cache {
    _Atomic uint64_t gen;
    _Atomic uint64_t seen;         /* the shared commit counter when last noted */
    _Atomic int64_t checked_ms;    /* when the last full check was made */
    _Atomic uint64_t hits, misses;
    struct slot slots[SLOTS];
};

struct rep_cache *rep_cache_new(void) {
    struct rep_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    atomic_init(&c->gen, 1);
    for (size_t i = 0; i < SLOTS; i++) pthread_mutex_init(&c->slots[i].lock, NULL);
    return c;
}

void rep_cache_free(struct rep_cache *c) {
    if (!c) return;
    for (size_t i = 0; i < SLOTS; i++) {
        pthread_mutex_destroy(&c->slots[i].lock);
        free(c->slots[i].body);
    }
    free(c);
}

uint64_t rep_cache_generation(struct rep_cache *c) {
    return atomic_load(&c->gen);
}

void rep_cache_bump(struct rep_cache *c) {
    atomic_fetch_add(&c->gen, 1);
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);   /* no system call */
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void rep_cache_note(struct rep_cache *c, uint64_t changes) {
    /* bump first, then note: a reader that sees the new value noted also sees
     * the new generation */
    if (atomic_load(&c->seen) != changes) {
        rep_cache_bump(c);
        atomic_store(&c->seen, changes);
    }
}

bool rep_cache_check_due(struct rep_cache *c) {
    return now_ms() - atomic_load(&c->checked_ms) >= REP_CACHE_RECHECK_MS;
}

void rep_cache_checked(struct rep_cache *c) {
    atomic_store(&c->checked_ms, now_ms());
}

static bool cacheable(struct rep_key k) {
    return !k.text || strlen(k.text) <= REP_CACHE_TEXT_MAX;
}

static struct slot *slot_of(struct rep_cache *c, struct rep_key k) {
    uint64_t h = (uint64_t)k.id ^ ((uint64_t)(uintptr_t)k.kind >> 4);
    for (const char *t = k.text; t && *t; t++) h = (h ^ (unsigned char)*t) * 0x100000001B3ull;   /* FNV-1a */
    h *= 0x9E3779B97F4A7C15ull;
    return &c->slots[h >> (64 - 11)];   /* 2^11 == SLOTS */
}

static bool same_key(const struct slot *s, struct rep_key k) {
    return s->kind == k.kind && s->id == k.id && s->has_text == (k.text != NULL) &&
           (!k.text || strcmp(s->text, k.text) == 0);
}

bool rep_cache_get(struct rep_cache *c, struct rep_key key, uint64_t gen, struct strbuf *out,
                   char etag[SHA256_HEX_LEN + 1]) {
    if (!cacheable(key)) return false;
    struct slot *s = slot_of(c, key);
    pthread_mutex_lock(&s->lock);
    bool hit = s->kind && same_key(s, key) && s->gen == gen && gen == atomic_load(&c->gen);
    if (hit) {
        strbuf_add(out, s->body, s->len);
        memcpy(etag, s->etag, SHA256_HEX_LEN + 1);
    }
    pthread_mutex_unlock(&s->lock);
    atomic_fetch_add_explicit(hit ? &c->hits : &c->misses, 1, memory_order_relaxed);
    return hit;
}

void rep_cache_stats(struct rep_cache *c, uint64_t *hits, uint64_t *misses) {
    *hits = atomic_load(&c->hits);
    *misses = atomic_load(&c->misses);
}

void rep_cache_put(struct rep_cache *c, struct rep_key key, uint64_t gen, const char *body, size_t len,
                   const char *etag) {
    /* stale already: not worth keeping */
    if (!cacheable(key) || len > BODY_MAX || gen != atomic_load(&c->gen)) return;
    struct slot *s = slot_of(c, key);
    pthread_mutex_lock(&s->lock);
    char *body_copy = realloc(s->body, len + 1);
    if (body_copy) {
        s->body = body_copy;
        memcpy(s->body, body, len);
        s->len = len;
        s->kind = key.kind;
        s->id = key.id;
        s->has_text = key.text != NULL;
        if (key.text) memcpy(s->text, key.text, strlen(key.text) + 1);
        s->gen = gen;
        size_t etag_len = strnlen(etag, SHA256_HEX_LEN);
        memcpy(s->etag, etag, etag_len);
        s->etag[etag_len] = '\0';
    }
    pthread_mutex_unlock(&s->lock);
}

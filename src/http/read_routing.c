/* Read routing (see read_routing.h): the recent-writers table — a fixed
 * open-addressed array of (64-bit key hash, expiry) under one mutex — and the
 * choice of pool per request. Keys are token subjects (or, for tokens without
 * one, the whole Authorization header); only their hashes are kept. */
#include "http/read_routing.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STICKY_SLOTS 4096   /* power of two */
#define STICKY_PROBE 8

struct sticky_slot {
    uint64_t hash;          /* 0 = empty */
    int64_t until_ms;       /* monotonic */
};

struct sticky {
    pthread_mutex_t lock;
    int64_t window_ms;
    struct sticky_slot slot[STICKY_SLOTS];
};

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t fnv1a(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ? h : 1;
}

struct sticky *sticky_new(int seconds) {
    struct sticky *s = calloc(1, sizeof *s);
    if (!s) abort();
    pthread_mutex_init(&s->lock, NULL);
    s->window_ms = (int64_t)seconds * 1000;
    return s;
}

void sticky_free(struct sticky *s) {
    if (!s) return;
    pthread_mutex_destroy(&s->lock);
    free(s);
}

void sticky_note(struct sticky *s, const char *key) {
    if (!s || !key || s->window_ms <= 0) return;
    uint64_t h = fnv1a(key);
    int64_t now = now_ms();
    pthread_mutex_lock(&s->lock);
    struct sticky_slot *victim = NULL;
    for (size_t i = 0; i < STICKY_PROBE; i++) {
        struct sticky_slot *sl = &s->slot[(h + i) & (STICKY_SLOTS - 1)];
        if (sl->hash == h) {
            victim = sl;
            break;
        }
        if (!victim || sl->until_ms < victim->until_ms) victim = sl;   /* empty or oldest */
    }
    victim->hash = h;
    victim->until_ms = now + s->window_ms;
    pthread_mutex_unlock(&s->lock);
}

bool sticky_active(struct sticky *s, const char *key) {
    if (!s || !key) return false;
    uint64_t h = fnv1a(key);
    int64_t now = now_ms();
    bool active = false;
    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < STICKY_PROBE && !active; i++) {
        const struct sticky_slot *sl = &s->slot[(h + i) & (STICKY_SLOTS - 1)];
        active = sl->hash == h && sl->until_ms > now;
    }
    pthread_mutex_unlock(&s->lock);
    return active;
}

static bool is_read(const struct request *rq) {
    return strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
}

/* Who the client is, for read-your-writes: the subject, else the credentials. */
static const char *client_key(const struct request *rq) {
    if (rq->claims.sub[0]) return rq->claims.sub;
    return request_header(rq, "Authorization");
}

enum store_status db_acquire_for(struct request *rq, int wait_ms) {
    struct store_pool *primary = rq->app->pool, *replica = rq->app->read_pool;
    if (replica && is_read(rq) && !sticky_active(rq->app->sticky, client_key(rq))) {
        rq->db_pool = replica;
        if (store_acquire(replica, wait_ms, &rq->db) == STORE_OK) {
            if (store_pool_ops(replica)->ping(rq->db) == STORE_OK) return STORE_OK;
            store_release(replica, rq->db);   /* the replica is down: read from the primary */
            rq->db = NULL;
        }
    }
    rq->db_pool = primary;
    return store_acquire(primary, wait_ms, &rq->db);
}

void db_request_done(struct request *rq, int status) {
    if (rq->db) {
        store_release(rq->db_pool, rq->db);
        rq->db = NULL;
    }
    if (rq->app->read_pool && !is_read(rq) && status >= 200 && status < 300)
        sticky_note(rq->app->sticky, client_key(rq));
}

/* The enabled-users cache (see user_gate.h): a sorted array of ids behind a
 * mutex, replaced whole on each read. When the database cannot be read the
 * old array stays and the next try waits a full refresh interval. */
#include "auth/user_gate.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

#define DB_WAIT_MS 1000

struct user_gate {
    struct store_pool *pool;
    int refresh;
    pthread_mutex_t lock;
    int64_t *ids;       /* under lock; ascending */
    size_t n;
    int64_t loaded_at;  /* under lock; 0: never */
};

struct user_gate *user_gate_new(struct store_pool *pool, int refresh_s) {
    struct user_gate *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    if (pthread_mutex_init(&g->lock, NULL) != 0) {
        free(g);
        return NULL;
    }
    g->pool = pool;
    g->refresh = refresh_s > 0 ? refresh_s : 1;
    return g;
}

void user_gate_free(struct user_gate *g) {
    if (!g) return;
    pthread_mutex_destroy(&g->lock);
    free(g->ids);
    free(g);
}

int64_t user_gate_subject_id(const char *sub) {
    size_t pl = sizeof USER_SUB_PREFIX - 1;
    if (!sub || strncmp(sub, USER_SUB_PREFIX, pl) != 0) return 0;
    int64_t id = 0;
    const char *p = sub + pl;
    if (!*p || *p == '0') return 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || id > (INT64_MAX - 9) / 10) return 0;
        id = id * 10 + (*p - '0');
    }
    return id;
}

/* Under lock: reads the ids; keeps the old ones on failure. */
static void reload(struct user_gate *g, int64_t now) {
    g->loaded_at = now;
    struct store_conn *c = NULL;
    if (store_acquire(g->pool, DB_WAIT_MS, &c) != STORE_OK) return;
    struct arena a;
    arena_init(&a);
    int64_t *ids = NULL;
    size_t n = 0;
    if (store_pool_ops(g->pool)->user_enabled_ids(c, &a, &ids, &n) == STORE_OK) {
        int64_t *copy = malloc((n ? n : 1) * sizeof *copy);
        if (copy) {
            memcpy(copy, ids, n * sizeof *copy);
            free(g->ids);
            g->ids = copy;
            g->n = n;
        }
    }
    arena_free(&a);
    store_release(g->pool, c);
}

static bool contains(const struct user_gate *g, int64_t id) {
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->ids[mid] == id) return true;
        if (g->ids[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

bool user_gate_allows(struct user_gate *g, const char *sub, int64_t now) {
    int64_t id = user_gate_subject_id(sub);
    if (id == 0) return true;
    pthread_mutex_lock(&g->lock);
    int64_t age = now - g->loaded_at;
    if (g->loaded_at == 0 || age >= g->refresh || age < 0) reload(g, now);
    bool ok = contains(g, id);
    if (!ok && now - g->loaded_at >= 1) { /* perhaps a user created since the last read */
        reload(g, now);
        ok = contains(g, id);
    }
    pthread_mutex_unlock(&g->lock);
    return ok;
}

void user_gate_note_enabled(struct user_gate *g, int64_t id) {
    pthread_mutex_lock(&g->lock);
    if (!contains(g, id)) {
        int64_t *ids = realloc(g->ids, (g->n + 1) * sizeof *ids);
        if (ids) {
            size_t i = g->n;
            while (i > 0 && ids[i - 1] > id) {
                ids[i] = ids[i - 1];
                i--;
            }
            ids[i] = id;
            g->ids = ids;
            g->n++;
        }
    }
    pthread_mutex_unlock(&g->lock);
}

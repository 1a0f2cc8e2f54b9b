/* Fixed-window failure counters (see throttle.h). A linear table: logins are
 * rare and each costs an argon2 hash, so a scan of a few thousand entries
 * is noise; keys longer than THROTTLE_KEY_MAX are cut (still per-key enough). */
#include "auth/throttle.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char key[THROTTLE_KEY_MAX + 1];
    int64_t window_start;
    int failures;
    bool used;
};

struct throttle {
    pthread_mutex_t lock;
    struct entry *e;
    size_t cap;
    int max_failures;
    int window;
};

struct throttle *throttle_new(size_t capacity, int max_failures, int window_s) {
    struct throttle *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->e = calloc(capacity ? capacity : 1, sizeof *t->e);
    if (!t->e || pthread_mutex_init(&t->lock, NULL) != 0) {
        free(t->e);
        free(t);
        return NULL;
    }
    t->cap = capacity ? capacity : 1;
    t->max_failures = max_failures > 0 ? max_failures : 1;
    t->window = window_s > 0 ? window_s : 1;
    return t;
}

void throttle_free(struct throttle *t) {
    if (!t) return;
    pthread_mutex_destroy(&t->lock);
    free(t->e);
    free(t);
}

static bool live(const struct throttle *t, const struct entry *e, int64_t now) {
    return e->used && now >= e->window_start && now - e->window_start < t->window;
}

/* Under lock: key's entry, or NULL. */
static struct entry *find(struct throttle *t, const char *key) {
    for (size_t i = 0; i < t->cap; i++)
        if (t->e[i].used && strncmp(t->e[i].key, key, THROTTLE_KEY_MAX) == 0) return &t->e[i];
    return NULL;
}

/* Under lock: a slot for a new key: a free or expired one, else the oldest. */
static struct entry *slot(struct throttle *t, int64_t now) {
    struct entry *oldest = &t->e[0];
    for (size_t i = 0; i < t->cap; i++) {
        if (!live(t, &t->e[i], now)) return &t->e[i];
        if (t->e[i].window_start < oldest->window_start) oldest = &t->e[i];
    }
    return oldest;
}

int throttle_retry_after(struct throttle *t, const char *key, int64_t now) {
    pthread_mutex_lock(&t->lock);
    struct entry *e = find(t, key);
    int wait = 0;
    if (e && live(t, e, now) && e->failures >= t->max_failures) wait = (int)(e->window_start + t->window - now);
    pthread_mutex_unlock(&t->lock);
    return wait > 0 ? wait : 0;
}

void throttle_failure(struct throttle *t, const char *key, int64_t now) {
    pthread_mutex_lock(&t->lock);
    struct entry *e = find(t, key);
    if (e && !live(t, e, now)) e->used = false;
    if (!e || !e->used) {
        e = slot(t, now);
        memset(e, 0, sizeof *e);
        strncpy(e->key, key, THROTTLE_KEY_MAX);
        e->used = true;
        e->window_start = now;
    }
    if (e->failures < t->max_failures) e->failures++;
    pthread_mutex_unlock(&t->lock);
}

void throttle_reset(struct throttle *t, const char *key) {
    pthread_mutex_lock(&t->lock);
    struct entry *e = find(t, key);
    if (e) e->used = false;
    pthread_mutex_unlock(&t->lock);
}

/* The connection pool: at most `size` connections to one database, handed
 * to one thread at a time. SQLite connections are opened up front (a bad
 * path fails at start); PostgreSQL ones when first needed, and a failed
 * connect only fails that acquire, so the server recovers with the database. */
#include "store/store.h"

#include <errno.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct store_pool {
    const struct store_ops *ops;
    char *url;
    pthread_mutex_t lock;
    pthread_cond_t freed;        /* a connection came back or a slot opened */
    int size;                    /* most connections open at once */
    int opened;                  /* open or being opened */
    int n_idle;
    struct store_conn **idle;    /* size slots */
    uint64_t waits;              /* acquires that found no connection free and waited */
    uint64_t timeouts;           /* acquires that gave up (time-out or connect failure) */
    char *subject;               /* audit: every connection's subject when handed out; NULL "system" */
    void *changes;               /* ops->changes_open's; NULL when none */
};

static void deadline_after(struct timespec *ts, int ms) {
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

static void pool_free(struct store_pool *p) {
    for (int i = 0; i < p->n_idle; i++) p->ops->close(p->idle[i]);
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
    free(p->idle);
    free(p->subject);
    free(p->url);
    if (p->changes) p->ops->changes_close(p->changes);
    free(p);
}

/* Opens `count` connections into the idle list; stops at the first failure. */
static enum store_status open_idle(struct store_pool *p, int count, char *err, size_t errlen) {
    for (int i = 0; i < count; i++) {
        enum store_status st = p->ops->open(p->url, &p->idle[p->n_idle], err, errlen);
        if (st != STORE_OK) return st;
        p->n_idle++;
        p->opened++;
    }
    return STORE_OK;
}

static enum store_status pool_open(const char *url, int size, bool writer, struct store_pool **out, char *err,
                                   size_t errlen) {
    *out = NULL;
    const struct store_ops *ops = store_ops_for_url(url);
    if (!ops) {
        snprintf(err, errlen, "The DATABASE_URL must start with sqlite: or postgresql:.");
        return STORE_ERROR;
    }
    struct store_pool *p = calloc(1, sizeof *p);
    if (!p) abort();
    p->ops = ops;
    p->size = size > 0 ? size : 1;
    p->url = strdup(url);
    p->idle = calloc((size_t)p->size, sizeof *p->idle);
    if (!p->url || !p->idle) abort();   /* out of memory at start-up, as arena.c */
    pthread_mutex_init(&p->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&p->freed, &attr);
    pthread_condattr_destroy(&attr);
    /* SQLite: all now. PostgreSQL: one, to report a bad URL or server at start. */
    enum store_status st = open_idle(p, ops == &store_sqlite_ops ? p->size : 1, err, errlen);
    if (st != STORE_OK) {
        pool_free(p);
        return st;
    }
    /* after the first connection made the database file, before any write */
    if (writer && ops->changes_open && (st = ops->changes_open(p->url, &p->changes, err, errlen)) != STORE_OK) {
        pool_free(p);
        return st;
    }
    *out = p;
    return STORE_OK;
}

enum store_status store_pool_open(const char *url, int size, struct store_pool **out, char *err, size_t errlen) {
    return pool_open(url, size, true, out, err, errlen);
}

enum store_status store_pool_open_reader(const char *url, int size, struct store_pool **out, char *err,
                                         size_t errlen) {
    return pool_open(url, size, false, out, err, errlen);
}

void store_pool_close(struct store_pool *p) {
    if (p) pool_free(p);   /* connections still out are the caller's bug */
}

const struct store_ops *store_pool_ops(const struct store_pool *p) {
    return p->ops;
}

/* Called with the lock held and a slot reserved; opens outside the lock. */
static enum store_status open_reserved(struct store_pool *p, struct store_conn **out) {
    pthread_mutex_unlock(&p->lock);
    char err[192];
    enum store_status st = p->ops->open(p->url, out, err, sizeof err);
    pthread_mutex_lock(&p->lock);
    if (st != STORE_OK) {
        p->opened--;
        pthread_cond_signal(&p->freed);   /* another waiter may try the slot */
        return STORE_UNAVAILABLE;
    }
    return STORE_OK;
}

enum store_status store_acquire(struct store_pool *p, int timeout_ms, struct store_conn **out) {
    struct timespec deadline;
    deadline_after(&deadline, timeout_ms > 0 ? timeout_ms : 0);
    enum store_status st = STORE_UNAVAILABLE;
    *out = NULL;
    pthread_mutex_lock(&p->lock);
    bool waited = false;
    for (;;) {
        if (p->n_idle > 0) {
            *out = p->idle[--p->n_idle];
            st = STORE_OK;
            break;
        }
        if (p->opened < p->size) {
            p->opened++;
            st = open_reserved(p, out);
            break;
        }
        if (!waited) p->waits++;
        waited = true;
        if (pthread_cond_timedwait(&p->freed, &p->lock, &deadline) == ETIMEDOUT) break;
    }
    if (st != STORE_OK) p->timeouts++;
    pthread_mutex_unlock(&p->lock);
    if (st == STORE_OK) p->ops->set_subject(*out, p->subject);   /* audit: never a previous user's */
    return st;
}

/* Ends a transaction the caller left open, so the next user starts clean. */
void store_release(struct store_pool *p, struct store_conn *c) {
    if (!c) return;
    p->ops->rollback(c);
    for (int i = 0; i < 64 && p->ops->tx_depth(c) > 0; i++) p->ops->rollback(c);  /* savepoints */
    p->ops->set_subject(c, p->subject);   /* audit */
    pthread_mutex_lock(&p->lock);
    p->idle[p->n_idle++] = c;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

void store_pool_set_subject(struct store_pool *p, const char *subject) {
    free(p->subject);
    p->subject = subject ? strdup(subject) : NULL;   /* NULL on out of memory: "system" */
}

void store_pool_stats(struct store_pool *p, struct store_pool_stats *out) {
    pthread_mutex_lock(&p->lock);
    out->size = p->size;
    out->open = p->opened;
    out->in_use = p->opened - p->n_idle;
    out->waits = p->waits;
    out->failures = p->timeouts;
    pthread_mutex_unlock(&p->lock);
}

enum store_changes store_pool_changes(const struct store_pool *p, uint64_t *value) {
    if (p->changes) return p->ops->changes_read(p->changes, value);
    return p->ops->changed_elsewhere ? STORE_CHANGES_ASK : STORE_CHANGES_NONE;
}

void store_pool_cache_on(struct store_pool *p) {
    if (p->changes) p->ops->changes_cache_on(p->changes);
}

/* The group-commit writer (see write_batch.h): a ring of waiting requests,
 * one thread that takes all of them (up to BATCH_MAX) at once, runs them in
 * one transaction with a savepoint each, commits, then answers them. */
#include "http/write_batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "http/dispatch.h"
#include "http/read_routing.h"
#include "http/rep_cache.h"
#include "http/response.h"
#include "http/routes.h"
#include "util/log.h"

#define BATCH_MAX 64          /* writes in one transaction at most */
#define BATCH_DB_WAIT_MS 5000 /* for the writer's connection */

struct write_batch {
    const struct app *app;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct request **ring;
    size_t cap, head, count;
    bool stopping;
    pthread_t thread;
};

bool write_batch_takes(const struct request *rq) {
    return rq->app->batch && rq->route && rq->route->perm && strcmp(rq->method, "GET") != 0 &&
           strcmp(rq->method, "HEAD") != 0;
}

static struct response *response_of(struct request *rq) { return rq->defer_arg; }

enum job_result { JOB_WROTE, JOB_UNCHANGED, JOB_BROKEN };

/* Runs one request's handler inside a savepoint on c. JOB_BROKEN: the
 * handler left the transaction's levels unbalanced (a bug); nothing of the
 * batch may then be committed. */
static enum job_result run_one(const struct store_ops *ops, struct store_conn *c, struct request *rq) {
    struct response *rs = response_of(rq);
    rq->db = c;   /* request_db() hands it to the handler; db_request_done() must not release it */
    enum job_result result = JOB_UNCHANGED;
    enum store_status st = ops->set_subject(c, request_subject(rq));   /* audit: this write's author */
    if (st == STORE_OK) st = ops->begin(c);   /* a savepoint: the batch's transaction is open */
    if (st == STORE_OK) {
        int depth = ops->tx_depth(c);
        rs->status = 200;
        rq->route->handler(rq, rs);
        bool ok = rs->status >= 200 && rs->status < 400;
        if (ops->tx_depth(c) != depth) {
            log_msg(LOG_ERROR, "%s %s: the handler left its transaction unbalanced", rq->method, rq->path);
            result = JOB_BROKEN;
        } else {
            st = ok ? ops->commit(c) : ops->rollback(c);
            if (ok && st == STORE_OK) result = JOB_WROTE;
        }
    }
    if (st != STORE_OK) response_store_error(rq, rs, st);
    rq->db = NULL;
    return result;
}

/* Runs n requests in one transaction; every one of them gets an answer. */
static void run_batch(struct write_batch *b, struct request **jobs, size_t n) {
    const struct store_ops *ops = store_pool_ops(b->app->pool);
    struct store_conn *c = NULL;
    enum store_status st = store_acquire(b->app->pool, BATCH_DB_WAIT_MS, &c);
    if (st == STORE_OK) st = ops->begin(c);
    bool wrote = false;
    for (size_t i = 0; i < n && st == STORE_OK; i++) {
        enum job_result r = run_one(ops, c, jobs[i]);
        if (r == JOB_BROKEN) st = STORE_ERROR;
        wrote |= r == JOB_WROTE;
    }
    if (st == STORE_OK) st = ops->commit(c);
    /* Nothing is answered before the commit: a failed one fails them all. */
    for (size_t i = 0; i < n && st != STORE_OK; i++) {
        if (response_of(jobs[i])->status >= 400) continue;   /* wrote nothing: its answer stands */
        jobs[i]->db = c;   /* for the log line of response_store_error() */
        response_store_error(jobs[i], response_of(jobs[i]), st);
        jobs[i]->db = NULL;
    }
    if (c) store_release(b->app->pool, c);   /* rolls back whatever is still open */
    if (wrote && st == STORE_OK && b->app->cache) rep_cache_bump(b->app->cache);
    for (size_t i = 0; i < n; i++) {
        db_request_done(jobs[i], response_of(jobs[i])->status);
        request_resume(jobs[i]);
    }
}

static void *writer(void *arg) {
    struct write_batch *b = arg;
    struct request *jobs[BATCH_MAX];
    pthread_mutex_lock(&b->lock);
    for (;;) {
        while (b->count == 0 && !b->stopping) pthread_cond_wait(&b->wake, &b->lock);
        if (b->count == 0) break;
        size_t n = 0;
        for (; n < BATCH_MAX && b->count; n++, b->count--) {
            jobs[n] = b->ring[b->head];
            b->head = (b->head + 1) % b->cap;
        }
        pthread_mutex_unlock(&b->lock);
        run_batch(b, jobs, n);
        pthread_mutex_lock(&b->lock);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

struct write_batch *write_batch_new(const struct app *app, size_t queue_max) {
    struct write_batch *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->app = app;
    b->cap = queue_max ? queue_max : 1;
    if (!(b->ring = calloc(b->cap, sizeof *b->ring))) {
        free(b);
        return NULL;
    }
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->wake, NULL);
    if (pthread_create(&b->thread, NULL, writer, b) != 0) {
        pthread_cond_destroy(&b->wake);
        pthread_mutex_destroy(&b->lock);
        free(b->ring);
        free(b);
        return NULL;
    }
    return b;
}

void write_batch_free(struct write_batch *b) {
    if (!b) return;
    pthread_mutex_lock(&b->lock);
    b->stopping = true;
    pthread_cond_signal(&b->wake);
    pthread_mutex_unlock(&b->lock);
    pthread_join(b->thread, NULL);
    pthread_cond_destroy(&b->wake);
    pthread_mutex_destroy(&b->lock);
    free(b->ring);
    free(b);
}

void write_batch_defer(struct request *rq) {
    struct write_batch *b = rq->app->batch;
    pthread_mutex_lock(&b->lock);
    bool queued = !b->stopping && b->count < b->cap;
    if (queued) {
        b->ring[(b->head + b->count) % b->cap] = rq;
        b->count++;
        pthread_cond_signal(&b->wake);
    }
    pthread_mutex_unlock(&b->lock);
    if (queued) return;
    struct response *rs = response_of(rq);
    response_error(rs, 503, "too many writes are waiting; try again shortly");
    rs->retry_after = "1";
    db_request_done(rq, rs->status);
    request_resume(rq);
}

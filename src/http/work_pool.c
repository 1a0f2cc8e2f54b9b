/* The worker pool (see work_pool.h): one mutex, one condition variable, a
 * ring buffer of jobs. */
#include "http/work_pool.h"

#include <pthread.h>
#include <stdlib.h>

struct job {
    work_fn fn;
    void *arg;
};

struct work_pool {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct job *ring;
    size_t cap, head, count;
    bool stopping;
    pthread_t *threads;
    int n_threads;
};

static void *worker(void *arg) {
    struct work_pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->count == 0 && !p->stopping) pthread_cond_wait(&p->wake, &p->lock);
        if (p->count == 0) break;
        struct job j = p->ring[p->head];
        p->head = (p->head + 1) % p->cap;
        p->count--;
        pthread_mutex_unlock(&p->lock);
        j.fn(j.arg);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

struct work_pool *work_pool_new(int threads, size_t queue_max) {
    struct work_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->cap = queue_max ? queue_max : 1;
    p->ring = calloc(p->cap, sizeof *p->ring);
    p->threads = calloc((size_t)(threads > 0 ? threads : 1), sizeof *p->threads);
    if (!p->ring || !p->threads) goto fail;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    for (int i = 0; i < (threads > 0 ? threads : 1); i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0) {
            work_pool_free(p);
            return NULL;
        }
        p->n_threads++;
    }
    return p;
fail:
    free(p->ring);
    free(p->threads);
    free(p);
    return NULL;
}

void work_pool_free(struct work_pool *p) {
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->n_threads; i++) pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p->ring);
    free(p->threads);
    free(p);
}

bool work_pool_submit(struct work_pool *p, work_fn fn, void *arg) {
    pthread_mutex_lock(&p->lock);
    bool ok = !p->stopping && p->count < p->cap;
    if (ok) {
        p->ring[(p->head + p->count) % p->cap] = (struct job){fn, arg};
        p->count++;
        pthread_cond_signal(&p->wake);
    }
    pthread_mutex_unlock(&p->lock);
    return ok;
}

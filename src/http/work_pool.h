/* A small pool of threads for work that must not run on the HTTP threads
 * (password hashing): a bounded queue, a fixed number of workers, so at most
 * that many jobs run at once. The HTTP side suspends the connection, submits
 * the job, and the job resumes the connection when done. */
#ifndef AUDITION_WORK_POOL_H
#define AUDITION_WORK_POOL_H

#include <stdbool.h>
#include <stddef.h>

typedef void (*work_fn)(void *arg);

struct work_pool;

/* threads workers and a queue of at most queue_max waiting jobs; NULL on failure. */
struct work_pool *work_pool_new(int threads, size_t queue_max);
/* Runs every job already queued, then joins the workers. */
void work_pool_free(struct work_pool *p);
/* Queues fn(arg); false when the queue is full (the caller answers 503). */
bool work_pool_submit(struct work_pool *p, work_fn fn, void *arg);

#endif

/* Group commit (SQLite): the API's writes are run one after another by one
 * writer thread, many to a transaction, each inside a savepoint of its own;
 * one COMMIT — one fsync under synchronous=FULL — then makes them all durable
 * before any of them is answered. A write that fails rolls back its savepoint
 * only. PostgreSQL groups commits by itself and does not use this. */
#ifndef AUDITION_WRITE_BATCH_H
#define AUDITION_WRITE_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "http/request.h"

struct write_batch;

/* A writer thread taking connections from app->pool; queue_max requests may
 * wait. NULL on failure. */
struct write_batch *write_batch_new(const struct app *app, size_t queue_max);
/* Answers every request already queued, then joins the writer. */
void write_batch_free(struct write_batch *b);

/* True when rq is a write the batch runs: an authenticated API write. */
bool write_batch_takes(const struct request *rq);
/* Hands rq over (use as rq->defer, with rq->defer_arg = its response): the
 * writer runs the route's handler, commits, fills the response and resumes. */
void write_batch_defer(struct request *rq);

#endif

/* Request metrics for GET /metrics: counters by route pattern and status, a
 * latency histogram per route, requests in flight. Lock-free (atomics); one
 * instance per server, owned by `serve`. Rendering adds the pool, auth and
 * representation cache counters and writes the Prometheus text exposition format. */
#ifndef AUDITION_METRICS_H
#define AUDITION_METRICS_H

#include "auth/auth.h"
#include "http/rep_cache.h"
#include "store/store.h"
#include "util/strbuf.h"

struct metrics;
struct route;

/* Sized for the route table (routes.c); aborts on out-of-memory at start-up. */
struct metrics *metrics_new(void);
void metrics_free(struct metrics *m);

/* A request arrived (in flight until metrics_finished). */
void metrics_started(struct metrics *m);
/* A request completed: route is NULL when none matched (404, 405, preflight). */
void metrics_finished(struct metrics *m, const struct route *route, int status, long duration_us);

/* The whole exposition (text/plain; version=0.0.4). Pools, auth and cache may
 * be NULL; pool is the primary, read_pool the DATABASE_READ_URL replica. */
void metrics_render(struct metrics *m, struct store_pool *pool, struct store_pool *read_pool, struct auth *auth,
                    struct rep_cache *cache, struct strbuf *out);

#endif

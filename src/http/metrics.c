/* Request counters and latency histograms (see metrics.h). Slots are indexed
 * by route-table position (the last slot: no route matched) and status code;
 * every update is one relaxed atomic add, so workers never wait on each other. */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "http/routes.h"

#define STATUS_MIN 100
#define STATUS_SLOTS 500   /* 100..599 */

/* Upper bounds of the latency buckets, in microseconds (+Inf is implicit). */
static const long bucket_us[] = {1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000,
                                 5000000};
#define N_BUCKETS (sizeof bucket_us / sizeof bucket_us[0])

struct route_slot {
    atomic_uint_fast64_t status[STATUS_SLOTS];
    atomic_uint_fast64_t bucket[N_BUCKETS + 1];   /* non-cumulative; last = above every bound */
    atomic_uint_fast64_t sum_us;
    atomic_uint_fast64_t count;
};

struct metrics {
    const struct route *routes;
    size_t n_routes;
    struct route_slot *slot;   /* n_routes + 1 */
    atomic_int in_flight;
};

struct metrics *metrics_new(void) {
    struct metrics *m = calloc(1, sizeof *m);
    if (!m) abort();
    m->routes = route_table(&m->n_routes);
    m->slot = calloc(m->n_routes + 1, sizeof *m->slot);
    if (!m->slot) abort();
    for (size_t r = 0; r <= m->n_routes; r++) {
        for (size_t s = 0; s < STATUS_SLOTS; s++) atomic_init(&m->slot[r].status[s], 0);
        for (size_t b = 0; b <= N_BUCKETS; b++) atomic_init(&m->slot[r].bucket[b], 0);
        atomic_init(&m->slot[r].sum_us, 0);
        atomic_init(&m->slot[r].count, 0);
    }
    atomic_init(&m->in_flight, 0);
    return m;
}

void metrics_free(struct metrics *m) {
    if (!m) return;
    free(m->slot);
    free(m);
}

void metrics_started(struct metrics *m) {
    if (m) atomic_fetch_add_explicit(&m->in_flight, 1, memory_order_relaxed);
}

static size_t slot_of(const struct metrics *m, const struct route *route) {
    if (!route || route < m->routes || route >= m->routes + m->n_routes) return m->n_routes;
    return (size_t)(route - m->routes);
}

void metrics_finished(struct metrics *m, const struct route *route, int status, long duration_us) {
    if (!m) return;
    struct route_slot *s = &m->slot[slot_of(m, route)];
    int code = status < STATUS_MIN ? STATUS_MIN : status >= STATUS_MIN + STATUS_SLOTS ? STATUS_MIN + STATUS_SLOTS - 1
                                                                                       : status;
    if (duration_us < 0) duration_us = 0;
    size_t b = 0;
    while (b < N_BUCKETS && duration_us > bucket_us[b]) b++;
    atomic_fetch_add_explicit(&s->status[code - STATUS_MIN], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->bucket[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->sum_us, (uint_fast64_t)duration_us, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->count, 1, memory_order_relaxed);
    atomic_fetch_sub_explicit(&m->in_flight, 1, memory_order_relaxed);
}

static uint64_t load(atomic_uint_fast64_t *v) {
    return (uint64_t)atomic_load_explicit(v, memory_order_relaxed);
}

/* method="GET",route="/movies/{id}" — patterns hold no quote or backslash. */
static void labels(const struct metrics *m, size_t r, struct strbuf *out) {
    if (r == m->n_routes) strbuf_adds(out, "method=\"\",route=\"unmatched\"");
    else strbuf_addf(out, "method=\"%s\",route=\"%s\"", m->routes[r].method, m->routes[r].pattern);
}

static void render_requests(struct metrics *m, struct strbuf *out) {
    strbuf_adds(out, "# HELP audition_http_requests_total HTTP requests answered, by route pattern and status.\n"
                     "# TYPE audition_http_requests_total counter\n");
    for (size_t r = 0; r <= m->n_routes; r++)
        for (size_t s = 0; s < STATUS_SLOTS; s++) {
            uint64_t n = load(&m->slot[r].status[s]);
            if (!n) continue;
            strbuf_adds(out, "audition_http_requests_total{");
            labels(m, r, out);
            strbuf_addf(out, ",status=\"%zu\"} %llu\n", s + STATUS_MIN, (unsigned long long)n);
        }
}

static void render_latency(struct metrics *m, struct strbuf *out) {
    strbuf_adds(out, "# HELP audition_http_request_duration_seconds Time from request start to response "
                     "completion.\n# TYPE audition_http_request_duration_seconds histogram\n");
    for (size_t r = 0; r <= m->n_routes; r++) {
        struct route_slot *s = &m->slot[r];
        uint64_t count = load(&s->count);
        if (!count) continue;
        uint64_t cumulative = 0;
        for (size_t b = 0; b <= N_BUCKETS; b++) {
            cumulative += load(&s->bucket[b]);
            strbuf_adds(out, "audition_http_request_duration_seconds_bucket{");
            labels(m, r, out);
            if (b < N_BUCKETS) strbuf_addf(out, ",le=\"%g\"} %llu\n", bucket_us[b] / 1e6, (unsigned long long)cumulative);
            else strbuf_addf(out, ",le=\"+Inf\"} %llu\n", (unsigned long long)count);
        }
        strbuf_adds(out, "audition_http_request_duration_seconds_sum{");
        labels(m, r, out);
        strbuf_addf(out, "} %.6f\n", load(&s->sum_us) / 1e6);
        strbuf_adds(out, "audition_http_request_duration_seconds_count{");
        labels(m, r, out);
        strbuf_addf(out, "} %llu\n", (unsigned long long)count);
    }
}

static void metric(struct strbuf *out, const char *name, const char *type, const char *help, uint64_t value) {
    strbuf_addf(out, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help, name, type, name,
                (unsigned long long)value);
}

static void pool_metric(struct strbuf *out, const char *name, const char *type, const char *help,
                        struct store_pool *const pools[2], int which) {
    static const char *const label[2] = {"primary", "replica"};
    strbuf_addf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
    for (int i = 0; i < 2; i++) {
        if (!pools[i]) continue;
        struct store_pool_stats ps;
        store_pool_stats(pools[i], &ps);
        uint64_t v = which == 0 ? (uint64_t)ps.size : which == 1 ? (uint64_t)ps.open : which == 2 ? (uint64_t)ps.in_use
                   : which == 3 ? ps.waits : ps.failures;
        strbuf_addf(out, "%s{pool=\"%s\"} %llu\n", name, label[i], (unsigned long long)v);
    }
}

/* One series per pool: pool="primary" (DATABASE_URL), pool="replica" (DATABASE_READ_URL). */
static void render_pools(struct store_pool *const pools[2], struct strbuf *out) {
    pool_metric(out, "audition_db_pool_size", "gauge", "Most database connections this instance opens.", pools, 0);
    pool_metric(out, "audition_db_pool_open", "gauge", "Database connections open now.", pools, 1);
    pool_metric(out, "audition_db_pool_in_use", "gauge", "Database connections handed to requests now.", pools, 2);
    pool_metric(out, "audition_db_pool_waits_total", "counter", "Acquires that waited for a free connection.", pools,
                3);
    pool_metric(out, "audition_db_pool_failures_total", "counter",
                "Acquires that failed (waited too long or could not connect).", pools, 4);
}

static void render_auth(struct auth *auth, struct strbuf *out) {
    struct auth_stats as;
    auth_stats(auth, &as);
    metric(out, "audition_auth_token_cache_hits_total", "counter", "Bearer tokens answered from the verified-token cache.",
           as.cache_hits);
    metric(out, "audition_auth_token_cache_misses_total", "counter", "Bearer tokens verified in full.",
           as.cache_misses);
    metric(out, "audition_auth_jwks_fetches_total", "counter", "JWKS fetches, the one at start-up included.",
           as.jwks_fetches);
}

/* The representation cache: lookups, and whether the store vouches for it now. */
static void render_cache(struct rep_cache *cache, struct store_pool *pool, struct strbuf *out) {
    uint64_t hits = 0, misses = 0, changes = 0;
    rep_cache_stats(cache, &hits, &misses);
    metric(out, "audition_representation_cache_hits_total", "counter",
           "GET representations answered from the representation cache.", hits);
    metric(out, "audition_representation_cache_misses_total", "counter",
           "GET representations the representation cache did not have (read from the database).", misses);
    metric(out, "audition_representation_cache_serving", "gauge",
           "1 while the store vouches for the cache (PostgreSQL: this server holds the cache lease alone).",
           pool && store_pool_changes(pool, &changes) != STORE_CHANGES_NONE);
}

void metrics_render(struct metrics *m, struct store_pool *pool, struct store_pool *read_pool, struct auth *auth,
                    struct rep_cache *cache, struct strbuf *out) {
    render_requests(m, out);
    render_latency(m, out);
    metric(out, "audition_http_requests_in_flight", "gauge", "Requests being served now (this one included).",
           (uint64_t)atomic_load(&m->in_flight));
    struct store_pool *const pools[2] = {pool, read_pool};
    if (pool || read_pool) render_pools(pools, out);
    if (auth) render_auth(auth, out);
    if (cache) render_cache(cache, pool, out);
    strbuf_addf(out, "# HELP audition_build_info The running version.\n# TYPE audition_build_info gauge\n"
                     "audition_build_info{version=\"%s\"} 1\n", AUDITION_VERSION);
}

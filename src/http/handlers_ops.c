/* Endpoints for operators and load balancers: GET /healthz (the process
 * answers; no database), GET /readyz (database reachable and migrations
 * current) and GET /metrics (Prometheus text; loopback clients only, or
 * anyone presenting METRICS_TOKEN as a bearer token when that is set). */
#include <openssl/crypto.h>
#include <string.h>

#include "http/handlers.h"
#include "http/metrics.h"
#include "http/peer.h"
#include "http/response.h"

#define READY_WAIT_MS 2000   /* a balancer's check must not hang on a busy pool */

void handle_healthz(struct request *rq, struct response *rs) {
    (void)rq;
    rs->status = 200;
    strbuf_adds(&rs->body, "{\"status\":\"alive\",\"success\":true}");
}

void handle_readyz(struct request *rq, struct response *rs) {
    struct store_pool *pool = rq->app->pool;
    struct store_conn *c = NULL;
    if (store_acquire(pool, READY_WAIT_MS, &c) != STORE_OK)
        return response_error(rs, 503, "the database cannot be reached");
    bool current = false;
    enum store_status st = store_pool_ops(pool)->schema_current(c, &current);
    store_release(pool, c);
    if (st != STORE_OK) return response_error(rs, 503, "the database cannot be reached");
    if (!current) return response_error(rs, 503, "the database schema is not at this version's migrations");
    rs->status = 200;
    strbuf_adds(&rs->body, "{\"database\":\"ok\",\"migrations\":\"current\",\"status\":\"ready\",\"success\":true}");
}

/* METRICS_TOKEN set: "Bearer <token>" required from everyone (constant-time
 * compare). Unset: loopback clients only. */
static bool metrics_allowed(struct request *rq, struct response *rs) {
    const char *token = rq->app->cfg->metrics_token;
    if (!token) {
        if (request_peer_is_loopback(rq)) return true;
        response_error(rs, 403, "/metrics answers loopback clients only unless METRICS_TOKEN is set");
        return false;
    }
    const char *h = request_header(rq, "Authorization");
    size_t n = strlen(token);
    if (h && strncasecmp(h, "Bearer ", 7) == 0 && strlen(h + 7) == n && CRYPTO_memcmp(h + 7, token, n) == 0)
        return true;
    rs->www_authenticate = "Bearer realm=\"audition-metrics\"";
    response_error(rs, 401, "/metrics needs the METRICS_TOKEN as a bearer token");
    return false;
}

void handle_metrics(struct request *rq, struct response *rs) {
    if (!metrics_allowed(rq, rs)) return;
    if (!rq->app->metrics) return response_error(rs, 404, NULL);
    rs->status = 200;
    rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
    metrics_render(rq->app->metrics, rq->app->pool, rq->app->read_pool, rq->app->auth, rq->app->cache, &rs->body);
}

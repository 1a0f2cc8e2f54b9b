/* What a handler sees of one HTTP request, and what it fills in for the
 * response. The server (server.c) owns the lifecycle: arena, body buffer and
 * database connection are released after the response has been sent. */
#ifndef AUDITION_REQUEST_H
#define AUDITION_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/auth.h"
#include "config.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/hex.h"
#include "util/strbuf.h"

struct metrics;
struct sticky;
struct route;
struct login_service;
struct work_pool;
struct rep_cache;
struct write_batch;
struct throttle;
struct static_etags;

/* Where a request comes from: the libmicrohttpd connection when serving
 * (server.c), plain lists in dispatch_request()'s callers. header and query
 * return the value or NULL; client_addr writes the peer's address ("" when
 * unknown); resume completes a deferred request (see defer). Any may be NULL. */
struct request_source {
    const char *(*header)(const void *ctx, const char *name);
    const char *(*query)(const void *ctx, const char *name);
    void (*client_addr)(const void *ctx, char *buf, size_t len);
    void (*resume)(const void *ctx);
    const void *ctx;
};

#define RESPONSE_EXTRA_MAX 6   /* further headers a response may carry */

/* Everything shared by all requests; read-only while serving. */
struct app {
    const struct config *cfg;
    struct auth *auth;
    struct store_pool *pool;
    struct login_service *login; /* the built-in issuer's sign-in, or NULL */
    struct work_pool *workers;   /* threads for password hashing, or NULL */
    struct metrics *metrics;    /* GET /metrics counters (atomics); may be NULL */
    struct store_pool *read_pool; /* DATABASE_READ_URL's pool, or NULL (read_routing.h) */
    struct sticky *sticky;      /* recent writers, whose reads stay on the primary; NULL without read_pool */
    struct rep_cache *cache;    /* NULL: nothing is cached (CACHE=off, a read replica) */
    struct write_batch *batch;  /* group commit of writes (SQLite, write_batch.h), or NULL */
    struct throttle *share_limit; /* shares: GET/POST /shared/... per client address; NULL: unlimited */
    struct static_etags *web_etags; /* the web app's ETags by file (static_etags.h); NULL: hashed per request */
};

struct request {
    const struct app *app;
    struct request_source src;  /* headers and query parameters */
    const char *method;
    const char *path;
    const struct route *route;
    int64_t ids[2];             /* numeric path parameters, left to right */
    struct auth_claims claims;  /* valid when the route needs a permission */
    const char *body;           /* NUL-terminated; NULL when there was none */
    size_t body_len;
    struct arena *arena;        /* freed after the response is sent */
    struct store_conn *db;      /* acquired on demand by request_db() */
    /* Set by a handler that answers later: the server suspends the
     * connection, then calls defer(rq); the response is sent once something
     * calls request_resume(rq) (from any thread) after filling rs. */
    void (*defer)(struct request *rq);
    void *defer_arg;
    struct store_pool *db_pool; /* the pool db came from (primary or read replica) */
    const char *request_id;     /* X-Request-Id, sane or generated (request_id.h) */
};

struct response {
    int status;
    struct strbuf body;         /* JSON unless content_type says otherwise */
    const char *content_type;   /* NULL: application/json (none for 204/304) */
    char etag[SHA256_HEX_LEN + 1]; /* "" when none; sent quoted */
    const char *allow;          /* for 405 */
    const char *www_authenticate; /* for 401 */
    const char *location;       /* for redirects and 201 */
    struct { const char *name, *value; } extra[RESPONSE_EXTRA_MAX]; /* response_header() */
    size_t n_extra;
    const char *retry_after;    /* for 429 and 503 */
};

/* A request header's value, or NULL. */
const char *request_header(const struct request *rq, const char *name);
/* A query parameter's decoded value, or NULL. */
const char *request_query(const struct request *rq, const char *name);

/* The client's address ("127.0.0.1", "::1") into buf; "" when unknown. */
void request_client_addr(const struct request *rq, char *buf, size_t len);
/* Completes a deferred request (see defer). Do not touch rq afterwards. */
void request_resume(struct request *rq);

/* The database connection for this request, acquiring it on first use. On
 * failure fills rs with 503/500 and returns NULL. */
struct store_conn *request_db(struct request *rq, struct response *rs);
/* Who the request's writes are logged as (audit): its token's subject. */
static inline const char *request_subject(const struct request *rq) {
    return rq->claims.sub[0] ? rq->claims.sub : "anonymous";
}

static inline const struct store_ops *request_ops(const struct request *rq) {
    return store_pool_ops(rq->app->pool);
}

#endif

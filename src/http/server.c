/* libmicrohttpd glue (see server.h): the two-phase access handler (decide on
 * the second call, never answer on the first), body buffering with the size
 * limit, the pipeline of dispatch.h, response headers, access log. */
#include "http/server.h"

#include <microhttpd.h>
#include <netdb.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "http/access_log.h"
#include "http/cors.h"
#include "http/dispatch.h"
#include "http/rep_cache.h"
#include "http/metrics.h"
#include "http/read_routing.h"
#include "http/request_id.h"
#include "http/response.h"
#include "http/routes.h"
#include "http/unescape.h"
#include "util/log.h"
#include "util/log_buffer.h"

#define CONNECTION_LIMIT 10000
#define CONNECTION_TIMEOUT_S 30
/* What one connection may use for a request's head and the answer's: large
 * enough that a head with a 100 KiB Authorization header reaches the token
 * check (a 401 for a token over AUTH_MAX_TOKEN) instead of libmicrohttpd's own
 * 431. It costs throughput: libmicrohttpd 0.9.75 clears the whole block
 * between keep-alive requests (bench/RESULTS.md). Everything else in the head
 * is held to HEAD_MAX by refuse_large_head(). */
#define CONNECTION_MEMORY (128 * 1024)
#define HEAD_MAX (32 * 1024)
#define BODY_DRAIN_MAX (1024 * 1024) /* beyond this an over-long body just closes the connection */

struct server {
    struct MHD_Daemon *daemon;
    const struct app *app;
    struct log_buffer *access_log;   /* NULL when ACCESS_LOG is off */
    atomic_int inflight;
};

/* One request from its first callback to its completion notice. */
struct exchange {
    struct server *srv;
    struct MHD_Connection *conn;
    struct request rq;
    struct response rs;
    struct arena arena;
    struct strbuf body;
    size_t body_seen;
    size_t bytes_sent;  /* response body length, for the access log */
    bool prepared;
    bool decided;      /* rs holds the final answer already (an early error) */
    bool preflight;
    bool deferred;     /* suspended until a worker fills rs and resumes */
    struct timespec start;
};

static const char *mhd_header(const void *conn, const char *name) {
    return MHD_lookup_connection_value((struct MHD_Connection *)conn, MHD_HEADER_KIND, name);
}

static const char *mhd_query(const void *conn, const char *name) {
    return MHD_lookup_connection_value((struct MHD_Connection *)conn, MHD_GET_ARGUMENT_KIND, name);
}

static void mhd_client_addr(const void *conn, char *buf, size_t len) {
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info((struct MHD_Connection *)conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    buf[0] = '\0';
    if (!ci || !ci->client_addr) return;
    const struct sockaddr *sa = ci->client_addr;
    socklen_t sl = sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    if (getnameinfo(sa, sl, buf, (socklen_t)len, NULL, 0, NI_NUMERICHOST) != 0) buf[0] = '\0';
}

static void mhd_resume(const void *conn) {
    MHD_resume_connection((struct MHD_Connection *)conn);
}

/* On every response: no MIME sniffing, no Referer leaving the app. API
 * answers (JSON, or empty) also forbid any sub-resource and any framing;
 * other content types (the web app) set their own policy. */
static void add_security_headers(struct MHD_Response *r, const char *content_type) {
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (!content_type || strcmp(content_type, "application/json") == 0) {
        MHD_add_response_header(r, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        MHD_add_response_header(r, "X-Frame-Options", "DENY");
    }
}

static enum MHD_Result send_response(struct exchange *x) {
    struct response *rs = &x->rs;
    size_t len = 0;
    char *body = strbuf_release(&rs->body, &len);
    bool empty = rs->status == 204 || rs->status == 304;
    if (empty) len = 0;
    x->bytes_sent = len;
    struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    if (!empty) MHD_add_response_header(r, "Content-Type", rs->content_type ? rs->content_type : "application/json");
    add_security_headers(r, rs->content_type);
    if (rs->etag[0]) {
        char quoted[SHA256_HEX_LEN + 3];
        snprintf(quoted, sizeof quoted, "\"%s\"", rs->etag);
        MHD_add_response_header(r, "ETag", quoted);
    }
    if (rs->allow) MHD_add_response_header(r, "Allow", rs->allow);
    if (rs->www_authenticate) MHD_add_response_header(r, "WWW-Authenticate", rs->www_authenticate);
    if (rs->location) MHD_add_response_header(r, "Location", rs->location);
    for (size_t i = 0; i < rs->n_extra; i++) MHD_add_response_header(r, rs->extra[i].name, rs->extra[i].value);
    if (rs->retry_after) MHD_add_response_header(r, "Retry-After", rs->retry_after);
    MHD_add_response_header(r, "X-Request-Id", x->rq.request_id);
    const char *origin = request_header(&x->rq, "Origin");
    if (origin) {
        cors_add_headers(x->srv->app->cfg, origin, r);
        if (x->preflight) cors_add_preflight_headers(x->srv->app->cfg, origin, r);
    }
    enum MHD_Result ok = MHD_queue_response(x->conn, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ok;
}

static struct exchange *exchange_new(struct server *srv, struct MHD_Connection *conn, const char *url,
                                     const char *method) {
    struct exchange *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    x->conn = conn;
    clock_gettime(CLOCK_MONOTONIC, &x->start);
    x->srv = srv;
    arena_init(&x->arena);
    x->rq.app = srv->app;
    x->rq.src = (struct request_source){mhd_header, mhd_query, mhd_client_addr, mhd_resume, conn};
    x->rq.method = method;
    x->rq.path = url;
    x->rq.arena = &x->arena;
    x->rs.status = 500;
    atomic_fetch_add(&srv->inflight, 1);
    /* observability hook: request id (request_id.c) and in-flight gauge (metrics.c) */
    x->rq.request_id = request_id_for(request_header(&x->rq, "X-Request-Id"), &x->arena);
    metrics_started(srv->app->metrics);
    return x;
}

struct head_size {
    size_t bytes;
};

static enum MHD_Result add_field_size(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    struct head_size *h = cls;
    if (kind == MHD_HEADER_KIND && strcasecmp(key, "Authorization") == 0) return MHD_YES;   /* the token's own limit */
    h->bytes += strlen(key) + (value ? strlen(value) : 0) + 4;   /* ": ", CRLF; "=", "&" for arguments */
    return MHD_YES;
}

/* True when rs holds a 414 (the request target is over HEAD_MAX) or a 431 (the
 * headers but Authorization are): limits of our own, below what the
 * connection's memory would allow, answered in the contract's error shape. */
static bool refuse_large_head(struct exchange *x, const char *url) {
    struct head_size target = {strlen(url)}, headers = {0};
    MHD_get_connection_values(x->conn, MHD_GET_ARGUMENT_KIND, add_field_size, &target);
    if (target.bytes > HEAD_MAX) {
        response_error(&x->rs, 414, "the request target is longer than 32 KiB");
        return true;
    }
    MHD_get_connection_values(x->conn, MHD_HEADER_KIND, add_field_size, &headers);
    if (headers.bytes > HEAD_MAX) {
        response_error(&x->rs, 431, "the request headers are larger than 32 KiB");
        return true;
    }
    return false;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                 const char *version, const char *upload_data, size_t *upload_data_size,
                                 void **con_cls) {
    (void)version;
    struct exchange *x = *con_cls;
    if (!x) {
        /* First call. A request without a body is answered on the next call
         * (answering now makes MHD drop keep-alive). One with a body is
         * checked now: MHD accepts a response only before the body is read
         * or after all of it, and an early error must not read it. */
        x = *con_cls = exchange_new(cls, conn, url, method);
        if (!x) return MHD_NO;
        if (refuse_large_head(x, url)) x->prepared = x->decided = true;
        if (!request_has_body(&x->rq)) return MHD_YES;
        if (x->decided) return send_response(x);
        x->prepared = true;
        x->decided = dispatch_prepare(&x->rq, &x->rs, &x->preflight);
        return x->decided ? send_response(x) : MHD_YES;
    }
    if (x->deferred) {  /* resumed: the worker filled rs */
        x->deferred = false;
        return send_response(x);
    }
    if (!x->prepared) {
        x->prepared = true;
        x->decided = dispatch_prepare(&x->rq, &x->rs, &x->preflight);
    }
    if (x->decided) return send_response(x);
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        x->body_seen += n;
        /* A body without a declared length that grows past the limit: keep
         * draining it so the 413 can be sent at its end, up to a hard cap. */
        if (x->body_seen > BODY_DRAIN_MAX) return MHD_NO;
        if (x->body_seen <= route_body_max(x->rq.route) && x->rq.route->body != BODY_NONE)
            strbuf_add(&x->body, upload_data, n);
        return MHD_YES;
    }
    if (x->body_seen > route_body_max(x->rq.route)) {
        response_error(&x->rs, 413, route_body_too_large(x->rq.route));
        return send_response(x);
    }
    x->rq.body = x->body.data ? x->body.data : "";
    x->rq.body_len = x->body.len;
    dispatch_run(&x->rq, &x->rs);
    if (x->rq.defer) {  /* suspend first, so that the resume cannot come before it */
        x->deferred = true;
        MHD_suspend_connection(conn);
        x->rq.defer(&x->rq);
        return MHD_YES;
    }
    return send_response(x);
}

/* Observability hook: metrics (metrics.c) and the access log, text here or
 * JSON (access_log.c) with LOG_FORMAT=json. */
static void observe_completed(struct server *srv, const struct exchange *x, enum MHD_RequestTerminationCode toe) {
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    long us = (end.tv_sec - x->start.tv_sec) * 1000000L + (end.tv_nsec - x->start.tv_nsec) / 1000;
    bool complete = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK;
    /* 499 (as nginx): the connection ended before the whole answer was sent */
    metrics_finished(srv->app->metrics, x->rq.route, complete ? x->rs.status : 499, us);
    const struct config *cfg = srv->app->cfg;
    if (!cfg->access_log) return;
    /* shares: a path with a share-link token is logged as its pattern (/shared/{token}) */
    const char *path = x->rq.route && strstr(x->rq.route->pattern, "{token}") ? x->rq.route->pattern : x->rq.path;
    if (cfg->log_json) {
        struct access_entry e = {x->rq.method, path, x->rq.route ? x->rq.route->pattern : NULL,
                                 x->rq.request_id, x->rs.status, x->bytes_sent, us, complete};
        access_log_json(&e);
        return;
    }
    log_buffer_printf(srv->access_log, LOG_INFO, "%s %s %d %zuB %ldus id=%s%s", x->rq.method, path,
                      x->rs.status, x->bytes_sent, us, x->rq.request_id,
                      complete ? "" : " (connection closed early)");
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)conn;
    struct server *srv = cls;
    struct exchange *x = *con_cls;
    if (!x) return;
    *con_cls = NULL;
    observe_completed(srv, x, toe);
    if (x->rq.db) store_release(x->rq.db_pool, x->rq.db);
    strbuf_free(&x->body);
    strbuf_free(&x->rs.body);
    arena_free(&x->arena);
    free(x);
    atomic_fetch_sub(&srv->inflight, 1);
}

static size_t on_unescape(void *cls, struct MHD_Connection *conn, char *s) {
    (void)cls, (void)conn;
    return http_unescape(s);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap) {
    (void)cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    line[strcspn(line, "\n")] = '\0';
    log_msg(LOG_WARN, "http: %s", line);
}

/* Lets the server hold CONNECTION_LIMIT sockets where the hard limit allows. */
static unsigned connection_limit(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 1000;
    if (rl.rlim_cur < CONNECTION_LIMIT + 64 && rl.rlim_max > rl.rlim_cur) {
        rl.rlim_cur = rl.rlim_max < CONNECTION_LIMIT + 64 ? rl.rlim_max : CONNECTION_LIMIT + 64;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    return rl.rlim_cur > CONNECTION_LIMIT + 64 ? CONNECTION_LIMIT
           : rl.rlim_cur > 128               ? (unsigned)rl.rlim_cur - 64
                                             : 64;
}

int server_start(const struct app *app, struct server **out, char *err, size_t errlen) {
    const struct config *cfg = app->cfg;
    char port[8];
    snprintf(port, sizeof port, "%d", cfg->port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
    struct addrinfo *ai = NULL;
    int gai = getaddrinfo(cfg->host, port, &hints, &ai);
    if (gai != 0) {
        snprintf(err, errlen, "HOST \"%s\" cannot be resolved: %s", cfg->host, gai_strerror(gai));
        return -1;
    }
    struct server *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->app = app;
    if (cfg->access_log && !(s->access_log = log_buffer_open(STDERR_FILENO))) {
        snprintf(err, errlen, "cannot start the access log's thread");
        freeaddrinfo(ai);
        free(s);
        return -1;
    }
    unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    if (ai->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
    s->daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_access, s,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit(),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_UNESCAPE_CALLBACK, on_unescape, NULL,
        MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!s->daemon) {
        snprintf(err, errlen, "cannot listen on %s:%d (in use, or not an address of this machine): "
                              "check HOST and PORT", cfg->host, cfg->port);
        log_buffer_close(s->access_log);
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

void server_stop(struct server *s, int drain_ms) {
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET) close(fd);
    for (int waited = 0; atomic_load(&s->inflight) > 0 && waited < drain_ms; waited += 10) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(s->daemon);
    log_buffer_close(s->access_log);
    free(s);
}

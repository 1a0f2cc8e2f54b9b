/* The request pipeline shared by the server and in-process callers (see
 * dispatch.h): header/query access through the request's source, database
 * acquisition, the checks made before the body is read, and the handler
 * call. Nothing here knows about sockets or libmicrohttpd. */
#include "http/dispatch.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/read_routing.h"
#include "http/rep_cache.h"
#include "http/response.h"
#include "http/routes.h"
#include "http/server.h"
#include "http/write_batch.h"

#define DB_WAIT_MS 5000

const char *request_header(const struct request *rq, const char *name) {
    return rq->src.header ? rq->src.header(rq->src.ctx, name) : NULL;
}

const char *request_query(const struct request *rq, const char *name) {
    return rq->src.query ? rq->src.query(rq->src.ctx, name) : NULL;
}

void request_client_addr(const struct request *rq, char *buf, size_t len) {
    if (len) buf[0] = '\0';
    if (rq->src.client_addr && len) rq->src.client_addr(rq->src.ctx, buf, len);
}

void request_resume(struct request *rq) {
    if (rq->src.resume) rq->src.resume(rq->src.ctx);
}

struct store_conn *request_db(struct request *rq, struct response *rs) {
    if (rq->db) return rq->db;
    enum store_status st = db_acquire_for(rq, DB_WAIT_MS); /* primary or read replica: read_routing.c */
    if (st != STORE_OK) {
        rq->db = NULL;
        response_store_error(rq, rs, st);
    } else {   /* audit: the request's writes are logged as its token's subject */
        store_pool_ops(rq->db_pool)->set_subject(rq->db, request_subject(rq));
    }
    return rq->db;
}

bool request_has_body(const struct request *rq) {
    const char *length = request_header(rq, "Content-Length");
    if (length) return strtoull(length, NULL, 10) > 0;
    return request_header(rq, "Transfer-Encoding") != NULL;
}

static bool media_type_is(const char *header, const char *want) {
    if (!header) return false;
    header += strspn(header, " \t");
    size_t n = strcspn(header, ";");
    while (n && (header[n - 1] == ' ' || header[n - 1] == '\t')) n--;
    return n == strlen(want) && strncasecmp(header, want, n) == 0;
}

/* 401 for a missing or invalid token, 403 for a valid one without the
 * route's permission; true when rs holds that answer. */
static bool refuse_auth(struct request *rq, struct response *rs) {
    const char *why = NULL;
    enum auth_status st = auth_check(rq->app->auth, request_header(rq, "Authorization"), &rq->claims, &why);
    if (st != AUTH_OK) {
        rs->www_authenticate =
            st == AUTH_MISSING
                ? "Bearer realm=\"audition\""
                : arena_printf(rq->arena, "Bearer realm=\"audition\", error=\"invalid_token\", "
                                          "error_description=\"%s\"", why ? why : "invalid token");
        response_error(rs, 401, st == AUTH_MISSING ? "a bearer token is required" : why);
        return true;
    }
    if (rq->route->perm != PERM_AUTHENTICATED && !(rq->claims.perms & rq->route->perm)) {
        const char *name[1];
        perm_names(rq->route->perm, name, 1);
        response_error(rs, 403, arena_printf(rq->arena, "the token lacks the %s permission", name[0]));
        return true;
    }
    return false;
}

static bool refuse(struct response *rs, int status, const char *message) {
    response_error(rs, status, message);
    return true;
}

bool dispatch_prepare(struct request *rq, struct response *rs, bool *preflight) {
    char allow[64];
    *preflight = false;
    enum route_match m = route_find(rq->method, rq->path, &rq->route, rq->ids, allow, sizeof allow);
    if (strcmp(rq->method, "OPTIONS") == 0 && m != ROUTE_NOT_FOUND) {
        *preflight = true;
        response_empty(rs, 204);
        return true;
    }
    if (m == ROUTE_NOT_FOUND) return refuse(rs, 404, NULL);
    if (m == ROUTE_WRONG_METHOD) {
        rs->allow = arena_strdup(rq->arena, allow);
        return refuse(rs, 405, NULL);
    }
    if (rq->route->perm && refuse_auth(rq, rs)) return true;
    const char *length = request_header(rq, "Content-Length");
    if (length && strtoull(length, NULL, 10) > route_body_max(rq->route))
        return refuse(rs, 413, route_body_too_large(rq->route));
    const char *ctype = request_header(rq, "Content-Type");
    if (rq->route->body == BODY_JSON && !media_type_is(ctype, "application/json"))
        return refuse(rs, 415, "Content-Type must be application/json");
    if (rq->route->body == BODY_JSON_PATCH && !media_type_is(ctype, "application/json-patch+json"))
        return refuse(rs, 415, "Content-Type must be application/json-patch+json");
    if (rq->route->body == BODY_CSV && !media_type_is(ctype, "text/csv"))  /* shares */
        return refuse(rs, 415, "Content-Type must be text/csv");
    return false;
}

void dispatch_run(struct request *rq, struct response *rs) {
    if (rq->body_len > route_body_max(rq->route)) {
        response_error(rs, 413, route_body_too_large(rq->route));
    } else {
        if (!rq->body) rq->body = "";
        rs->status = 200;
        if (write_batch_takes(rq)) {   /* the writer thread runs it and answers (write_batch.h) */
            rq->defer = write_batch_defer;
            rq->defer_arg = rs;
            return;
        }
        rq->route->handler(rq, rs);
        /* Whatever a write changed (committed by now), no cached representation
         * survives it; this happens before the answer is sent. */
        if (rq->app->cache && strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0)
            rep_cache_bump(rq->app->cache);
    }
    db_request_done(rq, rs->status); /* release; remember a successful writer (read_routing.c) */
}

void dispatch_request(struct request *rq, struct response *rs, bool *preflight) {
    rs->status = 500;
    if (!dispatch_prepare(rq, rs, preflight)) dispatch_run(rq, rs);
}

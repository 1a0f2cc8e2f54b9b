/* THE route table: every endpoint of the API with its method, path pattern,
 * permission, body kind and handler, in one place (routes.c). Matching a
 * request against it yields a route, a 405 with the allowed methods, or 404. */
#ifndef AUDITION_ROUTES_H
#define AUDITION_ROUTES_H

#include <stddef.h>
#include <stdint.h>

#include "http/request.h"

enum body_kind {
    BODY_NONE,        /* a body, if any, is read and dropped */
    BODY_JSON,        /* Content-Type application/json */
    BODY_JSON_PATCH,  /* Content-Type application/json-patch+json */
    BODY_CSV,         /* Content-Type text/csv, up to CSV_BODY_MAX (shares: POST /actors/import) */
};

#define CSV_BODY_MAX (1024 * 1024)

typedef void (*handler_fn)(struct request *rq, struct response *rs);

struct route {
    const char *method;      /* "GET", ...; GET routes also answer HEAD */
    const char *pattern;     /* "/movies/{id}": {id} matches a positive integer; {token} a segment of
                              * 1-64 base64url characters; a final {rest} any rest */
    uint32_t perm;           /* enum perm bit needed; 0 = public */
    enum body_kind body;
    handler_fn handler;
    const void *ctx;         /* handler data, e.g. the entity descriptor */
};

enum route_match { ROUTE_FOUND, ROUTE_WRONG_METHOD, ROUTE_NOT_FOUND };

/* Finds the route for method + path. ROUTE_FOUND sets *out and ids[];
 * ROUTE_WRONG_METHOD writes the allowed methods ("GET, POST") into allow. */
enum route_match route_find(const char *method, const char *path, const struct route **out, int64_t ids[2],
                            char *allow, size_t allow_len);

/* The largest body the route accepts (BODY_MAX, or CSV_BODY_MAX for CSV),
 * and the 413 message that names it. */
size_t route_body_max(const struct route *r);
const char *route_body_too_large(const struct route *r);

/* All routes, for docs and tests. */
const struct route *route_table(size_t *count);

#endif

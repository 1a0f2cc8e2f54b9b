/* The transport-independent request pipeline: route lookup, CORS preflight,
 * authentication, permission, declared length and content type
 * (dispatch_prepare), then the handler on the complete body (dispatch_run).
 * server.c drives it from libmicrohttpd's callbacks; dispatch_request() runs
 * a whole in-memory request through the same steps (fuzzing, tools). */
#ifndef AUDITION_DISPATCH_H
#define AUDITION_DISPATCH_H

#include <stdbool.h>

#include "http/request.h"

/* True when the request announces a body (Content-Length > 0, or chunked). */
bool request_has_body(const struct request *rq);

/* Everything decided before the body is read. Returns true when rs holds the
 * final answer already (an error, or the 204 of a CORS preflight, which sets
 * *preflight); false when the handler should run once the body is in. */
bool dispatch_prepare(struct request *rq, struct response *rs, bool *preflight);

/* Runs the matched route's handler on rq->body (rq->body_len > BODY_MAX is a
 * 413) and releases the request's database connection. */
void dispatch_run(struct request *rq, struct response *rs);

/* A complete request held in memory: dispatch_prepare, then dispatch_run
 * when nothing was decided. rq needs app, src, method, path, arena and body
 * (NULL or NUL-terminated, body_len bytes); rs must be zeroed. */
void dispatch_request(struct request *rq, struct response *rs, bool *preflight);

#endif

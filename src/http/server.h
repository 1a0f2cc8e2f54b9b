/* The HTTP server: libmicrohttpd in poll mode with a worker-thread pool,
 * limits and time-outs, request lifecycle, access log, graceful stop. */
#ifndef AUDITION_SERVER_H
#define AUDITION_SERVER_H

#include <stddef.h>

#include "http/request.h"

#define BODY_MAX (64 * 1024)

struct server;

/* Binds cfg->host:cfg->port and starts serving app. -1 with err on failure. */
int server_start(const struct app *app, struct server **out, char *err, size_t errlen);
/* Stops accepting, lets in-flight requests finish (up to drain_ms), stops. */
void server_stop(struct server *s, int drain_ms);

#endif

/* The request id: a client's or balancer's X-Request-Id when it is sane
 * (1-128 characters from A-Z a-z 0-9 - _ . : @ + / =), else a fresh random
 * one. Echoed in the response header and written in the access log. */
#ifndef AUDITION_REQUEST_ID_H
#define AUDITION_REQUEST_ID_H

#include <stdbool.h>

#include "util/arena.h"

#define REQUEST_ID_MAX 128

/* True when the header value may be used (and logged) as it is. */
bool request_id_is_sane(const char *value);
/* The id for a request whose X-Request-Id header is `header` (may be NULL). */
const char *request_id_for(const char *header, struct arena *a);

#endif

/* Who is on the other end of a request's connection (for /metrics access). */
#ifndef AUDITION_PEER_H
#define AUDITION_PEER_H

#include <stdbool.h>

#include "http/request.h"

/* True when the client address is 127.0.0.0/8, ::1 or ::ffff:127.x.x.x. */
bool request_peer_is_loopback(const struct request *rq);

#endif

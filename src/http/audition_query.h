/* The query parameters of GET /auditions and GET /auditions.ics (from, to,
 * location, actorId, status) into a struct audition_filter, each bounded and
 * checked; a bad one is a 400 that names it. */
#ifndef AUDITION_AUDITION_QUERY_H
#define AUDITION_AUDITION_QUERY_H

#include <stdbool.h>

#include "http/request.h"
#include "store/store.h"

/* from and to (RFC 3339; from before to). False with rs filled (400). */
bool audition_query_window(struct request *rq, struct response *rs, struct audition_filter *f);
/* The window, then location, actorId and status. False with rs filled. */
bool audition_query_filter(struct request *rq, struct response *rs, struct audition_filter *f);

#endif

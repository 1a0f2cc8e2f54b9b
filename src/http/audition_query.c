/* Audition list filters from the query string (see audition_query.h). */
#include "http/audition_query.h"

#include <string.h>

#include "domain/audition.h"
#include "domain/timestamp.h"
#include "http/query.h"
#include "http/response.h"

#define QUERY_VALUE_MAX 400   /* bytes of one parameter we look at */

/* An optional RFC 3339 parameter: *has is false when it is absent or "".
 * An unencoded '+' of an offset arrives as a space (form encoding): a space
 * where the offset's sign belongs is read as '+'. */
static bool time_param(struct request *rq, struct response *rs, const char *name, bool *has, int64_t *out) {
    const char *v = request_query(rq, name);
    *has = false;
    if (!v || !*v) return true;
    size_t len = strnlen(v, QUERY_VALUE_MAX + 1);
    if (len > 6 && len <= QUERY_VALUE_MAX && v[len - 6] == ' ') {
        char *copy = arena_strndup(rq->arena, v, len);
        copy[len - 6] = '+';
        v = copy;
    }
    if (len > QUERY_VALUE_MAX || !timestamp_parse(v, out)) {
        response_error(rs, 400, arena_printf(rq->arena, "%s must be an RFC 3339 date-time with a time zone, "
                                                        "e.g. 2026-12-10T10:00:00Z", name));
        return false;
    }
    *has = true;
    return true;
}

bool audition_query_window(struct request *rq, struct response *rs, struct audition_filter *f) {
    if (!time_param(rq, rs, "from", &f->has_from, &f->from) || !time_param(rq, rs, "to", &f->has_to, &f->to))
        return false;
    if (f->has_from && f->has_to && f->from >= f->to) {
        response_error(rs, 400, "from must be before to");
        return false;
    }
    return true;
}

static bool actor_param(struct request *rq, struct response *rs, int64_t *out) {
    const char *v = request_query(rq, "actorId");
    *out = 0;
    if (!v || !*v) return true;
    int64_t id = 0;
    size_t n = strlen(v);
    bool ok = n <= 16 && strspn(v, "0123456789") == n;
    for (size_t i = 0; ok && i < n; i++) id = id * 10 + (v[i] - '0');
    if (!ok || id < 1 || id > ID_MAX) {
        response_error(rs, 400, "actorId must be a positive integer");
        return false;
    }
    *out = id;
    return true;
}

bool audition_query_filter(struct request *rq, struct response *rs, struct audition_filter *f) {
    *f = (struct audition_filter){.status = -1};
    if (!audition_query_window(rq, rs, f) || !actor_param(rq, rs, &f->actor_id)) return false;
    const char *loc = request_query(rq, "location");
    if (loc && *loc) {
        const char *msg = NULL;
        size_t len = strnlen(loc, QUERY_VALUE_MAX + 1);
        f->location = len <= QUERY_VALUE_MAX && utf8_valid(loc, len) ? audition_location(loc, len, rq->arena, &msg)
                                                                     : NULL;
        if (!f->location) {
            response_error(rs, 400, msg ? msg : "location must be 1 to 100 characters");
            return false;
        }
    }
    const char *status = request_query(rq, "status");
    if (status && *status && (f->status = audition_status_parse(status)) < 0) {
        response_error(rs, 400, "status must be one of SCHEDULED, DONE, NO_SHOW, CANCELLED");
        return false;
    }
    return true;
}

/* GET /auditions.ics: the auditions that are not cancelled, as an RFC 5545
 * calendar (text/calendar) for calendar apps, in a time window and bounded
 * to AUDITION_FEED_MAX events. Without `from`, the window starts
 * FEED_DEFAULT_PAST_DAYS before now, so a subscription shows what is
 * recent and coming rather than the oldest history. */
#include <time.h>

#include "domain/audition_feed.h"
#include "http/audition_query.h"
#include "http/handlers.h"
#include "http/response.h"

#define FEED_DEFAULT_PAST_DAYS 30

void handle_audition_feed(struct request *rq, struct response *rs) {
    struct audition_filter f = {.status = -1};
    if (!audition_query_window(rq, rs, &f)) return;
    int64_t now = (int64_t)time(NULL);
    if (!f.has_from) {
        f.has_from = true;
        f.from = now - FEED_DEFAULT_PAST_DAYS * 86400;
        if (f.has_to && f.from >= f.to) f.from = 0;   /* an explicit `to` in the past still answers */
    }
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    struct audition_named *items = NULL;
    size_t n = 0;
    enum store_status st = request_ops(rq)->audition_feed(db, &f, AUDITION_FEED_MAX, rq->arena, &items, &n);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    rs->status = 200;
    rs->content_type = "text/calendar; charset=utf-8";
    strbuf_reset(&rs->body);
    audition_feed_write(&rs->body, items, n, now);
    response_header(rs, "Content-Disposition", "inline; filename=\"auditions.ics\"");
    response_header(rs, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
}

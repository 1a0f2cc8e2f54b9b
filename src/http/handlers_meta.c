/* Endpoints about the service itself: health, which sends browsers on to the
 * web app (/app/). (The built-in issuer's documents live in handlers_auth.c.) */
#include "http/accept.h"
#include "http/handlers.h"
#include "http/response.h"

void handle_health(struct request *rq, struct response *rs) {
    response_header(rs, "Vary", "Accept");
    if (accept_prefers_html(request_header(rq, "Accept"))) {
        rs->status = 302;
        rs->location = "/app/";
        rs->content_type = "text/plain; charset=utf-8";
        return;
    }
    rs->status = 200;
    strbuf_adds(&rs->body, "{\"success\":true}");
}

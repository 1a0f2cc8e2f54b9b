/* Endpoints about the service itself: health (which sends browsers on to the
 * web app, /app/) and the local issuer's JWKS. */
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

void handle_jwks(struct request *rq, struct response *rs) {
    const char *jwks = auth_local_jwks(rq->app->auth);
    if (!jwks) {
        response_error(rs, 404, "tokens come from an external issuer; its JWKS is published there");
        return;
    }
    rs->status = 200;
    rs->content_type = "application/jwk-set+json";
    strbuf_adds(&rs->body, jwks);
}

/* Endpoints about the service itself: health and the local issuer's JWKS. */
#include "http/handlers.h"
#include "http/response.h"

void handle_health(struct request *rq, struct response *rs) {
    (void)rq;
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

/* Endpoints about the service itself: health. (The built-in issuer's
 * documents live in handlers_auth.c.) */
#include "http/handlers.h"
#include "http/response.h"

void handle_health(struct request *rq, struct response *rs) {
    (void)rq;
    rs->status = 200;
    strbuf_adds(&rs->body, "{\"success\":true}");
}

/* Security headers for the web app (see security.h). */
#include "http/security.h"

#include <string.h>

#include "http/response.h"

/* The scheme://host[:port] part of url, in the arena ("" when it has none). */
static const char *url_origin(const char *url, struct arena *a) {
    const char *p = strstr(url, "://");
    if (!p) return "";
    p += 3;
    return arena_strndup(a, url, (size_t)(p - url) + strcspn(p, "/?#"));
}

const char *security_csp(const struct config *cfg, struct arena *a) {
    const char *token = cfg->oidc_token_url ? url_origin(cfg->oidc_token_url, a) : "";
    return arena_printf(a,
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                        "img-src 'self' data: https: http:; font-src 'self' data:; connect-src 'self'%s%s; "
                        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
                        *token ? " " : "", token);
}

void security_add_headers(struct request *rq, struct response *rs) {
    response_header(rs, "Content-Security-Policy", security_csp(rq->app->cfg, rq->arena));
    response_header(rs, "X-Content-Type-Options", "nosniff");
    response_header(rs, "Referrer-Policy", "same-origin");
}

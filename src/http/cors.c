/* CORS headers from the configured ORIGINS (see cors.h). Credentials are
 * never allowed, so a wildcard origin is safe. */
#include "http/cors.h"

#include <microhttpd.h>
#include <string.h>

static const char *allowed_origin(const struct config *cfg, const char *origin) {
    if (!origin) return NULL;
    for (size_t i = 0; i < cfg->n_origins; i++)
        if (strcmp(cfg->origins[i], origin) == 0) return origin;
    return cfg->origins_any ? "*" : NULL;
}

void cors_add_headers(const struct config *cfg, const char *origin, struct MHD_Response *r) {
    const char *allow = allowed_origin(cfg, origin);
    if (!allow) return;
    MHD_add_response_header(r, "Access-Control-Allow-Origin", allow);
    if (allow == origin) MHD_add_response_header(r, "Vary", "Origin");
    MHD_add_response_header(r, "Access-Control-Expose-Headers", "ETag, Location, Retry-After");
}

void cors_add_preflight_headers(const struct config *cfg, const char *origin, struct MHD_Response *r) {
    if (!allowed_origin(cfg, origin)) return;
    MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
    MHD_add_response_header(r, "Access-Control-Allow-Headers", "Content-Type, Authorization, If-Match, If-None-Match");
    MHD_add_response_header(r, "Access-Control-Max-Age", "600");
}

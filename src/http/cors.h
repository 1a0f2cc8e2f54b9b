/* CORS: which origins may call the API from a browser (ORIGINS) and the
 * headers that say so, for simple requests and preflights. */
#ifndef AUDITION_CORS_H
#define AUDITION_CORS_H

#include "config.h"

struct MHD_Response;

/* Adds Access-Control-Allow-Origin (and Vary, Expose-Headers) when origin is allowed. */
void cors_add_headers(const struct config *cfg, const char *origin, struct MHD_Response *r);
/* Adds the preflight answer's headers (methods, headers, max-age) when origin is allowed. */
void cors_add_preflight_headers(const struct config *cfg, const char *origin, struct MHD_Response *r);

#endif

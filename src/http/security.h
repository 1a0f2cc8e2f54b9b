/* Security headers of the pages and files the web app is served with: the
 * Content-Security-Policy (no inline script, no framing, API and configured
 * OIDC token endpoint as the only connect targets), nosniff, referrer policy. */
#ifndef AUDITION_SECURITY_H
#define AUDITION_SECURITY_H

#include "config.h"
#include "http/request.h"

/* The Content-Security-Policy for the web app under cfg, in the arena. */
const char *security_csp(const struct config *cfg, struct arena *a);
/* Adds CSP, X-Content-Type-Options, Referrer-Policy to rs. */
void security_add_headers(struct request *rq, struct response *rs);

#endif

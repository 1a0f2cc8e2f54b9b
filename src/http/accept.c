/* Accept header parsing for accept_prefers_html() (see accept.h). Bounded:
 * at most ACCEPT_MAX bytes and ACCEPT_ITEMS media ranges are looked at. */
#include "http/accept.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ACCEPT_MAX 2048
#define ACCEPT_ITEMS 32

/* The q parameter of one media range's parameters [p, end), default 1. */
static double quality(const char *p, const char *end) {
    while (p < end) {
        p += strspn(p, " \t;");
        if (p + 2 <= end && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
            char num[8] = "";
            size_t n = strcspn(p + 2, ";, \t");
            if (n >= sizeof num) return 0;
            memcpy(num, p + 2, n);
            double q = strtod(num, NULL);
            return q < 0 ? 0 : q > 1 ? 1 : q;
        }
        p += strcspn(p, ";,");
    }
    return 1;
}

static bool range_is(const char *s, size_t n, const char *want) {
    return n == strlen(want) && strncasecmp(s, want, n) == 0;
}

bool accept_prefers_html(const char *accept) {
    if (!accept || strnlen(accept, ACCEPT_MAX + 1) > ACCEPT_MAX) return false;
    double html = -1, json = -1, app_any = -1, any = -1;
    const char *p = accept;
    for (int items = 0; *p && items < ACCEPT_ITEMS; items++) {
        p += strspn(p, " \t,");
        const char *end = p + strcspn(p, ",");
        size_t n = strcspn(p, "; \t,");
        double q = quality(p + n, end);
        if (range_is(p, n, "text/html")) html = q;
        else if (range_is(p, n, "application/json")) json = q;
        else if (range_is(p, n, "application/*")) app_any = q;
        else if (range_is(p, n, "*/*")) any = q;
        p = end;
    }
    if (json < 0) json = app_any >= 0 ? app_any : any >= 0 ? any : 0;
    return html > 0 && html > json;
}

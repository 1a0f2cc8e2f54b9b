/* Content negotiation on the Accept header, as far as the server needs it:
 * does a client prefer an HTML page to JSON (a browser opening `/`)? */
#ifndef AUDITION_ACCEPT_H
#define AUDITION_ACCEPT_H

#include <stdbool.h>

/* True when accept names text/html explicitly with a higher quality than
 * application/json gets (directly, through application/ *, or through * / *).
 * NULL, "* / *", "application/json" and malformed headers give false. */
bool accept_prefers_html(const char *accept);

#endif

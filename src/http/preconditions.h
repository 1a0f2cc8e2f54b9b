/* Conditional requests (RFC 9110 If-Match / If-None-Match) against our
 * strong ETags. Values are accepted with or without quotes, as api.md asks. */
#ifndef AUDITION_PRECONDITIONS_H
#define AUDITION_PRECONDITIONS_H

#include <stdbool.h>

/* True when the header's list names etag (or is "*"). weak: W/ tags compare
 * by value (If-None-Match); otherwise a W/ tag never matches (If-Match). */
bool etag_list_matches(const char *header, const char *etag, bool weak);

#endif

/* Query parameters of the list endpoints: page and search, bounded and
 * normalised as api.md says (a bad page means page 1). */
#ifndef AUDITION_QUERY_H
#define AUDITION_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEARCH_MAX 200
#define PAGE_MAX 100000000000000LL /* offsets stay far from int64 overflow */

/* page: missing, non-numeric or < 1 -> 1; larger than PAGE_MAX -> PAGE_MAX. */
int64_t query_page(const char *value);
/* True when s is valid UTF-8 of at most SEARCH_MAX bytes without control characters. */
bool query_search_ok(const char *s);
/* True when s[0..len) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

#endif

/* List query parameters (see query.h). */
#include "http/query.h"

#include <string.h>

int64_t query_page(const char *v) {
    if (!v || !*v) return 1;
    int64_t page = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9') return 1;
        if (page <= PAGE_MAX) page = page * 10 + (*p - '0');
    }
    if (page < 1) return 1;
    return page > PAGE_MAX ? PAGE_MAX : page;
}

bool utf8_valid(const char *str, size_t len) {
    const unsigned char *s = (const unsigned char *)str, *end = s + len;
    while (s < end) {
        unsigned c = *s;
        size_t n;
        unsigned min;
        if (c < 0x80) {
            s++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, min = 0x10000, c &= 0x07;
        } else {
            return false;
        }
        if ((size_t)(end - s) <= n) return false;
        for (size_t i = 1; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80) return false;
            c = (c << 6) | (s[i] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
        s += n + 1;
    }
    return true;
}

bool query_search_ok(const char *s) {
    size_t n = strlen(s);
    if (n > SEARCH_MAX || !utf8_valid(s, n)) return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20) return false;
    return true;
}

/* Builds the escaped substring pattern for LIKE/ILIKE (see like.h). */
#include "store/like.h"

#include <string.h>

char *store_like_pattern(struct arena *a, const char *search) {
    if (!search || !*search) return NULL;
    char *out = arena_alloc(a, 2 * strlen(search) + 3);
    char *w = out;
    *w++ = '%';
    for (const char *s = search; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\') *w++ = '\\';
        *w++ = *s;
    }
    *w++ = '%';
    *w = '\0';
    return out;
}

/* ETag list matching (see preconditions.h). */
#include "http/preconditions.h"

#include <string.h>

bool etag_list_matches(const char *header, const char *etag, bool weak) {
    size_t elen = strlen(etag);
    const char *p = header;
    while (*p) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, ",");
        const char *s = p, *e = p + n;
        p = e;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
        if (e == s) continue;
        if (e - s == 1 && *s == '*') return true;
        bool is_weak = e - s > 2 && s[0] == 'W' && s[1] == '/';
        if (is_weak) {
            if (!weak) continue;
            s += 2;
        }
        if (e - s >= 2 && *s == '"' && e[-1] == '"') s++, e--;
        if ((size_t)(e - s) == elen && strncmp(s, etag, elen) == 0) return true;
    }
    return false;
}

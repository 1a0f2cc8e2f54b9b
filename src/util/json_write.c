/* JSON writer (see json_write.h). */
#include "util/json_write.h"

#include <string.h>

static void value_sep(struct jw *w) {
    if (w->need_comma) strbuf_addc(w->sb, ',');
    w->need_comma = true;
}

void jw_obj_begin(struct jw *w) {
    value_sep(w);
    strbuf_addc(w->sb, '{');
    w->need_comma = false;
}

void jw_obj_end(struct jw *w) {
    strbuf_addc(w->sb, '}');
    w->need_comma = true;
}

void jw_arr_begin(struct jw *w) {
    value_sep(w);
    strbuf_addc(w->sb, '[');
    w->need_comma = false;
}

void jw_arr_end(struct jw *w) {
    strbuf_addc(w->sb, ']');
    w->need_comma = true;
}

void jw_key(struct jw *w, const char *key) {
    if (w->need_comma) strbuf_addc(w->sb, ',');
    size_t n = strlen(key);
    strbuf_reserve(w->sb, n + 3);
    char *p = w->sb->data + w->sb->len;
    *p++ = '"';
    memcpy(p, key, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    w->sb->len += n + 3;
    w->sb->data[w->sb->len] = '\0';
    w->need_comma = false;
}

void json_escape_into(struct strbuf *sb, const char *s) {
    static const char hex[] = "0123456789abcdef";
    strbuf_addc(sb, '"');
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        strbuf_add(sb, run, (size_t)((const char *)p - run));
        run = (const char *)p + 1;
        switch (c) {
        case '"': strbuf_add(sb, "\\\"", 2); break;
        case '\\': strbuf_add(sb, "\\\\", 2); break;
        case '\n': strbuf_add(sb, "\\n", 2); break;
        case '\r': strbuf_add(sb, "\\r", 2); break;
        case '\t': strbuf_add(sb, "\\t", 2); break;
        case '\b': strbuf_add(sb, "\\b", 2); break;
        case '\f': strbuf_add(sb, "\\f", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            strbuf_add(sb, u, 6);
        }
        }
    }
    strbuf_adds(sb, run);
    strbuf_addc(sb, '"');
}

void jw_str(struct jw *w, const char *s) {
    value_sep(w);
    if (!s) {
        strbuf_add(w->sb, "null", 4);
        return;
    }
    json_escape_into(w->sb, s);
}

void jw_int(struct jw *w, int64_t v) {
    value_sep(w);
    char buf[24];
    char *end = buf + sizeof buf, *p = end;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    strbuf_add(w->sb, p, (size_t)(end - p));
}

void jw_bool(struct jw *w, bool v) {
    value_sep(w);
    if (v) strbuf_add(w->sb, "true", 4);
    else strbuf_add(w->sb, "false", 5);
}

void jw_null(struct jw *w) {
    value_sep(w);
    strbuf_add(w->sb, "null", 4);
}

void jw_raw(struct jw *w, const char *json, size_t len) {
    value_sep(w);
    strbuf_add(w->sb, json, len);
}

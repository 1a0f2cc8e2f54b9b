/* Growable byte buffer (see strbuf.h). */
#include "util/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strbuf_reserve(struct strbuf *sb, size_t extra) {
    if (sb->cap - sb->len > extra) return;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap - sb->len <= extra) cap *= 2;
    char *p = realloc(sb->data, cap);
    if (!p) abort();
    sb->data = p;
    sb->cap = cap;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len) {
    strbuf_reserve(sb, len);
    memcpy(sb->data + sb->len, data, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s) { strbuf_add(sb, s, strlen(s)); }

void strbuf_addc(struct strbuf *sb, char c) {
    strbuf_reserve(sb, 1);
    sb->data[sb->len++] = c;
    sb->data[sb->len] = '\0';
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    strbuf_reserve(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void strbuf_reset(struct strbuf *sb) {
    sb->len = 0;
    if (sb->data) sb->data[0] = '\0';
}

void strbuf_free(struct strbuf *sb) {
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

char *strbuf_release(struct strbuf *sb, size_t *len) {
    if (!sb->data) strbuf_reserve(sb, 0), sb->data[0] = '\0';
    char *p = sb->data;
    if (len) *len = sb->len;
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return p;
}

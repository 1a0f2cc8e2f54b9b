/* Growable byte buffer for building responses and SQL-free text.
 * Owns its malloc'd memory; strbuf_release() hands it to the caller
 * (e.g. to libmicrohttpd with MHD_RESPMEM_MUST_FREE). */
#ifndef AUDITION_STRBUF_H
#define AUDITION_STRBUF_H

#include <stddef.h>

struct strbuf {
    char *data;   /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
};

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_reserve(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_reset(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
/* Returns the buffer (never NULL) and leaves sb empty. Caller frees. */
char *strbuf_release(struct strbuf *sb, size_t *len);

#endif

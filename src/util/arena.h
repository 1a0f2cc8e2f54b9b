/* Request-scoped memory: a bump allocator over chained blocks.
 * Everything a request allocates comes from its arena and is freed at once
 * when the response has been sent; nothing here frees single objects. */
#ifndef AUDITION_ARENA_H
#define AUDITION_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;
    size_t total;     /* bytes handed out so far, for limits and tests */
};

void arena_init(struct arena *a);
/* Frees every block; the arena can be reused after arena_init(). */
void arena_free(struct arena *a);
/* Zeroed memory aligned for any type; aborts only on out-of-memory. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

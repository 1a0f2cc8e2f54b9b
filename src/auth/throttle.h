/* Login throttling: counts failed attempts per key (a username or a client
 * address) in a fixed window; past the limit the key is refused until the
 * window ends. In memory, per server instance, bounded (the oldest entry is
 * evicted when full). Thread-safe. */
#ifndef AUDITION_THROTTLE_H
#define AUDITION_THROTTLE_H

#include <stddef.h>
#include <stdint.h>

#define THROTTLE_KEY_MAX 96

struct throttle;

/* capacity entries; max_failures failures per window_s seconds. NULL on OOM. */
struct throttle *throttle_new(size_t capacity, int max_failures, int window_s);
void throttle_free(struct throttle *t);

/* 0 when key may try now, else the seconds until it may (>= 1). */
int throttle_retry_after(struct throttle *t, const char *key, int64_t now);
/* Counts one failure of key at now. */
void throttle_failure(struct throttle *t, const char *key, int64_t now);
/* Forgets key (after a successful login). */
void throttle_reset(struct throttle *t, const char *key);

#endif

/* The built-in issuer's signing keys, kept in the database (signing_keys)
 * with their private halves sealed by the master key file, and shared by
 * every instance on that database. Holds the active key (the newest one not
 * retired), the published JWKS (every key not yet expired), re-reads both
 * periodically, and rotates. Thread-safe. */
#ifndef AUDITION_KEYRING_H
#define AUDITION_KEYRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "store/store.h"

struct keyring;

/* Opens the master key (creating it), then reads the keys; when none is
 * active it imports the legacy PEM at cfg->key_file if that exists, else
 * generates one. -1 with one sentence in err. pool must outlive the keyring. */
int keyring_open(const struct config *cfg, struct store_pool *pool, struct keyring **out, char *err, size_t errlen);
void keyring_close(struct keyring *k);
/* The pool the keyring reads from (the built-in users live there too). */
struct store_pool *keyring_pool(const struct keyring *k);

/* Re-reads the keys if the last read is older than AUTH_REFRESH seconds, or
 * with force (an unknown kid) older than 200 ms. A failed read keeps the
 * current keys. */
void keyring_refresh(struct keyring *k, int64_t now, bool force);
/* The public JWKS document {"keys":[…]}, malloc'd (NULL on OOM). */
char *keyring_jwks(struct keyring *k);
/* payload_json signed RS256 with the active key; malloc'd, NULL on failure. */
char *keyring_sign(struct keyring *k, const char *payload_json);

/* Adds a new active key; the previous ones stop signing now and leave the
 * JWKS after keep_s seconds (-1: AUTH_TOKEN_MAX_TTL plus the clock skew, so
 * every token they signed has expired by then). kid gets the new kid. */
int keyring_rotate(struct keyring *k, int keep_s, char *kid, size_t kidlen, char *err, size_t errlen);

#endif

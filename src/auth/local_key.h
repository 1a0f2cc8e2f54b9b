/* The built-in issuer's signing key: an RS256 private key kept in a PEM file
 * (created with mode 0600 on first use), its kid, its public JWKS document
 * and token signing. The key never leaves this module except as signatures
 * and the public JWKS. */
#ifndef AUDITION_LOCAL_KEY_H
#define AUDITION_LOCAL_KEY_H

#include <stddef.h>

#define LOCAL_KEY_BITS 2048

struct local_key;

/* Loads key_file, or creates it (and data_dir, mode 0700) when missing.
 * Returns -1 with one sentence naming AUTH_KEY_FILE or DATA_DIR in err. */
int local_key_open(const char *data_dir, const char *key_file, struct local_key **out, char *err,
                   size_t errlen);
void local_key_close(struct local_key *k);

/* {"keys":[{"alg":"RS256","e":…,"kid":…,"kty":"RSA","n":…,"use":"sig"}]} */
const char *local_key_jwks(const struct local_key *k);
const char *local_key_kid(const struct local_key *k);
/* An RS256 JWS of payload_json with this key's kid; malloc'd, NULL on failure. */
char *local_key_sign(const struct local_key *k, const char *payload_json);

#endif

/* One signing key of the built-in issuer: an RS256 private key, its kid, its
 * public JWK and token signing. Keys live sealed in the database
 * (keyring.c); this module only converts and signs. */
#ifndef AUDITION_LOCAL_KEY_H
#define AUDITION_LOCAL_KEY_H

#include <stddef.h>

#define LOCAL_KEY_BITS 2048

struct local_key;

/* A new 2048-bit RSA key, or NULL. */
struct local_key *local_key_generate(void);
/* Reads an unencrypted PEM RSA private key (the legacy AUTH_KEY_FILE).
 * 0 with *out NULL when the file does not exist; -1 with err naming
 * AUTH_KEY_FILE when it is unreadable or not a usable key. */
int local_key_load_pem(const char *path, struct local_key **out, char *err, size_t errlen);
/* From / to the DER form of the private key (what keyring.c seals). */
struct local_key *local_key_from_der(const unsigned char *der, size_t len);
int local_key_der(const struct local_key *k, unsigned char **der, size_t *len); /* malloc'd */
void local_key_close(struct local_key *k);

/* {"alg":"RS256","e":…,"kid":…,"kty":"RSA","n":…,"use":"sig"} */
const char *local_key_jwk(const struct local_key *k);
const char *local_key_kid(const struct local_key *k);
/* An RS256 JWS of payload_json with this key's kid; malloc'd, NULL on failure. */
char *local_key_sign(const struct local_key *k, const char *payload_json);

#endif

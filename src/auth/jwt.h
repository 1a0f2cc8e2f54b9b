/* Compact JWS mechanics: strict base64url, splitting and decoding a token,
 * checking its header (alg, crit), its registered claims and permissions,
 * and its signature with an OpenSSL EVP key. Knows nothing of where keys come
 * from (jwks.h) or of caching (token_cache.h). */
#ifndef AUDITION_JWT_H
#define AUDITION_JWT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "auth/auth.h"

#define JWT_CLOCK_SKEW 60 /* seconds allowed either side of exp / nbf */

/* Base64url without padding. Encoding never fails; the result is malloc'd
 * (NULL only on out-of-memory). */
char *b64url_encode(const unsigned char *in, size_t len);
/* Decodes len chars of in into out (room for len * 3 / 4 bytes). Strict: only
 * the URL-safe alphabet, no padding, no stray trailing bits. With
 * allow_padding, trailing '=' are tolerated (JWKS documents only). Returns
 * -1 on a bad encoding. */
int b64url_decode(const char *in, size_t len, unsigned char *out, size_t *outlen, bool allow_padding);

/* A decoded, not yet trusted token. The signing input points into the
 * caller's token string, which must outlive this struct. */
struct jwt {
    json_t *header;
    json_t *payload;
    uint32_t alg;            /* one ALG_* bit of config.h */
    const char *kid;         /* the header's kid (borrowed), or NULL */
    const char *signing_input;
    size_t signing_len;
    unsigned char *sig;
    size_t sig_len;
};

/* Splits and decodes token (len bytes): three base64url parts, JSON-object
 * header and payload without duplicate keys, an alg in allowed_algs, no
 * crit. jku/jwk/x5u/x5c are ignored. On error returns -1 with a static reason
 * in *why; out needs jwt_clear() either way. */
int jwt_decode(const char *token, size_t len, uint32_t allowed_algs, struct jwt *out, const char **why);
void jwt_clear(struct jwt *j);

struct jwt_expect {
    const char *issuer;   /* exact iss; never NULL */
    const char *audience; /* must appear in aud, or NULL for any */
    int64_t now;          /* seconds since the epoch */
    const struct claim_rules *rules; /* where permissions are (claims.h); NULL: defaults */
};

struct claim_rules;

/* exp/nbf/iat/iss/aud/sub and the permission claims of api.md (read as
 * want->rules says, see claims.h). Fills out on
 * success; returns -1 with a static reason otherwise. */
int jwt_check_claims(const struct jwt *j, const struct jwt_expect *want, struct auth_claims *out,
                     const char **why);

/* Verifies the signature with key, whose algorithm is key_alg (an ALG_* bit:
 * RSA -> RS256, EC P-256 -> ES256, Ed25519 -> EdDSA). */
int jwt_verify(const struct jwt *j, EVP_PKEY *key, uint32_t key_alg, const char **why);

/* Signs payload_json as an RS256 JWS with header {alg, kid, typ}. Returns a
 * malloc'd token, or NULL. */
char *jwt_sign_rs256(EVP_PKEY *key, const char *kid, const char *payload_json);

/* "RS256" / "ES256" / "EdDSA" -> ALG_* bit, 0 for anything else. */
uint32_t jwt_alg_from_name(const char *name);

#endif

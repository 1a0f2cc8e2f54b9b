/* JWKS parsing: a JSON Web Key Set document -> an immutable, refcounted set
 * of OpenSSL public keys (RSA n/e, EC P-256 x/y, OKP Ed25519 x), plus kid
 * lookup. Only signature keys for RS256/ES256/EdDSA are kept; symmetric and
 * encryption keys are skipped. Fetching and refreshing live elsewhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

#include "auth/jwks.h"
#include "auth/jwt.h"
#include "config.h"

#define RSA_MAX_MODULUS_BYTES 1024 /* 8192 bits: bigger keys are not worth their cost */

/* A base64url member of a JWK, decoded into a malloc'd buffer. */
static unsigned char *jwk_bytes(const json_t *jwk, const char *name, size_t *len)
{
    json_t *v = json_object_get(jwk, name);
    if (!json_is_string(v))
        return NULL;
    size_t slen = json_string_length(v);
    unsigned char *buf = malloc(slen * 3 / 4 + 1);
    if (buf && b64url_decode(json_string_value(v), slen, buf, len, true) == 0 && *len > 0)
        return buf;
    free(buf);
    return NULL;
}

/* Builds a public key of type name ("RSA", "EC") from the params in bld. */
static EVP_PKEY *pkey_from_params(const char *name, OSSL_PARAM_BLD *bld)
{
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = params ? EVP_PKEY_CTX_new_from_name(NULL, name, NULL) : NULL;
    EVP_PKEY *pkey = NULL;
    if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
        EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    return pkey;
}

static EVP_PKEY *rsa_from_jwk(const json_t *jwk)
{
    size_t nlen = 0, elen = 0;
    unsigned char *n = jwk_bytes(jwk, "n", &nlen);
    unsigned char *e = jwk_bytes(jwk, "e", &elen);
    BIGNUM *bn_n = NULL, *bn_e = NULL;
    OSSL_PARAM_BLD *bld = NULL;
    EVP_PKEY *pkey = NULL;
    if (!n || !e || nlen > RSA_MAX_MODULUS_BYTES || elen > 8)
        goto out;
    bn_n = BN_bin2bn(n, (int)nlen, NULL);
    bn_e = BN_bin2bn(e, (int)elen, NULL);
    bld = OSSL_PARAM_BLD_new();
    if (bn_n && bn_e && bld && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) == 1 &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e) == 1)
        pkey = pkey_from_params("RSA", bld);
out:
    OSSL_PARAM_BLD_free(bld);
    BN_free(bn_n);
    BN_free(bn_e);
    free(n);
    free(e);
    return pkey;
}

static EVP_PKEY *p256_from_jwk(const json_t *jwk)
{
    const char *crv = json_string_value(json_object_get(jwk, "crv"));
    if (!crv || strcmp(crv, "P-256") != 0)
        return NULL;
    size_t xlen = 0, ylen = 0;
    unsigned char *x = jwk_bytes(jwk, "x", &xlen);
    unsigned char *y = jwk_bytes(jwk, "y", &ylen);
    EVP_PKEY *pkey = NULL;
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    if (x && y && xlen == 32 && ylen == 32 && bld) {
        /* uncompressed 04 || X || Y; OpenSSL refuses points off the curve */
        unsigned char point[65] = {0x04};
        memcpy(point + 1, x, 32);
        memcpy(point + 33, y, 32);
        if (OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1 &&
            OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point) == 1)
            pkey = pkey_from_params("EC", bld);
    }
    OSSL_PARAM_BLD_free(bld);
    free(x);
    free(y);
    return pkey;
}

static EVP_PKEY *ed25519_from_jwk(const json_t *jwk)
{
    const char *crv = json_string_value(json_object_get(jwk, "crv"));
    if (!crv || strcmp(crv, "Ed25519") != 0)
        return NULL;
    size_t xlen = 0;
    unsigned char *x = jwk_bytes(jwk, "x", &xlen);
    EVP_PKEY *pkey = NULL;
    if (x && xlen == 32)
        pkey = EVP_PKEY_new_raw_public_key_ex(NULL, "ED25519", NULL, x, xlen);
    free(x);
    return pkey;
}

/* use/key_ops, when present, must allow verifying signatures. */
static bool jwk_for_signatures(const json_t *jwk)
{
    json_t *use = json_object_get(jwk, "use");
    if (use && (!json_is_string(use) || strcmp(json_string_value(use), "sig") != 0))
        return false;
    json_t *ops = json_object_get(jwk, "key_ops");
    if (!ops)
        return true;
    size_t i;
    json_t *op;
    json_array_foreach(ops, i, op) {
        if (json_is_string(op) && strcmp(json_string_value(op), "verify") == 0)
            return true;
    }
    return false;
}

/* One JWK -> key; false when it is not a usable signature key. */
static bool key_from_jwk(const json_t *jwk, struct jwks_key *k)
{
    const char *kty = json_string_value(json_object_get(jwk, "kty"));
    json_t *kid = json_object_get(jwk, "kid");
    json_t *alg = json_object_get(jwk, "alg");
    if (!kty || (kid && !json_is_string(kid)) || (alg && !json_is_string(alg)) ||
        !jwk_for_signatures(jwk))
        return false;
    if (strcmp(kty, "RSA") == 0) {
        k->alg = ALG_RS256;
        k->pkey = rsa_from_jwk(jwk);
    } else if (strcmp(kty, "EC") == 0) {
        k->alg = ALG_ES256;
        k->pkey = p256_from_jwk(jwk);
    } else if (strcmp(kty, "OKP") == 0) {
        k->alg = ALG_EDDSA;
        k->pkey = ed25519_from_jwk(jwk);
    } else {
        return false; /* "oct" and anything else: never */
    }
    if (alg && jwt_alg_from_name(json_string_value(alg)) != k->alg) {
        EVP_PKEY_free(k->pkey);
        k->pkey = NULL;
    }
    if (!k->pkey) {
        ERR_clear_error();
        return false;
    }
    k->kid = kid ? strdup(json_string_value(kid)) : NULL;
    if (kid && !k->kid) {
        EVP_PKEY_free(k->pkey);
        return false;
    }
    return true;
}

static struct jwks *jwks_from_json(const json_t *keys, const char *text, size_t len)
{
    struct jwks *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    atomic_init(&s->refs, 1);
    s->keys = calloc(json_array_size(keys) + 1, sizeof *s->keys);
    s->raw = malloc(len + 1);
    if (!s->keys || !s->raw) {
        jwks_unref(s);
        return NULL;
    }
    memcpy(s->raw, text, len);
    s->raw[len] = '\0';
    s->raw_len = len;
    size_t i;
    json_t *jwk;
    json_array_foreach(keys, i, jwk) {
        if (json_is_object(jwk) && key_from_jwk(jwk, &s->keys[s->n]))
            s->n++;
    }
    return s;
}

int jwks_parse(const char *text, size_t len, struct jwks **out, char *err, size_t errlen)
{
    *out = NULL;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
    json_t *keys = json_object_get(doc, "keys");
    if (!json_is_object(doc) || !json_is_array(keys)) {
        json_decref(doc);
        snprintf(err, errlen, "the key set is not a JSON object with a \"keys\" array");
        return -1;
    }
    struct jwks *s = jwks_from_json(keys, text, len);
    json_decref(doc);
    if (!s) {
        snprintf(err, errlen, "out of memory reading the key set");
        return -1;
    }
    if (s->n == 0) {
        jwks_unref(s);
        snprintf(err, errlen, "the key set has no usable RS256, ES256 or EdDSA signing key");
        return -1;
    }
    *out = s;
    return 0;
}

void jwks_ref(struct jwks *s)
{
    atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
}

void jwks_unref(struct jwks *s)
{
    if (!s || atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1)
        return;
    for (size_t i = 0; s->keys && i < s->n; i++) {
        free(s->keys[i].kid);
        EVP_PKEY_free(s->keys[i].pkey);
    }
    free(s->keys);
    free(s->raw);
    free(s);
}

const struct jwks_key *jwks_find(const struct jwks *s, const char *kid, const char **why)
{
    if (!kid) {
        if (s->n == 1)
            return &s->keys[0];
        *why = "kid required";
        return NULL;
    }
    for (size_t i = 0; i < s->n; i++)
        if (s->keys[i].kid && strcmp(s->keys[i].kid, kid) == 0)
            return &s->keys[i];
    *why = "unknown key id";
    return NULL;
}

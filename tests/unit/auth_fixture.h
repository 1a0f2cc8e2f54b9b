/* Shared fixture of the auth tests (test_jwt.c, test_jwks.c,
 * test_local_key.c): keys generated at run time, JWK/JWKS documents written
 * to a temporary directory, and a token signer written independently of
 * src/auth (its own base64url and ECDSA DER -> raw conversion). */
#ifndef AUDITION_TEST_AUTH_FIXTURE_H
#define AUDITION_TEST_AUTH_FIXTURE_H

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdarg.h>
#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "auth/auth.h"
#include "config.h"

#define FX_ISSUER "https://issuer.test/"
#define FX_AUDIENCE "audition-api"

struct fixture {
    char dir[64];
    char jwks_path[128];
    char url[160];
    struct config cfg;
    struct auth *auth;
    const char *why;
};

static struct fixture fx;

/* ---- keys and JWKs ------------------------------------------------------ */

static inline EVP_PKEY *fx_rsa(int bits)
{
    EVP_PKEY *k = EVP_RSA_gen((unsigned)bits);
    cr_assert_not_null(k);
    return k;
}

static inline EVP_PKEY *fx_ec(void)
{
    EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    cr_assert_not_null(k);
    return k;
}

static inline EVP_PKEY *fx_ed(void)
{
    EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    cr_assert_not_null(k);
    return k;
}

/* Independent base64url: OpenSSL's base64, then the URL-safe alphabet. */
static inline char *fx_b64(const unsigned char *in, size_t len)
{
    char *out = malloc(4 * ((len + 2) / 3) + 1);
    int n = EVP_EncodeBlock((unsigned char *)out, in, (int)len);
    while (n > 0 && out[n - 1] == '=')
        n--;
    out[n] = '\0';
    for (char *p = out; *p; p++)
        *p = *p == '+' ? '-' : *p == '/' ? '_' : *p;
    return out;
}

static inline char *fx_b64s(const char *s) { return fx_b64((const unsigned char *)s, strlen(s)); }

static inline char *fx_bn_param(EVP_PKEY *k, const char *name, int pad)
{
    BIGNUM *bn = NULL;
    cr_assert_eq(EVP_PKEY_get_bn_param(k, name, &bn), 1);
    int len = pad ? pad : BN_num_bytes(bn);
    unsigned char *buf = malloc((size_t)len);
    BN_bn2binpad(bn, buf, len);
    char *s = fx_b64(buf, (size_t)len);
    free(buf);
    BN_free(bn);
    return s;
}

/* The public JWK of k (kid may be NULL). */
static inline json_t *fx_jwk(EVP_PKEY *k, const char *kid)
{
    json_t *j = json_object();
    if (EVP_PKEY_is_a(k, "RSA")) {
        char *n = fx_bn_param(k, OSSL_PKEY_PARAM_RSA_N, 0), *e = fx_bn_param(k, OSSL_PKEY_PARAM_RSA_E, 0);
        json_object_set_new(j, "kty", json_string("RSA"));
        json_object_set_new(j, "n", json_string(n));
        json_object_set_new(j, "e", json_string(e));
        free(n);
        free(e);
    } else if (EVP_PKEY_is_a(k, "EC")) {
        char *x = fx_bn_param(k, OSSL_PKEY_PARAM_EC_PUB_X, 32), *y = fx_bn_param(k, OSSL_PKEY_PARAM_EC_PUB_Y, 32);
        json_object_set_new(j, "kty", json_string("EC"));
        json_object_set_new(j, "crv", json_string("P-256"));
        json_object_set_new(j, "x", json_string(x));
        json_object_set_new(j, "y", json_string(y));
        free(x);
        free(y);
    } else {
        unsigned char raw[32];
        size_t len = sizeof raw;
        cr_assert_eq(EVP_PKEY_get_raw_public_key(k, raw, &len), 1);
        char *x = fx_b64(raw, len);
        json_object_set_new(j, "kty", json_string("OKP"));
        json_object_set_new(j, "crv", json_string("Ed25519"));
        json_object_set_new(j, "x", json_string(x));
        free(x);
    }
    if (kid)
        json_object_set_new(j, "kid", json_string(kid));
    return j;
}

/* Writes {"keys": [jwk...]} (NULL-terminated, references stolen) to path. */
static inline void fx_write_jwks_to(const char *path, json_t *first, ...)
{
    json_t *keys = json_array();
    va_list ap;
    va_start(ap, first);
    for (json_t *k = first; k; k = va_arg(ap, json_t *))
        json_array_append_new(keys, k);
    va_end(ap);
    json_t *doc = json_pack("{s:o}", "keys", keys);
    char tmp[200];
    snprintf(tmp, sizeof tmp, "%s.new", path);
    cr_assert_eq(json_dump_file(doc, tmp, JSON_COMPACT), 0);
    cr_assert_eq(rename(tmp, path), 0);
    json_decref(doc);
}
#define fx_write_jwks(...) fx_write_jwks_to(fx.jwks_path, __VA_ARGS__, NULL)

static inline void fx_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

/* ---- signing -------------------------------------------------------------- */

static inline unsigned char *fx_evp_sign(EVP_PKEY *k, const char *md, const char *data, size_t *len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    cr_assert_eq(EVP_DigestSignInit_ex(ctx, NULL, md, NULL, NULL, k, NULL), 1);
    cr_assert_eq(EVP_DigestSign(ctx, NULL, len, (const unsigned char *)data, strlen(data)), 1);
    unsigned char *sig = malloc(*len);
    cr_assert_eq(EVP_DigestSign(ctx, sig, len, (const unsigned char *)data, strlen(data)), 1);
    EVP_MD_CTX_free(ctx);
    return sig;
}

/* ECDSA signatures come from EVP as DER; JWS wants raw R || S. */
static inline unsigned char *fx_der_to_raw(unsigned char *der, size_t der_len)
{
    const unsigned char *p = der;
    ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
    cr_assert_not_null(s);
    unsigned char *raw = malloc(64);
    BN_bn2binpad(ECDSA_SIG_get0_r(s), raw, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(s), raw + 32, 32);
    ECDSA_SIG_free(s);
    free(der);
    return raw;
}

/* Signs header_json.payload_json with k: the signature scheme follows the
 * key type (RSA -> RS256, EC -> ES256 raw, Ed25519 -> EdDSA) whatever the
 * header says. der_ecdsa keeps the DER form (a malformed ES256 token). */
static inline char *fx_sign_raw(EVP_PKEY *k, const char *header_json, const char *payload_json, bool der_ecdsa)
{
    char *h = fx_b64s(header_json), *p = fx_b64s(payload_json);
    size_t in_len = strlen(h) + 1 + strlen(p);
    char *input = malloc(in_len + 1);
    snprintf(input, in_len + 1, "%s.%s", h, p);
    size_t sig_len = 0;
    unsigned char *sig;
    if (EVP_PKEY_is_a(k, "ED25519")) {
        sig = fx_evp_sign(k, NULL, input, &sig_len);
    } else {
        sig = fx_evp_sign(k, "SHA256", input, &sig_len);
        if (EVP_PKEY_is_a(k, "EC") && !der_ecdsa) {
            sig = fx_der_to_raw(sig, sig_len);
            sig_len = 64;
        }
    }
    char *s = fx_b64(sig, sig_len);
    char *tok = malloc(in_len + 1 + strlen(s) + 1);
    sprintf(tok, "%s.%s", input, s);
    free(h);
    free(p);
    free(input);
    free(sig);
    free(s);
    return tok;
}

static inline const char *fx_alg_of(EVP_PKEY *k)
{
    return EVP_PKEY_is_a(k, "RSA") ? "RS256" : EVP_PKEY_is_a(k, "EC") ? "ES256" : "EdDSA";
}

/* Standard claims: iss, aud, exp in an hour, iat, sub, two permissions. */
static inline json_t *fx_claims(void)
{
    time_t now = time(NULL);
    return json_pack("{s:s, s:s, s:I, s:I, s:s, s:[s, s]}", "iss", FX_ISSUER, "aud", FX_AUDIENCE, "exp",
                     (json_int_t)(now + 3600), "iat", (json_int_t)now, "sub", "auth0|tester", "permissions",
                     "read:actors", "create:movies");
}

/* A token with header {alg (from the key), kid?, typ} over claims (stolen). */
static inline char *fx_token_with(EVP_PKEY *k, const char *kid, json_t *claims)
{
    json_t *hdr = json_pack("{s:s, s:s}", "alg", fx_alg_of(k), "typ", "JWT");
    if (kid)
        json_object_set_new(hdr, "kid", json_string(kid));
    char *h = json_dumps(hdr, JSON_COMPACT), *p = json_dumps(claims, JSON_COMPACT);
    char *tok = fx_sign_raw(k, h, p, false);
    free(h);
    free(p);
    json_decref(hdr);
    json_decref(claims);
    return tok;
}

static inline char *fx_token(EVP_PKEY *k, const char *kid) { return fx_token_with(k, kid, fx_claims()); }

/* ---- the verifier ---------------------------------------------------------- */

static inline void fx_setup(void)
{
    memset(&fx, 0, sizeof fx);
    strcpy(fx.dir, "/tmp/audition-auth-XXXXXX");
    cr_assert_not_null(mkdtemp(fx.dir));
    snprintf(fx.jwks_path, sizeof fx.jwks_path, "%s/jwks.json", fx.dir);
    snprintf(fx.url, sizeof fx.url, "file://%s", fx.jwks_path);
    fx.cfg.auth_issuer = FX_ISSUER;
    fx.cfg.auth_audience = FX_AUDIENCE;
    fx.cfg.auth_jwks_url = fx.url;
    fx.cfg.algorithms = ALG_RS256 | ALG_ES256 | ALG_EDDSA;
    fx.cfg.data_dir = fx.dir;
}

static inline void fx_rm_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char child[512];
            if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) < (int)sizeof child)
                fx_rm_tree(child);
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static inline void fx_teardown(void)
{
    auth_close(fx.auth);
    fx.auth = NULL;
    fx_rm_tree(fx.dir);
}

static inline void fx_open(void)
{
    char err[512] = "";
    int rc = auth_open(&fx.cfg, NULL, &fx.auth, err, sizeof err);
    cr_assert_eq(rc, 0, "auth_open: %s", err);
}

/* auth_check of "Bearer <token>"; the reason lands in fx.why. */
static inline enum auth_status fx_check(const char *token, struct auth_claims *claims)
{
    struct auth_claims ignored;
    size_t len = strlen(token) + 8;
    char *h = malloc(len);
    snprintf(h, len, "Bearer %s", token);
    enum auth_status st = auth_check(fx.auth, h, claims ? claims : &ignored, &fx.why);
    free(h);
    return st;
}

/* Checks and frees token; asserts AUTH_INVALID with reason why (or any
 * reason when why is NULL). */
static inline void fx_expect_invalid(char *token, const char *why)
{
    enum auth_status st = fx_check(token, NULL);
    free(token);
    cr_assert_eq(st, AUTH_INVALID, "expected AUTH_INVALID, got %d (%s)", st, fx.why);
    if (why)
        cr_assert_str_eq(fx.why, why);
}

static inline void fx_expect_ok(char *token, struct auth_claims *claims)
{
    enum auth_status st = fx_check(token, claims);
    free(token);
    cr_assert_eq(st, AUTH_OK, "expected AUTH_OK, got %d (%s)", st, fx.why);
}

#endif

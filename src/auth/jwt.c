/* Compact JWS: strict base64url, token decoding with header checks, claim
 * checks (time window, iss, aud, sub, permissions) and signature
 * verification/creation with OpenSSL 3 EVP. Stateless and thread-safe; the
 * keys come from the caller (jwks.c, local_key.c). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/ec.h>
#include <openssl/err.h>

#include "auth/claims.h"
#include "auth/jwt.h"

/* ---- base64url ---------------------------------------------------------- */

static const char b64url_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static int b64url_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

char *b64url_encode(const unsigned char *in, size_t len)
{
    char *out = malloc((len + 2) / 3 * 4 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        acc = (acc << 8) | in[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out[o++] = b64url_alphabet[(acc >> bits) & 63];
        }
    }
    if (bits > 0)
        out[o++] = b64url_alphabet[(acc << (6 - bits)) & 63];
    out[o] = '\0';
    return out;
}

int b64url_decode(const char *in, size_t len, unsigned char *out, size_t *outlen, bool allow_padding)
{
    for (int pad = 0; allow_padding && pad < 2 && len > 0 && in[len - 1] == '='; pad++)
        len--;
    if (len % 4 == 1)
        return -1;
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b64url_value((unsigned char)in[i]);
        if (v < 0)
            return -1;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    if (acc & ((1u << bits) - 1)) /* non-canonical: stray low bits */
        return -1;
    *outlen = o;
    return 0;
}

/* ---- decoding ------------------------------------------------------------- */

uint32_t jwt_alg_from_name(const char *name)
{
    if (!name)
        return 0;
    if (strcmp(name, "RS256") == 0)
        return ALG_RS256;
    if (strcmp(name, "ES256") == 0)
        return ALG_ES256;
    if (strcmp(name, "EdDSA") == 0)
        return ALG_EDDSA;
    return 0;
}

/* Decodes one base64url part into a malloc'd buffer. */
static unsigned char *decode_part(const char *s, size_t len, size_t *outlen)
{
    unsigned char *buf = malloc(len * 3 / 4 + 1);
    if (buf && b64url_decode(s, len, buf, outlen, false) == 0)
        return buf;
    free(buf);
    return NULL;
}

/* A base64url part holding a JSON object (duplicate keys rejected). */
static json_t *decode_json_part(const char *s, size_t len)
{
    size_t n;
    unsigned char *buf = decode_part(s, len, &n);
    if (!buf)
        return NULL;
    json_t *v = json_loadb((const char *)buf, n, JSON_REJECT_DUPLICATES, NULL);
    free(buf);
    if (v && !json_is_object(v)) {
        json_decref(v);
        v = NULL;
    }
    return v;
}

static int check_header(struct jwt *j, uint32_t allowed, const char **why)
{
    const char *alg = json_string_value(json_object_get(j->header, "alg"));
    if (!alg) {
        *why = "missing alg";
        return -1;
    }
    if (strcasecmp(alg, "none") == 0) {
        *why = "alg none not allowed";
        return -1;
    }
    if (strncasecmp(alg, "HS", 2) == 0) {
        *why = "hmac alg not allowed";
        return -1;
    }
    j->alg = jwt_alg_from_name(alg);
    if (!j->alg) {
        *why = "unsupported alg";
        return -1;
    }
    if (!(j->alg & allowed)) {
        *why = "alg not allowed";
        return -1;
    }
    if (json_object_get(j->header, "crit")) {
        *why = "crit header not supported";
        return -1;
    }
    json_t *kid = json_object_get(j->header, "kid");
    if (kid && !json_is_string(kid)) {
        *why = "bad kid";
        return -1;
    }
    j->kid = json_string_value(kid);
    return 0;
}

int jwt_decode(const char *token, size_t len, uint32_t allowed_algs, struct jwt *out, const char **why)
{
    memset(out, 0, sizeof *out);
    *why = "malformed token";
    const char *dot1 = memchr(token, '.', len);
    const char *dot2 = dot1 ? memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - token)) : NULL;
    if (!dot2 || memchr(dot2 + 1, '.', len - (size_t)(dot2 + 1 - token)))
        return -1;
    const char *end = token + len;

    out->header = decode_json_part(token, (size_t)(dot1 - token));
    if (!out->header) {
        *why = "malformed header";
        return -1;
    }
    if (check_header(out, allowed_algs, why) < 0)
        return -1;
    out->payload = decode_json_part(dot1 + 1, (size_t)(dot2 - dot1 - 1));
    if (!out->payload) {
        *why = "malformed payload";
        return -1;
    }
    out->sig = decode_part(dot2 + 1, (size_t)(end - dot2 - 1), &out->sig_len);
    if (!out->sig) {
        *why = "malformed signature";
        return -1;
    }
    out->signing_input = token;
    out->signing_len = (size_t)(dot2 - token);
    return 0;
}

void jwt_clear(struct jwt *j)
{
    json_decref(j->header);
    json_decref(j->payload);
    free(j->sig);
    memset(j, 0, sizeof *j);
}

/* ---- claims --------------------------------------------------------------- */

/* A NumericDate claim: -1 when absent, -2 when not a number, else 0. */
static int numeric_claim(const json_t *payload, const char *name, double *v)
{
    json_t *c = json_object_get(payload, name);
    if (!c)
        return -1;
    if (!json_is_number(c))
        return -2;
    *v = json_number_value(c);
    return 0;
}

static int check_times(const json_t *payload, int64_t now, int64_t *exp_out, const char **why)
{
    double exp, nbf, iat;
    if (numeric_claim(payload, "exp", &exp) < 0) {
        *why = "missing or bad exp";
        return -1;
    }
    if (exp + JWT_CLOCK_SKEW < (double)now) {
        *why = "token expired";
        return -1;
    }
    int r = numeric_claim(payload, "nbf", &nbf);
    if (r == -2) {
        *why = "bad nbf";
        return -1;
    }
    if (r == 0 && nbf > (double)now + JWT_CLOCK_SKEW) {
        *why = "token not yet valid";
        return -1;
    }
    if (numeric_claim(payload, "iat", &iat) == -2) {
        *why = "bad iat";
        return -1;
    }
    *exp_out = exp >= 9.0e18 ? INT64_MAX : exp <= -9.0e18 ? INT64_MIN : (int64_t)exp;
    return 0;
}

static int check_audience(const json_t *aud, const char *want, const char **why)
{
    *why = "wrong audience";
    if (!aud)
        return want ? -1 : 0;
    if (json_is_string(aud))
        return !want || strcmp(json_string_value(aud), want) == 0 ? 0 : -1;
    if (!json_is_array(aud)) {
        *why = "bad aud";
        return -1;
    }
    bool found = !want;
    size_t i;
    json_t *v;
    json_array_foreach(aud, i, v) {
        if (!json_is_string(v)) {
            *why = "bad aud";
            return -1;
        }
        if (want && strcmp(json_string_value(v), want) == 0)
            found = true;
    }
    return found ? 0 : -1;
}

/* Copies s into dst (size n) without splitting a UTF-8 sequence. */
static void copy_utf8_truncated(char *dst, size_t n, const char *s)
{
    size_t len = strlen(s);
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, s, len);
    dst[len] = '\0';
}

int jwt_check_claims(const struct jwt *j, const struct jwt_expect *want, struct auth_claims *out,
                     const char **why)
{
    memset(out, 0, sizeof *out);
    if (check_times(j->payload, want->now, &out->exp, why) < 0)
        return -1;
    const char *iss = json_string_value(json_object_get(j->payload, "iss"));
    if (!iss || strcmp(iss, want->issuer) != 0) {
        *why = "wrong issuer";
        return -1;
    }
    if (check_audience(json_object_get(j->payload, "aud"), want->audience, why) < 0)
        return -1;
    json_t *sub = json_object_get(j->payload, "sub");
    if (sub && !json_is_string(sub)) {
        *why = "bad sub";
        return -1;
    }
    if (sub)
        copy_utf8_truncated(out->sub, sizeof out->sub, json_string_value(sub));
    return claims_permissions(j->payload, want->rules, &out->perms, why);
}

/* ---- signatures ----------------------------------------------------------- */

static bool evp_verify(EVP_PKEY *key, const char *md, const unsigned char *sig, size_t sig_len,
                       const unsigned char *tbs, size_t tbs_len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestVerifyInit_ex(ctx, NULL, md, NULL, NULL, key, NULL) == 1 &&
              EVP_DigestVerify(ctx, sig, sig_len, tbs, tbs_len) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok)
        ERR_clear_error();
    return ok;
}

/* JWS carries ECDSA signatures as raw R || S; EVP wants DER. */
static unsigned char *ecdsa_raw_to_der(const unsigned char *raw, size_t half, int *der_len)
{
    ECDSA_SIG *s = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(raw, (int)half, NULL);
    BIGNUM *t = BN_bin2bn(raw + half, (int)half, NULL);
    unsigned char *der = NULL;
    if (s && r && t && ECDSA_SIG_set0(s, r, t) == 1) {
        r = t = NULL; /* owned by s now */
        *der_len = i2d_ECDSA_SIG(s, &der);
        if (*der_len <= 0)
            der = NULL;
    }
    BN_free(r);
    BN_free(t);
    ECDSA_SIG_free(s);
    return der;
}

static bool verify_es256(const struct jwt *j, EVP_PKEY *key)
{
    if (j->sig_len != 64)
        return false;
    int der_len = 0;
    unsigned char *der = ecdsa_raw_to_der(j->sig, 32, &der_len);
    bool ok = der && evp_verify(key, "SHA256", der, (size_t)der_len,
                                (const unsigned char *)j->signing_input, j->signing_len);
    OPENSSL_free(der);
    return ok;
}

int jwt_verify(const struct jwt *j, EVP_PKEY *key, uint32_t key_alg, const char **why)
{
    if (j->alg != key_alg) {
        *why = "alg does not match key";
        return -1;
    }
    const unsigned char *tbs = (const unsigned char *)j->signing_input;
    bool ok = false;
    switch (key_alg) {
    case ALG_RS256:
        if (EVP_PKEY_get_bits(key) < 2048) {
            *why = "rsa key too small";
            return -1;
        }
        ok = evp_verify(key, "SHA256", j->sig, j->sig_len, tbs, j->signing_len);
        break;
    case ALG_ES256:
        ok = verify_es256(j, key);
        break;
    case ALG_EDDSA:
        ok = j->sig_len == 64 && evp_verify(key, NULL, j->sig, j->sig_len, tbs, j->signing_len);
        break;
    default:
        break;
    }
    if (!ok) {
        *why = "bad signature";
        return -1;
    }
    return 0;
}

/* RSASSA-PKCS1-v1_5 with SHA-256 over data; malloc'd signature. */
static unsigned char *rs256_sign(EVP_PKEY *key, const char *data, size_t len, size_t *sig_len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char *sig = NULL;
    if (ctx && EVP_DigestSignInit_ex(ctx, NULL, "SHA256", NULL, NULL, key, NULL) == 1 &&
        EVP_DigestSign(ctx, NULL, sig_len, (const unsigned char *)data, len) == 1) {
        sig = malloc(*sig_len);
        if (sig && EVP_DigestSign(ctx, sig, sig_len, (const unsigned char *)data, len) != 1) {
            free(sig);
            sig = NULL;
        }
    }
    EVP_MD_CTX_free(ctx);
    if (!sig)
        ERR_clear_error();
    return sig;
}

/* base64url(header) "." base64url(payload), malloc'd. */
static char *signing_input(const char *header_json, const char *payload_json)
{
    char *h = b64url_encode((const unsigned char *)header_json, strlen(header_json));
    char *p = b64url_encode((const unsigned char *)payload_json, strlen(payload_json));
    char *out = NULL;
    if (h && p) {
        size_t hl = strlen(h), pl = strlen(p);
        out = malloc(hl + 1 + pl + 1);
        if (out) {
            memcpy(out, h, hl);
            out[hl] = '.';
            memcpy(out + hl + 1, p, pl + 1);
        }
    }
    free(h);
    free(p);
    return out;
}

char *jwt_sign_rs256(EVP_PKEY *key, const char *kid, const char *payload_json)
{
    json_t *hdr = json_pack("{s:s, s:s, s:s}", "alg", "RS256", "kid", kid, "typ", "JWT");
    char *hdr_json = hdr ? json_dumps(hdr, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(hdr);
    char *input = hdr_json ? signing_input(hdr_json, payload_json) : NULL;
    free(hdr_json);
    if (!input)
        return NULL;
    size_t in_len = strlen(input), sig_len = 0;
    unsigned char *sig = rs256_sign(key, input, in_len, &sig_len);
    char *sig64 = sig ? b64url_encode(sig, sig_len) : NULL;
    char *token = NULL;
    if (sig64) {
        size_t sl = strlen(sig64);
        token = malloc(in_len + 1 + sl + 1);
        if (token) {
            memcpy(token, input, in_len);
            token[in_len] = '.';
            memcpy(token + in_len + 1, sig64, sl + 1);
        }
    }
    free(sig64);
    free(sig);
    free(input);
    return token;
}

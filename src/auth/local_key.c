/* One RS256 key of the built-in issuer: generate it, read a legacy PEM file
 * (AUTH_KEY_FILE, imported into the database once), convert to and from DER
 * for sealed storage, derive the kid (base64url of the SHA-256 of the public
 * key's DER, first 16 bytes) and the public JWK, and sign tokens. Never logs
 * or exposes the private key except as DER to keyring.c, which seals it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "auth/jwt.h"
#include "auth/local_key.h"

#define KID_BYTES 16

struct local_key {
    EVP_PKEY *pkey;
    char *kid;
    char *jwk;   /* the public JWK object */
};

/* Refuses to prompt for a passphrase: an encrypted key is an error. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
    (void)buf, (void)size, (void)rwflag, (void)u;
    return -1;
}

/* Returns the key, NULL with errno ENOENT when the file does not exist, or
 * NULL with err filled. */
static EVP_PKEY *load_pem(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "re");
    if (!f) {
        if (errno != ENOENT)
            snprintf(err, errlen, "AUTH_KEY_FILE: cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    EVP_PKEY *pkey = PEM_read_PrivateKey(f, NULL, no_passphrase, NULL);
    fclose(f);
    ERR_clear_error();
    if (!pkey || !EVP_PKEY_is_a(pkey, "RSA") || EVP_PKEY_get_bits(pkey) < LOCAL_KEY_BITS) {
        EVP_PKEY_free(pkey);
        errno = EINVAL;
        snprintf(err, errlen, "AUTH_KEY_FILE: %s is not an unencrypted PEM RSA private key of at least %d bits",
                 path, LOCAL_KEY_BITS);
        return NULL;
    }
    return pkey;
}

static char *compute_kid(EVP_PKEY *pkey)
{
    unsigned char *der = NULL;
    int der_len = i2d_PUBKEY(pkey, &der);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    char *kid = NULL;
    if (der_len > 0 && EVP_Digest(der, (size_t)der_len, md, &md_len, EVP_sha256(), NULL) == 1)
        kid = b64url_encode(md, KID_BYTES);
    OPENSSL_free(der);
    return kid;
}

/* A big-number parameter of pkey as base64url. */
static char *bn_param_b64(EVP_PKEY *pkey, const char *name)
{
    BIGNUM *bn = NULL;
    char *out = NULL;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) == 1) {
        int len = BN_num_bytes(bn);
        unsigned char *buf = malloc(len > 0 ? (size_t)len : 1);
        if (buf) {
            BN_bn2bin(bn, buf);
            out = b64url_encode(buf, (size_t)len);
        }
        free(buf);
    }
    BN_free(bn);
    return out;
}

static char *public_jwk(EVP_PKEY *pkey, const char *kid)
{
    char *n = bn_param_b64(pkey, OSSL_PKEY_PARAM_RSA_N);
    char *e = bn_param_b64(pkey, OSSL_PKEY_PARAM_RSA_E);
    json_t *doc = n && e ? json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "alg", "RS256", "e", e, "kid", kid, "kty",
                                     "RSA", "n", n, "use", "sig")
                         : NULL;
    char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(doc);
    free(n);
    free(e);
    return text;
}

/* Takes pkey over: kid and JWK derived; NULL (pkey freed) on failure. */
static struct local_key *wrap(EVP_PKEY *pkey)
{
    struct local_key *k = pkey ? calloc(1, sizeof *k) : NULL;
    if (!k) {
        EVP_PKEY_free(pkey);
        return NULL;
    }
    k->pkey = pkey;
    k->kid = compute_kid(pkey);
    k->jwk = k->kid ? public_jwk(pkey, k->kid) : NULL;
    if (!k->jwk) {
        local_key_close(k);
        return NULL;
    }
    return k;
}

struct local_key *local_key_generate(void)
{
    EVP_PKEY *pkey = EVP_RSA_gen(LOCAL_KEY_BITS);
    ERR_clear_error();
    return wrap(pkey);
}

int local_key_load_pem(const char *path, struct local_key **out, char *err, size_t errlen)
{
    *out = NULL;
    err[0] = '\0';
    EVP_PKEY *pkey = load_pem(path, err, errlen);
    if (!pkey)
        return err[0] ? -1 : 0;
    *out = wrap(pkey);
    if (!*out) {
        snprintf(err, errlen, "AUTH_KEY_FILE: cannot derive the public key of %s", path);
        return -1;
    }
    return 0;
}

struct local_key *local_key_from_der(const unsigned char *der, size_t len)
{
    const unsigned char *p = der;
    EVP_PKEY *pkey = d2i_AutoPrivateKey(NULL, &p, (long)len);
    ERR_clear_error();
    if (pkey && (!EVP_PKEY_is_a(pkey, "RSA") || EVP_PKEY_get_bits(pkey) < LOCAL_KEY_BITS)) {
        EVP_PKEY_free(pkey);
        pkey = NULL;
    }
    return wrap(pkey);
}

int local_key_der(const struct local_key *k, unsigned char **der, size_t *len)
{
    unsigned char *buf = NULL;
    int n = i2d_PrivateKey(k->pkey, &buf);
    if (n <= 0) {
        ERR_clear_error();
        return -1;
    }
    *der = malloc((size_t)n);
    if (*der)
        memcpy(*der, buf, (size_t)n);
    OPENSSL_clear_free(buf, (size_t)n);
    *len = (size_t)n;
    return *der ? 0 : -1;
}

void local_key_close(struct local_key *k)
{
    if (!k)
        return;
    EVP_PKEY_free(k->pkey);
    free(k->kid);
    free(k->jwk);
    free(k);
}

const char *local_key_jwk(const struct local_key *k) { return k->jwk; }

const char *local_key_kid(const struct local_key *k) { return k->kid; }

char *local_key_sign(const struct local_key *k, const char *payload_json)
{
    return jwt_sign_rs256(k->pkey, k->kid, payload_json);
}

/* The built-in issuer's key: load or create the RS256 PEM at AUTH_KEY_FILE
 * (created atomically with mode 0600, its directory 0700), derive the kid
 * (base64url of the SHA-256 of the public key's DER, first 16 bytes) and the
 * public JWKS, and sign tokens. Never logs or exposes the private key. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    char *jwks;
};

/* Refuses to prompt for a passphrase: an encrypted key is an error. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
    (void)buf, (void)size, (void)rwflag, (void)u;
    return -1;
}

static int ensure_dir(const char *dir, const char *var, char *err, size_t errlen)
{
    if (mkdir(dir, 0700) == 0 || errno == EEXIST)
        return 0;
    snprintf(err, errlen, "%s: cannot create the directory %s: %s", var, dir, strerror(errno));
    return -1;
}

/* data_dir, then the key file's own directory when it is elsewhere. */
static int ensure_dirs(const char *data_dir, const char *key_file, char *err, size_t errlen)
{
    if (data_dir && data_dir[0] && ensure_dir(data_dir, "DATA_DIR", err, errlen) < 0)
        return -1;
    char *copy = strdup(key_file);
    if (!copy) {
        snprintf(err, errlen, "AUTH_KEY_FILE: out of memory");
        return -1;
    }
    int rc = ensure_dir(dirname(copy), "AUTH_KEY_FILE", err, errlen);
    free(copy);
    return rc;
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

/* Writes pkey as PEM to a new file at path, mode 0600. */
static int write_pem(const char *path, EVP_PKEY *pkey)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        return -1;
    }
    int ok = fchmod(fd, 0600) == 0 && PEM_write_PrivateKey(f, pkey, NULL, NULL, 0, NULL, NULL) == 1 &&
             fflush(f) == 0 && fsync(fd) == 0;
    ok = fclose(f) == 0 && ok;
    ERR_clear_error();
    return ok ? 0 : -1;
}

/* Creates a key at path without ever clobbering one: written to a temporary
 * name, then hard-linked into place. If another process won the race, its
 * key is loaded instead. */
static EVP_PKEY *create_pem(const char *path, char *err, size_t errlen)
{
    EVP_PKEY *pkey = EVP_RSA_gen(LOCAL_KEY_BITS);
    size_t tmp_len = strlen(path) + 32;
    char *tmp = malloc(tmp_len);
    if (!pkey || !tmp) {
        snprintf(err, errlen, "AUTH_KEY_FILE: cannot generate an RSA key");
        goto fail;
    }
    snprintf(tmp, tmp_len, "%s.tmp.%ld", path, (long)getpid());
    unlink(tmp);
    if (write_pem(tmp, pkey) < 0) {
        snprintf(err, errlen, "AUTH_KEY_FILE: cannot write %s: %s", tmp, strerror(errno));
        goto fail;
    }
    if (link(tmp, path) < 0) {
        int e = errno;
        unlink(tmp);
        EVP_PKEY_free(pkey);
        free(tmp);
        if (e == EEXIST) { /* another process created it meanwhile */
            EVP_PKEY *theirs = load_pem(path, err, errlen);
            if (!theirs && !err[0])
                snprintf(err, errlen, "AUTH_KEY_FILE: cannot read %s", path);
            return theirs;
        }
        snprintf(err, errlen, "AUTH_KEY_FILE: cannot create %s: %s", path, strerror(e));
        return NULL;
    }
    unlink(tmp);
    free(tmp);
    return pkey;
fail:
    ERR_clear_error();
    if (tmp)
        unlink(tmp);
    free(tmp);
    EVP_PKEY_free(pkey);
    return NULL;
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

static char *public_jwks(EVP_PKEY *pkey, const char *kid)
{
    char *n = bn_param_b64(pkey, OSSL_PKEY_PARAM_RSA_N);
    char *e = bn_param_b64(pkey, OSSL_PKEY_PARAM_RSA_E);
    json_t *doc = n && e ? json_pack("{s:[{s:s, s:s, s:s, s:s, s:s, s:s}]}", "keys", "alg", "RS256", "e", e,
                                     "kid", kid, "kty", "RSA", "n", n, "use", "sig")
                         : NULL;
    char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(doc);
    free(n);
    free(e);
    return text;
}

int local_key_open(const char *data_dir, const char *key_file, struct local_key **out, char *err,
                   size_t errlen)
{
    *out = NULL;
    if (!key_file || !key_file[0]) {
        snprintf(err, errlen, "AUTH_KEY_FILE must name the built-in issuer's key file");
        return -1;
    }
    if (ensure_dirs(data_dir, key_file, err, errlen) < 0)
        return -1;
    err[0] = '\0';
    EVP_PKEY *pkey = load_pem(key_file, err, errlen);
    if (!pkey && errno == ENOENT && !err[0])
        pkey = create_pem(key_file, err, errlen);
    if (!pkey)
        return -1;
    struct local_key *k = calloc(1, sizeof *k);
    if (k) {
        k->pkey = pkey;
        k->kid = compute_kid(pkey);
        k->jwks = k->kid ? public_jwks(pkey, k->kid) : NULL;
    }
    if (!k || !k->jwks) {
        if (k)
            local_key_close(k);
        else
            EVP_PKEY_free(pkey);
        snprintf(err, errlen, "AUTH_KEY_FILE: cannot derive the public key of %s", key_file);
        return -1;
    }
    *out = k;
    return 0;
}

void local_key_close(struct local_key *k)
{
    if (!k)
        return;
    EVP_PKEY_free(k->pkey);
    free(k->kid);
    free(k->jwks);
    free(k);
}

const char *local_key_jwks(const struct local_key *k) { return k->jwks; }

const char *local_key_kid(const struct local_key *k) { return k->kid; }

char *local_key_sign(const struct local_key *k, const char *payload_json)
{
    return jwt_sign_rs256(k->pkey, k->kid, payload_json);
}

/* The master key file and AES-256-GCM sealing (see master_key.h). The file
 * is created atomically (temporary file, then link) so that two instances
 * starting at once end up with the same key; the key never leaves memory
 * except into OpenSSL's cipher context. */
#include "auth/master_key.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "util/hex.h"

#define NONCE_BYTES 12
#define TAG_BYTES 16
#define SEALED_MAX (64 * 1024)
#define VAR "AUTH_MASTER_KEY_FILE"

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes exactly n bytes of hex from s (which must end there, or in "\n"). */
static int hex_decode(const char *s, size_t slen, unsigned char *out, size_t n) {
    if (slen != 2 * n) return -1;
    for (size_t i = 0; i < n; i++) {
        int hi = hex_value(s[2 * i]), lo = hex_value(s[2 * i + 1]);
        if (hi < 0 || lo < 0) return -1;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

static int ensure_dir_of(const char *path, char *err, size_t errlen) {
    char *copy = strdup(path);
    if (!copy) return snprintf(err, errlen, VAR ": out of memory"), -1;
    const char *dir = dirname(copy);
    int rc = mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
    if (rc < 0) snprintf(err, errlen, VAR ": cannot create the directory %s: %s", dir, strerror(errno));
    free(copy);
    return rc;
}

/* 1 read, 0 missing, -1 error. */
static int read_key(const char *path, struct master_key *out, char *err, size_t errlen) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT) return 0;
        return snprintf(err, errlen, VAR ": cannot read %s: %s", path, strerror(errno)), -1;
    }
    struct stat st;
    char buf[2 * MASTER_KEY_BYTES + 2];
    ssize_t n = fstat(fd, &st) == 0 ? read(fd, buf, sizeof buf) : -1;
    close(fd);
    if (n >= 0 && (st.st_mode & 077))
        return snprintf(err, errlen, VAR ": %s is readable by others (mode %o); chmod 600 it", path,
                        (unsigned)(st.st_mode & 0777)), -1;
    size_t len = n > 0 ? (size_t)n : 0;
    if (len && buf[len - 1] == '\n') len--;
    int rc = n >= 0 && hex_decode(buf, len, out->bytes, MASTER_KEY_BYTES) == 0 ? 1 : -1;
    OPENSSL_cleanse(buf, sizeof buf);
    if (rc < 0) snprintf(err, errlen, VAR ": %s does not hold 64 hex digits", path);
    return rc;
}

static int write_new(const char *path, const struct master_key *m) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    char hex[2 * MASTER_KEY_BYTES + 2];
    hex_encode(m->bytes, MASTER_KEY_BYTES, hex);
    hex[2 * MASTER_KEY_BYTES] = '\n';
    int ok = fchmod(fd, 0600) == 0 && write(fd, hex, sizeof hex - 1) == (ssize_t)(sizeof hex - 1) && fsync(fd) == 0;
    OPENSSL_cleanse(hex, sizeof hex);
    ok = close(fd) == 0 && ok;
    return ok ? 0 : -1;
}

/* Creates the file without clobbering one another process made meanwhile. */
static int create_key(const char *path, struct master_key *out, char *err, size_t errlen) {
    if (RAND_bytes(out->bytes, MASTER_KEY_BYTES) != 1)
        return snprintf(err, errlen, VAR ": no random bytes available"), -1;
    size_t tl = strlen(path) + 32;
    char *tmp = malloc(tl);
    if (!tmp) return snprintf(err, errlen, VAR ": out of memory"), -1;
    snprintf(tmp, tl, "%s.tmp.%ld", path, (long)getpid());
    unlink(tmp);
    int rc = write_new(tmp, out);
    if (rc < 0) snprintf(err, errlen, VAR ": cannot write %s: %s", tmp, strerror(errno));
    else if (link(tmp, path) < 0) {
        int e = errno;
        if (e != EEXIST) {
            rc = -1;
            snprintf(err, errlen, VAR ": cannot create %s: %s", path, strerror(e));
        } else if ((rc = read_key(path, out, err, errlen)) == 0) {  /* another process made it */
            rc = -1;
            snprintf(err, errlen, VAR ": %s vanished while being created", path);
        }
    }
    unlink(tmp);
    free(tmp);
    return rc < 0 ? -1 : 0;
}

int master_key_open(const char *path, struct master_key *out, char *err, size_t errlen) {
    err[0] = '\0';
    if (!path || !path[0]) return snprintf(err, errlen, VAR " must name a file"), -1;
    int rc = read_key(path, out, err, errlen);
    if (rc == 0 && ensure_dir_of(path, err, errlen) == 0) rc = create_key(path, out, err, errlen) == 0 ? 1 : -1;
    if (rc != 1) {
        master_key_clear(out);
        if (!err[0]) snprintf(err, errlen, VAR ": cannot use %s", path);
        return -1;
    }
    return 0;
}

void master_key_clear(struct master_key *m) { OPENSSL_cleanse(m->bytes, sizeof m->bytes); }

/* One AES-256-GCM pass: encrypt (enc=1) or decrypt (enc=0) in into out. */
static int gcm(const struct master_key *m, int enc, const unsigned char *nonce, const char *aad,
               const unsigned char *in, size_t len, unsigned char *out, unsigned char *tag) {
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n = 0, fin = 0;
    int ok = ctx && EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, m->bytes, nonce, enc) == 1 &&
             EVP_CipherUpdate(ctx, NULL, &n, (const unsigned char *)aad, (int)strlen(aad)) == 1 &&
             EVP_CipherUpdate(ctx, out, &n, in, (int)len) == 1 &&
             (enc || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_BYTES, tag) == 1) &&
             EVP_CipherFinal_ex(ctx, out + n, &fin) == 1 &&
             (!enc || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_BYTES, tag) == 1);
    EVP_CIPHER_CTX_free(ctx);
    return ok ? 0 : -1;
}

char *master_seal(const struct master_key *m, const char *aad, const unsigned char *plain, size_t len) {
    if (len > SEALED_MAX) return NULL;
    size_t total = NONCE_BYTES + len + TAG_BYTES;
    unsigned char *buf = malloc(total);
    char *hex = malloc(2 * total + 1);
    int ok = buf && hex && RAND_bytes(buf, NONCE_BYTES) == 1 &&
             gcm(m, 1, buf, aad, plain, len, buf + NONCE_BYTES, buf + NONCE_BYTES + len) == 0;
    if (ok) hex_encode(buf, total, hex);
    free(buf);
    if (!ok) free(hex);
    return ok ? hex : NULL;
}

unsigned char *master_open(const struct master_key *m, const char *aad, const char *sealed, size_t *len) {
    size_t hl = sealed ? strlen(sealed) : 0;
    if (hl % 2 || hl / 2 < NONCE_BYTES + TAG_BYTES || hl / 2 > SEALED_MAX + NONCE_BYTES + TAG_BYTES) return NULL;
    size_t total = hl / 2, plen = total - NONCE_BYTES - TAG_BYTES;
    unsigned char *buf = malloc(total), *plain = malloc(plen ? plen : 1);
    int ok = buf && plain && hex_decode(sealed, hl, buf, total) == 0 &&
             gcm(m, 0, buf, aad, buf + NONCE_BYTES, plen, plain, buf + NONCE_BYTES + plen) == 0;
    free(buf);
    if (!ok) {
        if (plain) OPENSSL_cleanse(plain, plen);
        free(plain);
        return NULL;
    }
    *len = plen;
    return plain;
}

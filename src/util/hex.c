/* Hex encoding and SHA-256 digests (see hex.h). */
#include "util/hex.h"

#include <openssl/sha.h>

void hex_encode(const unsigned char *in, size_t n, char *out) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

void sha256_hex(const void *data, size_t len, char *out) {
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(data, len, md);
    hex_encode(md, sizeof md, out);
}

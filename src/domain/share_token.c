/* Share-link tokens (see share_token.h). */
#include "domain/share_token.h"

#include <openssl/rand.h>
#include <stdint.h>
#include <string.h>

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Base64url of n bytes without padding into out (NUL-terminated). */
static void base64url(const unsigned char *in, size_t n, char *out) {
    size_t o = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        acc = (acc << 8) | in[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out[o++] = b64url[(acc >> bits) & 63];
        }
    }
    if (bits > 0) out[o++] = b64url[(acc << (6 - bits)) & 63];
    out[o] = '\0';
}

int share_token_new(char out[SHARE_TOKEN_LEN + 1]) {
    unsigned char raw[SHARE_TOKEN_BYTES];
    if (RAND_bytes(raw, sizeof raw) != 1) return -1;
    base64url(raw, sizeof raw, out);
    return 0;
}

bool share_token_shape(const char *s, size_t n) {
    if (n != SHARE_TOKEN_LEN) return false;
    for (size_t i = 0; i < n; i++)
        if (!s[i] || !strchr(b64url, s[i])) return false;
    return true;
}

void share_token_hash(const char *token, char out[SHA256_HEX_LEN + 1]) {
    sha256_hex(token, strlen(token), out);
}

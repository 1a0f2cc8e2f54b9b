/* libFuzzer harness: JWT parsing and verification (jwt_decode,
 * jwt_check_claims, jwt_verify). The first byte picks the mode: odd = the
 * rest is a compact token as received; even = the rest is "header\npayload"
 * (any bytes), which the harness base64url-encodes and signs with its own
 * RS256 key, so the claim checks are reached with a valid signature. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "auth/jwt.h"

#define ALL_ALGS (ALG_RS256 | ALG_ES256 | ALG_EDDSA)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static EVP_PKEY *rsa_key;  /* made once: libFuzzer runs one input at a time */

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    rsa_key = EVP_RSA_gen(2048);
    return rsa_key ? 0 : -1;
}

static char *signed_token(const uint8_t *data, size_t size) {
    const uint8_t *nl = memchr(data, '\n', size);
    size_t hl = nl ? (size_t)(nl - data) : size;
    char *h = b64url_encode(data, hl);
    char *p = nl ? b64url_encode(nl + 1, size - hl - 1) : b64url_encode((const uint8_t *)"", 0);
    size_t in_len = strlen(h) + 1 + strlen(p);
    char *input = malloc(in_len + 1);
    strcpy(input, h);
    strcat(input, ".");
    strcat(input, p);
    free(h), free(p);
    unsigned char sig[512];
    size_t sig_len = sizeof sig;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, rsa_key);
    EVP_DigestSign(md, sig, &sig_len, (const unsigned char *)input, in_len);
    EVP_MD_CTX_free(md);
    char *s = b64url_encode(sig, sig_len);
    char *token = malloc(in_len + 2 + strlen(s));
    strcpy(token, input);
    strcat(token, ".");
    strcat(token, s);
    free(input), free(s);
    return token;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 16384) return 0;
    char *token;
    if (data[0] & 1) {
        token = malloc(size);
        memcpy(token, data + 1, size - 1);
        token[size - 1] = '\0';
    } else {
        token = signed_token(data + 1, size - 1);
    }
    struct jwt j;
    const char *why = NULL;
    if (jwt_decode(token, strlen(token), ALL_ALGS, &j, &why) == 0) {
        struct jwt_expect want = {.issuer = "https://issuer.example/", .audience = "audition-api",
                                  .now = 1700000000};
        struct auth_claims claims;
        jwt_check_claims(&j, &want, &claims, &why);
        want.audience = NULL;
        jwt_check_claims(&j, &want, &claims, &why);
        jwt_verify(&j, rsa_key, ALG_RS256, &why);
    }
    jwt_clear(&j);
    free(token);
    return 0;
}

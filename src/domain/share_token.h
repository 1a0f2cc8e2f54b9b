/* Share-link tokens: 128 random bits (OpenSSL RAND_bytes) written base64url
 * without padding (22 characters), and the SHA-256 hex digest that is the
 * only form the database keeps. */
#ifndef AUDITION_SHARE_TOKEN_H
#define AUDITION_SHARE_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/hex.h"

#define SHARE_TOKEN_BYTES 16
#define SHARE_TOKEN_LEN 22      /* base64url of 16 bytes, no padding */

/* A new token into out (SHARE_TOKEN_LEN + 1 bytes); -1 when the random
 * generator fails. */
int share_token_new(char out[SHARE_TOKEN_LEN + 1]);
/* True when s[0..n) has the shape of a token (length and alphabet). */
bool share_token_shape(const char *s, size_t n);
/* The stored form: lower-case SHA-256 hex of the token text. */
void share_token_hash(const char *token, char out[SHA256_HEX_LEN + 1]);

#endif

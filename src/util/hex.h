/* Lower-case hexadecimal encoding and the SHA-256 hex digest used for ETags. */
#ifndef AUDITION_HEX_H
#define AUDITION_HEX_H

#include <stddef.h>

#define SHA256_HEX_LEN 64

/* out must hold 2*n + 1 bytes. */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* out must hold SHA256_HEX_LEN + 1 bytes. */
void sha256_hex(const void *data, size_t len, char *out);

#endif

/* The master key that seals the built-in issuer's private keys at rest: 32
 * random bytes, hex, in a file of mode 0600 outside the database
 * (AUTH_MASTER_KEY_FILE, default DATA_DIR/master.key), created on first use.
 * Sealing is AES-256-GCM with a random nonce and the kid as associated data. */
#ifndef AUDITION_MASTER_KEY_H
#define AUDITION_MASTER_KEY_H

#include <stddef.h>

#define MASTER_KEY_BYTES 32

struct master_key {
    unsigned char bytes[MASTER_KEY_BYTES];
};

/* Reads path, or creates it (and its directory, mode 0700) when missing. A
 * file readable by group or others is refused. -1 with a sentence naming
 * AUTH_MASTER_KEY_FILE in err. */
int master_key_open(const char *path, struct master_key *out, char *err, size_t errlen);
/* Wipes the key from memory. */
void master_key_clear(struct master_key *m);

/* hex(nonce | ciphertext | tag) of plain, bound to aad; malloc'd or NULL. */
char *master_seal(const struct master_key *m, const char *aad, const unsigned char *plain, size_t len);
/* The plaintext of a master_seal() result (malloc'd, *len set), or NULL when
 * it was not sealed by this key for this aad. */
unsigned char *master_open(const struct master_key *m, const char *aad, const char *sealed, size_t *len);

#endif

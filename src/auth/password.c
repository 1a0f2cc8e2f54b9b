/* Password rules and argon2id hashing with libsodium (see password.h). The
 * hash string carries its own salt and cost parameters, so costs can rise
 * later without invalidating stored hashes. */
#include "auth/password.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

_Static_assert(PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "hash buffer size");

int password_init(void) { return sodium_init() < 0 ? -1 : 0; }

const char *username_problem(const char *name) {
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > USERNAME_MAX) return "a username has 1 to 64 characters";
    if (!isalnum((unsigned char)name[0])) return "a username starts with a letter or digit";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!isalnum(c) && c != '.' && c != '_' && c != '-' && c != '@')
            return "a username has only letters, digits and . _ - @";
    }
    return NULL;
}

const char *password_problem(const char *username, const char *pw, size_t len) {
    if (len < PASSWORD_MIN) return "the password must have at least 10 characters";
    if (len > PASSWORD_MAX) return "the password must have at most 1024 characters";
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)pw[i] < 0x20 || pw[i] == 0x7f) return "the password must not contain control characters";
    if (username && strlen(username) == len && strncasecmp(username, pw, len) == 0)
        return "the password must not be the username";
    return NULL;
}

int password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_MAX]) {
    return crypto_pwhash_str_alg(out, pw, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0
               ? 0
               : -1;
}

bool password_verify(const char *hash, const char *pw, size_t len) {
    if (!hash || strnlen(hash, PASSWORD_HASH_MAX) >= PASSWORD_HASH_MAX) return false;
    return crypto_pwhash_str_verify(hash, pw, len) == 0;
}

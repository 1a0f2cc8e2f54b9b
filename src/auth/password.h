/* Passwords of built-in users: the rules a new password must meet, argon2id
 * hashing and verification (libsodium, interactive limits: ~90 ms and 64 MiB
 * each, so callers bound how many run at once), and username syntax. */
#ifndef AUDITION_PASSWORD_H
#define AUDITION_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_MIN 10
#define PASSWORD_MAX 1024
#define PASSWORD_HASH_MAX 128   /* crypto_pwhash_STRBYTES */
#define USERNAME_MAX 64
#define DISPLAY_NAME_MAX 200

/* Initialises libsodium; -1 when it cannot be used. Safe to call again. */
int password_init(void);

/* NULL when name is 1..USERNAME_MAX of [A-Za-z0-9._-@] starting with a letter
 * or digit; otherwise a sentence saying why not. */
const char *username_problem(const char *name);

/* NULL when pw may be a password for username: PASSWORD_MIN..PASSWORD_MAX
 * bytes, no NUL or control characters, not the username (case-insensitive).
 * Otherwise a sentence saying why not. */
const char *password_problem(const char *username, const char *pw, size_t len);

/* argon2id of pw into out (NUL-terminated); -1 when out of memory. */
int password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_MAX]);
/* True when pw matches hash. A malformed hash never matches. */
bool password_verify(const char *hash, const char *pw, size_t len);

#endif

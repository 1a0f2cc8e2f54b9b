/* The built-in issuer's sign-in: username + password -> a token, with the
 * rules around it: argon2id verification (an unknown user is verified
 * against a dummy hash so both failures cost the same), disabled users
 * refused, failures throttled per username and per client address (in
 * memory, per instance), last-login time recorded. Blocking (~90 ms of
 * hashing): the HTTP layer runs it on its hashing threads. */
#ifndef AUDITION_LOGIN_SERVICE_H
#define AUDITION_LOGIN_SERVICE_H

#include <stddef.h>
#include <stdint.h>

#include "auth/auth.h"
#include "config.h"
#include "store/store.h"
#include "util/arena.h"

enum login_outcome {
    LOGIN_OK,
    LOGIN_DENIED,       /* unknown user, wrong password or disabled: one answer for all */
    LOGIN_THROTTLED,    /* too many failures: retry_after seconds */
    LOGIN_UNAVAILABLE,  /* the database cannot be reached */
    LOGIN_ERROR,
};

struct login_result {
    enum login_outcome outcome;
    int retry_after;        /* LOGIN_THROTTLED */
    char *token;            /* LOGIN_OK: in the arena */
    long expires_in;        /* seconds */
    struct user user;       /* LOGIN_OK: strings in the arena */
    enum role role;
};

struct login_service;

int login_service_open(const struct config *cfg, struct auth *auth, struct store_pool *pool,
                       struct login_service **out, char *err, size_t errlen);
void login_service_close(struct login_service *s);

/* Cheap check before any hashing: 0 when username and addr may try now,
 * else the seconds to wait. */
int login_service_throttled(struct login_service *s, const char *username, const char *addr, int64_t now);
/* The whole attempt. password is not kept. */
void login_service_attempt(struct login_service *s, const char *username, const char *password, size_t len,
                           const char *addr, struct arena *a, struct login_result *out);

#endif

/* Authentication and authorisation of requests: bearer token -> verified
 * claims -> permission bits. Owns the verifier (JWKS keys, verified-token
 * cache); the JWT/JWKS mechanics live in jwt.h and jwks.h. */
#ifndef AUDITION_AUTH_H
#define AUDITION_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

/* The permissions of api.md, as bits. */
enum perm {
    PERM_READ_ACTORS = 1u << 0,
    PERM_READ_MOVIES = 1u << 1,
    PERM_CREATE_ACTORS = 1u << 2,
    PERM_MODIFY_ACTORS = 1u << 3,
    PERM_DELETE_ACTORS = 1u << 4,
    PERM_CREATE_MOVIES = 1u << 5,
    PERM_MODIFY_MOVIES = 1u << 6,
    PERM_DELETE_MOVIES = 1u << 7,
    PERM_CREATE_CASTS = 1u << 8,
    PERM_DELETE_CASTS = 1u << 9,
};

/* Not a permission: a route marked with it needs any valid token. */
#define PERM_AUTHENTICATED (1u << 31)

/* "read:actors" -> PERM_READ_ACTORS; 0 for unknown names. */
uint32_t perm_from_name(const char *name, size_t len);
/* Writes the names of the bits in perms, in api.md's order, into names[] (at
 * most 10); returns how many. */
size_t perm_names(uint32_t perms, const char *names[], size_t max);

/* The three roles of api.md's table. */
enum role { ROLE_ASSISTANT, ROLE_DIRECTOR, ROLE_PRODUCER, ROLE_COUNT };
/* "assistant"/"director"/"producer" -> role, or -1. */
int role_parse(const char *name);
uint32_t role_perms(enum role r);
/* "assistant"/"director"/"producer", or NULL. */
const char *role_name(enum role r);

#define AUTH_MAX_TOKEN 8192
#define AUTH_SUB_MAX 256

struct auth_claims {
    uint32_t perms;
    int64_t exp;                /* seconds since the epoch */
    char sub[AUTH_SUB_MAX];     /* may be empty */
    bool local;                 /* vouched for by the built-in issuer's keys */
};

enum auth_status {
    AUTH_OK = 0,
    AUTH_MISSING,       /* no Authorization header, or not "Bearer" (-> 401) */
    AUTH_INVALID,       /* malformed, badly signed, expired, wrong iss/aud, unknown kid,
                           built-in user disabled or deleted (-> 401) */
};

struct auth;
struct keyring;

/* Builds the verifier from cfg: loads the JWKS (file://, https://,
 * http://loopback) or, with cfg->local_issuer, uses the built-in issuer's
 * keys (keyring.h; required then, NULL otherwise; must outlive the verifier);
 * then the key sets of the extra issuers (cfg->issuers, AUTH_ISSUERS) and the
 * permission rules (AUTH_PERMISSIONS_CLAIM, AUTH_ROLE_MAP), copied. Returns -1
 * and one sentence in err naming the variable at fault. */
int auth_open(const struct config *cfg, struct keyring *local_keys, struct auth **out, char *err, size_t errlen);
void auth_close(struct auth *a);

/* Verifies the Authorization header value (may be NULL). On AUTH_OK fills
 * claims. *why gets a short static reason for logs and the
 * WWW-Authenticate error_description ("ok" on success; why may be NULL).
 * Thread-safe; cached verifications cost a hash and a lookup. */
enum auth_status auth_check(struct auth *a, const char *authorization, struct auth_claims *claims,
                            const char **why);

/* Counters for logs, metrics and tests. */
struct auth_stats {
    uint64_t cache_hits;    /* auth_check answered from the verified-token cache */
    uint64_t cache_misses;  /* well-formed bearer tokens that were verified in full */
    uint64_t jwks_fetches;  /* key set fetches, the one at auth_open included */
};
void auth_stats(struct auth *a, struct auth_stats *out);

/* The public JWKS document to publish at /.well-known/jwks.json (malloc'd),
 * or NULL when tokens come from an external issuer. */
char *auth_local_jwks(struct auth *a);
/* Tells the disabled-users check that built-in user id is enabled (it has
 * just signed in), so its new token works before the next re-read. */
void auth_note_user_enabled(struct auth *a, int64_t id);
/* True when this server issues its own tokens (/auth/login works). */
bool auth_is_local(const struct auth *a);

/* Signs an RS256 token with the local key: iss/aud from the config, sub, the
 * role's permissions, iat=now, exp=now+ttl_seconds. Returns a malloc'd string
 * or NULL (err filled) when there is no local key. */
char *auth_mint_local(const struct auth *a, const char *sub, enum role r, long ttl_seconds, char *err,
                      size_t errlen);

#endif

/* The auth facade (auth.h): builds the verifier from the configuration
 * (external JWKS or the built-in issuer's keys), checks bearer tokens through
 * the verified-token cache (and, for built-in users, the enabled-users gate),
 * and mints tokens with the local key. The JWS, JWKS, cache, key and user
 * mechanics live in jwt.c, jwks*.c, token_cache.c, keyring.c and user_gate.c. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "auth/auth.h"
#include "auth/issuers.h"
#include "auth/jwks.h"
#include "auth/jwt.h"
#include "auth/keyring.h"
#include "auth/token_cache.h"
#include "auth/user_gate.h"

#define ALG_ALL (ALG_RS256 | ALG_ES256 | ALG_EDDSA)
#define MINT_MAX_TTL (10L * 366 * 24 * 3600)
#define LOCAL_REFETCH_S 0 /* the keyring itself limits re-reads on unknown kids (200 ms) */

struct auth {
    uint32_t algorithms;
    char *issuer;
    char *audience;            /* NULL: any */
    struct jwks_source *keys;
    struct token_cache *tokens;
    struct keyring *local;     /* the built-in issuer's keys (not owned), or NULL */
    struct user_gate *users;   /* with local: which built-in users are enabled */
    int refresh;               /* AUTH_REFRESH: local keys re-read at least this often */
    atomic_int_fast64_t keys_synced; /* when the local keys were last re-read */
    struct issuer_set *extra;  /* AUTH_ISSUERS and the permission rules */
    EVP_MD *sha256;
    bool curl_started;
    atomic_uint_fast64_t hits, misses;
};

/* ---- opening ------------------------------------------------------------- */

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int check_config(const struct config *cfg, char *err, size_t errlen)
{
    if (!cfg->auth_issuer || !cfg->auth_issuer[0]) {
        snprintf(err, errlen, "AUTH_ISSUER must be set: tokens are checked against it.");
        return -1;
    }
    if (!(cfg->algorithms & ALG_ALL)) {
        snprintf(err, errlen, "ALGORITHMS enables none of RS256, ES256, EdDSA.");
        return -1;
    }
    if (cfg->local_issuer && !(cfg->algorithms & ALG_RS256)) {
        snprintf(err, errlen, "ALGORITHMS must include RS256: the built-in issuer signs with it.");
        return -1;
    }
    if (!cfg->local_issuer && (!cfg->auth_jwks_url || !cfg->auth_jwks_url[0])) {
        snprintf(err, errlen, "AUTH_JWKS_URL must be set for an external issuer.");
        return -1;
    }
    return 0;
}

/* The built-in issuer's verification keys are read through the keyring. */
static char *local_jwks_loader(void *ctx)
{
    struct keyring *k = ctx;
    keyring_refresh(k, (int64_t)time(NULL), true);
    return keyring_jwks(k);
}

static int open_keys(struct auth *a, const struct config *cfg, char *err, size_t errlen)
{
    char why[512];
    if (cfg->local_issuer) {
        if (!a->local) {
            snprintf(err, errlen, "the built-in issuer's signing keys are not open.");
            return -1;
        }
        a->users = user_gate_new(keyring_pool(a->local), cfg->identity.refresh);
        if (!a->users || jwks_source_open_loader(local_jwks_loader, a->local, LOCAL_REFETCH_S, &a->keys, why,
                                                 sizeof why) < 0) {
            snprintf(err, errlen, "signing keys: %s.", a->users ? why : "out of memory");
            return -1;
        }
        return 0;
    }
    if (jwks_url_check(cfg->auth_jwks_url, why, sizeof why) < 0) {
        snprintf(err, errlen, "AUTH_JWKS_URL: %s.", why);
        return -1;
    }
    if (strncasecmp(cfg->auth_jwks_url, "file://", 7) != 0) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            snprintf(err, errlen, "AUTH_JWKS_URL: cannot start libcurl.");
            return -1;
        }
        a->curl_started = true;
    }
    if (jwks_source_open(cfg->auth_jwks_url, NULL, &a->keys, why, sizeof why) < 0) {
        snprintf(err, errlen, "AUTH_JWKS_URL: %s.", why);
        return -1;
    }
    return 0;
}

int auth_open(const struct config *cfg, struct keyring *local_keys, struct auth **out, char *err, size_t errlen)
{
    *out = NULL;
    if (check_config(cfg, err, errlen) < 0)
        return -1;
    struct auth *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, errlen, "out of memory setting up authentication.");
        return -1;
    }
    a->algorithms = cfg->algorithms & ALG_ALL;
    a->issuer = strdup(cfg->auth_issuer);
    a->audience = dup_or_null(cfg->auth_audience);
    a->local = cfg->local_issuer ? local_keys : NULL;
    a->refresh = cfg->identity.refresh;
    atomic_init(&a->keys_synced, (int_fast64_t)time(NULL));
    a->tokens = token_cache_new(TOKEN_CACHE_CAPACITY);
    a->sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
    if (!a->issuer || (cfg->auth_audience && !a->audience) || !a->tokens || !a->sha256) {
        snprintf(err, errlen, "out of memory setting up authentication.");
        auth_close(a);
        return -1;
    }
    if (open_keys(a, cfg, err, errlen) < 0 || issuer_set_open(cfg, &a->extra, err, errlen) < 0) {
        auth_close(a);
        return -1;
    }
    *out = a;
    return 0;
}

void auth_close(struct auth *a)
{
    if (!a)
        return;
    jwks_source_close(a->keys);
    user_gate_free(a->users);
    issuer_set_close(a->extra);
    token_cache_free(a->tokens);
    EVP_MD_free(a->sha256);
    if (a->curl_started)
        curl_global_cleanup();
    free(a->issuer);
    free(a->audience);
    free(a);
}

/* ---- checking -------------------------------------------------------------- */

/* What a compact JWS may contain: base64url and the dots between its parts. */
#define TOKEN_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."

/* "Bearer <token>": the scheme case-insensitive, one space, one token. */
static enum auth_status bearer_token(const char *h, const char **tok, size_t *len, const char **why)
{
    if (!h || !h[0]) {
        *why = "missing authorization header";
        return AUTH_MISSING;
    }
    if (strncasecmp(h, "Bearer", 6) != 0 || (h[6] != ' ' && h[6] != '\0')) {
        *why = "not a bearer token";
        return AUTH_MISSING;
    }
    const char *t = h[6] ? h + 7 : h + 6;
    size_t n = strnlen(t, AUTH_MAX_TOKEN + 1);
    if (n == 0) {
        *why = "missing token";
        return AUTH_INVALID;
    }
    if (n > AUTH_MAX_TOKEN) {
        *why = "token too long";
        return AUTH_INVALID;
    }
    if (strspn(t, TOKEN_CHARS) != n) {   /* a table lookup per byte */
        *why = "malformed token";
        return AUTH_INVALID;
    }
    *tok = t;
    *len = n;
    return AUTH_OK;
}

/* The key for the token: an unknown kid may trigger one (rate-limited)
 * refetch of the key set. *set is the set the key belongs to. */
static const struct jwks_key *key_for(struct jwks_source *keys, const struct jwt *j, int64_t now,
                                      struct jwks **set, const char **why)
{
    *set = jwks_source_get(keys);
    const struct jwks_key *key = jwks_find(*set, j->kid, why);
    if (key || !j->kid || !jwks_source_refresh(keys, (time_t)now))
        return key;
    jwks_unref(*set);
    *set = jwks_source_get(keys);
    return jwks_find(*set, j->kid, why);
}

/* What the token must match and the keys that may vouch for it: those of
 * the issuer its iss names (an AUTH_ISSUERS entry), else the primary's. */
static struct jwks_source *expectations(struct auth *a, const struct jwt *j, int64_t now,
                                        struct jwt_expect *want)
{
    const char *iss = json_string_value(json_object_get(j->payload, "iss"));
    const struct trusted_issuer *t = iss && strcmp(iss, a->issuer) != 0 ? issuer_set_find(a->extra, iss) : NULL;
    if (t) {
        *want = (struct jwt_expect){t->issuer, t->audience, now, &t->rules};
        return t->keys;
    }
    *want = (struct jwt_expect){a->issuer, a->audience, now, issuer_set_primary_rules(a->extra)};
    return a->keys;
}

/* The key-set generation tokens are cached under: changes whenever any
 * trusted issuer's keys do. */
static uint64_t keys_generation(struct auth *a)
{
    return jwks_source_generation(a->keys) + issuer_set_generation(a->extra);
}

/* The full check: decode, claims, key, signature. *gen is the generation of
 * the key sets that vouched for the token, read before checking. */
static enum auth_status verify(struct auth *a, const char *tok, size_t len, int64_t now,
                               struct auth_claims *claims, uint64_t *gen, const char **why)
{
    struct jwt j;
    struct jwks *set = NULL;
    struct jwt_expect want;
    *gen = keys_generation(a);
    int rc = jwt_decode(tok, len, a->algorithms, &j, why);
    struct jwks_source *keys = rc == 0 ? expectations(a, &j, now, &want) : NULL;
    if (rc == 0)
        rc = jwt_check_claims(&j, &want, claims, why);
    if (rc == 0) {
        const struct jwks_key *key = key_for(keys, &j, now, &set, why);
        rc = key ? jwt_verify(&j, key->pkey, key->alg, why) : -1;
    }
    if (rc == 0)
        claims->local = a->local != NULL && keys == a->keys;
    jwks_unref(set);
    jwt_clear(&j);
    return rc == 0 ? AUTH_OK : AUTH_INVALID;
}

/* The built-in issuer's keys are re-read every AUTH_REFRESH seconds, so a
 * rotation elsewhere (or a key leaving the JWKS) reaches this instance. */
static void sync_local_keys(struct auth *a, int64_t now)
{
    int_fast64_t last = atomic_load_explicit(&a->keys_synced, memory_order_relaxed);
    if (!a->local || now - last < a->refresh ||
        !atomic_compare_exchange_strong(&a->keys_synced, &last, (int_fast64_t)now))
        return;
    jwks_source_refresh(a->keys, (time_t)now);
}

enum auth_status auth_check(struct auth *a, const char *authorization, struct auth_claims *claims,
                            const char **why)
{
    const char *ignored;
    if (!why)
        why = &ignored;
    const char *tok = NULL;
    size_t len = 0;
    enum auth_status st = bearer_token(authorization, &tok, &len, why);
    if (st != AUTH_OK)
        return st;

    unsigned char digest[TOKEN_DIGEST_LEN];
    int64_t now = (int64_t)time(NULL);
    struct auth_claims found;
    sync_local_keys(a, now);
    if (EVP_Digest(tok, len, digest, NULL, a->sha256, NULL) != 1) {
        *why = "internal error";
        return AUTH_INVALID;
    }
    if (token_cache_get(a->tokens, digest, keys_generation(a), &found)) {
        atomic_fetch_add_explicit(&a->hits, 1, memory_order_relaxed);
        if (found.exp + JWT_CLOCK_SKEW < now) {
            token_cache_remove(a->tokens, digest);
            *why = "token expired";
            return AUTH_INVALID;
        }
    } else {
        atomic_fetch_add_explicit(&a->misses, 1, memory_order_relaxed);
        uint64_t gen = 0;
        if (verify(a, tok, len, now, &found, &gen, why) != AUTH_OK)
            return AUTH_INVALID;
        token_cache_put(a->tokens, digest, gen, &found);
    }
    if (a->users && found.local && !user_gate_allows(a->users, found.sub, now)) {
        *why = "user disabled";
        return AUTH_INVALID;
    }
    *claims = found;
    *why = "ok";
    return AUTH_OK;
}

void auth_stats(struct auth *a, struct auth_stats *out)
{
    out->cache_hits = atomic_load_explicit(&a->hits, memory_order_relaxed);
    out->cache_misses = atomic_load_explicit(&a->misses, memory_order_relaxed);
    out->jwks_fetches = jwks_source_fetches(a->keys) + issuer_set_fetches(a->extra);
}

/* ---- the built-in issuer ------------------------------------------------------ */

char *auth_local_jwks(struct auth *a)
{
    if (!a || !a->local)
        return NULL;
    keyring_refresh(a->local, (int64_t)time(NULL), false);
    return keyring_jwks(a->local);
}

bool auth_is_local(const struct auth *a) { return a && a->local; }

void auth_note_user_enabled(struct auth *a, int64_t id)
{
    if (a && a->users)
        user_gate_note_enabled(a->users, id);
}

static json_t *permission_array(uint32_t perms)
{
    const char *names[16];
    size_t n = perm_names(perms, names, sizeof names / sizeof names[0]);
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        json_array_append_new(arr, json_string(names[i]));
    return arr;
}

static char *mint_payload(const struct auth *a, const char *sub, enum role r, long ttl)
{
    int64_t now = (int64_t)time(NULL);
    json_t *p = json_pack("{s:I, s:I, s:s, s:o, s:s}", "exp", (json_int_t)(now + ttl), "iat",
                          (json_int_t)now, "iss", a->issuer, "permissions", permission_array(role_perms(r)),
                          "sub", sub);
    if (p && a->audience)
        json_object_set_new(p, "aud", json_string(a->audience));
    char *text = p ? json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(p);
    return text;
}

char *auth_mint_local(const struct auth *a, const char *sub, enum role r, long ttl_seconds, char *err,
                      size_t errlen)
{
    if (!a || !a->local) {
        snprintf(err, errlen, "tokens come from an external issuer: there is no local signing key.");
        return NULL;
    }
    if (!sub || (unsigned)r >= ROLE_COUNT || ttl_seconds <= 0 || ttl_seconds > MINT_MAX_TTL) {
        snprintf(err, errlen, "a token needs a subject, a role and a lifetime of 1 s to 10 years.");
        return NULL;
    }
    keyring_refresh(a->local, (int64_t)time(NULL), false);
    char *payload = mint_payload(a, sub, r, ttl_seconds);
    char *token = payload ? keyring_sign(a->local, payload) : NULL;
    free(payload);
    if (!token)
        snprintf(err, errlen, "cannot sign the token.");
    return token;
}

/* Sign-in logic (see login_service.h). The dummy hash is made with the same
 * cost parameters as real ones, so verifying against it costs the same as
 * verifying a real user's password; a thread makes it right after open (it
 * takes ~90 ms), so that start-up does not wait for it; the first sign-in
 * does if it comes sooner. */
#include "auth/login_service.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/rand.h>

#include "auth/password.h"
#include "auth/throttle.h"
#include "auth/user_gate.h"

#define THROTTLE_ENTRIES 4096
#define DB_WAIT_MS 5000

struct login_service {
    struct auth *auth;
    struct store_pool *pool;
    struct throttle *by_user, *by_addr;
    long token_ttl;
    char dummy_hash[PASSWORD_HASH_MAX];
    char dummy_password[49];   /* 24 random bytes in hex */
    pthread_t dummy_maker;
    bool dummy_started;
    pthread_mutex_t dummy_lock;
    pthread_cond_t dummy_done;
    int dummy_state;           /* 0 being made, 1 made, -1 failed */
};

static void *make_dummy_hash(void *arg) {
    struct login_service *s = arg;
    int rc = password_hash(s->dummy_password, strlen(s->dummy_password), s->dummy_hash);
    pthread_mutex_lock(&s->dummy_lock);
    s->dummy_state = rc < 0 ? -1 : 1;
    pthread_cond_broadcast(&s->dummy_done);
    pthread_mutex_unlock(&s->dummy_lock);
    return NULL;
}

/* The dummy hash once made; NULL when it could not be (out of memory). */
static const char *dummy_hash(struct login_service *s) {
    pthread_mutex_lock(&s->dummy_lock);
    while (s->dummy_state == 0) pthread_cond_wait(&s->dummy_done, &s->dummy_lock);
    int state = s->dummy_state;
    pthread_mutex_unlock(&s->dummy_lock);
    return state > 0 ? s->dummy_hash : NULL;
}

int login_service_open(const struct config *cfg, struct auth *auth, struct store_pool *pool,
                       struct login_service **out, char *err, size_t errlen) {
    *out = NULL;
    if (password_init() < 0) return snprintf(err, errlen, "libsodium cannot be initialised"), -1;
    struct login_service *s = calloc(1, sizeof *s);
    if (!s) return snprintf(err, errlen, "out of memory"), -1;
    const struct identity_config *id = &cfg->identity;
    s->auth = auth;
    s->pool = pool;
    s->token_ttl = id->token_ttl;
    s->by_user = throttle_new(THROTTLE_ENTRIES, id->max_failures_user, id->throttle_window);
    s->by_addr = throttle_new(THROTTLE_ENTRIES, id->max_failures_addr, id->throttle_window);
    pthread_mutex_init(&s->dummy_lock, NULL);
    pthread_cond_init(&s->dummy_done, NULL);
    unsigned char random[24];
    _Static_assert(sizeof s->dummy_password == 2 * sizeof random + 1, "hex of the random bytes");
    int ok = s->by_user && s->by_addr && RAND_bytes(random, sizeof random) == 1;
    for (size_t i = 0; ok && i < sizeof random; i++) snprintf(s->dummy_password + 2 * i, 3, "%02x", random[i]);
    if (ok) ok = s->dummy_started = pthread_create(&s->dummy_maker, NULL, make_dummy_hash, s) == 0;
    if (!ok) {
        login_service_close(s);
        return snprintf(err, errlen, "cannot set up the login service (out of memory?)"), -1;
    }
    *out = s;
    return 0;
}

void login_service_close(struct login_service *s) {
    if (!s) return;
    if (s->dummy_started) pthread_join(s->dummy_maker, NULL);
    pthread_cond_destroy(&s->dummy_done);
    pthread_mutex_destroy(&s->dummy_lock);
    throttle_free(s->by_user);
    throttle_free(s->by_addr);
    free(s);
}

/* "u:<lower-cased username>" and "a:<address>". */
static void keys(const char *username, const char *addr, char ukey[THROTTLE_KEY_MAX + 1],
                 char akey[THROTTLE_KEY_MAX + 1]) {
    snprintf(ukey, THROTTLE_KEY_MAX + 1, "u:%s", username);
    for (char *p = ukey; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    snprintf(akey, THROTTLE_KEY_MAX + 1, "a:%s", addr ? addr : "");
}

int login_service_throttled(struct login_service *s, const char *username, const char *addr, int64_t now) {
    char ukey[THROTTLE_KEY_MAX + 1], akey[THROTTLE_KEY_MAX + 1];
    keys(username, addr, ukey, akey);
    int u = throttle_retry_after(s->by_user, ukey, now), a = throttle_retry_after(s->by_addr, akey, now);
    return u > a ? u : a;
}

/* Looks the user up; *found false when there is no such user. */
static enum store_status find_user(struct login_service *s, const char *username, struct arena *a,
                                   struct user *u, bool *found) {
    struct store_conn *c = NULL;
    *found = false;
    enum store_status st = store_acquire(s->pool, DB_WAIT_MS, &c);
    if (st != STORE_OK) return st;
    st = store_pool_ops(s->pool)->user_get(c, username, a, u);
    store_release(s->pool, c);
    if (st == STORE_NOT_FOUND) return STORE_OK;
    *found = st == STORE_OK;
    return st;
}

static void record_login(struct login_service *s, int64_t id, int64_t now) {
    struct store_conn *c = NULL;
    if (store_acquire(s->pool, DB_WAIT_MS, &c) != STORE_OK) return;
    store_pool_ops(s->pool)->user_touch(c, id, now);  /* best effort: the login stands */
    store_release(s->pool, c);
}

void login_service_attempt(struct login_service *s, const char *username, const char *password, size_t len,
                           const char *addr, struct arena *a, struct login_result *out) {
    memset(out, 0, sizeof *out);
    int64_t now = (int64_t)time(NULL);
    if ((out->retry_after = login_service_throttled(s, username, addr, now)) > 0) {
        out->outcome = LOGIN_THROTTLED;
        return;
    }
    bool found = false;
    enum store_status st = username_problem(username) ? STORE_OK : find_user(s, username, a, &out->user, &found);
    if (st != STORE_OK) {
        out->outcome = st == STORE_UNAVAILABLE ? LOGIN_UNAVAILABLE : LOGIN_ERROR;
        return;
    }
    const char *hash = found ? out->user.password_hash : dummy_hash(s);
    if (!hash) {
        out->outcome = LOGIN_ERROR;
        return;
    }
    bool match = password_verify(hash, password, len);
    int role = found ? role_parse(out->user.role) : -1;
    if (!found || !match || out->user.disabled || role < 0) {
        char ukey[THROTTLE_KEY_MAX + 1], akey[THROTTLE_KEY_MAX + 1];
        keys(username, addr, ukey, akey);
        throttle_failure(s->by_user, ukey, now);
        throttle_failure(s->by_addr, akey, now);
        out->outcome = LOGIN_DENIED;
        return;
    }
    char err[256], sub[64];
    snprintf(sub, sizeof sub, USER_SUB_PREFIX "%lld", (long long)out->user.id);
    char *token = auth_mint_local(s->auth, sub, (enum role)role, s->token_ttl, err, sizeof err);
    if (!token) {
        out->outcome = LOGIN_ERROR;
        return;
    }
    out->token = arena_strdup(a, token);
    free(token);
    char ukey[THROTTLE_KEY_MAX + 1], akey[THROTTLE_KEY_MAX + 1];
    keys(username, addr, ukey, akey);
    throttle_reset(s->by_user, ukey);
    record_login(s, out->user.id, now);
    auth_note_user_enabled(s->auth, out->user.id);
    out->role = (enum role)role;
    out->expires_in = s->token_ttl;
    out->outcome = LOGIN_OK;
}

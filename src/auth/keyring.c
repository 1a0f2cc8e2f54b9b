/* Signing keys in the database (see keyring.h). One mutex guards the active
 * key and the JWKS text; a refresh runs under it (a quick query every
 * AUTH_REFRESH seconds at most), signing holds it for one RSA signature.
 * Private keys are decrypted only for the active key, and only when it
 * changes. */
#include "auth/keyring.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "auth/jwt.h"
#include "auth/local_key.h"
#include "auth/master_key.h"
#include "util/arena.h"
#include "util/strbuf.h"

#define DB_WAIT_MS 2000
#define FORCED_GAP_MS 200   /* an unknown kid re-reads the keys at most this often */

struct keyring {
    struct store_pool *pool;
    struct master_key master;
    const char *legacy_pem;     /* cfg->key_file: imported when there is no key */
    int refresh;                /* seconds between reads */
    int max_ttl;                /* AUTH_TOKEN_MAX_TTL */
    pthread_mutex_t lock;
    struct local_key *active;   /* under lock */
    char *jwks;                 /* under lock */
    int64_t loaded_at;          /* under lock; wall clock, seconds */
    int64_t loaded_ms;          /* under lock; monotonic milliseconds */
};

static int64_t mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t now_s(void) { return (int64_t)time(NULL); }

/* Seals key and inserts it as a new active key; -1 with err on failure. */
static int insert_key(struct keyring *k, const struct store_ops *ops, struct store_conn *c,
                      const struct local_key *key, int64_t now, char *err, size_t errlen) {
    unsigned char *der = NULL;
    size_t len = 0;
    char *sealed = NULL;
    if (key && local_key_der(key, &der, &len) == 0) {
        sealed = master_seal(&k->master, local_key_kid(key), der, len);
        OPENSSL_clear_free(der, len);
    }
    if (!sealed) return snprintf(err, errlen, "cannot make and seal a signing key"), -1;
    struct signing_key_row row = {.kid = local_key_kid(key), .public_jwk = local_key_jwk(key),
                                  .private_enc = sealed, .created_at = now};
    enum store_status st = ops->key_insert(c, &row);
    free(sealed);
    if (st != STORE_OK) return snprintf(err, errlen, "cannot store the signing key: %s", ops->last_error(c)), -1;
    return 0;
}

/* {"keys":[jwk, …]} of rows. */
static char *jwks_text(const struct signing_key_row *rows, size_t n) {
    struct strbuf b = {0};
    strbuf_adds(&b, "{\"keys\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) strbuf_adds(&b, ",");
        strbuf_adds(&b, rows[i].public_jwk);
    }
    strbuf_adds(&b, "]}");
    size_t len;
    return strbuf_release(&b, &len);
}

/* Under lock: installs rows (newest first). The active key is decrypted
 * when it is not the one held already. */
static int install(struct keyring *k, const struct signing_key_row *rows, size_t n, char *err, size_t errlen) {
    const struct signing_key_row *act = NULL;
    for (size_t i = 0; i < n && !act; i++)
        if (!rows[i].retired_at) act = &rows[i];
    if (!act) return snprintf(err, errlen, "there is no active signing key"), -1;
    struct local_key *key = NULL;
    if (!k->active || strcmp(local_key_kid(k->active), act->kid) != 0) {
        size_t len = 0;
        unsigned char *der = master_open(&k->master, act->kid, act->private_enc, &len);
        key = der ? local_key_from_der(der, len) : NULL;
        if (der) OPENSSL_clear_free(der, len);
        if (!key || strcmp(local_key_kid(key), act->kid) != 0) {
            local_key_close(key);
            return snprintf(err, errlen, "AUTH_MASTER_KEY_FILE: cannot decrypt the signing key %s; every instance "
                                         "on one database needs the same master key file", act->kid), -1;
        }
    }
    char *jwks = jwks_text(rows, n);
    if (!jwks) {
        local_key_close(key);
        return snprintf(err, errlen, "out of memory reading the signing keys"), -1;
    }
    if (key) {
        local_key_close(k->active);
        k->active = key;
    }
    free(k->jwks);
    k->jwks = jwks;
    return 0;
}

/* Under lock: reads the keys; with create, makes the first key when none is active. */
static int load(struct keyring *k, bool create, char *err, size_t errlen) {
    struct store_conn *c = NULL;
    enum store_status st = store_acquire(k->pool, DB_WAIT_MS, &c);
    if (st != STORE_OK) return snprintf(err, errlen, "the database is not reachable to read the signing keys"), -1;
    const struct store_ops *ops = store_pool_ops(k->pool);
    struct arena a;
    arena_init(&a);
    int64_t now = now_s();
    struct signing_key_row *rows = NULL;
    size_t n = 0;
    st = ops->key_list(c, now, &a, &rows, &n);
    bool any_active = false;
    for (size_t i = 0; i < n; i++) any_active = any_active || !rows[i].retired_at;
    int rc = st == STORE_OK ? 0 : -1;
    if (rc < 0) snprintf(err, errlen, "cannot read the signing keys: %s", ops->last_error(c));
    if (rc == 0 && !any_active && create) {
        struct local_key *key = NULL;
        rc = local_key_load_pem(k->legacy_pem, &key, err, errlen);  /* the pre-database key file */
        if (rc == 0 && !key) key = local_key_generate();
        if (rc == 0) rc = insert_key(k, ops, c, key, now, err, errlen);
        local_key_close(key);
        if (rc == 0 && ops->key_list(c, now, &a, &rows, &n) != STORE_OK) {
            rc = -1;
            snprintf(err, errlen, "cannot read the signing keys: %s", ops->last_error(c));
        }
    }
    if (rc == 0) rc = install(k, rows, n, err, errlen);
    if (rc == 0) k->loaded_at = now, k->loaded_ms = mono_ms();
    store_release(k->pool, c);
    arena_free(&a);
    return rc;
}

int keyring_open(const struct config *cfg, struct store_pool *pool, struct keyring **out, char *err, size_t errlen) {
    *out = NULL;
    struct keyring *k = calloc(1, sizeof *k);
    if (!k || pthread_mutex_init(&k->lock, NULL) != 0) {
        free(k);
        return snprintf(err, errlen, "out of memory opening the signing keys"), -1;
    }
    k->pool = pool;
    k->legacy_pem = cfg->key_file;
    k->refresh = cfg->identity.refresh;
    k->max_ttl = cfg->identity.token_max_ttl;
    if (master_key_open(cfg->identity.master_key_file, &k->master, err, errlen) < 0 ||
        load(k, true, err, errlen) < 0) {
        keyring_close(k);
        return -1;
    }
    *out = k;
    return 0;
}

void keyring_close(struct keyring *k) {
    if (!k) return;
    master_key_clear(&k->master);
    local_key_close(k->active);
    free(k->jwks);
    pthread_mutex_destroy(&k->lock);
    free(k);
}

struct store_pool *keyring_pool(const struct keyring *k) { return k->pool; }

void keyring_refresh(struct keyring *k, int64_t now, bool force) {
    char err[256];
    pthread_mutex_lock(&k->lock);
    int64_t age = now - k->loaded_at, ms = mono_ms();
    if (age >= k->refresh || age < 0 || (force && ms - k->loaded_ms >= FORCED_GAP_MS)) {
        if (load(k, false, err, sizeof err) < 0) /* keep the keys; try again later */
            k->loaded_at = now, k->loaded_ms = ms;
    }
    pthread_mutex_unlock(&k->lock);
}

char *keyring_jwks(struct keyring *k) {
    pthread_mutex_lock(&k->lock);
    char *copy = strdup(k->jwks);
    pthread_mutex_unlock(&k->lock);
    return copy;
}

char *keyring_sign(struct keyring *k, const char *payload_json) {
    pthread_mutex_lock(&k->lock);
    char *tok = local_key_sign(k->active, payload_json);
    pthread_mutex_unlock(&k->lock);
    return tok;
}

int keyring_rotate(struct keyring *k, int keep_s, char *kid, size_t kidlen, char *err, size_t errlen) {
    struct local_key *key = local_key_generate();
    struct store_conn *c = NULL;
    if (!key) return snprintf(err, errlen, "cannot generate an RSA key"), -1;
    enum store_status st = store_acquire(k->pool, DB_WAIT_MS, &c);
    if (st != STORE_OK) {
        local_key_close(key);
        return snprintf(err, errlen, "the database is not reachable"), -1;
    }
    const struct store_ops *ops = store_pool_ops(k->pool);
    int64_t now = now_s();
    st = ops->begin(c);
    if (st == STORE_OK) st = ops->key_retire(c, now, now + (keep_s >= 0 ? keep_s : k->max_ttl + JWT_CLOCK_SKEW));
    if (st != STORE_OK) snprintf(err, errlen, "cannot retire the old keys: %s", ops->last_error(c));
    else if (insert_key(k, ops, c, key, now, err, errlen) < 0) st = STORE_ERROR;
    if (st == STORE_OK && (st = ops->commit(c)) != STORE_OK)
        snprintf(err, errlen, "cannot store the new key: %s", ops->last_error(c));
    if (st != STORE_OK) ops->rollback(c);
    else snprintf(kid, kidlen, "%s", local_key_kid(key));
    store_release(k->pool, c);
    local_key_close(key);
    if (st != STORE_OK) return -1;
    pthread_mutex_lock(&k->lock);
    load(k, false, err, errlen);
    pthread_mutex_unlock(&k->lock);
    return 0;
}

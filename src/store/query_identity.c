/* The built-in identity's store operations (users, signing keys), written
 * once for both engines like query.c: parameters in, arena-allocated rows
 * out. Usernames are matched by their ASCII-lower-cased key, so they are
 * unique case-insensitively. Validation of names and roles is the caller's. */
#include "store/driver.h"

#include <string.h>

#define KEY_MAX 256

/* Lower-cases name into key; false when it is too long to be a username. */
static bool username_key(const char *name, char key[KEY_MAX]) {
    size_t n = name ? strlen(name) : KEY_MAX;
    if (n >= KEY_MAX) return false;
    for (size_t i = 0; i <= n; i++) key[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
    return true;
}

static enum store_status run_user(struct store_conn *c, enum store_stmt s, const char *username,
                                  struct store_param value, size_t n) {
    char key[KEY_MAX];
    if (!username_key(username, key)) return store_fail(c, STORE_NOT_FOUND, "No such user.");
    struct store_param p[2] = {sp_text(key), value};
    int rows = 0;
    enum store_status st = store_run(c, s, p, n, NULL, &rows);
    if (st == STORE_OK && rows == 0) return store_fail(c, STORE_NOT_FOUND, "No such user.");
    return st;
}

static const char *col_str(struct store_cursor *cur, int col, struct arena *a) {
    return arena_strdup(a, cur->conn->drv->text(cur, col));
}

static int64_t col_i64(struct store_cursor *cur, int col) {
    const struct store_driver *d = cur->conn->drv;
    return d->is_null(cur, col) ? 0 : d->i64(cur, col);
}

/* USER_COLS order. */
static void read_user(struct store_cursor *cur, struct arena *a, struct user *u) {
    u->id = col_i64(cur, 0);
    u->username = col_str(cur, 1, a);
    u->display_name = col_str(cur, 2, a);
    u->role = col_str(cur, 3, a);
    u->password_hash = col_str(cur, 4, a);
    u->disabled = col_i64(cur, 5) != 0;
    u->created_at = col_i64(cur, 6);
    u->last_login_at = col_i64(cur, 7);
}

/* Rows of a USER_COLS statement into an arena array. */
static enum store_status query_users(struct store_conn *c, enum store_stmt s, const struct store_param *p,
                                     size_t n, struct arena *a, struct user **out, size_t *count) {
    const struct store_driver *d = c->drv;
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, s, p, n, &cur);
    if (st != STORE_OK) return st;
    size_t cap = 8, k = 0;
    struct user *v = arena_alloc(a, cap * sizeof *v);
    while (d->next(&cur)) {
        if (k == cap) {
            struct user *w = arena_alloc(a, 2 * cap * sizeof *v);
            memcpy(w, v, cap * sizeof *v);
            v = w, cap *= 2;
        }
        read_user(&cur, a, &v[k++]);
    }
    st = cur.status;
    d->done(&cur);
    *out = v;
    *count = k;
    return st;
}

enum store_status store_q_user_insert(struct store_conn *c, const struct user *u, int64_t now, int64_t *id_out) {
    char key[KEY_MAX];
    if (!username_key(u->username, key)) return store_fail(c, STORE_ERROR, "The username is too long.");
    struct store_param p[6] = {sp_text(u->username), sp_text(key), sp_text(u->display_name), sp_text(u->role),
                               sp_text(u->password_hash), sp_int(now)};
    int rows = 0;
    int64_t id = 0;
    enum store_status st = store_run(c, ST_USER_INSERT, p, 6, &id, &rows);
    if (st == STORE_CONFLICT) return store_fail(c, STORE_CONFLICT, "A user with that name exists already.");
    if (st == STORE_OK && rows != 1) return store_fail(c, STORE_ERROR, "The database returned no id.");
    if (st == STORE_OK && id_out) *id_out = id;
    return st;
}

static enum store_status user_one(struct store_conn *c, enum store_stmt s, struct store_param p, struct arena *a,
                                  struct user *out) {
    struct user *v = NULL;
    size_t n = 0;
    enum store_status st = query_users(c, s, &p, 1, a, &v, &n);
    if (st != STORE_OK) return st;
    if (n == 0) return store_fail(c, STORE_NOT_FOUND, "No such user.");
    *out = v[0];
    return STORE_OK;
}

enum store_status store_q_user_get(struct store_conn *c, const char *username, struct arena *a, struct user *out) {
    char key[KEY_MAX];
    if (!username_key(username, key)) return store_fail(c, STORE_NOT_FOUND, "No such user.");
    return user_one(c, ST_USER_GET, sp_text(key), a, out);
}

enum store_status store_q_user_get_id(struct store_conn *c, int64_t id, struct arena *a, struct user *out) {
    return user_one(c, ST_USER_GET_ID, sp_int(id), a, out);
}

enum store_status store_q_user_list(struct store_conn *c, struct arena *a, struct user **out, size_t *n) {
    return query_users(c, ST_USER_LIST, NULL, 0, a, out, n);
}

enum store_status store_q_user_set_role(struct store_conn *c, const char *username, const char *role) {
    return run_user(c, ST_USER_SET_ROLE, username, sp_text(role), 2);
}

enum store_status store_q_user_set_hash(struct store_conn *c, const char *username, const char *hash) {
    return run_user(c, ST_USER_SET_HASH, username, sp_text(hash), 2);
}

enum store_status store_q_user_set_disabled(struct store_conn *c, const char *username, bool disabled) {
    return run_user(c, ST_USER_SET_DISABLED, username, sp_int(disabled ? 1 : 0), 2);
}

enum store_status store_q_user_delete(struct store_conn *c, const char *username) {
    return run_user(c, ST_USER_DELETE, username, sp_int(0), 1);
}

enum store_status store_q_user_count(struct store_conn *c, int64_t *n) {
    *n = 0;
    return store_run(c, ST_USER_COUNT, NULL, 0, n, NULL);
}

enum store_status store_q_user_touch(struct store_conn *c, int64_t id, int64_t now) {
    struct store_param p[2] = {sp_int(id), sp_int(now)};
    return store_run(c, ST_USER_TOUCH, p, 2, NULL, NULL);
}

enum store_status store_q_user_enabled_ids(struct store_conn *c, struct arena *a, int64_t **ids, size_t *n) {
    const struct store_driver *d = c->drv;
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, ST_USER_ENABLED_IDS, NULL, 0, &cur);
    if (st != STORE_OK) return st;
    size_t cap = 64, k = 0;
    int64_t *v = arena_alloc(a, cap * sizeof *v);
    while (d->next(&cur)) {
        if (k == cap) {
            int64_t *w = arena_alloc(a, 2 * cap * sizeof *v);
            memcpy(w, v, cap * sizeof *v);
            v = w, cap *= 2;
        }
        v[k++] = d->i64(&cur, 0);
    }
    st = cur.status;
    d->done(&cur);
    *ids = v;
    *n = k;
    return st;
}

enum store_status store_q_key_insert(struct store_conn *c, const struct signing_key_row *k) {
    struct store_param p[4] = {sp_text(k->kid), sp_text(k->public_jwk), sp_text(k->private_enc),
                               sp_int(k->created_at)};
    return store_run(c, ST_KEY_INSERT, p, 4, NULL, NULL);
}

enum store_status store_q_key_list(struct store_conn *c, int64_t now, struct arena *a, struct signing_key_row **out,
                                   size_t *n) {
    const struct store_driver *d = c->drv;
    struct store_param p = sp_int(now);
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, ST_KEY_LIST, &p, 1, &cur);
    if (st != STORE_OK) return st;
    size_t cap = 8, k = 0;
    struct signing_key_row *v = arena_alloc(a, cap * sizeof *v);
    while (d->next(&cur)) {
        if (k == cap) {
            struct signing_key_row *w = arena_alloc(a, 2 * cap * sizeof *v);
            memcpy(w, v, cap * sizeof *v);
            v = w, cap *= 2;
        }
        struct signing_key_row *r = &v[k++];
        r->kid = col_str(&cur, 0, a);
        r->public_jwk = col_str(&cur, 1, a);
        r->private_enc = col_str(&cur, 2, a);
        r->created_at = col_i64(&cur, 3);
        r->retired_at = col_i64(&cur, 4);
        r->expires_at = col_i64(&cur, 5);
    }
    st = cur.status;
    d->done(&cur);
    *out = v;
    *n = k;
    return st;
}

enum store_status store_q_key_retire(struct store_conn *c, int64_t now, int64_t expires_at) {
    struct store_param p[2] = {sp_int(now), sp_int(expires_at)};
    return store_run(c, ST_KEY_RETIRE, p, 2, NULL, NULL);
}

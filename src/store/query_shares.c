/* The share-link and export operations of struct store_ops, written once for
 * both engines like query.c: parameters in, arena-allocated rows out. The
 * SQL is in sql_shares.h. */
#include "store/driver.h"

#include <string.h>

static const char *col_str(struct store_cursor *cur, int col, struct arena *a) {
    const char *s = cur->conn->drv->text(cur, col);
    return s ? arena_strdup(a, s) : NULL;
}

static int64_t col_i64(struct store_cursor *cur, int col, int64_t if_null) {
    const struct store_driver *d = cur->conn->drv;
    return d->is_null(cur, col) ? if_null : d->i64(cur, col);
}

/* Grows an arena array of size-byte elements; returns the next slot (zeroed). */
static void *grow(struct arena *a, void **data, size_t *n, size_t *cap, size_t size) {
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 16;
        void *d = arena_alloc(a, c * size);
        if (*n) memcpy(d, *data, *n * size);
        *data = d, *cap = c;
    }
    return (char *)*data + size * (*n)++;
}

/* Runs s and calls read for each row into a new element of *out. */
static enum store_status query_rows(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t np,
                                    struct arena *a, size_t size, void (*read)(struct store_cursor *, struct arena *,
                                                                                void *),
                                    void **out, size_t *n) {
    const struct store_driver *d = c->drv;
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, s, p, np, &cur);
    if (st != STORE_OK) return st;
    size_t cap = 0;
    *out = NULL, *n = 0;
    while (d->next(&cur)) read(&cur, a, grow(a, out, n, &cap, size));
    st = cur.status;
    d->done(&cur);
    return st;
}

static void read_role(struct store_cursor *cur, struct arena *a, void *out) {
    struct share_role *r = out;
    r->id = col_i64(cur, 0, 0);
    r->name = col_str(cur, 1, a);
    r->description = col_str(cur, 2, a);
    r->gender = col_str(cur, 3, a);
    r->movie_title = col_str(cur, 4, a);
    r->age_min = col_i64(cur, 5, -1);
    r->age_max = col_i64(cur, 6, -1);
}

static void read_share(struct store_cursor *cur, struct arena *a, void *out) {
    struct share *s = out;
    s->id = col_i64(cur, 0, 0);
    s->role_id = col_i64(cur, 1, 0);
    s->stages = col_str(cur, 2, a);
    s->created_by = col_str(cur, 3, a);
    s->created_at = col_i64(cur, 4, 0);
    s->expires_at = col_i64(cur, 5, 0);
    s->revoked_at = col_i64(cur, 6, 0);
    s->up = col_i64(cur, 7, 0);
    s->down = col_i64(cur, 8, 0);
}

/* SHARE_CANDIDATE_COLS: the actor, stage and rating. */
static void read_candidate_cols(struct store_cursor *cur, struct arena *a, struct share_candidate *k) {
    const char *gender = cur->conn->drv->text(cur, 3);
    int g = gender ? gender_parse(gender) : GENDER_NONE;
    k->actor.id = col_i64(cur, 0, 0);
    k->actor.name = col_str(cur, 1, a);
    k->actor.age = (int32_t)col_i64(cur, 2, 0);
    k->actor.gender = g < 0 ? GENDER_NONE : (enum gender)g;
    k->actor.photo_url = col_str(cur, 4, a);
    k->stage = col_str(cur, 5, a);
    k->rating = (int)col_i64(cur, 6, 0);
}

static void read_candidate_votes(struct store_cursor *cur, struct arena *a, void *out) {
    struct share_candidate *k = out;
    read_candidate_cols(cur, a, k);
    k->up = col_i64(cur, 7, 0);
    k->down = col_i64(cur, 8, 0);
}

static void read_candidate_export(struct store_cursor *cur, struct arena *a, void *out) {
    struct share_candidate *k = out;
    read_candidate_cols(cur, a, k);
    k->notes = col_str(cur, 7, a);
    k->tags = col_str(cur, 8, a);
}

static void read_votes(struct store_cursor *cur, struct arena *a, void *out) {
    (void)a;
    struct actor_votes *v = out;
    v->actor_id = col_i64(cur, 0, 0);
    v->up = col_i64(cur, 1, 0);
    v->down = col_i64(cur, 2, 0);
}

enum store_status store_q_share_role(struct store_conn *c, int64_t role_id, struct arena *a, struct share_role *out) {
    struct store_param p = sp_int(role_id);
    void *rows = NULL;
    size_t n = 0;
    enum store_status st = query_rows(c, ST_SHARE_ROLE, &p, 1, a, sizeof *out, read_role, &rows, &n);
    if (st == STORE_OK && n == 0) return store_fail(c, STORE_NOT_FOUND, "No such role.");
    if (st == STORE_OK) *out = *(struct share_role *)rows;
    return st;
}

enum store_status store_q_share_insert(struct store_conn *c, const struct share *s, const char *token_hash,
                                       int64_t *id_out) {
    struct store_param p[6] = {sp_int(s->role_id), sp_text(token_hash), sp_text(s->stages),
                               sp_text(s->created_by), sp_int(s->created_at), sp_int(s->expires_at)};
    int rows = 0;
    enum store_status st = store_run(c, ST_SHARE_INSERT, p, 6, id_out, &rows);  /* FK failure -> NOT_FOUND */
    if (st == STORE_OK && rows != 1) return store_fail(c, STORE_ERROR, "The database returned no id.");
    return st;
}

enum store_status store_q_share_revoke(struct store_conn *c, int64_t id, int64_t now) {
    struct store_param p[2] = {sp_int(id), sp_int(now)};
    int rows = 0;
    enum store_status st = store_run(c, ST_SHARE_REVOKE, p, 2, NULL, &rows);
    if (st == STORE_OK && rows == 0) return store_fail(c, STORE_NOT_FOUND, "No such share link.");
    return st;
}

enum store_status store_q_share_list(struct store_conn *c, int64_t role_id, int64_t offset, int limit,
                                     struct arena *a, struct share **out, size_t *n, int64_t *total) {
    struct store_param p[3] = {sp_int(role_id), sp_int(limit > 0 ? limit : 0), sp_int(offset > 0 ? offset : 0)};
    *out = NULL, *n = 0, *total = 0;
    enum store_status st = store_run(c, ST_SHARE_COUNT, p, 1, total, NULL);
    if (st != STORE_OK || p[2].i >= *total) return st;
    void *rows = NULL;
    st = query_rows(c, ST_SHARE_PAGE, p, 3, a, sizeof **out, read_share, &rows, n);
    *out = rows;
    return st;
}

enum store_status store_q_share_find(struct store_conn *c, const char *token_hash, int64_t now, struct arena *a,
                                     struct share *out) {
    struct store_param p[2] = {sp_text(token_hash), sp_int(now)};
    void *rows = NULL;
    size_t n = 0;
    enum store_status st = query_rows(c, ST_SHARE_FIND, p, 2, a, sizeof *out, read_share, &rows, &n);
    if (st == STORE_OK && n == 0) return store_fail(c, STORE_NOT_FOUND, "No such share link.");
    if (st == STORE_OK) *out = *(struct share *)rows;
    return st;
}

enum store_status store_q_share_candidates(struct store_conn *c, int64_t role_id, int64_t share_id,
                                           struct arena *a, struct share_candidate **out, size_t *n) {
    struct store_param p[2] = {sp_int(role_id), sp_int(share_id)};
    void *rows = NULL;
    enum store_status st = query_rows(c, ST_SHARE_CANDIDATES, p, 2, a, sizeof **out, read_candidate_votes, &rows, n);
    *out = rows;
    return st;
}

enum store_status store_q_share_stage(struct store_conn *c, int64_t role_id, int64_t actor_id, struct arena *a,
                                      const char **stage) {
    const struct store_driver *d = c->drv;
    struct store_param p[2] = {sp_int(role_id), sp_int(actor_id)};
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, ST_SHARE_STAGE, p, 2, &cur);
    if (st != STORE_OK) return st;
    *stage = d->next(&cur) ? col_str(&cur, 0, a) : NULL;
    st = cur.status;
    d->done(&cur);
    if (st == STORE_OK && !*stage) return store_fail(c, STORE_NOT_FOUND, "No such candidate.");
    return st;
}

enum store_status store_q_share_vote(struct store_conn *c, int64_t share_id, int64_t actor_id, const char *viewer,
                                     int vote, int64_t now) {
    struct store_param p[5] = {sp_int(share_id), sp_int(actor_id), sp_text(viewer), sp_int(vote), sp_int(now)};
    return store_run(c, ST_SHARE_VOTE, p, 5, NULL, NULL);
}

enum store_status store_q_role_votes(struct store_conn *c, int64_t role_id, struct arena *a,
                                     struct actor_votes **out, size_t *n) {
    struct store_param p = sp_int(role_id);
    void *rows = NULL;
    enum store_status st = query_rows(c, ST_ROLE_VOTES, &p, 1, a, sizeof **out, read_votes, &rows, n);
    *out = rows;
    return st;
}

enum store_status store_q_candidates_export(struct store_conn *c, int64_t role_id, struct arena *a,
                                            struct share_candidate **out, size_t *n) {
    struct store_param p = sp_int(role_id);
    void *rows = NULL;
    enum store_status st = query_rows(c, ST_CANDIDATES_EXPORT, &p, 1, a, sizeof **out, read_candidate_export, &rows, n);
    *out = rows;
    return st;
}

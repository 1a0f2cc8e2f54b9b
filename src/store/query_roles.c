/* The casting workflow's data operations (casting.md "Roles", "Candidates",
 * "Finding actors"), written once for both engines: roles of a movie,
 * candidates of a role with their other active candidacies, the reads that
 * booking decides on, and the filtered actor lists. SQL: sql_roles.h. */
#include <string.h>

#include "store/driver.h"
#include "store/like.h"
#include "store/sql_roles.h"

#define ROLES_ARRAY_MAX 10000   /* candidates of one role read for otherRoles */

static enum store_status bad_row(struct store_conn *c) {
    return store_fail(c, STORE_ERROR, "The database holds a value this server cannot read.");
}

static const char *dup_col(struct store_cursor *cur, int col, struct arena *a) {
    return arena_strdup(a, cur->conn->drv->text(cur, col));
}

static int32_t opt_int(struct store_cursor *cur, int col) {
    return cur->conn->drv->is_null(cur, col) ? FIELD_INT_NULL : (int32_t)cur->conn->drv->i64(cur, col);
}

static struct store_param opt_param(int32_t v) {
    return v == FIELD_INT_NULL ? sp_text(NULL) : sp_int(v);
}

/* ---- roles ---- */

static bool read_role(struct store_cursor *cur, struct arena *a, struct movie_role *r) {
    const struct store_driver *d = cur->conn->drv;
    const char *gender = d->text(cur, 4);
    r->id = d->i64(cur, 0);
    r->movie_id = d->i64(cur, 1);
    r->name = dup_col(cur, 2, a);
    r->description = dup_col(cur, 3, a);
    r->gender = gender ? gender_parse(gender) : GENDER_NONE;
    r->age_min = opt_int(cur, 5);
    r->age_max = opt_int(cur, 6);
    r->billing = opt_int(cur, 7);
    r->status = role_status_parse(d->text(cur, 8));
    r->candidate_count = d->i64(cur, 9);
    return r->name && (!gender || r->gender >= 0) && r->status >= 0;
}

/* Reads one row into the item at item (a struct movie_role or candidate). */
typedef bool (*row_reader)(struct store_cursor *cur, struct arena *a, void *item);

/* The rows of statement s into items (size bytes each), at most max of them. */
static enum store_status query_rows(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                    struct arena *a, row_reader read, void *items, size_t size, size_t max,
                                    size_t *count) {
    const struct store_driver *d = c->drv;
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, s, p, n, &cur);
    if (st != STORE_OK) return st;
    bool ok = true;
    size_t k = 0;
    while (ok && d->next(&cur))
        if (k < max) ok = read(&cur, a, (char *)items + size * k++);
    st = cur.status;
    d->done(&cur);
    *count = k;
    return st != STORE_OK ? st : ok ? STORE_OK : bad_row(c);
}

static bool read_role_row(struct store_cursor *cur, struct arena *a, void *item) {
    return read_role(cur, a, item);
}

/* The rows of a ROLE_COLS statement, at most max of them. */
static enum store_status query_roles(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                     struct arena *a, struct movie_role *items, size_t max, size_t *count) {
    return query_rows(c, s, p, n, a, read_role_row, items, sizeof *items, max, count);
}

enum store_status store_q_role_list(struct store_conn *c, int64_t movie_id, int64_t offset, int limit,
                                    struct arena *a, struct role_page *out) {
    *out = (struct role_page){0};
    struct store_param p[3] = {sp_int(movie_id), sp_int(limit > 0 ? limit : 0), sp_int(offset > 0 ? offset : 0)};
    int rows = 0;
    enum store_status st = store_run(c, ST_ROLE_MOVIE_EXISTS, p, 1, NULL, &rows);
    if (st == STORE_OK && rows == 0) return store_fail(c, STORE_NOT_FOUND, "No such movie.");
    if (st == STORE_OK) st = store_run(c, ST_ROLE_COUNT, p, 1, &out->total, NULL);
    if (st != STORE_OK || p[2].i >= out->total || limit <= 0) return st;
    out->items = arena_alloc(a, (size_t)limit * sizeof *out->items);
    return query_roles(c, ST_ROLE_PAGE, p, 3, a, out->items, (size_t)limit, &out->n);
}

enum store_status store_q_role_get(struct store_conn *c, int64_t id, struct arena *a, struct movie_role *out) {
    struct store_param p = sp_int(id);
    size_t n = 0;
    enum store_status st = query_roles(c, ST_ROLE_GET, &p, 1, a, out, 1, &n);
    if (st == STORE_OK && n == 0) return store_fail(c, STORE_NOT_FOUND, "No such role.");
    return st;
}

/* (id or movie id, name, description, gender, age_min, age_max, billing, status) */
static void role_params(const struct movie_role *r, int64_t first, struct store_param p[8]) {
    p[0] = sp_int(first);
    p[1] = sp_text(r->name);
    p[2] = sp_text(r->description);
    p[3] = sp_text(r->gender == GENDER_NONE ? NULL : gender_name((enum gender)r->gender));
    p[4] = opt_param(r->age_min);
    p[5] = opt_param(r->age_max);
    p[6] = opt_param(r->billing);
    p[7] = sp_text(role_status_name(r->status));
}

static enum store_status billing_taken(struct store_conn *c, enum store_status st) {
    return st == STORE_CONFLICT ? store_fail(c, st, "That billing is taken by another role of the movie.") : st;
}

enum store_status store_q_role_insert(struct store_conn *c, const struct movie_role *r, int64_t *id_out) {
    struct store_param p[8];
    role_params(r, r->movie_id, p);
    int rows = 0;
    enum store_status st = store_run(c, ST_ROLE_INSERT, p, 8, id_out, &rows);
    if (st == STORE_OK && rows != 1) return store_fail(c, STORE_ERROR, "The database returned no id.");
    return billing_taken(c, st);
}

static enum store_status run_found(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                   const char *what) {
    int rows = 0;
    enum store_status st = store_run(c, s, p, n, NULL, &rows);
    if (st == STORE_OK && rows == 0) return store_fail(c, STORE_NOT_FOUND, "No such %s.", what);
    return st;
}

enum store_status store_q_role_update(struct store_conn *c, const struct movie_role *r) {
    struct store_param p[8];
    role_params(r, r->id, p);
    return billing_taken(c, run_found(c, ST_ROLE_UPDATE, p, 8, "role"));
}

enum store_status store_q_role_delete(struct store_conn *c, int64_t id) {
    struct store_param p = sp_int(id);
    return run_found(c, ST_ROLE_DELETE, &p, 1, "role");
}

enum store_status store_q_role_lock(struct store_conn *c, int64_t id) {
    struct store_param p = sp_int(id);
    return run_found(c, ST_ROLE_LOCK, &p, 1, "role");
}

enum store_status store_q_role_set_status(struct store_conn *c, int64_t id, int status) {
    struct store_param p[2] = {sp_int(id), sp_text(role_status_name(status))};
    return run_found(c, ST_ROLE_SET_STATUS, p, 2, "role");
}

/* ---- candidates ---- */

static bool read_candidate(struct store_cursor *cur, struct arena *a, struct candidate *k) {
    const struct store_driver *d = cur->conn->drv;
    k->role_id = d->i64(cur, 0);
    k->stage = stage_parse(d->text(cur, 1));
    k->rating = opt_int(cur, 2);
    k->notes = dup_col(cur, 3, a);
    k->tags = dup_col(cur, 4, a);
    k->updated_at = d->i64(cur, 5);
    return k->stage >= 0 && k->tags && store_q_read_actor(cur, CAND_NCOLS, a, &k->actor);
}

static bool read_candidate_row(struct store_cursor *cur, struct arena *a, void *item) {
    return read_candidate(cur, a, item);
}

static enum store_status query_candidates(struct store_conn *c, enum store_stmt s, const struct store_param *p,
                                          size_t n, struct arena *a, struct candidate *items, size_t max,
                                          size_t *count) {
    return query_rows(c, s, p, n, a, read_candidate_row, items, sizeof *items, max, count);
}

static struct candidate *find_actor(struct candidate *items, size_t n, int64_t actor_id) {
    for (size_t i = 0; i < n; i++)
        if (items[i].actor.id == actor_id) return &items[i];
    return NULL;
}

/* Fills otherRoles of items[0..n) (candidates of role_id): their actors'
 * candidacies in other roles that are not RELEASED. */
static enum store_status attach_others(struct store_conn *c, int64_t role_id, struct arena *a,
                                       struct candidate *items, size_t n) {
    const struct store_driver *d = c->drv;
    struct store_param p = sp_int(role_id);
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, ST_CAND_OTHERS, &p, 1, &cur);
    if (st != STORE_OK) return st;
    struct candidate *k = NULL;
    size_t cap = 0;
    bool ok = true;
    while (ok && d->next(&cur)) {
        int64_t actor = d->i64(&cur, 0);
        if (!k || k->actor.id != actor) {
            k = find_actor(items, n, actor);
            cap = 0;
        }
        if (!k || k->n_others >= ROLES_ARRAY_MAX) continue;
        if (k->n_others == cap) {   /* grow the arena array */
            cap = cap ? 2 * cap : 4;
            struct other_role *more = arena_alloc(a, cap * sizeof *more);
            if (k->n_others) memcpy(more, k->others, k->n_others * sizeof *more);
            k->others = more;
        }
        struct other_role *o = &k->others[k->n_others++];
        o->movie_id = d->i64(&cur, 1);
        o->role_id = d->i64(&cur, 2);
        o->role_name = dup_col(&cur, 3, a);
        o->stage = stage_parse(d->text(&cur, 4));
        ok = o->role_name && o->stage >= 0;
    }
    st = cur.status;
    d->done(&cur);
    return st != STORE_OK ? st : ok ? STORE_OK : bad_row(c);
}

enum store_status store_q_candidate_list(struct store_conn *c, int64_t role_id, int stage, int64_t offset, int limit,
                                         struct arena *a, struct candidate_page *out) {
    *out = (struct candidate_page){0};
    struct store_param p[4] = {sp_int(role_id), sp_text(stage >= 0 ? stage_name(stage) : NULL),
                               sp_int(limit > 0 ? limit : 0), sp_int(offset > 0 ? offset : 0)};
    struct movie_role r;
    enum store_status st = store_q_role_get(c, role_id, a, &r);
    if (st == STORE_OK) st = store_run(c, ST_CAND_COUNT, p, 2, &out->total, NULL);
    if (st != STORE_OK || p[3].i >= out->total || limit <= 0) return st;
    out->items = arena_alloc(a, (size_t)limit * sizeof *out->items);
    st = query_candidates(c, ST_CAND_PAGE, p, 4, a, out->items, (size_t)limit, &out->n);
    return st != STORE_OK ? st : attach_others(c, role_id, a, out->items, out->n);
}

enum store_status store_q_candidate_get(struct store_conn *c, int64_t role_id, int64_t actor_id, struct arena *a,
                                        struct candidate *out) {
    struct store_param p[2] = {sp_int(role_id), sp_int(actor_id)};
    size_t n = 0;
    memset(out, 0, sizeof *out);
    enum store_status st = query_candidates(c, ST_CAND_GET, p, 2, a, out, 1, &n);
    if (st == STORE_OK && n == 0) return store_fail(c, STORE_NOT_FOUND, "No such candidate.");
    return st != STORE_OK ? st : attach_others(c, role_id, a, out, 1);
}

enum store_status store_q_candidate_insert(struct store_conn *c, int64_t role_id, int64_t actor_id, int64_t now) {
    struct store_param p[3] = {sp_int(role_id), sp_int(actor_id), sp_int(now)};
    int rows = 0;
    enum store_status st = store_run(c, ST_CAND_INSERT, p, 3, NULL, &rows);   /* FK failure -> NOT_FOUND */
    if (st == STORE_OK && rows == 0) return store_fail(c, STORE_CONFLICT, "The actor is a candidate already.");
    return st;
}

enum store_status store_q_candidate_update(struct store_conn *c, const struct candidate *k, int64_t now) {
    struct store_param p[7] = {sp_int(k->role_id), sp_int(k->actor.id), sp_text(stage_name(k->stage)),
                               opt_param(k->rating), sp_text(k->notes), sp_text(k->tags), sp_int(now)};
    return run_found(c, ST_CAND_UPDATE, p, 7, "candidate");
}

enum store_status store_q_candidate_delete(struct store_conn *c, int64_t role_id, int64_t actor_id) {
    struct store_param p[2] = {sp_int(role_id), sp_int(actor_id)};
    return run_found(c, ST_CAND_DELETE, p, 2, "candidate");
}

/* ---- booking ---- */

enum store_status store_q_role_booked(struct store_conn *c, int64_t role_id, int64_t *actor_id) {
    struct store_param p = sp_int(role_id);
    *actor_id = 0;
    return store_run(c, ST_ROLE_BOOKED, &p, 1, actor_id, NULL);
}

enum store_status store_q_actor_booked_in_movie(struct store_conn *c, int64_t movie_id, int64_t actor_id,
                                                int64_t except_role, struct arena *a, int64_t *role_id,
                                                const char **role_name) {
    const struct store_driver *d = c->drv;
    struct store_param p[3] = {sp_int(movie_id), sp_int(actor_id), sp_int(except_role)};
    struct store_cursor cur = {0};
    *role_id = 0;
    *role_name = NULL;
    enum store_status st = d->query(c, ST_ACTOR_BOOKED_IN_MOVIE, p, 3, &cur);
    if (st != STORE_OK) return st;
    while (d->next(&cur))
        if (*role_id == 0) {
            *role_id = d->i64(&cur, 0);
            *role_name = dup_col(&cur, 1, a);
        }
    st = cur.status;
    d->done(&cur);
    return st;
}

/* ---- actor filters ---- */

enum store_status store_q_actor_find(struct store_conn *c, const struct actor_filter *f, int64_t offset, int limit,
                                     struct arena *a, struct actor_page *out) {
    *out = (struct actor_page){0};
    struct store_param p[7] = {
        sp_text(store_like_pattern(a, f->search)),
        sp_text(f->gender >= 0 ? gender_name((enum gender)f->gender) : NULL),
        opt_param(f->age_min),
        opt_param(f->age_max),
        f->not_candidate_of > 0 ? sp_int(f->not_candidate_of) : sp_text(NULL),
        sp_int(limit > 0 ? limit : 0),
        sp_int(offset > 0 ? offset : 0),
    };
    enum store_status st = store_run(c, ST_ACTOR_FIND_COUNT, p, 5, &out->total, NULL);
    if (st != STORE_OK || p[6].i >= out->total || limit <= 0) return st;
    return store_q_actor_rows(c, ST_ACTOR_FIND_PAGE, p, 7, a, &out->items, &out->n);
}

/* ---- cast links made by bookings ---- */

enum store_status store_q_booking_link_add(struct store_conn *c, int64_t movie_id, int64_t actor_id) {
    struct store_param p[2] = {sp_int(movie_id), sp_int(actor_id)};
    return store_run(c, ST_BOOKING_LINK_ADD, p, 2, NULL, NULL);
}

enum store_status store_q_booking_link_take(struct store_conn *c, int64_t movie_id, int64_t actor_id, bool *made) {
    struct store_param p[2] = {sp_int(movie_id), sp_int(actor_id)};
    int rows = 0;
    enum store_status st = store_run(c, ST_BOOKING_LINK_TAKE, p, 2, NULL, &rows);
    *made = st == STORE_OK && rows > 0;
    return st;
}

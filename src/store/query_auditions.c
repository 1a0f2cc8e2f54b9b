/* The auditions operations of struct store_ops, written once for every
 * engine (the SQL is sql_auditions.h, run through struct store_driver):
 * rows in and out as struct audition, the list filter, clash look-ups,
 * the calendar feed and the candidate's stage. */
#include <string.h>

#include "store/driver.h"
#include "store/sql_auditions.h"

static enum store_status unreadable(struct store_conn *c) {
    return store_fail(c, STORE_ERROR, "The database holds an audition this server cannot read.");
}

/* AUDITION_NCOLS columns from col on; false when the status is unknown. */
static bool read_audition(struct store_cursor *cur, int col, struct arena *a, struct audition *au) {
    const struct store_driver *d = cur->conn->drv;
    int status = audition_status_parse(d->text(cur, col + 6));
    au->id = d->i64(cur, col);
    au->role_id = d->i64(cur, col + 1);
    au->actor_id = d->i64(cur, col + 2);
    au->starts_at = d->i64(cur, col + 3);
    au->ends_at = d->i64(cur, col + 4);
    au->location = arena_strdup(a, d->text(cur, col + 5));
    au->status = (enum audition_status)status;
    return status >= 0 && au->location;
}

/* Up to max rows of s as auditions (each item elem bytes apart, the
 * audition first, in an arena array that doubles as rows come);
 * extra(cur, a, item) reads the columns after the audition's. */
static enum store_status query_rows(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                    struct arena *a, size_t max, size_t elem, void **items, size_t *count,
                                    void (*extra)(struct store_cursor *cur, struct arena *a, void *item)) {
    const struct store_driver *d = c->drv;
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, s, p, n, &cur);
    if (st != STORE_OK) return st;
    char *out = NULL;
    size_t k = 0, cap = 0;
    bool ok = true;
    while (ok && d->next(&cur)) {
        if (k == max) continue;   /* the statements' LIMIT keeps this from happening */
        if (k == cap) {
            cap = cap ? 2 * cap : 8;
            char *grown = arena_alloc(a, cap * elem);
            if (k) memcpy(grown, out, k * elem);
            out = grown;
        }
        void *item = out + k * elem;
        ok = read_audition(&cur, 0, a, item);
        if (ok && extra) extra(&cur, a, item);
        k++;
    }
    st = cur.status;
    d->done(&cur);
    if (st != STORE_OK) return st;
    if (!ok) return unreadable(c);
    *items = out;
    *count = k;
    return STORE_OK;
}

enum store_status store_q_audition_get(struct store_conn *c, int64_t id, struct arena *a, struct audition *out) {
    struct store_param p = sp_int(id);
    void *items = NULL;
    size_t n = 0;
    enum store_status st = query_rows(c, ST_AUDITION_GET, &p, 1, a, 1, sizeof *out, &items, &n, NULL);
    if (st == STORE_OK && n == 0) return store_fail(c, STORE_NOT_FOUND, "No such audition.");
    if (st == STORE_OK) *out = *(struct audition *)items;
    return st;
}

enum store_status store_q_audition_lock(struct store_conn *c, int64_t id) {
    struct store_param p = sp_int(id);
    int rows = 0;
    enum store_status st = store_run(c, ST_AUDITION_LOCK, &p, 1, NULL, &rows);
    if (st == STORE_OK && rows == 0) return store_fail(c, STORE_NOT_FOUND, "No such audition.");
    return st;
}

/* (from, to, location, actor, status) of a filter, NULL where it says "any". */
static void filter_params(const struct audition_filter *f, struct store_param p[5]) {
    p[0] = f->has_from ? sp_int(f->from) : sp_text(NULL);
    p[1] = f->has_to ? sp_int(f->to) : sp_text(NULL);
    p[2] = sp_text(f->location);
    p[3] = f->actor_id > 0 ? sp_int(f->actor_id) : sp_text(NULL);
    p[4] = sp_text(f->status >= 0 ? audition_status_name((enum audition_status)f->status) : NULL);
}

enum store_status store_q_audition_list(struct store_conn *c, const struct audition_filter *f, int64_t offset,
                                        int limit, struct arena *a, struct audition_page *out) {
    *out = (struct audition_page){0};
    struct store_param p[7];
    filter_params(f, p);
    p[5] = sp_int(limit > 0 ? limit : 0);
    p[6] = sp_int(offset > 0 ? offset : 0);
    enum store_status st = store_run(c, ST_AUDITION_COUNT, p, 5, &out->total, NULL);
    if (st != STORE_OK || p[6].i >= out->total || p[5].i == 0) return st;
    void *items = NULL;
    st = query_rows(c, ST_AUDITION_PAGE, p, 7, a, (size_t)p[5].i, sizeof(struct audition), &items, &out->n, NULL);
    out->items = items;
    return st;
}

enum store_status store_q_audition_insert(struct store_conn *c, const struct audition *au, int64_t *id_out) {
    struct store_param p[6] = {sp_int(au->role_id), sp_int(au->actor_id), sp_int(au->starts_at),
                               sp_int(au->ends_at), sp_text(au->location),
                               sp_text(audition_status_name(au->status))};
    int rows = 0;
    int64_t id = 0;
    enum store_status st = store_run(c, ST_AUDITION_INSERT, p, 6, &id, &rows);   /* FK failure -> NOT_FOUND */
    if (st == STORE_OK && rows != 1) return store_fail(c, STORE_ERROR, "The database returned no id.");
    if (st == STORE_OK) *id_out = id;
    return st;
}

enum store_status store_q_audition_update(struct store_conn *c, const struct audition *au) {
    struct store_param p[5] = {sp_int(au->id), sp_int(au->starts_at), sp_int(au->ends_at), sp_text(au->location),
                               sp_text(audition_status_name(au->status))};
    int rows = 0;
    enum store_status st = store_run(c, ST_AUDITION_UPDATE, p, 5, NULL, &rows);
    if (st == STORE_OK && rows == 0) return store_fail(c, STORE_NOT_FOUND, "No such audition.");
    return st;
}

enum store_status store_q_audition_serialise(struct store_conn *c) {
    return store_run(c, ST_AUDITION_SERIALISE, NULL, 0, NULL, NULL);
}

/* A row of ST_AUDITION_CLASH: the audition, then its actor's name. */
struct clash_row {
    struct audition au;
    const char *name;
};

static void read_clash_name(struct store_cursor *cur, struct arena *a, void *item) {
    ((struct clash_row *)item)->name = arena_strdup(a, cur->conn->drv->text(cur, AUDITION_NCOLS));
}

enum store_status store_q_audition_clash(struct store_conn *c, const struct audition *au, struct arena *a,
                                         struct audition *other, const char **actor_name) {
    struct store_param p[5] = {sp_int(au->id), sp_int(au->starts_at), sp_int(au->ends_at), sp_int(au->actor_id),
                               sp_text(au->location)};
    void *items = NULL;
    size_t n = 0;
    enum store_status st = query_rows(c, ST_AUDITION_CLASH, p, 5, a, 1, sizeof(struct clash_row), &items, &n,
                                      read_clash_name);
    if (st == STORE_OK && n == 0) return store_fail(c, STORE_NOT_FOUND, "No clash.");
    if (st != STORE_OK) return st;
    const struct clash_row *found = items;
    *other = found->au;
    *actor_name = found->name;
    return STORE_OK;
}

static void read_feed_names(struct store_cursor *cur, struct arena *a, void *item) {
    const struct store_driver *d = cur->conn->drv;
    struct audition_named *e = item;
    e->role_name = arena_strdup(a, d->text(cur, AUDITION_NCOLS));
    e->actor_name = arena_strdup(a, d->text(cur, AUDITION_NCOLS + 1));
    e->movie_title = arena_strdup(a, d->text(cur, AUDITION_NCOLS + 2));
}

enum store_status store_q_audition_feed(struct store_conn *c, const struct audition_filter *f, int limit,
                                        struct arena *a, struct audition_named **out, size_t *n) {
    struct store_param p[3] = {f->has_from ? sp_int(f->from) : sp_text(NULL),
                               f->has_to ? sp_int(f->to) : sp_text(NULL), sp_int(limit > 0 ? limit : 0)};
    void *items = NULL;
    *out = NULL;
    *n = 0;
    if (limit <= 0) return STORE_OK;
    enum store_status st = query_rows(c, ST_AUDITION_FEED, p, 3, a, (size_t)limit, sizeof(struct audition_named),
                                      &items, n, read_feed_names);
    *out = items;
    return st;
}

enum store_status store_q_audition_candidate(struct store_conn *c, int64_t role_id, int64_t actor_id,
                                             struct arena *a, const char **stage) {
    const struct store_driver *d = c->drv;
    struct store_param p[2] = {sp_int(role_id), sp_int(actor_id)};
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, ST_AUDITION_CANDIDATE, p, 2, &cur);
    if (st != STORE_OK) return st;
    bool found = false;
    *stage = NULL;
    while (d->next(&cur))
        if (!found) {
            found = true;
            *stage = arena_strdup(a, d->text(&cur, 1));
        }
    st = cur.status;
    d->done(&cur);
    if (st == STORE_OK && !found) return store_fail(c, STORE_NOT_FOUND, "No such role.");
    return st;
}

enum store_status store_q_audition_advance(struct store_conn *c, int64_t role_id, int64_t actor_id, int64_t now,
                                           bool *moved) {
    struct store_param p[3] = {sp_int(role_id), sp_int(actor_id), sp_int(now)};
    int rows = 0;
    enum store_status st = store_run(c, ST_AUDITION_ADVANCE, p, 3, NULL, &rows);
    if (st == STORE_OK) *moved = rows > 0;
    return st;
}

/* The data operations of struct store_ops, written once for every engine:
 * parameters in, rows out as arena-allocated movies and actors with their
 * nested lists. The SQL texts and how a statement runs belong to the
 * engines (sqlite.c, pg.c), reached through struct store_driver. */
#include "store/driver.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "store/like.h"

enum store_status store_fail(struct store_conn *c, enum store_status st, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    return st;
}

const char *store_last_error(struct store_conn *c) {
    return c ? c->err : "";
}

/* ---- running statements ---- */

enum store_status store_run(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                            int64_t *first, int *rows) {
    const struct store_driver *d = c->drv;
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, s, p, n, &cur);
    if (st != STORE_OK) return st;
    int k = 0;
    while (d->next(&cur))
        if (k++ == 0 && first) *first = d->i64(&cur, 0);
    st = cur.status;
    d->done(&cur);
    if (rows) *rows = k;
    return st;
}

/* Runs s; NOT_FOUND (with "No such <what>.") when it returned no row. */
static enum store_status run_found(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                   const char *what) {
    int rows = 0;
    enum store_status st = store_run(c, s, p, n, NULL, &rows);
    if (st == STORE_OK && rows == 0) return store_fail(c, STORE_NOT_FOUND, "No such %s.", what);
    return st;
}

static enum store_status run_id(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                int64_t *id_out) {
    int rows = 0;
    int64_t id = 0;
    enum store_status st = store_run(c, s, p, n, &id, &rows);
    if (st == STORE_OK && rows != 1) return store_fail(c, STORE_ERROR, "The database returned no id.");
    if (st == STORE_OK && id_out) *id_out = id;
    return st;
}

/* ---- decoding rows ---- */

/* An arena array that doubles; the elements move when it grows. */
struct vec {
    void *data;
    size_t n, cap, size;
};

static void *vec_push(struct arena *a, struct vec *v) {
    if (v->n == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 8;
        void *data = arena_alloc(a, cap * v->size);
        if (v->n) memcpy(data, v->data, v->n * v->size);
        v->data = data;
        v->cap = cap;
    }
    return (char *)v->data + v->size * v->n++;  /* zeroed by arena_alloc */
}

static char *col_str(struct store_cursor *cur, int col, struct arena *a) {
    return arena_strdup(a, cur->conn->drv->text(cur, col));
}

/* The ENTITY_NCOLS columns from col on (MOVIE_COLS order); false on a value the domain rejects. */
static bool read_movie(struct store_cursor *cur, int col, struct arena *a, struct movie *m) {
    const struct store_driver *d = cur->conn->drv;
    const char *genre = d->text(cur, col + 2);
    int g = genre ? genre_parse(genre) : -1;
    m->id = d->i64(cur, col);
    m->title = col_str(cur, col + 1, a);
    m->genre = (enum genre)g;
    m->release_date = col_str(cur, col + 3, a);
    m->poster_url = col_str(cur, col + 4, a);
    return g >= 0 && m->title;
}

bool store_q_read_actor(struct store_cursor *cur, int col, struct arena *a, struct actor *m) {
    const struct store_driver *d = cur->conn->drv;
    const char *gender = d->text(cur, col + 3);
    int g = gender ? gender_parse(gender) : GENDER_NONE;
    m->id = d->i64(cur, col);
    m->name = col_str(cur, col + 1, a);
    m->age = (int32_t)d->i64(cur, col + 2);
    m->gender = (enum gender)g;
    m->photo_url = col_str(cur, col + 4, a);
    return (!gender || g >= 0) && m->name;
}

static enum store_status unreadable(struct store_conn *c) {
    return store_fail(c, STORE_ERROR, "The database holds a value this server cannot read.");
}

/* Rows of a *_GET, *_PAGE or *_LIST statement -> movies, each with their
 * actors. total: NULL, or where the *_LIST total (column 0) goes; the parent
 * columns start after it then, and a row without a parent is skipped. */
static enum store_status movie_rows(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                    struct arena *a, struct movie_full **items, size_t *count, int64_t *total) {
    const struct store_driver *d = c->drv;
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, s, p, n, &cur);
    if (st != STORE_OK) return st;
    struct vec ps = {.size = sizeof(struct movie_full)}, ks = {.size = sizeof(struct actor)};
    struct movie_full *m = NULL;
    bool ok = true;
    int at = total ? 1 : 0;
    while (ok && d->next(&cur)) {
        if (total) *total = d->i64(&cur, 0);
        if (total && d->is_null(&cur, at)) continue;
        if (!m || m->movie.id != d->i64(&cur, at)) {
            m = vec_push(a, &ps);
            ok = read_movie(&cur, at, a, &m->movie);
        }
        if (ok && !d->is_null(&cur, at + ENTITY_NCOLS)) {
            ok = store_q_read_actor(&cur, at + ENTITY_NCOLS, a, vec_push(a, &ks));
            m->n_actors++;
        }
    }
    st = cur.status;
    d->done(&cur);
    if (st != STORE_OK) return st;
    if (!ok) return unreadable(c);
    *items = ps.data;
    *count = ps.n;
    struct actor *kids = ks.data;
    for (size_t i = 0, off = 0; i < ps.n; off += (*items)[i++].n_actors)
        (*items)[i].actors = (*items)[i].n_actors ? kids + off : NULL;
    return STORE_OK;
}

/* Rows of a *_GET, *_PAGE or *_LIST statement -> actors, each with their
 * movies; total as in movie_rows. */
static enum store_status actor_rows(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                    struct arena *a, struct actor_full **items, size_t *count, int64_t *total) {
    const struct store_driver *d = c->drv;
    struct store_cursor cur = {0};
    enum store_status st = d->query(c, s, p, n, &cur);
    if (st != STORE_OK) return st;
    struct vec ps = {.size = sizeof(struct actor_full)}, ks = {.size = sizeof(struct movie)};
    struct actor_full *m = NULL;
    bool ok = true;
    int at = total ? 1 : 0;
    while (ok && d->next(&cur)) {
        if (total) *total = d->i64(&cur, 0);
        if (total && d->is_null(&cur, at)) continue;
        if (!m || m->actor.id != d->i64(&cur, at)) {
            m = vec_push(a, &ps);
            ok = store_q_read_actor(&cur, at, a, &m->actor);
        }
        if (ok && !d->is_null(&cur, at + ENTITY_NCOLS)) {
            ok = read_movie(&cur, at + ENTITY_NCOLS, a, vec_push(a, &ks));
            m->n_movies++;
        }
    }
    st = cur.status;
    d->done(&cur);
    if (st != STORE_OK) return st;
    if (!ok) return unreadable(c);
    *items = ps.data;
    *count = ps.n;
    struct movie *kids = ks.data;
    for (size_t i = 0, off = 0; i < ps.n; off += (*items)[i++].n_movies)
        (*items)[i].movies = (*items)[i].n_movies ? kids + off : NULL;
    return STORE_OK;
}

enum store_status store_q_actor_rows(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                     struct arena *a, struct actor_full **items, size_t *count) {
    return actor_rows(c, s, p, n, a, items, count, NULL);
}

/* ---- parameters (the order of MOVIE_COLS / ACTOR_COLS) ---- */

static void movie_params(const struct movie *m, struct store_param p[ENTITY_NCOLS]) {
    p[0] = sp_int(m->id);
    p[1] = sp_text(m->title);
    p[2] = sp_text(genre_name(m->genre));
    p[3] = sp_text(m->release_date);
    p[4] = sp_text(m->poster_url);
}

static void actor_params(const struct actor *m, struct store_param p[ENTITY_NCOLS]) {
    p[0] = sp_int(m->id);
    p[1] = sp_text(m->name);
    p[2] = sp_int(m->age);
    p[3] = sp_text(m->gender == GENDER_NONE ? NULL : gender_name(m->gender));
    p[4] = sp_text(m->photo_url);
}

/* (pattern, limit, offset) of a list; offset/limit below 0 count as 0. */
static void list_params(struct arena *a, const char *search, int64_t offset, int limit, struct store_param p[3]) {
    p[0] = sp_text(store_like_pattern(a, search));
    p[1] = sp_int(limit > 0 ? limit : 0);
    p[2] = sp_int(offset > 0 ? offset : 0);
}

/* True when search has 3 or more characters: a trigram index can serve it. */
static bool indexed_search(const char *search) {
    size_t chars = 0;
    for (const char *s = search; s && *s && chars < 3; s++) chars += ((unsigned char)*s & 0xC0) != 0x80;
    return chars >= 3;
}

/* (pattern, term, limit, offset) for the *_SEARCH statements (driver.h). */
static void search_params(struct arena *a, const char *search, int64_t offset, int limit, struct store_param p[4]) {
    list_params(a, search, offset, limit, p);
    p[3] = p[2];
    p[2] = p[1];
    p[1] = sp_text(search);
}

/* Rows of a movie or actor page statement: items is movie_full ** or actor_full **. */
static enum store_status page_rows(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                   struct arena *a, void *items, size_t *count, int64_t *total, bool movies) {
    return movies ? movie_rows(c, s, p, n, a, (struct movie_full **)items, count, total)
                  : actor_rows(c, s, p, n, a, (struct actor_full **)items, count, total);
}

/* Below this many matches, the index's matches sorted are quick anyway. */
#define WALK_FROM_MATCHES 2000

/* A search page's rows: walking the list order when matches are many and
 * the engine can (it gives up when they turn out sparse), else from the index. */
static enum store_status search_rows(struct store_conn *c, enum store_stmt page, enum store_stmt walk,
                                     const struct store_param p[4], int64_t total, struct arena *a, void *items,
                                     size_t *n, bool movies) {
    enum store_status st = STORE_GAVE_UP;
    if (c->drv->sql[walk] && total >= WALK_FROM_MATCHES) st = page_rows(c, walk, p, 4, a, items, n, NULL, movies);
    return st == STORE_GAVE_UP ? page_rows(c, page, p, 4, a, items, n, NULL, movies) : st;
}

/* A page: the count, then the rows when the page is not past the end; or
 * both from the engine's *_LIST statement (driver.h) when it has one. */
static enum store_status list_page(struct store_conn *c, const char *search, int64_t offset, int limit,
                                   struct arena *a, enum store_stmt count, enum store_stmt page,
                                   enum store_stmt count_indexed, enum store_stmt page_indexed,
                                   enum store_stmt count_all, int64_t *total, void *items, size_t *n,
                                   bool movies) {   /* items: movie_full ** or actor_full ** */
    struct store_param p[4];
    bool indexed = indexed_search(search);
    if (indexed) search_params(a, search, offset, limit, p);
    else list_params(a, search, offset, limit, p);
    enum store_stmt both = movies ? ST_MOVIE_LIST : ST_ACTOR_LIST;
    if (!p[0].s && offset < STORE_LIST_DEEP && c->drv->sql[both]) {
        *total = 0;
        return page_rows(c, both, p, 3, a, items, n, total, movies);
    }
    int at = indexed ? 2 : 1;   /* where limit sits */
    enum store_status st = !p[0].s ? store_run(c, count_all, NULL, 0, total, NULL)
                                   : store_run(c, indexed ? count_indexed : count, p, (size_t)at, total, NULL);
    if (st != STORE_OK || p[at + 1].i >= *total || p[at].i == 0) return st;
    if (indexed)
        return search_rows(c, page_indexed, movies ? ST_MOVIE_PAGE_WALK : ST_ACTOR_PAGE_WALK, p, *total, a, items, n,
                           movies);
    return page_rows(c, page, p, (size_t)at + 2, a, items, n, NULL, movies);
}

/* ---- movies ---- */

enum store_status store_q_movie_get(struct store_conn *c, int64_t id, struct arena *a, struct movie_full *out) {
    struct store_param p = sp_int(id);
    struct movie_full *items = NULL;
    size_t n = 0;
    enum store_status st = movie_rows(c, ST_MOVIE_GET, &p, 1, a, &items, &n, NULL);
    if (st == STORE_OK && n == 0) return store_fail(c, STORE_NOT_FOUND, "No such movie.");
    if (st == STORE_OK) *out = items[0];
    return st;
}

enum store_status store_q_movie_list(struct store_conn *c, const char *search, int64_t offset, int limit,
                                     struct arena *a, struct movie_page *out) {
    *out = (struct movie_page){0};
    return list_page(c, search, offset, limit, a, ST_MOVIE_COUNT, ST_MOVIE_PAGE, ST_MOVIE_COUNT_SEARCH,
                     ST_MOVIE_PAGE_SEARCH, ST_MOVIE_COUNT_ALL, &out->total, &out->items, &out->n, true);
}

enum store_status store_q_movie_insert(struct store_conn *c, const struct movie *m, int64_t *id_out) {
    struct store_param p[ENTITY_NCOLS];
    movie_params(m, p);
    return run_id(c, ST_MOVIE_INSERT, p, ENTITY_NCOLS, id_out);
}

enum store_status store_q_movie_update(struct store_conn *c, const struct movie *m) {
    struct store_param p[ENTITY_NCOLS];
    movie_params(m, p);
    return run_found(c, ST_MOVIE_UPDATE, p, ENTITY_NCOLS, "movie");
}

enum store_status store_q_movie_delete(struct store_conn *c, int64_t id) {
    struct store_param p = sp_int(id);
    return run_found(c, ST_MOVIE_DELETE, &p, 1, "movie");
}

enum store_status store_q_movie_lock(struct store_conn *c, int64_t id) {
    struct store_param p = sp_int(id);
    return run_found(c, ST_MOVIE_LOCK, &p, 1, "movie");
}

/* ---- actors ---- */

enum store_status store_q_actor_get(struct store_conn *c, int64_t id, struct arena *a, struct actor_full *out) {
    struct store_param p = sp_int(id);
    struct actor_full *items = NULL;
    size_t n = 0;
    enum store_status st = store_q_actor_rows(c, ST_ACTOR_GET, &p, 1, a, &items, &n);
    if (st == STORE_OK && n == 0) return store_fail(c, STORE_NOT_FOUND, "No such actor.");
    if (st == STORE_OK) *out = items[0];
    return st;
}

enum store_status store_q_actor_list(struct store_conn *c, const char *search, int64_t offset, int limit,
                                     struct arena *a, struct actor_page *out) {
    *out = (struct actor_page){0};
    return list_page(c, search, offset, limit, a, ST_ACTOR_COUNT, ST_ACTOR_PAGE, ST_ACTOR_COUNT_SEARCH,
                     ST_ACTOR_PAGE_SEARCH, ST_ACTOR_COUNT_ALL, &out->total, &out->items, &out->n, false);
}

enum store_status store_q_actor_insert(struct store_conn *c, const struct actor *m, int64_t *id_out) {
    struct store_param p[ENTITY_NCOLS];
    actor_params(m, p);
    return run_id(c, ST_ACTOR_INSERT, p, ENTITY_NCOLS, id_out);
}

enum store_status store_q_actor_update(struct store_conn *c, const struct actor *m) {
    struct store_param p[ENTITY_NCOLS];
    actor_params(m, p);
    return run_found(c, ST_ACTOR_UPDATE, p, ENTITY_NCOLS, "actor");
}

enum store_status store_q_actor_delete(struct store_conn *c, int64_t id) {
    struct store_param p = sp_int(id);
    return run_found(c, ST_ACTOR_DELETE, &p, 1, "actor");
}

enum store_status store_q_actor_lock(struct store_conn *c, int64_t id) {
    struct store_param p = sp_int(id);
    return run_found(c, ST_ACTOR_LOCK, &p, 1, "actor");
}

/* ---- casts and housekeeping ---- */

enum store_status store_q_cast_insert(struct store_conn *c, int64_t movie_id, int64_t actor_id) {
    struct store_param p[2] = {sp_int(movie_id), sp_int(actor_id)};
    int rows = 0;
    enum store_status st = store_run(c, ST_CAST_INSERT, p, 2, NULL, &rows);  /* FK failure -> NOT_FOUND */
    if (st == STORE_OK && rows == 0) return store_fail(c, STORE_CONFLICT, "The actor is in that movie's cast already.");
    return st;
}

enum store_status store_q_cast_delete(struct store_conn *c, int64_t movie_id, int64_t actor_id) {
    struct store_param p[2] = {sp_int(movie_id), sp_int(actor_id)};
    return run_found(c, ST_CAST_DELETE, p, 2, "cast assignment");
}

enum store_status store_q_is_empty(struct store_conn *c, bool *empty) {
    int64_t v = 0;
    enum store_status st = store_run(c, ST_IS_EMPTY, NULL, 0, &v, NULL);
    if (st == STORE_OK) *empty = v != 0;
    return st;
}

enum store_status store_q_clear(struct store_conn *c) {
    enum store_status st = store_run(c, ST_CLEAR_MOVIES, NULL, 0, NULL, NULL);
    return st != STORE_OK ? st : store_run(c, ST_CLEAR_ACTORS, NULL, 0, NULL, NULL);
}

enum store_status store_q_sync_ids(struct store_conn *c) {
    enum store_status st = store_run(c, ST_SYNC_MOVIES, NULL, 0, NULL, NULL);
    return st != STORE_OK ? st : store_run(c, ST_SYNC_ACTORS, NULL, 0, NULL, NULL);
}

/* The movie and actor descriptors for the generic entity handlers: wire
 * names and adapters from void pointers to the typed store operations. */
#include "http/handlers.h"

static enum store_status movie_get(const struct store_ops *o, struct store_conn *c, int64_t id, struct arena *a,
                                   void *full) {
    return o->movie_get(c, id, a, full);
}
static enum store_status movie_list(const struct store_ops *o, struct store_conn *c, const char *search,
                                    int64_t offset, struct arena *a, const void **items, size_t *n,
                                    int64_t *total) {
    struct movie_page p = {0};
    enum store_status st = o->movie_list(c, search, offset, PAGE_SIZE, a, &p);
    *items = p.items, *n = p.n, *total = p.total;
    return st;
}
static enum store_status movie_insert(const struct store_ops *o, struct store_conn *c, const void *obj,
                                      int64_t *id) {
    return o->movie_insert(c, obj, id);
}
static enum store_status movie_update(const struct store_ops *o, struct store_conn *c, const void *obj) {
    return o->movie_update(c, obj);
}
static enum store_status movie_delete(const struct store_ops *o, struct store_conn *c, int64_t id) {
    return o->movie_delete(c, id);
}
static enum store_status movie_lock(const struct store_ops *o, struct store_conn *c, int64_t id) {
    return o->movie_lock(c, id);
}

static enum store_status actor_get(const struct store_ops *o, struct store_conn *c, int64_t id, struct arena *a,
                                   void *full) {
    return o->actor_get(c, id, a, full);
}
static enum store_status actor_list(const struct store_ops *o, struct store_conn *c, const char *search,
                                    int64_t offset, struct arena *a, const void **items, size_t *n,
                                    int64_t *total) {
    struct actor_page p = {0};
    enum store_status st = o->actor_list(c, search, offset, PAGE_SIZE, a, &p);
    *items = p.items, *n = p.n, *total = p.total;
    return st;
}
static enum store_status actor_insert(const struct store_ops *o, struct store_conn *c, const void *obj,
                                      int64_t *id) {
    return o->actor_insert(c, obj, id);
}
static enum store_status actor_update(const struct store_ops *o, struct store_conn *c, const void *obj) {
    return o->actor_update(c, obj);
}
static enum store_status actor_delete(const struct store_ops *o, struct store_conn *c, int64_t id) {
    return o->actor_delete(c, id);
}
static enum store_status actor_lock(const struct store_ops *o, struct store_conn *c, int64_t id) {
    return o->actor_lock(c, id);
}

const struct entity_api movie_api = {
    &movie_shape, "movie", "movies", "totalMovies",
    movie_get, movie_list, movie_insert, movie_update, movie_delete, movie_lock,
};

const struct entity_api actor_api = {
    &actor_shape, "actor", "actors", "totalActors",
    actor_get, actor_list, actor_insert, actor_update, actor_delete, actor_lock,
};

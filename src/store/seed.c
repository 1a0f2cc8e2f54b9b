/* Loads the demo catalogue compiled into the binary (demo-data.json) with
 * its fixed ids, in one transaction, through any engine's store_ops. It reads
 * the JSON with jansson; validating user input is the domain's job, not this. */
#include <jansson.h>
#include <stdio.h>

#include "store/seed_casting.h"
#include "store/store.h"
#include "store/seed_json.h"
#include "util/embedded.h"

static enum store_status seed_movies(const struct store_ops *ops, struct store_conn *c, const json_t *list) {
    size_t i;
    const json_t *o;
    json_array_foreach(list, i, o) {
        int genre = genre_parse(seed_str(o, "genre") ? seed_str(o, "genre") : "");
        struct movie m = {
            .id = json_integer_value(json_object_get(o, "id")),
            .title = seed_str(o, "title"),
            .genre = (enum genre)genre,
            .release_date = seed_str(o, "releaseDate"),
            .poster_url = seed_str(o, "posterUrl"),
        };
        if (m.id <= 0 || !m.title || genre < 0) return STORE_ERROR;
        enum store_status st = ops->movie_insert(c, &m, NULL);
        if (st != STORE_OK) return st;
    }
    return STORE_OK;
}

static enum store_status seed_actors(const struct store_ops *ops, struct store_conn *c, const json_t *list) {
    size_t i;
    const json_t *o;
    json_array_foreach(list, i, o) {
        const char *gender = seed_str(o, "gender");
        int g = gender ? gender_parse(gender) : GENDER_NONE;
        struct actor a = {
            .id = json_integer_value(json_object_get(o, "id")),
            .name = seed_str(o, "name"),
            .age = (int32_t)json_integer_value(json_object_get(o, "age")),
            .gender = (enum gender)g,
            .photo_url = seed_str(o, "photoUrl"),
        };
        if (a.id <= 0 || !a.name || a.age <= 0 || (gender && g < 0)) return STORE_ERROR;
        enum store_status st = ops->actor_insert(c, &a, NULL);
        if (st != STORE_OK) return st;
    }
    return STORE_OK;
}

static enum store_status seed_casts(const struct store_ops *ops, struct store_conn *c, const json_t *list) {
    size_t i;
    const json_t *o;
    json_array_foreach(list, i, o) {
        enum store_status st = ops->cast_insert(c, json_integer_value(json_object_get(o, "movieId")),
                                                json_integer_value(json_object_get(o, "actorId")));
        if (st != STORE_OK) return st;
    }
    return STORE_OK;
}

/* audit: one summary entry instead of one per seeded row (docs/audit.md). */
static enum store_status seed_note(const struct store_ops *ops, struct store_conn *c, const json_t *root,
                                   bool force) {
    char after[160];
    snprintf(after, sizeof after, "{\"actors\":%zu,\"casts\":%zu,\"force\":%s,\"movies\":%zu}",
             json_array_size(json_object_get(root, "actors")), json_array_size(json_object_get(root, "casts")),
             force ? "true" : "false", json_array_size(json_object_get(root, "movies")));
    enum store_status st = ops->audit_rows(c, true);
    return st == STORE_OK ? ops->audit_note(c, "database", "demo", "seed", after) : st;
}

/* Inside the transaction: make room (or refuse), load, move the id sequences on. */
static enum store_status seed_all(const struct store_ops *ops, struct store_conn *c, const json_t *root, bool force,
                                  int64_t casting_day) {
    bool empty = false;
    enum store_status st = ops->audit_rows(c, false);   /* audit: seed_note sums it up */
    if (st == STORE_OK) st = ops->is_empty(c, &empty);
    if (st == STORE_OK && !empty) st = force ? ops->clear(c) : STORE_CONFLICT;
    if (st == STORE_OK) st = seed_movies(ops, c, json_object_get(root, "movies"));
    if (st == STORE_OK) st = seed_actors(ops, c, json_object_get(root, "actors"));
    if (st == STORE_OK) st = seed_casts(ops, c, json_object_get(root, "casts"));
    if (st == STORE_OK) st = ops->sync_ids(c);
    if (st == STORE_OK && casting_day) st = seed_casting(ops, c, casting_day);
    if (st == STORE_OK) st = seed_note(ops, c, root, force);
    return st;
}

enum store_status store_seed_demo_casting(const struct store_ops *ops, struct store_conn *c, bool force,
                                          int64_t casting_day) {
    const struct embedded_file *f = &embedded_demo_data[0];
    json_t *root = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, NULL);
    if (!root) return STORE_ERROR;
    enum store_status st = ops->begin(c);
    if (st == STORE_OK) {
        st = seed_all(ops, c, root, force, casting_day);
        if (st == STORE_OK) st = ops->commit(c);
        else ops->rollback(c);
    }
    json_decref(root);
    return st;
}

enum store_status store_seed_demo(const struct store_ops *ops, struct store_conn *c, bool force) {
    return store_seed_demo_casting(ops, c, force, 0);
}

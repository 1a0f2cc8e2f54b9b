/* Loads the demo casting work (demo-casting.json: roles, candidates at their
 * stages, auditions in the coming days) on top of the demo catalogue, through
 * any engine's store_ops, inside the caller's transaction. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/audition.h"
#include "domain/fields.h"
#include "domain/roles.h"
#include "store/seed_casting.h"
#include "store/seed_json.h"
#include "util/embedded.h"

#define DAY_S 86400

static int32_t opt_int(const json_t *o, const char *key) {
    const json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (int32_t)json_integer_value(v) : FIELD_INT_NULL;
}

/* An audition `inDays` days after the day of `now` at `at` (HH:MM, UTC). */
static enum store_status seed_audition(const struct store_ops *ops, struct store_conn *c, int64_t role_id,
                                       int64_t actor_id, const json_t *o, int64_t now) {
    int hh = 0, mm = 0;
    const char *at = seed_str(o, "at");
    json_int_t days = json_integer_value(json_object_get(o, "inDays"));
    json_int_t minutes = json_integer_value(json_object_get(o, "minutes"));
    if (!at || sscanf(at, "%2d:%2d", &hh, &mm) != 2 || days < 0 || minutes <= 0 || !seed_str(o, "location"))
        return STORE_ERROR;
    int64_t start = (now / DAY_S + days) * DAY_S + hh * 3600 + mm * 60;
    struct audition au = {.role_id = role_id, .actor_id = actor_id, .starts_at = start,
                          .ends_at = start + minutes * 60, .location = seed_str(o, "location"),
                          .status = AUDITION_SCHEDULED};
    int64_t id = 0;
    return ops->audition_insert(c, &au, &id);
}

static enum store_status seed_candidate(const struct store_ops *ops, struct store_conn *c, int64_t role_id,
                                        const json_t *o, int64_t now) {
    int64_t actor_id = json_integer_value(json_object_get(o, "actorId"));
    int stage = stage_parse(seed_str(o, "stage") ? seed_str(o, "stage") : "");
    if (stage < 0 || stage == STAGE_BOOKED) return STORE_ERROR;   /* booking has rules of its own */
    enum store_status st = ops->candidate_insert(c, role_id, actor_id, now);
    char *tags = json_object_get(o, "tags") ? json_dumps(json_object_get(o, "tags"), JSON_COMPACT) : NULL;
    struct candidate k = {.role_id = role_id, .actor = {.id = actor_id}, .stage = stage,
                          .rating = opt_int(o, "rating"), .notes = seed_str(o, "notes"), .tags = tags ? tags : "[]"};
    if (st == STORE_OK) st = ops->candidate_update(c, &k, now);
    free(tags);
    const json_t *audition = json_object_get(o, "audition");
    if (st == STORE_OK && audition) st = seed_audition(ops, c, role_id, actor_id, audition, now);
    return st;
}

static enum store_status seed_role(const struct store_ops *ops, struct store_conn *c, const json_t *o,
                                   int64_t now) {
    const char *gender = seed_str(o, "gender");
    struct movie_role r = {
        .movie_id = json_integer_value(json_object_get(o, "movieId")),
        .name = seed_str(o, "name"),
        .description = seed_str(o, "description"),
        .gender = gender ? gender_parse(gender) : GENDER_NONE,
        .age_min = opt_int(o, "ageMin"),
        .age_max = opt_int(o, "ageMax"),
        .billing = opt_int(o, "billing"),
        .status = ROLE_OPEN,
    };
    if (!r.name || r.gender < 0) return STORE_ERROR;
    int64_t role_id = 0;
    enum store_status st = ops->role_insert(c, &r, &role_id);
    size_t i;
    const json_t *k;
    json_array_foreach(json_object_get(o, "candidates"), i, k) {
        if (st == STORE_OK) st = seed_candidate(ops, c, role_id, k, now);
    }
    return st;
}

enum store_status seed_casting(const struct store_ops *ops, struct store_conn *c, int64_t now) {
    const struct embedded_file *f = &embedded_demo_casting[0];
    json_t *root = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, NULL);
    if (!root) return STORE_ERROR;
    enum store_status st = STORE_OK;
    size_t i;
    const json_t *role;
    json_array_foreach(json_object_get(root, "roles"), i, role) {
        if (st == STORE_OK) st = seed_role(ops, c, role, now);
    }
    json_decref(root);
    return st;
}

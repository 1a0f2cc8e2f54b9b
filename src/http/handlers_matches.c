/* Finding actors (casting.md): GET /actors with the optional gender, ageMin
 * and ageMax filters (without them it is api.md's list, served by
 * entity_list, byte for byte), and GET /roles/{id}/matches, the actors who
 * fit a role's age range and gender and are not its candidates yet. Both
 * are paged like /actors and never cached (rep_cache keys know no filters). */
#include <string.h>

#include "domain/represent.h"
#include "domain/roles.h"
#include "http/handlers.h"
#include "http/query.h"
#include "http/response.h"

/* An age filter: absent or "" -> FIELD_INT_NULL; else 0..120 in decimal digits. */
static int age_param(const char *v, int32_t *out) {
    *out = FIELD_INT_NULL;
    if (!v || !*v) return 0;
    size_t n = strlen(v);
    if (n > 3 || strspn(v, "0123456789") != n) return -1;
    int32_t age = 0;
    for (size_t i = 0; i < n; i++) age = age * 10 + (v[i] - '0');
    if (age > ROLE_AGE_MAX) return -1;
    *out = age;
    return 0;
}

/* Writes {"actors":[...],"offset":..,"success":true,"totalActors":..}. */
static void write_actors(struct jw *w, const void *ctx) {
    const struct actor_page *p = ctx;
    represent_full_items(w, &actor_shape, p->items, p->n);
}

static void actor_page_body(struct response *rs, const struct actor_page *p, int64_t offset) {
    response_page(rs, &(struct page_body){"actors", "totalActors", offset, p->total, write_actors, p});
}

static void find(struct request *rq, struct response *rs, const struct actor_filter *f) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    int64_t offset = casting_offset(rq);
    struct actor_page page;
    enum store_status st = request_ops(rq)->actor_find(db, f, offset, PAGE_SIZE, rq->arena, &page);
    if (st != STORE_OK) response_store_error(rq, rs, st);
    else actor_page_body(rs, &page, offset);
}

static bool search_ok(struct request *rq, struct response *rs, const char **search) {
    *search = request_query(rq, "search");
    if (*search && !query_search_ok(*search)) {
        response_error(rs, 400, "search must be UTF-8 text of at most 200 bytes");
        return false;
    }
    if (*search && !**search) *search = NULL;
    return true;
}

void actors_list(struct request *rq, struct response *rs) {
    const char *gender = request_query(rq, "gender"), *min = request_query(rq, "ageMin"),
               *max = request_query(rq, "ageMax");
    if ((!gender || !*gender) && (!min || !*min) && (!max || !*max)) {
        entity_list(rq, rs);   /* api.md's list, unchanged */
        return;
    }
    struct actor_filter f = {.gender = -1, .age_min = FIELD_INT_NULL, .age_max = FIELD_INT_NULL};
    if (gender && *gender && (f.gender = gender_parse(gender)) < 0) {
        response_error(rs, 400, "gender must be MALE or FEMALE");
    } else if (age_param(min, &f.age_min) != 0) {
        response_error(rs, 400, "ageMin must be an integer from 0 to 120");
    } else if (age_param(max, &f.age_max) != 0) {
        response_error(rs, 400, "ageMax must be an integer from 0 to 120");
    } else if (f.age_min != FIELD_INT_NULL && f.age_max != FIELD_INT_NULL && f.age_min > f.age_max) {
        response_error(rs, 400, "ageMin must not be greater than ageMax");
    } else if (search_ok(rq, rs, &f.search)) {
        find(rq, rs, &f);
    }
}

void role_matches(struct request *rq, struct response *rs) {
    struct actor_filter f = {.not_candidate_of = rq->ids[0]};
    if (!search_ok(rq, rs, &f.search)) return;
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    struct movie_role r;
    enum store_status st = request_ops(rq)->role_get(db, rq->ids[0], rq->arena, &r);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    f.gender = r.gender;
    f.age_min = r.age_min;
    f.age_max = r.age_max;
    find(rq, rs, &f);
}

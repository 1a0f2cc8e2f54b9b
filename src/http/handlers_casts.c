/* Cast assignments: link an actor to a movie and unlink them (api.md). */
#include <inttypes.h>

#include "http/handlers.h"
#include "domain/body.h"
#include "http/response.h"


/* A positive integer member of obj, or 0. */
static int64_t id_member(const json_t *obj, const char *key) {
    const json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > ID_MAX) return 0;
    return json_integer_value(v);
}

static const char *cast_id(struct request *rq, int64_t movie, int64_t actor) {
    return arena_printf(rq->arena, "movie-%" PRId64 "-actor-%" PRId64, movie, actor);
}

void handle_cast_create(struct request *rq, struct response *rs) {
    const char *msg = NULL;
    json_t *body = body_parse_json(rq->body, rq->body_len, &msg);
    if (!body) {
        response_error(rs, 400, msg);
        return;
    }
    int64_t movie = id_member(body, "movieId"), actor = id_member(body, "actorId");
    json_decref(body);
    if (!movie || !actor) {
        response_error(rs, 400, !movie ? "movieId must be a positive integer" : "actorId must be a positive integer");
        return;
    }
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    enum store_status st = request_ops(rq)->cast_insert(db, movie, actor);
    if (st == STORE_NOT_FOUND) response_error(rs, 400, "the movie or the actor does not exist");
    else if (st == STORE_CONFLICT) response_error(rs, 400, "the actor is already cast in this movie");
    else if (st != STORE_OK) response_store_error(rq, rs, st);
    else response_id_str(rs, 201, cast_id(rq, movie, actor));
}

void handle_cast_delete(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    enum store_status st = request_ops(rq)->cast_delete(db, rq->ids[0], rq->ids[1]);
    if (st != STORE_OK) response_store_error(rq, rs, st);
    else response_id_str(rs, 200, cast_id(rq, rq->ids[0], rq->ids[1]));
}

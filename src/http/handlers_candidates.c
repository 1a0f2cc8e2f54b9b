/* The candidates of a role (casting.md "Candidates"): list (?stage=), add,
 * JSON Patch of stage/rating/notes/tags with the booking rules, and remove.
 * Booking runs in one transaction with the role row locked: it makes the
 * api.md cast link and sets the role to CAST; releasing undoes both unless
 * another booked role of the movie needs the link. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/body.h"
#include "domain/roles.h"
#include "http/handlers.h"
#include "http/response.h"

static void write_candidates(struct jw *w, const void *ctx) {
    const struct candidate_page *p = ctx;
    for (size_t i = 0; i < p->n; i++) candidate_write(w, &p->items[i]);
}

void candidates_list(struct request *rq, struct response *rs) {
    const char *stage_q = request_query(rq, "stage");
    int stage = stage_q ? stage_parse(stage_q) : -1;
    if (stage_q && stage < 0) {
        response_error(rs, 400, "stage must be one of SUGGESTED, SHORTLISTED, AUDITION, CALLBACK, ON_HOLD, "
                                "BOOKED, RELEASED");
        return;
    }
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    int64_t offset = casting_offset(rq);
    struct candidate_page page;
    enum store_status st =
        request_ops(rq)->candidate_list(db, rq->ids[0], stage, offset, PAGE_SIZE, rq->arena, &page);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    response_page(rs, &(struct page_body){"candidates", "totalCandidates", offset, page.total, write_candidates,
                                          &page});
}

/* {"actorId": <positive integer>} and nothing else. */
static int actor_id_of(const json_t *body, int64_t *id, const char **msg) {
    const json_t *v = json_is_object(body) ? json_object_get(body, "actorId") : NULL;
    if (!json_is_object(body)) *msg = "the body must be a JSON object";
    else if (json_object_size(body) != (v ? 1u : 0u)) *msg = "unknown field in the body (only actorId)";
    else if (!v) *msg = "actorId is required";
    else if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > ID_MAX)
        *msg = "actorId must be a positive integer";
    else {
        *id = json_integer_value(v);
        return 0;
    }
    return -1;
}

void candidate_create(struct request *rq, struct response *rs) {
    const char *msg = NULL;
    json_t *body = body_parse_json(rq->body, rq->body_len, &msg);
    int64_t actor = 0;
    int rc = body ? actor_id_of(body, &actor, &msg) : -1;
    json_decref(body);
    if (rc != 0) {
        response_error(rs, 400, msg);
        return;
    }
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    const struct store_ops *o = request_ops(rq);
    struct movie_role r = {0};
    enum store_status st = o->role_get(db, rq->ids[0], rq->arena, &r);
    if (st == STORE_OK) st = o->candidate_insert(db, rq->ids[0], actor, (int64_t)time(NULL));
    if (st == STORE_OK) response_id(rs, 201, actor);
    else if (st == STORE_CONFLICT) response_error(rs, 400, "the actor is a candidate for this role already");
    else if (st == STORE_NOT_FOUND && r.id == rq->ids[0]) response_error(rs, 400, "actorId names no actor");
    else response_store_error(rq, rs, st);
}

/* ?confirm=true: book although the actor is BOOKED in another role of the movie. */
static int confirm_of(const struct request *rq, bool *confirm) {
    const char *v = request_query(rq, "confirm");
    *confirm = v && strcmp(v, "true") == 0;
    return !v || *confirm || strcmp(v, "false") == 0 ? 0 : -1;
}

/* Booking cand (not BOOKED before) in role r; false with rs filled and rolled back. */
static bool book(struct request *rq, struct response *rs, const struct movie_role *r, const struct candidate *k,
                 bool confirm) {
    const struct store_ops *o = request_ops(rq);
    int64_t booked = 0, clash = 0;
    const char *clash_name = NULL;
    enum store_status st = o->role_booked(rq->db, r->id, &booked);
    if (st == STORE_OK && booked != 0) {
        casting_fail(rq, rs, 409, arena_printf(rq->arena, "the role has a BOOKED candidate already (actor %lld): "
                                                          "release them first", (long long)booked));
        return false;
    }
    if (st == STORE_OK)
        st = o->actor_booked_in_movie(rq->db, r->movie_id, k->actor.id, r->id, rq->arena, &clash, &clash_name);
    if (st == STORE_OK && clash != 0 && !confirm) {
        casting_fail(rq, rs, 409, arena_printf(rq->arena, "the actor is BOOKED as \"%s\" (role %lld) in this movie "
                                                          "already; repeat with ?confirm=true to book both",
                                               clash_name, (long long)clash));
        return false;
    }
    if (st == STORE_OK) {
        st = o->cast_insert(rq->db, r->movie_id, k->actor.id);
        if (st == STORE_OK) st = o->booking_link_add(rq->db, r->movie_id, k->actor.id);   /* ours to remove */
        else if (st == STORE_CONFLICT) st = STORE_OK;   /* linked already: by hand, or by another booking */
    }
    if (st == STORE_OK && r->status != ROLE_CAST) st = o->role_set_status(rq->db, r->id, ROLE_CAST);
    if (st != STORE_OK) casting_store_fail(rq, rs, st);
    return st == STORE_OK;
}

/* Releasing a BOOKED candidate: the cast link goes if a booking made it and
 * no other booked role of the movie needs it; a CAST role opens again. */
static bool unbook(struct request *rq, struct response *rs, const struct movie_role *r, const struct candidate *k) {
    const struct store_ops *o = request_ops(rq);
    int64_t other = 0;
    const char *other_name = NULL;
    enum store_status st =
        o->actor_booked_in_movie(rq->db, r->movie_id, k->actor.id, r->id, rq->arena, &other, &other_name);
    bool made = false;
    if (st == STORE_OK && other == 0) st = o->booking_link_take(rq->db, r->movie_id, k->actor.id, &made);
    if (st == STORE_OK && made) {
        st = o->cast_delete(rq->db, r->movie_id, k->actor.id);
        if (st == STORE_NOT_FOUND) st = STORE_OK;
    }
    if (st == STORE_OK && r->status == ROLE_CAST) st = o->role_set_status(rq->db, r->id, ROLE_OPEN);
    if (st != STORE_OK) casting_store_fail(rq, rs, st);
    return st == STORE_OK;
}

static bool same_text(const char *a, const char *b) {
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool unchanged(const struct candidate *a, const struct candidate *b) {
    return a->stage == b->stage && a->rating == b->rating && same_text(a->notes, b->notes) &&
           same_text(a->tags, b->tags);
}

/* Inside the transaction: locks the role's movie, then the role (the order
 * of a movie's deletion, so they cannot deadlock), reads both the role and
 * the candidate. The movie lock serialises bookings across the movie's
 * roles (the same actor booked in two roles at once); PostgreSQL needs it,
 * SQLite's write transaction serialises anyway. */
static bool candidate_for_write(struct request *rq, struct response *rs, struct movie_role *r, struct candidate *k) {
    const struct store_ops *o = request_ops(rq);
    enum store_status st = o->role_get(rq->db, rq->ids[0], rq->arena, r);
    if (st == STORE_OK) st = o->movie_lock(rq->db, r->movie_id);
    if (st == STORE_OK) st = o->role_lock(rq->db, rq->ids[0]);
    if (st == STORE_OK) st = o->role_get(rq->db, rq->ids[0], rq->arena, r);
    if (st == STORE_OK) st = o->candidate_get(rq->db, rq->ids[0], rq->ids[1], rq->arena, k);
    if (st != STORE_OK) casting_store_fail(rq, rs, st);
    return st == STORE_OK;
}

void candidate_patch_handler(struct request *rq, struct response *rs) {
    const char *msg = NULL;
    bool confirm = false;
    if (confirm_of(rq, &confirm) != 0) {
        response_error(rs, 400, "confirm must be true or false");
        return;
    }
    json_t *patch = body_parse_json(rq->body, rq->body_len, &msg);
    if (!patch) {
        response_error(rs, 400, msg);
        return;
    }
    struct movie_role r;
    struct candidate before, after;
    if (!casting_begin(rq, rs) || !candidate_for_write(rq, rs, &r, &before)) {
        json_decref(patch);
        return;
    }
    after = before;
    int rc = candidate_patch(patch, &after, rq->arena, &msg);
    json_decref(patch);
    const char *refusal = rc == 0 ? stage_move_refusal(before.stage, after.stage) : NULL;
    if (rc != 0) {
        casting_fail(rq, rs, 400, msg);
        return;
    }
    if (refusal) {
        casting_fail(rq, rs, 409, refusal);
        return;
    }
    if (unchanged(&before, &after)) {
        request_ops(rq)->rollback(rq->db);
        response_empty(rs, 204);
        return;
    }
    bool booking = after.stage == STAGE_BOOKED && before.stage != STAGE_BOOKED;
    bool releasing = before.stage == STAGE_BOOKED && after.stage != STAGE_BOOKED;
    if (booking && !book(rq, rs, &r, &after, confirm)) return;
    if (releasing && !unbook(rq, rs, &r, &after)) return;
    enum store_status st = request_ops(rq)->candidate_update(rq->db, &after, (int64_t)time(NULL));
    if (st == STORE_CONFLICT)   /* candidates_one_booked: the last line of defence */
        casting_fail(rq, rs, 409, "the role has a BOOKED candidate already");
    else if (st != STORE_OK) casting_store_fail(rq, rs, st);
    else if (casting_commit(rq, rs)) response_id(rs, 200, rq->ids[1]);
}

void candidate_delete(struct request *rq, struct response *rs) {
    struct movie_role r;
    struct candidate k;
    if (!casting_begin(rq, rs) || !candidate_for_write(rq, rs, &r, &k)) return;
    if (k.stage == STAGE_BOOKED) {
        casting_fail(rq, rs, 409, "the candidate is BOOKED: release them (stage RELEASED) before removing");
        return;
    }
    enum store_status st = request_ops(rq)->candidate_delete(rq->db, rq->ids[0], rq->ids[1]);
    if (st != STORE_OK) casting_store_fail(rq, rs, st);
    else if (casting_commit(rq, rs)) response_id(rs, 200, rq->ids[1]);
}

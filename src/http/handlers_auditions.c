/* The auditions endpoints (casting.md "Auditions"): schedule one for a
 * role's candidate, list, read (ETag), JSON Patch, cancel. Scheduling and
 * moving run the clash check and the write in one transaction, after the
 * store's serialising lock, so two overlapping bookings cannot both pass. */
#include <string.h>
#include <time.h>

#include "domain/audition.h"
#include "domain/body.h"
#include "http/audition_query.h"
#include "http/handlers.h"
#include "http/preconditions.h"
#include "http/query.h"
#include "http/response.h"

/* ---- shared steps ---- */

static void represent(const struct audition *au, struct strbuf *json, char etag[SHA256_HEX_LEN + 1]) {
    struct jw w = jw_on(json);
    audition_write(&w, au);
    represent_etag(json->data, json->len, etag);
}

/* Rolls back and answers with the store's error. */
static void fail(struct request *rq, struct response *rs, enum store_status st) {
    request_ops(rq)->rollback(rq->db);
    response_store_error(rq, rs, st);
}

static void fail_with(struct request *rq, struct response *rs, int status, const char *msg) {
    request_ops(rq)->rollback(rq->db);
    response_error(rs, status, msg);
}

/* Commits; on failure rolls back and answers. */
static bool commit(struct request *rq, struct response *rs) {
    enum store_status st = request_ops(rq)->commit(rq->db);
    if (st != STORE_OK) fail(rq, rs, st);
    return st == STORE_OK;
}

/* Opens the request's write transaction and takes the clash-check lock. */
static bool begin_serialised(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return false;
    const struct store_ops *o = request_ops(rq);
    enum store_status st = o->begin(db);
    if (st != STORE_OK) {   /* nothing to roll back: under group commit that would end the batch's level */
        response_store_error(rq, rs, st);
        return false;
    }
    if ((st = o->audition_serialise(db)) != STORE_OK) fail(rq, rs, st);
    return st == STORE_OK;
}

/* Inside the transaction: false (rs = 409 naming the clash, rolled back)
 * when a scheduled au overlaps another scheduled audition of its actor or
 * in its location. Other statuses never clash. */
static bool clash_free(struct request *rq, struct response *rs, const struct audition *au) {
    if (au->status != AUDITION_SCHEDULED) return true;
    struct audition other;
    const char *name = NULL;
    enum store_status st = request_ops(rq)->audition_clash(rq->db, au, rq->arena, &other, &name);
    if (st == STORE_NOT_FOUND) return true;
    if (st != STORE_OK) fail(rq, rs, st);
    else fail_with(rq, rs, 409, audition_clash_message(au, &other, name, rq->arena));
    return false;
}

/* Inside the transaction: the role's candidate must exist and not be
 * released. False with rs filled (rolled back). */
static bool candidate_ok(struct request *rq, struct response *rs, const struct audition *au) {
    const char *stage = NULL;
    enum store_status st = request_ops(rq)->audition_candidate(rq->db, au->role_id, au->actor_id, rq->arena, &stage);
    if (st != STORE_OK) {
        fail(rq, rs, st);   /* NOT_FOUND: no such role -> 404 */
        return false;
    }
    if (!stage || strcmp(stage, "RELEASED") == 0) {
        fail_with(rq, rs, 400, arena_printf(rq->arena, stage ? "actorId: actor %lld was released from role %lld"
                                                             : "actorId: actor %lld is not a candidate of role %lld",
                                            (long long)au->actor_id, (long long)au->role_id));
        return false;
    }
    return true;
}

/* ---- POST /roles/{id}/auditions ---- */

void handle_audition_create(struct request *rq, struct response *rs) {
    const char *msg = NULL;
    json_t *body = body_parse_json(rq->body, rq->body_len, &msg);
    struct audition au = {.role_id = rq->ids[0]};
    int rc = body ? audition_from_body(body, &au, rq->arena, &msg) : -1;
    json_decref(body);
    if (rc != 0) {
        response_error(rs, 400, msg);
        return;
    }
    if (!begin_serialised(rq, rs) || !candidate_ok(rq, rs, &au) || !clash_free(rq, rs, &au)) return;
    const struct store_ops *o = request_ops(rq);
    bool moved = false;
    enum store_status st = o->audition_insert(rq->db, &au, &au.id);
    if (st == STORE_NOT_FOUND) {   /* the candidacy went away since the check */
        fail_with(rq, rs, 400, "actorId: the actor is no longer a candidate of the role");
        return;
    }
    if (st == STORE_OK) st = o->audition_advance(rq->db, au.role_id, au.actor_id, (int64_t)time(NULL), &moved);
    if (st != STORE_OK) fail(rq, rs, st);
    else if (commit(rq, rs)) response_id(rs, 201, au.id);
}

/* ---- GET /auditions ---- */

static void write_auditions(struct jw *w, const void *ctx) {
    const struct audition_page *p = ctx;
    for (size_t i = 0; i < p->n; i++) audition_write(w, &p->items[i]);
}

void handle_audition_list(struct request *rq, struct response *rs) {
    struct audition_filter f;
    if (!audition_query_filter(rq, rs, &f)) return;
    int64_t offset = (query_page(request_query(rq, "page")) - 1) * PAGE_SIZE;
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    struct audition_page page;
    enum store_status st = request_ops(rq)->audition_list(db, &f, offset, PAGE_SIZE, rq->arena, &page);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    response_page(rs, &(struct page_body){"auditions", "totalAuditions", offset, page.total, write_auditions, &page});
}

/* ---- GET /auditions/{id} ---- */

void handle_audition_get(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    struct audition au;
    enum store_status st = request_ops(rq)->audition_get(db, rq->ids[0], rq->arena, &au);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    struct strbuf json = STRBUF_INIT;
    represent(&au, &json, rs->etag);
    rs->status = 200;
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "audition");
    jw_raw(&w, json.data, json.len);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_obj_end(&w);
    strbuf_free(&json);
    const char *inm = request_header(rq, "If-None-Match");
    if (inm && etag_list_matches(inm, rs->etag, true)) response_empty(rs, 304);
}

/* ---- PATCH and DELETE ---- */

/* Inside the transaction: locks and reads the audition, checks If-Match
 * (rs->etag = its current ETag). False with rs filled (rolled back). */
static bool load_for_write(struct request *rq, struct response *rs, struct audition *au) {
    const struct store_ops *o = request_ops(rq);
    enum store_status st = o->audition_lock(rq->db, rq->ids[0]);
    if (st == STORE_OK) st = o->audition_get(rq->db, rq->ids[0], rq->arena, au);
    if (st != STORE_OK) {
        fail(rq, rs, st);
        return false;
    }
    struct strbuf json = STRBUF_INIT;
    represent(au, &json, rs->etag);
    strbuf_free(&json);
    const char *im = request_header(rq, "If-Match");
    if (im && !etag_list_matches(im, rs->etag, false)) {
        rs->etag[0] = '\0';
        fail_with(rq, rs, 412, "the resource has changed since it was read (ETag does not match If-Match)");
        return false;
    }
    return true;
}

void handle_audition_patch(struct request *rq, struct response *rs) {
    const char *msg = NULL;
    json_t *patch = body_parse_json(rq->body, rq->body_len, &msg);
    if (!patch) {
        response_error(rs, 400, msg);
        return;
    }
    struct audition before = {0}, after;
    if (!begin_serialised(rq, rs) || !load_for_write(rq, rs, &before)) {
        json_decref(patch);
        return;
    }
    after = before;
    int rc = audition_patch(patch, &after, rq->arena, &msg);
    json_decref(patch);
    if (rc != 0) {
        rs->etag[0] = '\0';
        fail_with(rq, rs, 400, msg);
        return;
    }
    char etag[SHA256_HEX_LEN + 1];
    struct strbuf json = STRBUF_INIT;
    represent(&after, &json, etag);
    strbuf_free(&json);
    if (strcmp(etag, rs->etag) == 0) {   /* nothing changed: nothing written */
        request_ops(rq)->rollback(rq->db);
        response_empty(rs, 204);
        return;
    }
    rs->etag[0] = '\0';
    /* what stays or becomes SCHEDULED is scheduled: not for a released candidate */
    if (after.status == AUDITION_SCHEDULED && !candidate_ok(rq, rs, &after)) return;
    if (!clash_free(rq, rs, &after)) return;
    enum store_status st = request_ops(rq)->audition_update(rq->db, &after);
    if (st != STORE_OK) {
        fail(rq, rs, st);
    } else if (commit(rq, rs)) {
        memcpy(rs->etag, etag, sizeof etag);
        response_id(rs, 200, after.id);
    }
}

/* Cancelling: the audition stays, with status CANCELLED (it no longer
 * clashes and leaves the calendar feed). */
void handle_audition_delete(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    enum store_status st = request_ops(rq)->begin(db);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    struct audition au;
    if (!load_for_write(rq, rs, &au)) return;
    rs->etag[0] = '\0';
    if (au.status == AUDITION_CANCELLED) {
        request_ops(rq)->rollback(db);
        response_id(rs, 200, au.id);
        return;
    }
    au.status = AUDITION_CANCELLED;
    st = request_ops(rq)->audition_update(db, &au);
    if (st != STORE_OK) fail(rq, rs, st);
    else if (commit(rq, rs)) response_id(rs, 200, au.id);
}

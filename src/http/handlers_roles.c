/* The roles of a movie (casting.md "Roles"): list and create under
 * /movies/{id}/roles, get (ETag), JSON Patch (If-Match) and delete under
 * /roles/{id}; and the helpers the other casting handlers share
 * (handlers.h, "roles" block). */
#include <string.h>

#include "domain/body.h"
#include "domain/patch.h"
#include "domain/roles.h"
#include "http/handlers.h"
#include "http/preconditions.h"
#include "http/query.h"
#include "http/response.h"

bool casting_begin(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return false;
    enum store_status st = request_ops(rq)->begin(db);
    if (st != STORE_OK) response_store_error(rq, rs, st);
    return st == STORE_OK;
}

bool casting_commit(struct request *rq, struct response *rs) {
    enum store_status st = request_ops(rq)->commit(rq->db);
    if (st == STORE_OK) return true;
    request_ops(rq)->rollback(rq->db);
    response_store_error(rq, rs, st);
    return false;
}

void casting_fail(struct request *rq, struct response *rs, int status, const char *message) {
    request_ops(rq)->rollback(rq->db);
    rs->etag[0] = '\0';
    response_error(rs, status, message);
}

void casting_store_fail(struct request *rq, struct response *rs, enum store_status st) {
    request_ops(rq)->rollback(rq->db);
    rs->etag[0] = '\0';
    if (st == STORE_CONFLICT) response_error(rs, 400, request_ops(rq)->last_error(rq->db));
    else response_store_error(rq, rs, st);
}

int64_t casting_offset(const struct request *rq) {
    return (query_page(request_query(rq, "page")) - 1) * PAGE_SIZE;
}

/* The role's JSON into out and its ETag. */
static void role_json(const struct movie_role *r, struct strbuf *out, char etag[SHA256_HEX_LEN + 1]) {
    struct jw w = jw_on(out);
    role_write(&w, r);
    represent_etag(out->data, out->len, etag);
}

static void write_roles(struct jw *w, const void *ctx) {
    const struct role_page *p = ctx;
    for (size_t i = 0; i < p->n; i++) role_write(w, &p->items[i]);
}

void roles_list(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    int64_t offset = casting_offset(rq);
    struct role_page page;
    enum store_status st = request_ops(rq)->role_list(db, rq->ids[0], offset, PAGE_SIZE, rq->arena, &page);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    response_page(rs, &(struct page_body){"roles", "totalRoles", offset, page.total, write_roles, &page});
}

void role_create(struct request *rq, struct response *rs) {
    const char *msg = NULL;
    json_t *body = body_parse_json(rq->body, rq->body_len, &msg);
    struct movie_role r;
    int rc = body ? role_from_body(body, &r, rq->arena, &msg) : -1;
    json_decref(body);
    if (rc != 0) {
        response_error(rs, 400, msg);
        return;
    }
    r.movie_id = rq->ids[0];
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    int64_t id = 0;
    enum store_status st = request_ops(rq)->role_insert(db, &r, &id);
    if (st == STORE_CONFLICT) response_error(rs, 400, "billing is taken by another role of this movie");
    else if (st != STORE_OK) response_store_error(rq, rs, st);
    else response_id(rs, 201, id);
}

void role_get(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    struct movie_role r;
    enum store_status st = request_ops(rq)->role_get(db, rq->ids[0], rq->arena, &r);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    struct strbuf json = STRBUF_INIT;
    role_json(&r, &json, rs->etag);
    response_wrapped(rs, 200, "role", &json);
    strbuf_free(&json);
    const char *inm = request_header(rq, "If-None-Match");
    if (inm && etag_list_matches(inm, rs->etag, true)) {
        strbuf_reset(&rs->body);
        response_empty(rs, 304);
    }
}

/* Inside a transaction: locks and reads the role, checks If-Match; false
 * (rolled back, rs filled) when the write must not go on. */
static bool role_for_write(struct request *rq, struct response *rs, struct movie_role *r) {
    const struct store_ops *o = request_ops(rq);
    enum store_status st = o->role_lock(rq->db, rq->ids[0]);
    if (st == STORE_OK) st = o->role_get(rq->db, rq->ids[0], rq->arena, r);
    if (st != STORE_OK) {
        casting_store_fail(rq, rs, st);
        return false;
    }
    struct strbuf json = STRBUF_INIT;
    role_json(r, &json, rs->etag);
    strbuf_free(&json);
    const char *im = request_header(rq, "If-Match");
    if (im && !etag_list_matches(im, rs->etag, false)) {
        casting_fail(rq, rs, 412, "the role has changed since it was read (ETag does not match If-Match)");
        return false;
    }
    return true;
}

void role_patch(struct request *rq, struct response *rs) {
    const char *msg = NULL;
    json_t *patch = body_parse_json(rq->body, rq->body_len, &msg);
    if (!patch) {
        response_error(rs, 400, msg);
        return;
    }
    struct movie_role before, after;
    if (!casting_begin(rq, rs) || !role_for_write(rq, rs, &before)) {
        json_decref(patch);
        return;
    }
    after = before;
    int rc = patch_apply(&role_resource, patch, &after, rq->arena, &msg);
    json_decref(patch);
    if (rc != 0 || role_check(&after, &msg) != 0) {
        casting_fail(rq, rs, 400, msg);
        return;
    }
    struct strbuf json = STRBUF_INIT;
    char etag[SHA256_HEX_LEN + 1];
    role_json(&after, &json, etag);
    strbuf_free(&json);
    enum store_status st;
    if (strcmp(etag, rs->etag) == 0) {
        request_ops(rq)->rollback(rq->db);
        response_empty(rs, 204);   /* nothing changed: nothing written */
    } else if ((st = request_ops(rq)->role_update(rq->db, &after)) != STORE_OK) {
        casting_store_fail(rq, rs, st);
    } else if (casting_commit(rq, rs)) {
        memcpy(rs->etag, etag, sizeof etag);
        response_id(rs, 200, rq->ids[0]);
    } else {
        rs->etag[0] = '\0';
    }
}

void role_delete(struct request *rq, struct response *rs) {
    struct movie_role r;
    if (!casting_begin(rq, rs) || !role_for_write(rq, rs, &r)) return;
    rs->etag[0] = '\0';
    enum store_status st = request_ops(rq)->role_delete(rq->db, rq->ids[0]);
    if (st != STORE_OK) casting_store_fail(rq, rs, st);
    else if (casting_commit(rq, rs)) response_id(rs, 200, rq->ids[0]);
}

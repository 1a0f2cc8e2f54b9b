/* The generic handlers for movies and actors: list, get, create, JSON Patch
 * and delete, with ETags and preconditions. The entity descriptor (entities.c)
 * says which store calls and wire names to use. */
#include <stdlib.h>
#include <string.h>

#include "domain/body.h"
#include "domain/patch.h"
#include "http/handlers.h"
#include "http/preconditions.h"
#include "http/query.h"
#include "http/rep_cache.h"
#include "http/response.h"
#include "http/routes.h"

static const struct entity_api *api_of(const struct request *rq) { return rq->route->ctx; }

/* Serialises a full entity into out and computes its ETag. */
static void represent_with_etag(const struct shape *s, const void *full, struct strbuf *out,
                                char etag[SHA256_HEX_LEN + 1]) {
    struct jw w = jw_on(out);
    represent_full(&w, s, full);
    represent_etag(out->data, out->len, etag);
}

/* With a cache the store vouches for now (store_pool_changes): notices
 * writes by other connections, then takes the generation the representation
 * will be read under (rep_cache.h). *use false: no cache for this request. */
static bool cache_generation(struct request *rq, struct response *rs, struct store_conn *db, uint64_t *gen,
                             bool *use) {
    struct rep_cache *cache = rq->app->cache;
    const struct store_ops *ops = request_ops(rq);
    uint64_t changes = 0;
    enum store_changes how = cache ? store_pool_changes(rq->app->pool, &changes) : STORE_CHANGES_NONE;
    *use = how == STORE_CHANGES_ALL || (how != STORE_CHANGES_NONE && ops->changed_elsewhere);
    if (!*use) return true;
    if (how != STORE_CHANGES_ALL) {
        bool changed = false;
        enum store_status st = ops->changed_elsewhere(db, &changed);
        if (st != STORE_OK) {
            response_store_error(rq, rs, st);
            return false;
        }
        if (changed) rep_cache_bump(cache);
        rep_cache_checked(cache);
    }
    if (how != STORE_CHANGES_ASK) rep_cache_note(cache, changes);
    *gen = rep_cache_generation(cache);
    return true;
}

/* A hit answered before any database connection is taken: only when the
 * store's count of commits vouches for the cache and no full check is due.
 * *looked: the generation a miss looked under (0: none), not to look twice. */
static bool cached_without_db(struct request *rq, struct response *rs, struct rep_key key, uint64_t *looked) {
    struct rep_cache *cache = rq->app->cache;
    uint64_t changes = 0;
    *looked = 0;
    enum store_changes how = cache ? store_pool_changes(rq->app->pool, &changes) : STORE_CHANGES_NONE;
    if (how != STORE_CHANGES_COUNTED && how != STORE_CHANGES_ALL) return false;
    rep_cache_note(cache, changes);
    if (how == STORE_CHANGES_COUNTED && rep_cache_check_due(cache)) return false;
    uint64_t gen = rep_cache_generation(cache);
    if (!rep_cache_get(cache, key, gen, &rs->body, rs->etag)) {
        *looked = gen;
        return false;
    }
    rs->status = 200;
    return true;
}

/* A GET's read through the cache: what the handler reads from db and then
 * stores under gen when use. */
struct cached_read {
    struct store_conn *db;
    uint64_t gen;
    bool use;
};

/* True when rs is answered already: a hit (status 200, body and ETag), or
 * an error taking a connection or asking the store. */
static bool answered_from_cache(struct request *rq, struct response *rs, struct rep_key key, struct cached_read *r) {
    uint64_t looked = 0;
    *r = (struct cached_read){0};
    if (cached_without_db(rq, rs, key, &looked)) return true;
    if (!(r->db = request_db(rq, rs)) || !cache_generation(rq, rs, r->db, &r->gen, &r->use)) return true;
    if (!r->use || r->gen == looked || !rep_cache_get(rq->app->cache, key, r->gen, &rs->body, rs->etag)) return false;
    rs->status = 200;
    return true;
}

struct entity_items {
    const struct shape *shape;
    const void *items;
    size_t n;
};

static void write_entities(struct jw *w, const void *ctx) {
    const struct entity_items *l = ctx;
    represent_full_items(w, l->shape, l->items, l->n);
}

void entity_list(struct request *rq, struct response *rs) {
    const struct entity_api *e = api_of(rq);
    const char *search = request_query(rq, "search");
    if (search && !query_search_ok(search)) {
        response_error(rs, 400, "search must be UTF-8 text of at most 200 bytes");
        return;
    }
    int64_t offset = (query_page(request_query(rq, "page")) - 1) * PAGE_SIZE;
    /* "" and no search are the same list */
    struct rep_key key = {&e->list_key, offset, search ? search : ""};
    struct cached_read r;
    if (answered_from_cache(rq, rs, key, &r)) return;
    const void *items = NULL;
    size_t n = 0;
    int64_t total = 0;
    enum store_status st = e->list(request_ops(rq), r.db, search, offset, rq->arena, &items, &n, &total);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    struct entity_items list = {e->shape, items, n};
    response_page(rs, &(struct page_body){e->list_key, e->total_key, offset, total, write_entities, &list});
    if (r.use) rep_cache_put(rq->app->cache, key, r.gen, rs->body.data, rs->body.len, rs->etag);
}

/* 304 when If-None-Match names the representation's ETag, else the body. */
static void answer_conditionally(struct request *rq, struct response *rs) {
    const char *inm = request_header(rq, "If-None-Match");
    if (inm && etag_list_matches(inm, rs->etag, true)) {
        strbuf_reset(&rs->body);
        response_empty(rs, 304);
    }
}

void entity_get(struct request *rq, struct response *rs) {
    const struct entity_api *e = api_of(rq);
    struct rep_key key = {e, rq->ids[0], NULL};
    struct cached_read r;
    if (answered_from_cache(rq, rs, key, &r)) {
        if (rs->status == 200) answer_conditionally(rq, rs);
        return;
    }
    void *full = arena_alloc(rq->arena, e->shape->full_size);
    enum store_status st = e->get(request_ops(rq), r.db, rq->ids[0], rq->arena, full);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    struct strbuf json = STRBUF_INIT;
    represent_with_etag(e->shape, full, &json, rs->etag);
    response_wrapped(rs, 200, e->item_key, &json);
    strbuf_free(&json);
    if (r.use) rep_cache_put(rq->app->cache, key, r.gen, rs->body.data, rs->body.len, rs->etag);
    answer_conditionally(rq, rs);
}

void entity_create(struct request *rq, struct response *rs) {
    const struct entity_api *e = api_of(rq);
    const char *msg = NULL;
    json_t *body = body_parse_json(rq->body, rq->body_len, &msg);
    void *obj = arena_alloc(rq->arena, e->shape->res->size);
    if (!body || body_to_resource(e->shape->res, body, obj, rq->arena, &msg) != 0) {
        json_decref(body);
        response_error(rs, 400, msg);
        return;
    }
    json_decref(body);
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    int64_t id = 0;
    enum store_status st = e->insert(request_ops(rq), db, obj, &id);
    if (st != STORE_OK) response_store_error(rq, rs, st);
    else response_id(rs, 201, id);
}

/* Inside a transaction: locks and loads the entity, checks If-Match.
 * Returns the full struct, or NULL with rs filled. */
static void *load_for_write(struct request *rq, struct response *rs, struct strbuf *json) {
    const struct entity_api *e = api_of(rq);
    const struct store_ops *o = request_ops(rq);
    void *full = arena_alloc(rq->arena, e->shape->full_size);
    enum store_status st = e->lock(o, rq->db, rq->ids[0]);
    if (st == STORE_OK) st = e->get(o, rq->db, rq->ids[0], rq->arena, full);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return NULL;
    }
    represent_with_etag(e->shape, full, json, rs->etag);
    const char *im = request_header(rq, "If-Match");
    if (im && !etag_list_matches(im, rs->etag, false)) {
        response_error(rs, 412, "the resource has changed since it was read (ETag does not match If-Match)");
        return NULL;
    }
    return full;
}

/* Commits, or maps a failed commit to an error response. */
static bool commit_or_fail(struct request *rq, struct response *rs) {
    enum store_status st = request_ops(rq)->commit(rq->db);
    if (st == STORE_OK) return true;
    request_ops(rq)->rollback(rq->db);
    response_store_error(rq, rs, st);
    return false;
}

void entity_patch(struct request *rq, struct response *rs) {
    const struct entity_api *e = api_of(rq);
    const char *msg = NULL;
    json_t *patch = body_parse_json(rq->body, rq->body_len, &msg);
    if (!patch) {
        response_error(rs, 400, msg);
        return;
    }
    struct store_conn *db = request_db(rq, rs);
    enum store_status st = db ? request_ops(rq)->begin(db) : STORE_OK;
    if (!db || st != STORE_OK) {
        if (db) response_store_error(rq, rs, st);
        json_decref(patch);
        return;
    }
    struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
    void *full = load_for_write(rq, rs, &before);
    void *changed = full ? arena_alloc(rq->arena, e->shape->full_size) : NULL;
    if (changed) {
        memcpy(changed, full, e->shape->full_size);
        if (patch_apply(e->shape->res, patch, changed, rq->arena, &msg) != 0) {
            response_error(rs, 400, msg);
            changed = NULL;
        }
    }
    char etag[SHA256_HEX_LEN + 1];
    if (changed) represent_with_etag(e->shape, changed, &after, etag);
    if (changed && strcmp(etag, rs->etag) == 0) {
        response_empty(rs, 204);  /* nothing changed: nothing written */
        changed = NULL;
    }
    if (!changed) {
        request_ops(rq)->rollback(db);
        if (rs->status != 204) rs->etag[0] = '\0';
    } else if ((st = e->update(request_ops(rq), db, changed)) != STORE_OK) {
        request_ops(rq)->rollback(db);
        response_store_error(rq, rs, st);
    } else if (commit_or_fail(rq, rs)) {
        memcpy(rs->etag, etag, sizeof etag);
        response_id(rs, 200, rq->ids[0]);
    }
    strbuf_free(&before);
    strbuf_free(&after);
    json_decref(patch);
}

void entity_delete(struct request *rq, struct response *rs) {
    const struct entity_api *e = api_of(rq);
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    const struct store_ops *o = request_ops(rq);
    enum store_status st;
    if (!request_header(rq, "If-Match")) {
        st = e->remove(o, db, rq->ids[0]);
        if (st != STORE_OK) response_store_error(rq, rs, st);
        else response_id(rs, 200, rq->ids[0]);
        return;
    }
    if ((st = o->begin(db)) != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    struct strbuf json = STRBUF_INIT;
    bool ok = load_for_write(rq, rs, &json) != NULL;
    strbuf_free(&json);
    rs->etag[0] = '\0';
    if (ok && (st = e->remove(o, db, rq->ids[0])) != STORE_OK) {
        response_store_error(rq, rs, st);
        ok = false;
    }
    if (!ok) o->rollback(db);
    else if (commit_or_fail(rq, rs)) response_id(rs, 200, rq->ids[0]);
}

/* Producers' share links (casting.md "Share links"): create, list and revoke
 * them (producers), the team's vote totals, and the public side reached by
 * the token alone: the role's candidates in the chosen stages and the
 * viewers' votes. Public requests are rate-limited per client address. */
#include <string.h>
#include <time.h>

#include "auth/throttle.h"
#include "domain/body.h"
#include "domain/share_token.h"
#include "domain/shares.h"
#include "http/handlers.h"
#include "http/query.h"
#include "http/response.h"

#define SHARE_URL_PREFIX "/app/shared/"   /* the web app's public page */
#define SHARED_PREFIX "/shared/"

static void time_member(struct jw *w, const char *key, int64_t t) {
    jw_key(w, key);
    if (t <= 0) {
        jw_null(w);
        return;
    }
    struct tm tm;
    time_t tt = (time_t)t;
    char buf[32];
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    jw_str(w, buf);
}

static void votes_member(struct jw *w, int64_t up, int64_t down) {
    jw_key(w, "votes");
    jw_obj_begin(w);
    jw_key(w, "down");
    jw_int(w, down);
    jw_key(w, "up");
    jw_int(w, up);
    jw_obj_end(w);
}

static void int_or_null(struct jw *w, const char *key, int64_t v, bool null) {
    jw_key(w, key);
    if (null) jw_null(w);
    else jw_int(w, v);
}

/* ---- producers ---- */

void handle_share_create(struct request *rq, struct response *rs) {
    const char *msg = NULL, *stages = NULL;
    int hours = 0;
    json_t *body = body_parse_json(rq->body, rq->body_len, &msg);
    int rc = body ? share_request_parse(body, rq->arena, &hours, &stages, &msg) : -1;
    json_decref(body);
    if (rc != 0) {
        response_error(rs, 400, msg);
        return;
    }
    char token[SHARE_TOKEN_LEN + 1], hash[SHA256_HEX_LEN + 1];
    if (share_token_new(token) != 0) {
        response_error(rs, 500, "no random token could be made");
        return;
    }
    share_token_hash(token, hash);
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    int64_t now = (int64_t)time(NULL), id = 0;
    struct share s = {.role_id = rq->ids[0], .stages = stages, .created_by = rq->claims.sub,
                      .created_at = now, .expires_at = now + (int64_t)hours * 3600};
    enum store_status st = request_ops(rq)->share_insert(db, &s, hash, &id);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);  /* NOT_FOUND: no such role */
        return;
    }
    rs->status = 201;
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    time_member(&w, "expiresAt", s.expires_at);
    jw_key(&w, "id");
    jw_int(&w, id);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_key(&w, "url");
    jw_str(&w, arena_printf(rq->arena, SHARE_URL_PREFIX "%s", token));
    jw_obj_end(&w);
}

static void write_share(struct jw *w, const struct share *s) {
    jw_obj_begin(w);
    time_member(w, "createdAt", s->created_at);
    jw_key(w, "createdBy");
    jw_str(w, s->created_by);
    time_member(w, "expiresAt", s->expires_at);
    jw_key(w, "id");
    jw_int(w, s->id);
    time_member(w, "revokedAt", s->revoked_at);
    jw_key(w, "roleId");
    jw_int(w, s->role_id);
    jw_key(w, "stages");
    jw_raw(w, s->stages, strlen(s->stages));
    votes_member(w, s->up, s->down);
    jw_obj_end(w);
}

/* NOT_FOUND (with rs filled) unless the role exists. */
struct share_list {
    const struct share *items;
    size_t n;
};

static void write_shares(struct jw *w, const void *ctx) {
    const struct share_list *l = ctx;
    for (size_t i = 0; i < l->n; i++) write_share(w, &l->items[i]);
}

static bool role_exists(struct request *rq, struct response *rs, struct store_conn *db, struct share_role *role) {
    enum store_status st = request_ops(rq)->share_role(db, rq->ids[0], rq->arena, role);
    if (st != STORE_OK) response_store_error(rq, rs, st);
    return st == STORE_OK;
}

void handle_share_list(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    struct share_role role;
    if (!db || !role_exists(rq, rs, db, &role)) return;
    int64_t offset = (query_page(request_query(rq, "page")) - 1) * PAGE_SIZE, total = 0;
    struct share *items = NULL;
    size_t n = 0;
    enum store_status st = request_ops(rq)->share_list(db, rq->ids[0], offset, PAGE_SIZE, rq->arena, &items, &n,
                                                       &total);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    struct share_list list = {items, n};
    response_page(rs, &(struct page_body){"shares", "totalShares", offset, total, write_shares, &list});
}

void handle_share_revoke(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    enum store_status st = request_ops(rq)->share_revoke(db, rq->ids[0], (int64_t)time(NULL));
    if (st != STORE_OK) response_store_error(rq, rs, st);
    else response_id(rs, 200, rq->ids[0]);
}

void handle_role_votes(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    struct share_role role;
    if (!db || !role_exists(rq, rs, db, &role)) return;
    struct actor_votes *v = NULL;
    size_t n = 0;
    enum store_status st = request_ops(rq)->role_votes(db, rq->ids[0], rq->arena, &v, &n);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_key(&w, "votes");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_key(&w, "actorId");
        jw_int(&w, v[i].actor_id);
        jw_key(&w, "down");
        jw_int(&w, v[i].down);
        jw_key(&w, "up");
        jw_int(&w, v[i].up);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
}

/* ---- the public side ---- */

/* 429 (true) when the client address has used up its requests this minute. */
static bool rate_limited(struct request *rq, struct response *rs) {
    struct throttle *t = rq->app->share_limit;
    if (!t) return false;
    char addr[THROTTLE_KEY_MAX];
    request_client_addr(rq, addr, sizeof addr);
    int64_t now = (int64_t)time(NULL);
    int wait = throttle_retry_after(t, addr, now);
    if (wait > 0) {
        rs->retry_after = arena_printf(rq->arena, "%d", wait);
        response_error(rs, 429, "too many requests for share links from this address; try again later");
        return true;
    }
    throttle_failure(t, addr, now);  /* counts this request */
    return false;
}

/* The live link named by the path's token; false with a 404 (the same for
 * unknown, expired and revoked links) or a store error. */
static bool live_share(struct request *rq, struct response *rs, struct share *out) {
    const char *tok = rq->path + strlen(SHARED_PREFIX);
    size_t n = strcspn(tok, "/");
    if (!share_token_shape(tok, n)) {
        response_error(rs, 404, NULL);
        return false;
    }
    char hash[SHA256_HEX_LEN + 1];
    share_token_hash(arena_strndup(rq->arena, tok, n), hash);
    struct store_conn *db = request_db(rq, rs);
    if (!db) return false;
    enum store_status st = request_ops(rq)->share_find(db, hash, (int64_t)time(NULL), rq->arena, out);
    if (st != STORE_OK) response_store_error(rq, rs, st);
    return st == STORE_OK;
}

static void write_public_role(struct jw *w, const struct share_role *r) {
    jw_key(w, "role");
    jw_obj_begin(w);
    int_or_null(w, "ageMax", r->age_max, r->age_max < 0);
    int_or_null(w, "ageMin", r->age_min, r->age_min < 0);
    jw_key(w, "description");
    jw_str(w, r->description);
    jw_key(w, "gender");
    jw_str(w, r->gender);
    jw_key(w, "movieTitle");
    jw_str(w, r->movie_title);
    jw_key(w, "name");
    jw_str(w, r->name);
    jw_obj_end(w);
}

/* A candidate as the public page shows it: never notes, tags or other roles. */
static void write_public_candidate(struct jw *w, const struct share_candidate *k) {
    jw_obj_begin(w);
    jw_key(w, "actor");
    jw_obj_begin(w);
    jw_key(w, "age");
    jw_int(w, k->actor.age);
    jw_key(w, "gender");
    jw_str(w, k->actor.gender == GENDER_NONE ? NULL : gender_name(k->actor.gender));
    jw_key(w, "id");
    jw_int(w, k->actor.id);
    jw_key(w, "name");
    jw_str(w, k->actor.name);
    jw_key(w, "photoUrl");
    jw_str(w, k->actor.photo_url);
    jw_obj_end(w);
    int_or_null(w, "rating", k->rating, k->rating == 0);
    jw_key(w, "stage");
    jw_str(w, k->stage);
    votes_member(w, k->up, k->down);
    jw_obj_end(w);
}

void handle_shared_get(struct request *rq, struct response *rs) {
    struct share s;
    if (rate_limited(rq, rs) || !live_share(rq, rs, &s)) return;
    struct share_role role;
    struct share_candidate *k = NULL;
    size_t n = 0;
    enum store_status st = request_ops(rq)->share_role(rq->db, s.role_id, rq->arena, &role);
    if (st == STORE_OK) st = request_ops(rq)->share_candidates(rq->db, s.role_id, s.id, rq->arena, &k, &n);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "candidates");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++)
        if (share_shows_stage(s.stages, k[i].stage)) write_public_candidate(&w, &k[i]);
    jw_arr_end(&w);
    time_member(&w, "expiresAt", s.expires_at);
    write_public_role(&w, &role);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_obj_end(&w);
}

/* The votes on the link for one actor, after a vote. */
static void respond_vote(struct request *rq, struct response *rs, const struct share *s, int64_t actor, int vote) {
    struct share_candidate *k = NULL;
    size_t n = 0;
    enum store_status st = request_ops(rq)->share_candidates(rq->db, s->role_id, s->id, rq->arena, &k, &n);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    int64_t up = 0, down = 0;
    for (size_t i = 0; i < n; i++)
        if (k[i].actor.id == actor) up = k[i].up, down = k[i].down;
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "actorId");
    jw_int(&w, actor);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_key(&w, "vote");
    jw_str(&w, vote > 0 ? "up" : "down");
    votes_member(&w, up, down);
    jw_obj_end(&w);
}

void handle_shared_vote(struct request *rq, struct response *rs) {
    struct share s;
    if (rate_limited(rq, rs) || !live_share(rq, rs, &s)) return;
    const char *msg = NULL, *viewer = NULL, *stage = NULL;
    int64_t actor = 0;
    int vote = 0;
    json_t *body = body_parse_json(rq->body, rq->body_len, &msg);
    if (!body || share_vote_parse(body, &actor, &vote, &viewer, &msg) != 0) {
        json_decref(body);
        response_error(rs, 400, msg);
        return;
    }
    viewer = arena_strdup(rq->arena, viewer);
    json_decref(body);
    const struct store_ops *o = request_ops(rq);
    enum store_status st = o->share_stage(rq->db, s.role_id, actor, rq->arena, &stage);
    if (st == STORE_NOT_FOUND || (st == STORE_OK && !share_shows_stage(s.stages, stage))) {
        response_error(rs, 400, "actorId must be a candidate this link shows");
        return;
    }
    if (st == STORE_OK) st = o->share_vote(rq->db, s.id, actor, viewer, vote, (int64_t)time(NULL));
    if (st != STORE_OK) response_store_error(rq, rs, st);
    else respond_vote(rq, rs, &s, actor, vote);
}

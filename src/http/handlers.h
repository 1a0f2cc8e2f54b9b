/* The request handlers named in the route table (routes.c). Movies and actors
 * share one set of generic handlers driven by an entity descriptor. */
#ifndef AUDITION_HANDLERS_H
#define AUDITION_HANDLERS_H

#include "domain/represent.h"
#include "http/request.h"
#include "store/store.h"

/* How the generic handlers reach one entity type (movie or actor). The store
 * calls are thin adapters over struct store_ops. */
struct entity_api {
    const struct shape *shape;
    const char *item_key;    /* "movie" */
    const char *list_key;    /* "movies" */
    const char *total_key;   /* "totalMovies" */
    enum store_status (*get)(const struct store_ops *o, struct store_conn *c, int64_t id, struct arena *a,
                             void *full);
    /* Fills *items (array of full structs), *n and *total. */
    enum store_status (*list)(const struct store_ops *o, struct store_conn *c, const char *search,
                              int64_t offset, struct arena *a, const void **items, size_t *n, int64_t *total);
    enum store_status (*insert)(const struct store_ops *o, struct store_conn *c, const void *obj, int64_t *id);
    enum store_status (*update)(const struct store_ops *o, struct store_conn *c, const void *obj);
    enum store_status (*remove)(const struct store_ops *o, struct store_conn *c, int64_t id);
    enum store_status (*lock)(const struct store_ops *o, struct store_conn *c, int64_t id);
};

extern const struct entity_api movie_api;
extern const struct entity_api actor_api;

void entity_list(struct request *rq, struct response *rs);
void entity_get(struct request *rq, struct response *rs);
void entity_create(struct request *rq, struct response *rs);
void entity_patch(struct request *rq, struct response *rs);
void entity_delete(struct request *rq, struct response *rs);

void handle_cast_create(struct request *rq, struct response *rs);
void handle_cast_delete(struct request *rq, struct response *rs);

/* roles: casting.md roles, candidates, matches and the actor filters
 * (handlers_roles.c, handlers_candidates.c, handlers_matches.c). */
void roles_list(struct request *rq, struct response *rs);
void role_create(struct request *rq, struct response *rs);
void role_get(struct request *rq, struct response *rs);
void role_patch(struct request *rq, struct response *rs);
void role_delete(struct request *rq, struct response *rs);
void candidates_list(struct request *rq, struct response *rs);
void candidate_create(struct request *rq, struct response *rs);
void candidate_patch_handler(struct request *rq, struct response *rs);
void candidate_delete(struct request *rq, struct response *rs);
void role_matches(struct request *rq, struct response *rs);
void actors_list(struct request *rq, struct response *rs);   /* entity_list, or filtered */
/* Shared by those: a write transaction on
 * the request's connection (false: rs filled); commit (false: rolled back,
 * rs filled); roll back and answer status/message, or a store failure
 * (CONFLICT: 400 with the store's sentence); the list offset of ?page=. */
bool casting_begin(struct request *rq, struct response *rs);
bool casting_commit(struct request *rq, struct response *rs);
void casting_fail(struct request *rq, struct response *rs, int status, const char *message);
void casting_store_fail(struct request *rq, struct response *rs, enum store_status st);
int64_t casting_offset(const struct request *rq);

void handle_health(struct request *rq, struct response *rs);

/* audit: GET /audit (handlers_audit.c) */
void handle_audit_list(struct request *rq, struct response *rs);
/* Auditions (handlers_auditions.c, handlers_audition_feed.c). */
void handle_audition_create(struct request *rq, struct response *rs);
void handle_audition_list(struct request *rq, struct response *rs);
void handle_audition_get(struct request *rq, struct response *rs);
void handle_audition_patch(struct request *rq, struct response *rs);
void handle_audition_delete(struct request *rq, struct response *rs);
void handle_audition_feed(struct request *rq, struct response *rs);
/* shares: share links (handlers_shares.c), CSV exports and import (handlers_csv.c) */
void handle_share_create(struct request *rq, struct response *rs);
void handle_share_list(struct request *rq, struct response *rs);
void handle_share_revoke(struct request *rq, struct response *rs);
void handle_role_votes(struct request *rq, struct response *rs);
void handle_shared_get(struct request *rq, struct response *rs);
void handle_shared_vote(struct request *rq, struct response *rs);
void handle_cast_csv(struct request *rq, struct response *rs);
void handle_candidates_csv(struct request *rq, struct response *rs);
void handle_actors_import(struct request *rq, struct response *rs);

/* The built-in identity (handlers_auth.c). */
void handle_jwks(struct request *rq, struct response *rs);
void handle_auth_config(struct request *rq, struct response *rs);
void handle_openid_configuration(struct request *rq, struct response *rs);
void handle_login(struct request *rq, struct response *rs);
void handle_me(struct request *rq, struct response *rs);

/* docs.c: the embedded OpenAPI document and its reference page. */
void handle_openapi(struct request *rq, struct response *rs);
void handle_docs(struct request *rq, struct response *rs);
/* handlers_ops.c */
void handle_healthz(struct request *rq, struct response *rs);
void handle_readyz(struct request *rq, struct response *rs);
void handle_metrics(struct request *rq, struct response *rs);

#endif

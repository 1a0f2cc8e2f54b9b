/* Producers' share links (casting.md "Share links"): the plain data the store
 * returns for them, and the validation of their request bodies (stages,
 * expiry, votes). No I/O here. */
#ifndef AUDITION_SHARES_H
#define AUDITION_SHARES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/model.h"
#include "util/arena.h"

#define SHARE_HOURS_MAX 720
#define SHARE_VIEWER_MIN 8
#define SHARE_VIEWER_MAX 64

/* What a share link shows of its role. Ages are -1 when null. */
struct share_role {
    int64_t id;
    const char *name, *description, *gender, *movie_title;  /* description, gender may be NULL */
    int64_t age_min, age_max;
};

struct share {
    int64_t id, role_id;
    const char *stages;       /* a JSON array of stage names */
    const char *created_by;
    int64_t created_at, expires_at, revoked_at;  /* revoked_at 0: not revoked */
    int64_t up, down;         /* votes on the link */
};

/* A candidate as a share link or an export shows it. */
struct share_candidate {
    struct actor actor;
    const char *stage;
    int rating;               /* 0: none */
    const char *notes;        /* exports only (never on a share link); may be NULL */
    const char *tags;         /* exports only: a JSON array */
    int64_t up, down;         /* votes on the link */
};

struct actor_votes {
    int64_t actor_id, up, down;
};

/* The body of POST /roles/{id}/shares: expiresInHours 1..720, stages a
 * non-empty list of distinct stage names. *stages_json gets them as a
 * compact JSON array in pipeline order. -1 with *msg naming the field. */
int share_request_parse(const json_t *body, struct arena *a, int *hours, const char **stages_json, const char **msg);

/* True when stage is in the link's JSON array of stages. */
bool share_shows_stage(const char *stages_json, const char *stage);

/* The body of POST /shared/{token}/votes: actorId, vote "up"|"down" (+1/-1),
 * viewer 8..64 characters of [A-Za-z0-9_-]. -1 with *msg. */
int share_vote_parse(const json_t *body, int64_t *actor_id, int *vote, const char **viewer, const char **msg);

#endif

/* The casting workflow's data (casting.md "Roles", "Candidates"): a role of a
 * movie, a candidate of a role with its stage in the pipeline, and the rules
 * that need no database: field tables, validation, stage moves, JSON Patch of
 * a candidate and the representations. Booking's database side is in
 * src/http/handlers_candidates.c and src/store/query_roles.c. */
#ifndef AUDITION_ROLES_H
#define AUDITION_ROLES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/fields.h"
#include "domain/model.h"
#include "util/arena.h"
#include "util/json_write.h"

enum role_status { ROLE_OPEN, ROLE_CAST, ROLE_CUT, ROLE_STATUS_COUNT };

/* The pipeline, in its forward order; RELEASED is reachable from any stage. */
enum stage {
    STAGE_SUGGESTED, STAGE_SHORTLISTED, STAGE_AUDITION, STAGE_CALLBACK, STAGE_ON_HOLD, STAGE_BOOKED,
    STAGE_RELEASED, STAGE_COUNT
};

#define ROLE_NAME_CHARS 200
#define ROLE_DESCRIPTION_CHARS 2000
#define ROLE_AGE_MAX 120
#define CANDIDATE_NOTES_CHARS 4000
#define CANDIDATE_TAGS_MAX 20
#define CANDIDATE_TAG_CHARS 40

const char *role_status_name(int s);
int role_status_parse(const char *name);
const char *stage_name(int s);
int stage_parse(const char *name);

struct movie_role {
    int64_t id;
    int32_t age_max;         /* FIELD_INT_NULL when null */
    int32_t age_min;
    int32_t billing;
    const char *description; /* or NULL */
    int gender;              /* enum gender; GENDER_NONE when null */
    int64_t movie_id;
    const char *name;
    int status;              /* enum role_status */
    int64_t candidate_count; /* read-only */
};

extern const struct resource role_resource;

/* Every key of a JSON object names a writable field of r; -1 with *msg
 * (naming the key) otherwise. */
int body_known_keys(const struct resource *r, const json_t *body, struct arena *a, const char **msg);
/* The rules across fields and the character limits; -1 with *msg. */
int role_check(const struct movie_role *r, const char **msg);
/* A new role from a POST body (status defaults to OPEN); -1 with *msg. */
int role_from_body(const json_t *body, struct movie_role *out, struct arena *a, const char **msg);
/* The role's JSON object (casting.md). */
void role_write(struct jw *w, const struct movie_role *r);

/* Another active candidacy of the same actor (otherRoles). */
struct other_role {
    int64_t movie_id, role_id;
    const char *role_name;
    int stage;
};

struct candidate {
    int64_t role_id;
    struct actor actor;
    int stage;               /* enum stage */
    int32_t rating;          /* 1..5, FIELD_INT_NULL when null */
    const char *notes;       /* or NULL */
    const char *tags;        /* a JSON array of strings, compact */
    int64_t updated_at;      /* seconds since the epoch */
    struct other_role *others;
    size_t n_others;
};

/* Applies a JSON Patch on /stage, /rating, /notes, /tags to c (a scratch
 * copy); -1 with *msg naming the operation at fault. */
int candidate_patch(const json_t *patch, struct candidate *c, struct arena *a, const char **msg);
/* NULL when a candidate may move from one stage to the other, else why not
 * (the only refusal: leaving BOOKED other than to RELEASED). */
const char *stage_move_refusal(int from, int to);
/* The candidate's JSON object (casting.md). */
void candidate_write(struct jw *w, const struct candidate *c);

struct role_page {
    struct movie_role *items;
    size_t n;
    int64_t total;
};

struct candidate_page {
    struct candidate *items;
    size_t n;
    int64_t total;
};

/* GET /actors filters and GET /roles/{id}/matches: NULL/-1/FIELD_INT_NULL/0
 * for "any". */
struct actor_filter {
    const char *search;
    int gender;              /* enum gender or -1 */
    int32_t age_min, age_max;
    int64_t not_candidate_of; /* a role id: leave out its candidates */
};

/* RFC 3339 UTC with seconds ("2026-12-10T10:00:00Z") into buf (>= 21 bytes). */
void rfc3339_utc(int64_t t, char buf[21]);

#endif

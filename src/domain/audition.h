/* Auditions (casting.md "Auditions"): the struct, its statuses, the rules a
 * schedule must follow (start < end, at most 8 hours, a location of 1-100
 * characters), the POST body, JSON Patch on /start /end /location /status,
 * the representation and the message naming a clash. No storage, no HTTP. */
#ifndef AUDITION_AUDITION_H
#define AUDITION_AUDITION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/json_write.h"

enum audition_status {
    AUDITION_SCHEDULED,
    AUDITION_DONE,
    AUDITION_NO_SHOW,
    AUDITION_CANCELLED,
    AUDITION_STATUS_COUNT
};

#define AUDITION_MAX_SECONDS (8 * 3600)
#define AUDITION_LOCATION_MAX 100   /* characters (code points), after trimming */

struct audition {
    int64_t id;
    int64_t role_id;
    int64_t actor_id;
    int64_t starts_at;          /* seconds since the epoch, UTC; [starts_at, ends_at) */
    int64_t ends_at;
    const char *location;       /* trimmed, 1..AUDITION_LOCATION_MAX characters */
    enum audition_status status;
};

/* An audition with the names a calendar shows (the .ics feed). */
struct audition_named {
    struct audition audition;
    const char *role_name;
    const char *actor_name;
    const char *movie_title;
};

/* "SCHEDULED" ...; NULL out of range. */
const char *audition_status_name(enum audition_status s);
/* The status, or -1 for an unknown name. */
int audition_status_parse(const char *name);

/* The location rule: trims s into the arena; NULL with *msg when the result
 * is empty, longer than AUDITION_LOCATION_MAX characters or holds control
 * characters. */
const char *audition_location(const char *s, size_t len, struct arena *a, const char **msg);

/* The cross-field rules: start before end, at most AUDITION_MAX_SECONDS.
 * 0, or -1 with *msg. */
int audition_check_times(const struct audition *au, const char **msg);

/* Fills au's actor_id, starts_at, ends_at and location from a POST body
 * {"actorId","start","end","location"}; status SCHEDULED. Unknown keys are
 * ignored. 0, or -1 with *msg naming the field. */
int audition_from_body(const json_t *body, struct audition *au, struct arena *a, const char **msg);

/* Applies a JSON Patch (api.md's subset: add, remove) on /start, /end,
 * /location and /status to au (a scratch copy), then checks the times.
 * Every field is required, so remove is always refused. 0, or -1 with *msg. */
int audition_patch(const json_t *patch, struct audition *au, struct arena *a, const char **msg);

/* {"actorId","end","id","location","roleId","start","status"} */
void audition_write(struct jw *w, const struct audition *au);

/* True when the two [start, end) intervals share an instant (touching
 * intervals do not). */
static inline bool audition_overlaps(int64_t s1, int64_t e1, int64_t s2, int64_t e2) {
    return s1 < e2 && s2 < e1;
}

/* What the client reads about a clash between au and the scheduled audition
 * other (whose actor is named actor_name, may be NULL): which audition, who
 * or where, and when. */
const char *audition_clash_message(const struct audition *au, const struct audition *other,
                                   const char *actor_name, struct arena *a);

#endif

/* Validation of share-link bodies and the stage list (see shares.h). */
#include "domain/shares.h"

#include <stdio.h>
#include <string.h>

/* The pipeline of casting.md "Candidates", in order. */
static const char *const stages[] = {"SUGGESTED", "SHORTLISTED", "AUDITION", "CALLBACK", "ON_HOLD", "BOOKED",
                                     "RELEASED"};
#define N_STAGES (sizeof stages / sizeof stages[0])

static int stage_index(const char *name) {
    for (size_t i = 0; i < N_STAGES; i++)
        if (strcmp(stages[i], name) == 0) return (int)i;
    return -1;
}

static int fail(const char **msg, const char *text) {
    *msg = text;
    return -1;
}

/* stages: non-empty, distinct, known; chosen[i] set for each. */
static int parse_stages(const json_t *v, bool chosen[N_STAGES], const char **msg) {
    if (!json_is_array(v) || json_array_size(v) == 0)
        return fail(msg, "stages must be a non-empty array of stage names");
    size_t i;
    const json_t *s;
    json_array_foreach(v, i, s) {
        int k = json_is_string(s) ? stage_index(json_string_value(s)) : -1;
        if (k < 0)
            return fail(msg, "stages must name stages: SUGGESTED, SHORTLISTED, AUDITION, CALLBACK, ON_HOLD, "
                             "BOOKED, RELEASED");
        if (chosen[k]) return fail(msg, "stages must not repeat a stage");
        chosen[k] = true;
    }
    return 0;
}

int share_request_parse(const json_t *body, struct arena *a, int *hours, const char **stages_json, const char **msg) {
    if (!json_is_object(body)) return fail(msg, "the body must be a JSON object");
    const json_t *h = json_object_get(body, "expiresInHours");
    if (!json_is_integer(h) || json_integer_value(h) < 1 || json_integer_value(h) > SHARE_HOURS_MAX)
        return fail(msg, "expiresInHours must be an integer between 1 and 720");
    bool chosen[N_STAGES] = {false};
    if (parse_stages(json_object_get(body, "stages"), chosen, msg) != 0) return -1;
    char *out = arena_alloc(a, 128);
    size_t n = 0;
    out[n++] = '[';
    for (size_t i = 0; i < N_STAGES; i++) {
        if (!chosen[i]) continue;
        n += (size_t)snprintf(out + n, 128 - n, "%s\"%s\"", n > 1 ? "," : "", stages[i]);
    }
    out[n++] = ']';
    out[n] = '\0';
    *hours = (int)json_integer_value(h);
    *stages_json = out;
    return 0;
}

bool share_shows_stage(const char *stages_json, const char *stage) {
    size_t n = strlen(stage);
    for (const char *p = strchr(stages_json, '"'); p; p = strchr(p + 1, '"')) {
        if (strncmp(p + 1, stage, n) == 0 && p[1 + n] == '"') return true;
        p = strchr(p + 1, '"');   /* past this name's closing quote */
        if (!p) break;
    }
    return false;
}

static bool viewer_ok(const char *s) {
    size_t n = strlen(s);
    if (n < SHARE_VIEWER_MIN || n > SHARE_VIEWER_MAX) return false;
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

int share_vote_parse(const json_t *body, int64_t *actor_id, int *vote, const char **viewer, const char **msg) {
    if (!json_is_object(body)) return fail(msg, "the body must be a JSON object");
    const json_t *id = json_object_get(body, "actorId"), *v = json_object_get(body, "vote"),
                 *w = json_object_get(body, "viewer");
    if (!json_is_integer(id) || json_integer_value(id) < 1 || json_integer_value(id) > ID_MAX)
        return fail(msg, "actorId must be a positive integer");
    const char *vs = json_is_string(v) ? json_string_value(v) : "";
    if (strcmp(vs, "up") != 0 && strcmp(vs, "down") != 0) return fail(msg, "vote must be \"up\" or \"down\"");
    if (!json_is_string(w) || !viewer_ok(json_string_value(w)))
        return fail(msg, "viewer must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -");
    *actor_id = json_integer_value(id);
    *vote = vs[0] == 'u' ? 1 : -1;
    *viewer = json_string_value(w);
    return 0;
}

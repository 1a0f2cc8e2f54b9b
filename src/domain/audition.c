/* Audition rules, body, patch, representation and clash messages (see
 * audition.h). The patchable fields are one table (PATCH_FIELDS). */
#include "domain/audition.h"

#include <string.h>

#include "domain/model.h"
#include "domain/timestamp.h"

static const char *const STATUS_NAMES[AUDITION_STATUS_COUNT] = {
    [AUDITION_SCHEDULED] = "SCHEDULED",
    [AUDITION_DONE] = "DONE",
    [AUDITION_NO_SHOW] = "NO_SHOW",
    [AUDITION_CANCELLED] = "CANCELLED",
};

const char *audition_status_name(enum audition_status s) {
    return (unsigned)s < AUDITION_STATUS_COUNT ? STATUS_NAMES[s] : NULL;
}

int audition_status_parse(const char *name) {
    for (int i = 0; name && i < AUDITION_STATUS_COUNT; i++)
        if (strcmp(name, STATUS_NAMES[i]) == 0) return i;
    return -1;
}

const char *audition_location(const char *s, size_t len, struct arena *a, const char **msg) {
    while (len && strchr(" \t\r\n\f\v", s[0])) s++, len--;
    while (len && strchr(" \t\r\n\f\v", s[len - 1])) len--;
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) {
            *msg = "location must not contain control characters";
            return NULL;
        }
        chars += (c & 0xC0) != 0x80;
    }
    if (chars == 0 || chars > AUDITION_LOCATION_MAX) {
        *msg = "location must be 1 to 100 characters";
        return NULL;
    }
    return arena_strndup(a, s, len);
}

int audition_check_times(const struct audition *au, const char **msg) {
    if (au->starts_at >= au->ends_at) {
        *msg = "start must be before end";
        return -1;
    }
    if (au->ends_at - au->starts_at > AUDITION_MAX_SECONDS) {
        *msg = "an audition lasts at most 8 hours (end - start)";
        return -1;
    }
    return 0;
}

/* ---- one field at a time, for POST and PATCH ---- */

typedef int (*field_setter)(struct audition *au, const json_t *v, struct arena *a, const char **why);

static int set_time(int64_t *out, const json_t *v, const char **why) {
    if (!json_is_string(v) || !timestamp_parse(json_string_value(v), out)) {
        *why = "must be an RFC 3339 date-time with a time zone, e.g. 2026-12-10T10:00:00Z";
        return -1;
    }
    return 0;
}

static int set_start(struct audition *au, const json_t *v, struct arena *a, const char **why) {
    (void)a;
    return set_time(&au->starts_at, v, why);
}

static int set_end(struct audition *au, const json_t *v, struct arena *a, const char **why) {
    (void)a;
    return set_time(&au->ends_at, v, why);
}

static int set_location(struct audition *au, const json_t *v, struct arena *a, const char **why) {
    if (!json_is_string(v)) {
        *why = "must be a string";
        return -1;
    }
    if (memchr(json_string_value(v), '\0', json_string_length(v))) {
        *why = "must not contain NUL characters";
        return -1;
    }
    const char *msg = NULL;
    au->location = audition_location(json_string_value(v), json_string_length(v), a, &msg);
    if (!au->location) *why = msg + strlen("location ");
    return au->location ? 0 : -1;
}

static int set_status(struct audition *au, const json_t *v, struct arena *a, const char **why) {
    (void)a;
    int s = json_is_string(v) ? audition_status_parse(json_string_value(v)) : -1;
    if (s < 0) {
        *why = "must be one of SCHEDULED, DONE, NO_SHOW, CANCELLED";
        return -1;
    }
    au->status = (enum audition_status)s;
    return 0;
}

/* The patchable fields, by wire name (every one is required). */
static const struct {
    const char *wire;
    field_setter set;
} PATCH_FIELDS[] = {
    {"end", set_end}, {"location", set_location}, {"start", set_start}, {"status", set_status},
};

#define N_PATCH_FIELDS (sizeof PATCH_FIELDS / sizeof PATCH_FIELDS[0])

/* ---- POST ---- */

int audition_from_body(const json_t *body, struct audition *au, struct arena *a, const char **msg) {
    if (!json_is_object(body)) {
        *msg = "the body must be a JSON object";
        return -1;
    }
    const json_t *actor = json_object_get(body, "actorId");
    if (!json_is_integer(actor) || json_integer_value(actor) < 1 ||
        json_integer_value(actor) > ID_MAX) {
        *msg = "actorId must be a positive integer";
        return -1;
    }
    au->actor_id = json_integer_value(actor);
    au->status = AUDITION_SCHEDULED;
    static const char *const order[] = {"start", "end", "location"};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const json_t *v = json_object_get(body, order[i]);
        const char *why = "is required";
        for (size_t f = 0; v && f < N_PATCH_FIELDS; f++)
            if (strcmp(PATCH_FIELDS[f].wire, order[i]) == 0 && PATCH_FIELDS[f].set(au, v, a, &why) == 0) why = NULL;
        if (why) {
            *msg = arena_printf(a, "%s %s", order[i], why);
            return -1;
        }
    }
    return audition_check_times(au, msg);
}

/* ---- PATCH ---- */

#define AUDITION_PATCH_MAX_OPS 64

static int patch_one(const json_t *op, struct audition *au, struct arena *a, const char **why) {
    if (!json_is_object(op)) {
        *why = "must be an object";
        return -1;
    }
    const char *name = json_string_value(json_object_get(op, "op"));
    const char *path = json_string_value(json_object_get(op, "path"));
    const json_t *value = json_object_get(op, "value");
    bool add = name && strcmp(name, "add") == 0, remove = name && strcmp(name, "remove") == 0;
    if (!add && !remove) {
        *why = "op must be \"add\" or \"remove\"";
        return -1;
    }
    size_t f = 0;
    while (f < N_PATCH_FIELDS && !(path && path[0] == '/' && strcmp(path + 1, PATCH_FIELDS[f].wire) == 0)) f++;
    if (f == N_PATCH_FIELDS) {
        *why = "path must be /start, /end, /location or /status";
        return -1;
    }
    const char *wire = PATCH_FIELDS[f].wire, *msg = NULL;
    if (remove) {
        *why = value ? "remove must not carry a value"
                     : arena_printf(a, "%s is required and cannot be removed", wire);
        return -1;
    }
    if (!value) {
        *why = "add needs a value";
        return -1;
    }
    if (PATCH_FIELDS[f].set(au, value, a, &msg) == 0) return 0;
    *why = arena_printf(a, "%s %s", wire, msg);
    return -1;
}

int audition_patch(const json_t *patch, struct audition *au, struct arena *a, const char **msg) {
    if (!json_is_array(patch)) {
        *msg = "the body must be a JSON array of patch operations";
        return -1;
    }
    if (json_array_size(patch) > AUDITION_PATCH_MAX_OPS) {
        *msg = "too many patch operations";
        return -1;
    }
    size_t i;
    const json_t *op;
    json_array_foreach(patch, i, op) {
        const char *why = NULL;
        if (patch_one(op, au, a, &why) != 0) {
            *msg = arena_printf(a, "operation %zu: %s", i, why);
            return -1;
        }
    }
    return audition_check_times(au, msg);
}

/* ---- out ---- */

void audition_write(struct jw *w, const struct audition *au) {
    char start[TIMESTAMP_LEN], end[TIMESTAMP_LEN];
    timestamp_format(au->starts_at, start);
    timestamp_format(au->ends_at, end);
    jw_obj_begin(w);
    jw_key(w, "actorId");
    jw_int(w, au->actor_id);
    jw_key(w, "end");
    jw_str(w, end);
    jw_key(w, "id");
    jw_int(w, au->id);
    jw_key(w, "location");
    jw_str(w, au->location);
    jw_key(w, "roleId");
    jw_int(w, au->role_id);
    jw_key(w, "start");
    jw_str(w, start);
    jw_key(w, "status");
    jw_str(w, audition_status_name(au->status));
    jw_obj_end(w);
}

const char *audition_clash_message(const struct audition *au, const struct audition *other,
                                   const char *actor_name, struct arena *a) {
    char start[TIMESTAMP_LEN], end[TIMESTAMP_LEN];
    timestamp_format(other->starts_at, start);
    timestamp_format(other->ends_at, end);
    const char *who = actor_name ? arena_printf(a, "actor %lld (%s)", (long long)other->actor_id, actor_name)
                                 : arena_printf(a, "actor %lld", (long long)other->actor_id);
    if (other->actor_id == au->actor_id)
        return arena_printf(a, "clashes with audition %lld: %s is auditioning in \"%s\" from %s to %s",
                            (long long)other->id, who, other->location, start, end);
    return arena_printf(a, "clashes with audition %lld: \"%s\" is taken by %s from %s to %s",
                        (long long)other->id, other->location, who, start, end);
}

/* Roles and candidates without the database (see roles.h): field tables,
 * validation, stage moves, a candidate's JSON Patch and the representations. */
#include "domain/roles.h"

#include "domain/body.h"

#include <string.h>
#include <time.h>

static const char *const status_names[ROLE_STATUS_COUNT] = {"OPEN", "CAST", "CUT"};
static const char *const stage_names[STAGE_COUNT] = {"SUGGESTED", "SHORTLISTED", "AUDITION", "CALLBACK",
                                                     "ON_HOLD",   "BOOKED",      "RELEASED"};

static int parse_in(const char *const *names, int n, const char *name) {
    for (int i = 0; name && i < n; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

const char *role_status_name(int s) { return s >= 0 && s < ROLE_STATUS_COUNT ? status_names[s] : NULL; }
int role_status_parse(const char *name) { return parse_in(status_names, ROLE_STATUS_COUNT, name); }
const char *stage_name(int s) { return s >= 0 && s < STAGE_COUNT ? stage_names[s] : NULL; }
int stage_parse(const char *name) { return parse_in(stage_names, STAGE_COUNT, name); }
static const char *gender_name_of(int g) { return gender_name((enum gender)g); }

/* Byte bounds are 4 bytes a character; role_check() counts the characters. */
static const struct field role_fields[] = {
    {"ageMax", FT_INT_OPT, false, offsetof(struct movie_role, age_max), 0, ROLE_AGE_MAX, NULL, NULL},
    {"ageMin", FT_INT_OPT, false, offsetof(struct movie_role, age_min), 0, ROLE_AGE_MAX, NULL, NULL},
    {"billing", FT_INT_OPT, false, offsetof(struct movie_role, billing), 1, INT32_MAX - 1, NULL, NULL},
    {"description", FT_STRING, false, offsetof(struct movie_role, description), 0, 4 * ROLE_DESCRIPTION_CHARS, NULL,
     NULL},
    {"gender", FT_ENUM, false, offsetof(struct movie_role, gender), 0, 0, gender_name_of, gender_parse},
    {"id", FT_ID, true, offsetof(struct movie_role, id), 0, 0, NULL, NULL},
    {"movieId", FT_ID, true, offsetof(struct movie_role, movie_id), 0, 0, NULL, NULL},
    {"name", FT_STRING, true, offsetof(struct movie_role, name), 0, 4 * ROLE_NAME_CHARS, NULL, NULL},
    {"status", FT_ENUM, true, offsetof(struct movie_role, status), 0, 0, role_status_name, role_status_parse},
};

const struct resource role_resource = {
    "role", role_fields, sizeof role_fields / sizeof role_fields[0], sizeof(struct movie_role), "candidateCount",
};

/* The candidate's plain fields; /tags is handled apart (an array). */
static const struct field candidate_fields[] = {
    {"notes", FT_STRING, false, offsetof(struct candidate, notes), 0, 4 * CANDIDATE_NOTES_CHARS, NULL, NULL},
    {"rating", FT_INT_OPT, false, offsetof(struct candidate, rating), 1, 5, NULL, NULL},
    {"stage", FT_ENUM, true, offsetof(struct candidate, stage), 0, 0, stage_name, stage_parse},
};

static const struct resource candidate_resource = {
    "candidate", candidate_fields, sizeof candidate_fields / sizeof candidate_fields[0], sizeof(struct candidate),
    NULL,
};

/* UTF-8 characters of s (s is valid UTF-8: jansson checked it). */
static size_t chars(const char *s) {
    size_t n = 0;
    for (; s && *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int body_known_keys(const struct resource *r, const json_t *body, struct arena *a, const char **msg) {
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)body, key, v) {
        (void)v;
        if (field_find(r, key)) continue;
        bool read_only = false;
        for (size_t i = 0; i < r->n_fields; i++) read_only |= strcmp(r->fields[i].wire, key) == 0;
        read_only |= r->nested_key && strcmp(r->nested_key, key) == 0;
        bool plain = strlen(key) <= 40 && strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
                                              strlen(key);   /* echo only plain names */
        *msg = arena_printf(a, "%s %s", plain ? key : "a key", read_only ? "is read-only" : "is not a field of a role");
        return -1;
    }
    return 0;
}

int role_check(const struct movie_role *r, const char **msg) {
    if (chars(r->name) > ROLE_NAME_CHARS) *msg = "name is too long (at most 200 characters)";
    else if (chars(r->description) > ROLE_DESCRIPTION_CHARS)
        *msg = "description is too long (at most 2000 characters)";
    else if (r->age_min != FIELD_INT_NULL && r->age_max != FIELD_INT_NULL && r->age_min > r->age_max)
        *msg = "ageMin must not be greater than ageMax";
    else return 0;
    return -1;
}

int role_from_body(const json_t *body, struct movie_role *out, struct arena *a, const char **msg) {
    if (!json_is_object(body)) {
        *msg = "the body must be a JSON object";
        return -1;
    }
    if (body_known_keys(&role_resource, body, a, msg) != 0) return -1;
    json_t *copy = json_copy((json_t *)body);
    if (!json_object_get(copy, "status")) json_object_set_new(copy, "status", json_string("OPEN"));
    memset(out, 0, sizeof *out);
    int rc = body_to_resource(&role_resource, copy, out, a, msg);
    json_decref(copy);
    return rc != 0 ? -1 : role_check(out, msg);
}

static void write_count(struct jw *w, const void *ctx) {
    jw_int(w, ((const struct movie_role *)ctx)->candidate_count);
}

void role_write(struct jw *w, const struct movie_role *r) {
    field_write_object(w, &role_resource, r, write_count, r);
}

/* ---- candidates ---- */

const char *stage_move_refusal(int from, int to) {
    if (from == STAGE_BOOKED && to != STAGE_BOOKED && to != STAGE_RELEASED)
        return "a BOOKED candidate can only be RELEASED (release first, then move)";
    return NULL;
}

/* Validates a tags value and writes it as a compact JSON array into a. */
static int tags_set(const json_t *v, struct candidate *c, struct arena *a, const char **why) {
    if (!json_is_array(v) || json_array_size(v) > CANDIDATE_TAGS_MAX) {
        *why = "tags must be an array of at most 20 strings";
        return -1;
    }
    struct strbuf sb = STRBUF_INIT;
    struct jw w = jw_on(&sb);
    jw_arr_begin(&w);
    size_t i;
    const json_t *t;
    json_array_foreach(v, i, t) {
        const char *s = json_string_value(t);
        size_t n = s ? chars(s) : 0;
        if (!s || n < 1 || n > CANDIDATE_TAG_CHARS || strlen(s) != json_string_length(t)) {
            *why = "tags must be strings of 1 to 40 characters";
            strbuf_free(&sb);
            return -1;
        }
        jw_str(&w, s);
    }
    jw_arr_end(&w);
    c->tags = arena_strndup(a, sb.data, sb.len);
    strbuf_free(&sb);
    return 0;
}

static int candidate_op(const json_t *op, struct candidate *c, struct arena *a, const char **why) {
    const char *name = json_string_value(json_object_get(op, "op"));
    const char *path = json_string_value(json_object_get(op, "path"));
    const json_t *value = json_object_get(op, "value");
    bool add = name && strcmp(name, "add") == 0, remove = name && strcmp(name, "remove") == 0;
    if (!json_is_object(op)) *why = "must be an object";
    else if (!add && !remove) *why = "op must be \"add\" or \"remove\"";
    else if (remove && value) *why = "remove must not carry a value";
    else if (add && !value) *why = "add needs a value";
    else if (path && strcmp(path, "/tags") == 0) {
        if (remove) c->tags = "[]";
        return remove ? 0 : tags_set(value, c, a, why);
    } else {
        const struct field *f = path && path[0] == '/' ? field_find(&candidate_resource, path + 1) : NULL;
        const char *msg = NULL;
        if (!f) *why = "path must be /stage, /rating, /notes or /tags";
        else if (remove ? field_clear(f, c, &msg) == 0 : field_set(f, c, value, false, a, &msg) == 0) {
            if (chars(c->notes) <= CANDIDATE_NOTES_CHARS) return 0;
            *why = "notes is too long (at most 4000 characters)";
        } else *why = arena_printf(a, "%s %s", f->wire, msg);
    }
    return -1;
}

int candidate_patch(const json_t *patch, struct candidate *c, struct arena *a, const char **msg) {
    if (!json_is_array(patch) || json_array_size(patch) > 64) {
        *msg = "the body must be a JSON array of at most 64 patch operations";
        return -1;
    }
    size_t i;
    const json_t *op;
    json_array_foreach(patch, i, op) {
        const char *why = NULL;
        if (candidate_op(op, c, a, &why) != 0) {
            *msg = arena_printf(a, "operation %zu: %s", i, why);
            return -1;
        }
    }
    return 0;
}

void rfc3339_utc(int64_t t, char buf[21]) {
    time_t tt = (time_t)t;
    struct tm tm;
    if (t < 0 || t > 253402300799LL) tt = 0;   /* outside the years 1970..9999: the epoch */
    if (!gmtime_r(&tt, &tm)) memset(&tm, 0, sizeof tm);
    strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void write_tags(struct jw *w, const char *tags) {
    json_error_t err;
    json_t *v = tags ? json_loads(tags, 0, &err) : NULL;
    jw_arr_begin(w);
    size_t i;
    const json_t *t;
    if (json_is_array(v))
        json_array_foreach(v, i, t) if (json_is_string(t)) jw_str(w, json_string_value(t));
    jw_arr_end(w);
    json_decref(v);
}

void candidate_write(struct jw *w, const struct candidate *c) {
    char when[21];
    jw_obj_begin(w);
    jw_key(w, "actor");
    field_write_object(w, &actor_resource, &c->actor, NULL, NULL);
    jw_key(w, "notes");
    jw_str(w, c->notes);
    jw_key(w, "otherRoles");
    jw_arr_begin(w);
    for (size_t i = 0; i < c->n_others; i++) {
        jw_obj_begin(w);
        jw_key(w, "movieId");
        jw_int(w, c->others[i].movie_id);
        jw_key(w, "roleId");
        jw_int(w, c->others[i].role_id);
        jw_key(w, "roleName");
        jw_str(w, c->others[i].role_name);
        jw_key(w, "stage");
        jw_str(w, stage_name(c->others[i].stage));
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "rating");
    if (c->rating == FIELD_INT_NULL) jw_null(w);
    else jw_int(w, c->rating);
    jw_key(w, "stage");
    jw_str(w, stage_name(c->stage));
    jw_key(w, "tags");
    write_tags(w, c->tags);
    jw_key(w, "updatedAt");
    rfc3339_utc(c->updated_at, when);
    jw_str(w, when);
    jw_obj_end(w);
}

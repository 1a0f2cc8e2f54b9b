/* The movie and actor field tables and the generic rules that read them
 * (see fields.h). */
#include "domain/fields.h"

#include <string.h>

#include "domain/date.h"
#include "domain/model.h"

#define TEXT_MAX 200
#define URL_MAX 2048
#define AGE_MAX 150

static const char *genre_name_int(int v) { return genre_name((enum genre)v); }
static const char *gender_name_int(int v) { return gender_name((enum gender)v); }

static const struct field movie_fields[] = {
    {"genre", FT_ENUM, true, offsetof(struct movie, genre), 0, 0, genre_name_int, genre_parse},
    {"id", FT_ID, true, offsetof(struct movie, id), 0, 0, NULL, NULL},
    {"posterUrl", FT_STRING, false, offsetof(struct movie, poster_url), 0, URL_MAX, NULL, NULL},
    {"releaseDate", FT_DATE, false, offsetof(struct movie, release_date), 0, 0, NULL, NULL},
    {"title", FT_STRING, true, offsetof(struct movie, title), 0, TEXT_MAX, NULL, NULL},
};

static const struct field actor_fields[] = {
    {"age", FT_INT, true, offsetof(struct actor, age), 1, AGE_MAX, NULL, NULL},
    {"gender", FT_ENUM, false, offsetof(struct actor, gender), 0, 0, gender_name_int, gender_parse},
    {"id", FT_ID, true, offsetof(struct actor, id), 0, 0, NULL, NULL},
    {"name", FT_STRING, true, offsetof(struct actor, name), 0, TEXT_MAX, NULL, NULL},
    {"photoUrl", FT_STRING, false, offsetof(struct actor, photo_url), 0, URL_MAX, NULL, NULL},
};

const struct resource movie_resource = {
    "movie", movie_fields, sizeof movie_fields / sizeof movie_fields[0], sizeof(struct movie), "actors",
};

const struct resource actor_resource = {
    "actor", actor_fields, sizeof actor_fields / sizeof actor_fields[0], sizeof(struct actor), "movies",
};

#define AT(obj, f, type) ((type *)((char *)(obj) + (f)->offset))
#define AT_CONST(obj, f, type) ((const type *)((const char *)(obj) + (f)->offset))

const struct field *field_find(const struct resource *r, const char *wire) {
    for (size_t i = 0; i < r->n_fields; i++)
        if (r->fields[i].type != FT_ID && strcmp(r->fields[i].wire, wire) == 0) return &r->fields[i];
    return NULL;
}

static void set_null(const struct field *f, void *obj) {
    if (f->type == FT_ENUM) *AT(obj, f, int) = -1;
    else if (f->type == FT_INT_OPT) *AT(obj, f, int32_t) = FIELD_INT_NULL;
    else *AT(obj, f, const char *) = NULL;
}

int field_clear(const struct field *f, void *obj, const char **msg) {
    if (f->required) {
        *msg = "a required field cannot be removed";
        return -1;
    }
    set_null(f, obj);
    return 0;
}

/* Trims ASCII white space; returns a copy in the arena. */
static char *trimmed_copy(const char *s, size_t len, struct arena *a) {
    while (len && strchr(" \t\r\n\f\v", s[0])) s++, len--;
    while (len && strchr(" \t\r\n\f\v", s[len - 1])) len--;
    return arena_strndup(a, s, len);
}

static int set_string(const struct field *f, void *obj, const json_t *v, bool empty_is_null, struct arena *a,
                      const char **msg) {
    if (!json_is_string(v)) {
        *msg = f->type == FT_DATE ? "must be a date (YYYY-MM-DD) or null" : "must be a string";
        return -1;
    }
    char *s = trimmed_copy(json_string_value(v), json_string_length(v), a);
    if (strlen(s) != json_string_length(v) && memchr(json_string_value(v), '\0', json_string_length(v))) {
        *msg = "must not contain NUL characters";
        return -1;
    }
    if (*s == '\0') {
        if (!f->required && empty_is_null) {
            set_null(f, obj);
            return 0;
        }
        *msg = f->required ? "must not be empty" : "must not be empty (remove the field to clear it)";
        return -1;
    }
    if (f->type == FT_DATE && !date_valid(s)) {
        *msg = "must be an existing date written YYYY-MM-DD";
        return -1;
    }
    if (f->type == FT_STRING && (int64_t)strlen(s) > f->max) {
        *msg = arena_printf(a, "is too long (at most %lld bytes)", (long long)f->max);
        return -1;
    }
    *AT(obj, f, const char *) = s;
    return 0;
}

int field_set(const struct field *f, void *obj, const json_t *v, bool empty_is_null, struct arena *a,
              const char **msg) {
    if (json_is_null(v)) {
        if (f->required) {
            *msg = "is required and cannot be null";
            return -1;
        }
        set_null(f, obj);
        return 0;
    }
    switch (f->type) {
    case FT_STRING:
    case FT_DATE:
        return set_string(f, obj, v, empty_is_null, a, msg);
    case FT_INT:
    case FT_INT_OPT:
        if (!json_is_integer(v)) {
            *msg = "must be an integer";
            return -1;
        }
        if (json_integer_value(v) < f->min || json_integer_value(v) > f->max) {
            *msg = arena_printf(a, "must be between %lld and %lld", (long long)f->min, (long long)f->max);
            return -1;
        }
        *AT(obj, f, int32_t) = (int32_t)json_integer_value(v);
        return 0;
    case FT_ENUM: {
        int e = json_is_string(v) ? f->enum_parse(json_string_value(v)) : -1;
        if (e < 0) {
            *msg = "is not one of the allowed values";
            return -1;
        }
        *AT(obj, f, int) = e;
        return 0;
    }
    case FT_ID:
        break;
    }
    *msg = "cannot be set";
    return -1;
}

static void write_field(struct jw *w, const struct field *f, const void *obj) {
    jw_key(w, f->wire);
    switch (f->type) {
    case FT_ID: jw_int(w, *AT_CONST(obj, f, int64_t)); break;
    case FT_INT: jw_int(w, *AT_CONST(obj, f, int32_t)); break;
    case FT_INT_OPT:
        if (*AT_CONST(obj, f, int32_t) == FIELD_INT_NULL) jw_null(w);
        else jw_int(w, *AT_CONST(obj, f, int32_t));
        break;
    case FT_ENUM: jw_str(w, f->enum_name(*AT_CONST(obj, f, int))); break;
    case FT_STRING:
    case FT_DATE: jw_str(w, *AT_CONST(obj, f, char *)); break;
    }
}

void field_write_object(struct jw *w, const struct resource *r, const void *obj,
                        void (*nested)(struct jw *w, const void *ctx), const void *ctx) {
    bool nested_done = nested == NULL;
    jw_obj_begin(w);
    for (size_t i = 0; i < r->n_fields; i++) {
        const struct field *f = &r->fields[i];
        if (!nested_done && strcmp(r->nested_key, f->wire) < 0) {
            jw_key(w, r->nested_key);
            nested(w, ctx);
            nested_done = true;
        }
        write_field(w, f, obj);
    }
    if (!nested_done) {
        jw_key(w, r->nested_key);
        nested(w, ctx);
    }
    jw_obj_end(w);
}

/* CSV exports and the actors import (casting.md "Export"; docs/csv.md): the
 * cast list of a movie, a role's candidates, and POST /actors/import, which
 * validates every row with the rules of POST /actors (the actor field table)
 * and then inserts all rows in one transaction, or none. */
#include <stdlib.h>
#include <string.h>

#include "domain/body.h"
#include "domain/csv.h"
#include "domain/fields.h"
#include "http/handlers.h"
#include "http/query.h"
#include "http/response.h"

#define IMPORT_ROWS_MAX 10000   /* data rows; docs/csv.md */
#define IMPORT_COLS_MAX 16
#define IMPORT_ERRORS_MAX 100   /* errors listed in one answer */

/* ---- exports ---- */

static void csv_response(struct request *rq, struct response *rs, const char *filename) {
    rs->status = 200;
    rs->content_type = "text/csv; charset=utf-8";
    response_header(rs, "Content-Disposition", arena_printf(rq->arena, "attachment; filename=\"%s\"", filename));
}

/* id,name,age,gender,photoUrl of one actor (the header's order). */
static void actor_cells(struct strbuf *sb, const struct actor *a) {
    csv_int_cell(sb, a->id, true);
    csv_cell(sb, a->name, false);
    csv_int_cell(sb, a->age, false);
    csv_cell(sb, a->gender == GENDER_NONE ? NULL : gender_name(a->gender), false);
    csv_cell(sb, a->photo_url, false);
}

void handle_cast_csv(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    struct movie_full m;
    enum store_status st = request_ops(rq)->movie_get(db, rq->ids[0], rq->arena, &m);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    csv_response(rq, rs, arena_printf(rq->arena, "movie-%lld-cast.csv", (long long)rq->ids[0]));
    strbuf_adds(&rs->body, "id,name,age,gender,photoUrl\r\n");
    for (size_t i = 0; i < m.n_actors; i++) {
        actor_cells(&rs->body, &m.actors[i]);
        csv_row_end(&rs->body);
    }
}

/* A stored JSON array of tags as "a; b" (a tag is one cell's text). */
static const char *tags_text(const char *json, struct arena *a) {
    json_t *v = json ? json_loads(json, 0, NULL) : NULL;
    struct strbuf sb = STRBUF_INIT;
    size_t i;
    json_t *t;
    json_array_foreach(v, i, t) {
        if (!json_is_string(t)) continue;
        if (sb.len) strbuf_adds(&sb, "; ");
        strbuf_adds(&sb, json_string_value(t));
    }
    json_decref(v);
    const char *out = arena_strdup(a, sb.data ? sb.data : "");
    strbuf_free(&sb);
    return out;
}

void handle_candidates_csv(struct request *rq, struct response *rs) {
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    struct share_role role;
    struct share_candidate *k = NULL;
    size_t n = 0;
    enum store_status st = request_ops(rq)->share_role(db, rq->ids[0], rq->arena, &role);
    if (st == STORE_OK) st = request_ops(rq)->candidates_export(db, rq->ids[0], rq->arena, &k, &n);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    csv_response(rq, rs, arena_printf(rq->arena, "role-%lld-candidates.csv", (long long)rq->ids[0]));
    strbuf_adds(&rs->body, "id,name,age,gender,photoUrl,stage,rating,notes,tags\r\n");
    for (size_t i = 0; i < n; i++) {
        actor_cells(&rs->body, &k[i].actor);
        csv_cell(&rs->body, k[i].stage, false);
        if (k[i].rating) csv_int_cell(&rs->body, k[i].rating, false);
        else csv_cell(&rs->body, NULL, false);
        csv_cell(&rs->body, k[i].notes, false);
        csv_cell(&rs->body, tags_text(k[i].tags, rq->arena), false);
        csv_row_end(&rs->body);
    }
}

/* ---- import ---- */

struct row_error {
    size_t row;
    const char *field;   /* NULL: the whole row */
    const char *message;
};

struct import {
    const struct field *cols[IMPORT_COLS_MAX];  /* per column; NULL: the ignored id */
    size_t n_cols;
    struct actor *actors;
    size_t n;
    struct row_error errors[IMPORT_ERRORS_MAX];
    size_t n_errors, rows_failed;
};

/* Maps the header's names to actor fields; -1 with *msg. */
static int read_header(struct import *im, const struct csv_row *h, struct arena *a, const char **msg) {
    im->n_cols = h->n;
    for (size_t i = 0; i < h->n; i++) {
        const char *name = h->cells[i];
        const struct field *f = field_find(&actor_resource, name);
        if (!f && strcmp(name, "id") != 0) {
            *msg = arena_printf(a, "unknown column \"%.64s\" (the columns are name, age, gender, photoUrl; "
                                   "id is ignored)", name);
            return -1;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(h->cells[j], name) == 0) {
                *msg = arena_printf(a, "the column %s appears twice", name);
                return -1;
            }
        im->cols[i] = f;
    }
    for (size_t k = 0; k < actor_resource.n_fields; k++) {
        const struct field *f = &actor_resource.fields[k];
        bool found = false;
        for (size_t i = 0; i < im->n_cols; i++) found |= im->cols[i] == f;
        if (f->type != FT_ID && f->required && !found) {
            *msg = arena_printf(a, "the column %s is required", f->wire);
            return -1;
        }
    }
    return 0;
}

/* A cell as the JSON value POST /actors would get: null when empty, integers
 * for integer fields when the text is one (else the text, which the rules
 * refuse). */
static json_t *cell_value(const struct field *f, const char *cell) {
    cell = csv_unescape_formula(cell);
    const char *s = cell + strspn(cell, " \t");
    if (*s == '\0') return json_null();   /* an empty cell is a missing value */
    if (f->type == FT_INT) {
        char *end = NULL;
        long long v = strlen(s) <= 12 ? strtoll(s, &end, 10) : 0;
        if (end && end != s && end[strspn(end, " \t")] == '\0') return json_integer(v);
    }
    return json_string(cell);
}

static void add_error(struct import *im, size_t row, const char *field, const char *message) {
    if (im->n_errors < IMPORT_ERRORS_MAX) im->errors[im->n_errors++] = (struct row_error){row, field, message};
}

/* Validates one data row (row: its number in the file, the header is 1). */
static void read_row(struct import *im, const struct csv_row *r, size_t row, struct arena *a) {
    if (r->n != im->n_cols) {
        add_error(im, row, NULL, arena_printf(a, "the row has %zu cells, the header %zu", r->n, im->n_cols));
        im->rows_failed++;
        return;
    }
    json_t *obj = json_object();
    for (size_t i = 0; i < r->n; i++) {
        if (!im->cols[i]) continue;
        json_t *v = cell_value(im->cols[i], r->cells[i]);
        if (!v) v = json_string("");   /* not UTF-8: cannot happen after utf8_valid */
        json_object_set_new(obj, im->cols[i]->wire, v);
    }
    struct actor *act = &im->actors[im->n];
    memset(act, 0, sizeof *act);
    act->gender = GENDER_NONE;
    const char *field = NULL, *msg = NULL;
    if (body_to_resource_field(&actor_resource, obj, act, a, &field, &msg) == 0) {
        im->n++;
    } else {
        add_error(im, row, field, msg);
        im->rows_failed++;
    }
    json_decref(obj);
}

static void respond_row_errors(struct response *rs, const struct import *im, struct arena *a) {
    rs->status = 400;
    strbuf_reset(&rs->body);
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "error");
    jw_str(&w, reason_phrase(400));
    jw_key(&w, "errors");
    jw_arr_begin(&w);
    for (size_t i = 0; i < im->n_errors; i++) {
        jw_obj_begin(&w);
        jw_key(&w, "field");
        jw_str(&w, im->errors[i].field);
        jw_key(&w, "message");
        jw_str(&w, im->errors[i].message);
        jw_key(&w, "row");
        jw_int(&w, (int64_t)im->errors[i].row);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "message");
    const struct row_error *e = &im->errors[0];
    jw_str(&w, arena_printf(a, "%zu row(s) are invalid, nothing was imported; first: row %zu: %s%s%s",
                            im->rows_failed, e->row, e->field ? e->field : "", e->field ? " " : "", e->message));
    jw_key(&w, "success");
    jw_bool(&w, false);
    jw_obj_end(&w);
}

/* Parses and validates the whole body into im; false with rs filled. */
static bool import_read(struct request *rq, struct response *rs, struct import *im) {
    const char *msg = NULL;
    struct csv_row *rows = NULL;
    size_t n = 0;
    int rc = 0;
    if (!utf8_valid(rq->body, rq->body_len)) msg = "the body must be UTF-8 text";
    else if ((rc = csv_parse(rq->body, rq->body_len, IMPORT_ROWS_MAX + 1, IMPORT_COLS_MAX, rq->arena, &rows, &n,
                             &msg)) != 0)
        msg = rc == -2 ? "the CSV has more than 10000 rows after its header (the limit of one import)" : msg;
    else if (n == 0) msg = "the CSV has no header row";
    else if (read_header(im, &rows[0], rq->arena, &msg) != 0)
        ;
    else if (n == 1) msg = "the CSV has no rows after its header";
    if (msg) {
        response_error(rs, 400, msg);
        return false;
    }
    im->actors = arena_alloc(rq->arena, (n - 1) * sizeof *im->actors);
    for (size_t i = 1; i < n; i++) read_row(im, &rows[i], i + 1, rq->arena);
    if (im->rows_failed) respond_row_errors(rs, im, rq->arena);
    return im->rows_failed == 0;
}

/* All of im's actors in one transaction; ids into ids[]. */
static enum store_status import_write(struct request *rq, struct store_conn *db, const struct import *im,
                                      int64_t *ids) {
    const struct store_ops *o = request_ops(rq);
    enum store_status st = o->begin(db);
    if (st != STORE_OK) return st;   /* nothing begun: nothing to roll back (under group commit, not the batch) */
    for (size_t i = 0; st == STORE_OK && i < im->n; i++) st = o->actor_insert(db, &im->actors[i], &ids[i]);
    if (st == STORE_OK) st = o->commit(db);
    if (st != STORE_OK) o->rollback(db);
    return st;
}

void handle_actors_import(struct request *rq, struct response *rs) {
    struct import *im = arena_alloc(rq->arena, sizeof *im);
    if (!import_read(rq, rs, im)) return;
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    int64_t *ids = arena_alloc(rq->arena, im->n * sizeof *ids);
    enum store_status st = import_write(rq, db, im, ids);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    rs->status = 201;
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "created");
    jw_int(&w, (int64_t)im->n);
    jw_key(&w, "ids");
    jw_arr_begin(&w);
    for (size_t i = 0; i < im->n; i++) jw_int(&w, ids[i]);
    jw_arr_end(&w);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_obj_end(&w);
}

/* audit: GET /audit — the audit log for producers, newest first, 10 a page,
 * filtered by entity, entity id and actor (the subject who made the change).
 * The entries are written by database triggers (migration 0008_audit); this
 * file only validates the filters and writes the list (docs/audit.md). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/handlers.h"
#include "http/query.h"
#include "http/response.h"
#include "util/json_write.h"

#define AUDIT_ID_MAX 128

static const char *const ENTITIES[] = {"actor", "audition", "candidate", "cast", "database", "movie",
                                       "role", "share", "shareVote", "signingKey", "user"};

static bool known_entity(const char *s) {
    for (size_t i = 0; i < sizeof ENTITIES / sizeof ENTITIES[0]; i++)
        if (strcmp(s, ENTITIES[i]) == 0) return true;
    return false;
}

/* UTF-8 of 1..max bytes without control characters. */
static bool text_ok(const char *s, size_t max) {
    size_t n = strlen(s);
    if (n == 0 || n > max || !utf8_valid(s, n)) return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) return false;
    return true;
}

/* A query parameter; "" counts as absent. */
static const char *param(const struct request *rq, const char *name) {
    const char *v = request_query(rq, name);
    return v && *v ? v : NULL;
}

/* The filters, or NULL with a 400 in rs. */
static bool read_filter(const struct request *rq, struct response *rs, struct audit_filter *f) {
    f->entity = param(rq, "entity");
    f->entity_id = param(rq, "id");
    f->subject = param(rq, "actor");
    if (f->entity && !known_entity(f->entity)) {
        response_error(rs, 400, "entity must be one of actor, audition, candidate, cast, database, movie, role, "
                                "share, shareVote, signingKey, user");
        return false;
    }
    if (f->entity_id && !text_ok(f->entity_id, AUDIT_ID_MAX)) {
        response_error(rs, 400, "id must be text of at most 128 bytes");
        return false;
    }
    if (f->subject && !text_ok(f->subject, AUDIT_SUBJECT_MAX)) {
        response_error(rs, 400, "actor must be text of at most 256 bytes");
        return false;
    }
    return true;
}

/* A stored JSON object, keys sorted, compact; null when absent or unreadable. */
static void write_json(struct jw *w, const char *text) {
    json_t *v = text ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : NULL;
    char *out = v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII) : NULL;
    if (out) jw_raw(w, out, strlen(out));
    else jw_null(w);
    free(out);
    json_decref(v);
}

static void write_time(struct jw *w, int64_t at) {
    char buf[32];
    time_t t = (time_t)at;
    struct tm tm;
    if (gmtime_r(&t, &tm) && strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm)) jw_str(w, buf);
    else jw_null(w);
}

static void write_entry(struct jw *w, const struct audit_entry *e) {
    jw_obj_begin(w);
    jw_key(w, "action"), jw_str(w, e->action);
    jw_key(w, "after"), write_json(w, e->after);
    jw_key(w, "at"), write_time(w, e->at);
    jw_key(w, "before"), write_json(w, e->before);
    jw_key(w, "entity"), jw_str(w, e->entity);
    jw_key(w, "entryId"), jw_int(w, e->entry_id);
    jw_key(w, "id"), jw_str(w, e->entity_id);
    jw_key(w, "subject"), jw_str(w, e->subject);
    jw_obj_end(w);
}

static void write_entries(struct jw *w, const void *ctx) {
    const struct audit_page *p = ctx;
    for (size_t i = 0; i < p->n; i++) write_entry(w, &p->items[i]);
}

void handle_audit_list(struct request *rq, struct response *rs) {
    struct audit_filter f;
    if (!read_filter(rq, rs, &f)) return;
    int64_t offset = (query_page(request_query(rq, "page")) - 1) * PAGE_SIZE;
    struct store_conn *db = request_db(rq, rs);
    if (!db) return;
    struct audit_page page;
    enum store_status st = request_ops(rq)->audit_list(db, &f, offset, PAGE_SIZE, rq->arena, &page);
    if (st != STORE_OK) {
        response_store_error(rq, rs, st);
        return;
    }
    response_page(rs, &(struct page_body){"entries", "totalEntries", -1, page.total, write_entries, &page});
}

/* audit: the audit log's store operations, once for both engines: the
 * connection's subject (which the engines hand to the triggers of migration
 * 0008_audit), summary entries such as a seed's, and the newest-first list
 * behind GET /audit. */
#include "store/driver.h"

#include <string.h>
#include <time.h>

enum store_status store_q_set_subject(struct store_conn *c, const char *subject) {
    if (!subject || !*subject) subject = "system";
    size_t n = strlen(subject);
    if (n > AUDIT_SUBJECT_MAX) n = AUDIT_SUBJECT_MAX;
    memcpy(c->subject, subject, n);
    c->subject[n] = '\0';
    c->audit_off = false;
    return STORE_OK;
}

enum store_status store_q_audit_note(struct store_conn *c, const char *entity, const char *id, const char *action,
                                     const char *after) {
    if (!c->subject[0]) store_q_set_subject(c, NULL);
    struct store_param p[6] = {sp_text(c->subject), sp_text(entity), sp_text(id), sp_text(action),
                               sp_text(after), sp_int((int64_t)time(NULL))};
    int rows = 0;
    enum store_status st = store_run(c, ST_AUDIT_NOTE, p, 6, NULL, &rows);
    if (st == STORE_OK && rows != 1) return store_fail(c, STORE_ERROR, "The audit entry was not written.");
    return st;
}

static const char *col_str(struct store_cursor *cur, int col, struct arena *a) {
    return arena_strdup(a, cur->conn->drv->text(cur, col));
}

/* AUDIT_COLS order. */
static void read_entry(struct store_cursor *cur, struct arena *a, struct audit_entry *e) {
    const struct store_driver *d = cur->conn->drv;
    e->entry_id = d->i64(cur, 0);
    e->at = d->i64(cur, 1);
    e->subject = col_str(cur, 2, a);
    e->entity = col_str(cur, 3, a);
    e->entity_id = col_str(cur, 4, a);
    e->action = col_str(cur, 5, a);
    e->before = col_str(cur, 6, a);
    e->after = col_str(cur, 7, a);
}

/* The count and page statements whose leading equality fits the filters
 * (sql_audit.h): an entity's history, then a subject's, then a kind's. */
static void statements_for(const struct audit_filter *f, enum store_stmt *count, enum store_stmt *page) {
    if (f->entity && f->entity_id) {
        *count = ST_AUDIT_COUNT_BY_ENTITY_ID, *page = ST_AUDIT_PAGE_BY_ENTITY_ID;
    } else if (f->subject) {
        *count = ST_AUDIT_COUNT_BY_SUBJECT, *page = ST_AUDIT_PAGE_BY_SUBJECT;
    } else if (f->entity) {
        *count = ST_AUDIT_COUNT_BY_ENTITY, *page = ST_AUDIT_PAGE_BY_ENTITY;
    } else {
        *count = ST_AUDIT_COUNT, *page = ST_AUDIT_PAGE;
    }
}

enum store_status store_q_audit_list(struct store_conn *c, const struct audit_filter *f, int64_t offset, int limit,
                                     struct arena *a, struct audit_page *out) {
    struct store_param p[5] = {sp_text(f->entity), sp_text(f->entity_id), sp_text(f->subject), sp_int(limit),
                               sp_int(offset)};
    enum store_stmt count, page;
    statements_for(f, &count, &page);
    *out = (struct audit_page){0};
    enum store_status st = store_run(c, count, p, 3, &out->total, NULL);
    if (st != STORE_OK) return st;
    const struct store_driver *d = c->drv;
    struct store_cursor cur = {0};
    if ((st = d->query(c, page, p, 5, &cur)) != STORE_OK) return st;
    out->items = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof *out->items);
    while (d->next(&cur))
        if (out->n < (size_t)limit) read_entry(&cur, a, &out->items[out->n++]);
    st = cur.status;
    d->done(&cur);
    return st;
}

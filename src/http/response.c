/* Contract-shaped responses (see response.h). */
#include "http/response.h"

#include <string.h>

#include "util/json_write.h"
#include "util/log.h"

const char *reason_phrase(int status) {
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Bad Request";
    }
}

void response_error(struct response *rs, int status, const char *message) {
    rs->status = status;
    strbuf_reset(&rs->body);
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "error");
    jw_str(&w, reason_phrase(status));
    if (message) {
        jw_key(&w, "message");
        jw_str(&w, message);
    }
    jw_key(&w, "success");
    jw_bool(&w, false);
    jw_obj_end(&w);
}

void response_store_error(struct request *rq, struct response *rs, enum store_status st) {
    switch (st) {
    case STORE_NOT_FOUND: response_error(rs, 404, NULL); return;
    case STORE_CONFLICT: response_error(rs, 400, "it exists already"); return;
    case STORE_UNAVAILABLE:
        if (rq->db) log_msg(LOG_WARN, "%s %s: database unavailable: %s", rq->method, rq->path,
                            request_ops(rq)->last_error(rq->db));
        response_error(rs, 503, "the database is unavailable; try again shortly");
        return;
    case STORE_OK:
    case STORE_ERROR:
    case STORE_GAVE_UP: break;
    }
    const char *why = rq->db ? request_ops(rq)->last_error(rq->db) : "no connection";
    log_msg(LOG_ERROR, "%s %s: database error: %s", rq->method, rq->path, why ? why : "unknown");
    response_error(rs, 500, NULL);
}

void response_wrapped(struct response *rs, int status, const char *key, const struct strbuf *json) {
    rs->status = status;
    strbuf_reset(&rs->body);
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, key);
    jw_raw(&w, json->data, json->len);
    jw_key(&w, "success");
    jw_bool(&w, true);
    jw_obj_end(&w);
}

static void page_items(struct jw *w, const struct page_body *p) {
    jw_key(w, p->list_key);
    jw_arr_begin(w);
    p->write_items(w, p->ctx);
    jw_arr_end(w);
}

void response_page(struct response *rs, const struct page_body *p) {
    rs->status = 200;
    strbuf_reset(&rs->body);
    struct jw w = jw_on(&rs->body);
    /* the list's key takes its alphabetical place among offset and success */
    bool before_offset = strcmp(p->list_key, "offset") < 0, before_success = strcmp(p->list_key, "success") < 0;
    jw_obj_begin(&w);
    if (before_offset) page_items(&w, p);
    if (p->offset >= 0) jw_key(&w, "offset"), jw_int(&w, p->offset);
    if (!before_offset && before_success) page_items(&w, p);
    jw_key(&w, "success"), jw_bool(&w, true);
    if (!before_success) page_items(&w, p);
    jw_key(&w, p->total_key);
    jw_int(&w, p->total);
    jw_obj_end(&w);
}

/* {"id": — the caller writes the value — then ,"success":true} */
static struct jw id_body_begin(struct response *rs, int status) {
    rs->status = status;
    strbuf_reset(&rs->body);
    struct jw w = jw_on(&rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "id");
    return w;
}

static void id_body_end(struct jw *w) {
    jw_key(w, "success");
    jw_bool(w, true);
    jw_obj_end(w);
}

void response_id(struct response *rs, int status, int64_t id) {
    struct jw w = id_body_begin(rs, status);
    jw_int(&w, id);
    id_body_end(&w);
}

void response_id_str(struct response *rs, int status, const char *id) {
    struct jw w = id_body_begin(rs, status);
    jw_str(&w, id);
    id_body_end(&w);
}

void response_empty(struct response *rs, int status) {
    rs->status = status;
    strbuf_reset(&rs->body);
}

void response_header(struct response *rs, const char *name, const char *value) {
    if (rs->n_extra == RESPONSE_EXTRA_MAX) return;
    rs->extra[rs->n_extra].name = name;
    rs->extra[rs->n_extra].value = value;
    rs->n_extra++;
}

/* Responses in the contract's shapes: success bodies, the one JSON error
 * shape, and the mapping of store failures to status codes. */
#ifndef AUDITION_RESPONSE_H
#define AUDITION_RESPONSE_H

#include "http/request.h"
#include "store/store.h"
#include "util/json_write.h"

/* The exact phrase api.md gives a status ("Not Found"). */
const char *reason_phrase(int status);

/* {"error":"<phrase>","message":"<message>","success":false}; message may be NULL. */
void response_error(struct response *rs, int status, const char *message);
/* Error for a failed store call: NOT_FOUND 404, CONFLICT 400, UNAVAILABLE 503,
 * ERROR 500 (logged with the store's reason, which the client never sees). */
void response_store_error(struct request *rq, struct response *rs, enum store_status st);
/* {"id":<id>,"success":true} with the status. */
void response_id(struct response *rs, int status, int64_t id);
/* {"id":"<id>","success":true} with the status. */
void response_id_str(struct response *rs, int status, const char *id);
/* Adds a header (name and value must outlive the response: literals or the
 * request arena); beyond RESPONSE_EXTRA_MAX headers it is dropped. */
void response_header(struct response *rs, const char *name, const char *value);
/* {"<key>":<json>,"success":true} with the status; json is one compact value. */
void response_wrapped(struct response *rs, int status, const char *key, const struct strbuf *json);
/* One page of a list, 200, keys in alphabetical order:
 * {"<list_key>":[…],"offset":<offset>,"success":true,"<total_key>":<total>}.
 * write_items writes the array's elements (ctx is theirs); offset < 0 leaves
 * "offset" out. */
struct page_body {
    const char *list_key, *total_key;  /* "roles", "totalRoles" */
    int64_t offset, total;
    void (*write_items)(struct jw *w, const void *ctx);
    const void *ctx;
};
void response_page(struct response *rs, const struct page_body *p);
/* A body-less response (204, 304). */
void response_empty(struct response *rs, int status);

#endif

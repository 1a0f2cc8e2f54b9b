/* Responses in the contract's shapes: success bodies, the one JSON error
 * shape, and the mapping of store failures to status codes. */
#ifndef AUDITION_RESPONSE_H
#define AUDITION_RESPONSE_H

#include "http/request.h"
#include "store/store.h"

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
/* A body-less response (204, 304). */
void response_empty(struct response *rs, int status);

#endif

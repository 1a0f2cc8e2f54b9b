/* Which database a request uses. Without DATABASE_READ_URL: always the
 * primary. With it: GET/HEAD go to the read replica, except for a client
 * that wrote recently (same token subject, within READ_AFTER_WRITE_SECONDS),
 * so it reads its own writes; every write goes to the primary; a replica
 * that cannot be reached falls back to the primary. */
#ifndef AUDITION_READ_ROUTING_H
#define AUDITION_READ_ROUTING_H

#include <stdbool.h>

#include "http/request.h"

/* The table of recent writers (bounded; no allocation after creation). */
struct sticky *sticky_new(int seconds);
void sticky_free(struct sticky *s);
void sticky_note(struct sticky *s, const char *key);
bool sticky_active(struct sticky *s, const char *key);

/* Acquires rq->db (and sets rq->db_pool) for this request: see above. */
enum store_status db_acquire_for(struct request *rq, int wait_ms);
/* After the handler: releases rq->db and, for a successful write, marks the
 * client as a recent writer before the response leaves. */
void db_request_done(struct request *rq, int status);

#endif

/* The access log's JSON form (LOG_FORMAT=json): one object per request on
 * stderr, written with a single write. The text form stays in server.c. */
#ifndef AUDITION_ACCESS_LOG_H
#define AUDITION_ACCESS_LOG_H

#include <stdbool.h>
#include <stddef.h>

struct access_entry {
    const char *method;
    const char *path;        /* without the query string */
    const char *route;       /* the matched pattern, or NULL */
    const char *request_id;
    int status;
    size_t bytes;            /* response body bytes */
    long duration_us;
    bool complete;           /* false: the connection closed before the end */
};

void access_log_json(const struct access_entry *e);

#endif

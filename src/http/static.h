/* The built web app (web/dist) served under /app/: safe path resolution inside
 * the configured root, content types, cache and security headers, and the
 * index.html fallback for the app's client-side routes. */
#ifndef AUDITION_STATIC_H
#define AUDITION_STATIC_H

#include <stdbool.h>
#include <stddef.h>

#include "http/request.h"

#define STATIC_FILE_MAX (8 * 1024 * 1024) /* larger files are not served */
#define STATIC_PATH_MAX 512               /* longest path below /app/ */

/* True when rel (the path below /app/, "" for the index) may name a file:
 * bounded length, no empty, "." or ".."-style segment (none starts with a
 * dot), no backslash or control character. */
bool static_path_is_safe(const char *rel);
/* The Content-Type for a file name, by its extension. */
const char *static_content_type(const char *name);
/* True for files Vite names by content hash (assets/...): cached for a year. */
bool static_is_immutable(const char *rel);

/* GET /app/{rest}: the file, or index.html for a client route, or 404. */
void handle_static(struct request *rq, struct response *rs);
/* GET /app: redirect to /app/. */
void handle_static_root(struct request *rq, struct response *rs);

#endif

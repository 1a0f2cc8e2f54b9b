/* The web app's ETags, remembered per file: a file's strong ETag is the
 * SHA-256 of its bytes, computed the first time the file is served and kept
 * while the file stays the same (device, inode, size, mtime and ctime), so a
 * request hashes nothing and a rebuilt web/dist gets new ETags at once. */
#ifndef AUDITION_STATIC_ETAGS_H
#define AUDITION_STATIC_ETAGS_H

#include <stdbool.h>
#include <sys/stat.h>

#include "util/hex.h"

#define STATIC_ETAGS_SLOTS 256 /* files remembered; a newer one replaces a colliding one */

struct static_etags;

/* A new, empty table (NULL when out of memory); free with static_etags_free. */
struct static_etags *static_etags_new(void);
void static_etags_free(struct static_etags *t);

/* Copies the ETag remembered for the file st describes into out and returns
 * true; false when there is none (a file not seen yet, or changed since). */
bool static_etags_find(struct static_etags *t, const struct stat *st, char out[SHA256_HEX_LEN + 1]);
/* Remembers etag for the file st describes. */
void static_etags_remember(struct static_etags *t, const struct stat *st, const char *etag);

#endif

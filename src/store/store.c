/* Picks the storage engine for a DATABASE_URL by its scheme. The engines
 * themselves live in sqlite.c and pg.c; the pool in pool.c. */
#include "store/store.h"

#include <string.h>
#include <strings.h>

static bool has_scheme(const char *url, const char *scheme) {
    return strncasecmp(url, scheme, strlen(scheme)) == 0;
}

const struct store_ops *store_ops_for_url(const char *url) {
    if (!url) return NULL;
    if (has_scheme(url, "sqlite:")) return &store_sqlite_ops;
    if (has_scheme(url, "postgres:") || has_scheme(url, "postgresql:")) return &store_pg_ops;
    return NULL;
}

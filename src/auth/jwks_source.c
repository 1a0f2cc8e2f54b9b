/* The current key set of one issuer, shared by all request threads: readers
 * take a reference under a short lock; a refetch (on an unknown kid, at most
 * once per JWKS_REFETCH_INTERVAL) runs without the lock and swaps the set in
 * only when the document changed. The document comes from a URL, or from a
 * loader function (the built-in issuer's keys in the database). Knows
 * nothing of tokens. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/jwks.h"

struct jwks_source {
    char *url;                 /* NULL: a fixed set, or the loader's */
    jwks_loader_fn loader;     /* with url NULL: reads the document (the built-in issuer) */
    void *loader_ctx;
    int interval;              /* seconds between refetches */
    pthread_mutex_t lock;
    pthread_cond_t fetched;
    struct jwks *current;      /* under lock */
    bool fetching;             /* under lock */
    bool refetched_once;       /* under lock */
    time_t last_refetch;       /* under lock */
    atomic_uint_fast64_t generation;
    atomic_uint_fast64_t fetches;
};

static int load(const struct jwks_source *src, struct jwks **out, char *err, size_t errlen)
{
    char *body = NULL;
    size_t len;
    if (src->loader) {
        body = src->loader(src->loader_ctx);
        if (!body)
            return snprintf(err, errlen, "cannot read the key set"), -1;
        len = strlen(body);
    } else if (jwks_fetch(src->url, &body, &len, err, errlen) < 0) {
        return -1;
    }
    int rc = jwks_parse(body, len, out, err, errlen);
    free(body);
    return rc;
}

static struct jwks_source *source_new(const char *url, struct jwks *set)
{
    struct jwks_source *src = calloc(1, sizeof *src);
    if (!src)
        return NULL;
    src->url = url ? strdup(url) : NULL;
    src->interval = JWKS_REFETCH_INTERVAL;
    if ((url && !src->url) || pthread_mutex_init(&src->lock, NULL) != 0) {
        free(src->url);
        free(src);
        return NULL;
    }
    pthread_cond_init(&src->fetched, NULL);
    set->generation = 1;
    src->current = set;
    atomic_init(&src->generation, 1);
    atomic_init(&src->fetches, url ? 1 : 0);
    return src;
}

int jwks_source_open(const char *url, const char *static_json, struct jwks_source **out, char *err,
                     size_t errlen)
{
    *out = NULL;
    struct jwks *set = NULL;
    struct jwks_source probe = {.url = (char *)url};
    int rc = url ? load(&probe, &set, err, errlen)
                 : jwks_parse(static_json, strlen(static_json), &set, err, errlen);
    if (rc < 0)
        return -1;
    *out = source_new(url, set);
    if (!*out) {
        jwks_unref(set);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

int jwks_source_open_loader(jwks_loader_fn loader, void *ctx, int interval, struct jwks_source **out, char *err,
                            size_t errlen)
{
    *out = NULL;
    struct jwks *set = NULL;
    struct jwks_source probe = {.loader = loader, .loader_ctx = ctx};
    if (load(&probe, &set, err, errlen) < 0)
        return -1;
    *out = source_new(NULL, set);
    if (!*out) {
        jwks_unref(set);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    (*out)->loader = loader;
    (*out)->loader_ctx = ctx;
    (*out)->interval = interval;
    return 0;
}

void jwks_source_close(struct jwks_source *src)
{
    if (!src)
        return;
    jwks_unref(src->current);
    pthread_cond_destroy(&src->fetched);
    pthread_mutex_destroy(&src->lock);
    free(src->url);
    free(src);
}

struct jwks *jwks_source_get(struct jwks_source *src)
{
    pthread_mutex_lock(&src->lock);
    struct jwks *s = src->current;
    jwks_ref(s);
    pthread_mutex_unlock(&src->lock);
    return s;
}

uint64_t jwks_source_generation(struct jwks_source *src)
{
    return atomic_load_explicit(&src->generation, memory_order_acquire);
}

uint64_t jwks_source_fetches(struct jwks_source *src)
{
    return atomic_load_explicit(&src->fetches, memory_order_relaxed);
}

/* Under lock: decides whether this thread fetches. 1 fetch, 0 do not,
 * 2 another thread just fetched (look again). */
static int claim_refetch(struct jwks_source *src, time_t now)
{
    if (src->fetching) {
        while (src->fetching)
            pthread_cond_wait(&src->fetched, &src->lock);
        return 2;
    }
    if (src->refetched_once && now - src->last_refetch < src->interval &&
        now >= src->last_refetch)
        return 0;
    src->fetching = true;
    src->refetched_once = true;
    src->last_refetch = now;
    return 1;
}

/* Under lock: installs fresh unless it equals the current document. Returns
 * the set to drop (outside the lock). */
static struct jwks *install(struct jwks_source *src, struct jwks *fresh)
{
    struct jwks *old = src->current;
    if (old->raw_len == fresh->raw_len && memcmp(old->raw, fresh->raw, old->raw_len) == 0)
        return fresh;
    fresh->generation = old->generation + 1;
    src->current = fresh;
    atomic_store_explicit(&src->generation, fresh->generation, memory_order_release);
    return old;
}

bool jwks_source_refresh(struct jwks_source *src, time_t now)
{
    if (!src->url && !src->loader)
        return false;
    pthread_mutex_lock(&src->lock);
    int claim = claim_refetch(src, now);
    pthread_mutex_unlock(&src->lock);
    if (claim != 1)
        return claim == 2;

    char err[256];
    struct jwks *fresh = NULL;
    atomic_fetch_add_explicit(&src->fetches, 1, memory_order_relaxed);
    load(src, &fresh, err, sizeof err); /* on failure keep the old keys */

    pthread_mutex_lock(&src->lock);
    struct jwks *drop = fresh ? install(src, fresh) : NULL;
    src->fetching = false;
    pthread_cond_broadcast(&src->fetched);
    pthread_mutex_unlock(&src->lock);
    jwks_unref(drop);
    return true;
}

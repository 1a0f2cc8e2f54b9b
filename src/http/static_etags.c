/* The table of static_etags.h: a fixed array of slots addressed by a hash of
 * (device, inode), under one lock (each use copies 65 bytes). */
#include "http/static_etags.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What identifies one version of a file. */
struct file_key {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime, ctime;
};

struct slot {
    bool used;
    struct file_key key;
    char etag[SHA256_HEX_LEN + 1];
};

struct static_etags {
    pthread_mutex_t lock;
    struct slot slots[STATIC_ETAGS_SLOTS];
};

struct static_etags *static_etags_new(void) {
    struct static_etags *t = calloc(1, sizeof *t);
    if (t) pthread_mutex_init(&t->lock, NULL);
    return t;
}

void static_etags_free(struct static_etags *t) {
    if (!t) return;
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static struct file_key key_of(const struct stat *st) {
    return (struct file_key){st->st_dev, st->st_ino, st->st_size, st->st_mtim, st->st_ctim};
}

static bool same_file(const struct file_key *a, const struct file_key *b) {
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime.tv_sec == b->mtime.tv_sec &&
           a->mtime.tv_nsec == b->mtime.tv_nsec && a->ctime.tv_sec == b->ctime.tv_sec &&
           a->ctime.tv_nsec == b->ctime.tv_nsec;
}

static struct slot *slot_for(struct static_etags *t, const struct file_key *k) {
    uint64_t h = (uint64_t)k->ino * 0x9E3779B97F4A7C15u ^ (uint64_t)k->dev;
    return &t->slots[(h >> 32) % STATIC_ETAGS_SLOTS];
}

bool static_etags_find(struct static_etags *t, const struct stat *st, char out[SHA256_HEX_LEN + 1]) {
    struct file_key k = key_of(st);
    pthread_mutex_lock(&t->lock);
    struct slot *s = slot_for(t, &k);
    bool found = s->used && same_file(&s->key, &k);
    if (found) memcpy(out, s->etag, sizeof s->etag);
    pthread_mutex_unlock(&t->lock);
    return found;
}

void static_etags_remember(struct static_etags *t, const struct stat *st, const char *etag) {
    struct file_key k = key_of(st);
    pthread_mutex_lock(&t->lock);
    struct slot *s = slot_for(t, &k);
    s->used = true;
    s->key = k;
    snprintf(s->etag, sizeof s->etag, "%s", etag);
    pthread_mutex_unlock(&t->lock);
}

/* The shared commit counter (change_counter.h): one page of a file mapped
 * MAP_SHARED, the counter its first 8 bytes, updated with atomic operations
 * (lock-free on every platform Audition builds for, so they work across
 * processes). The file holds nothing else; deleting it while no Audition
 * process runs loses nothing. */
#include "store/change_counter.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define COUNTER_FILE_SIZE 4096
#define COUNTER_SUFFIX "-changes"

struct change_counter {
    _Atomic uint64_t *value;   /* in the shared mapping */
};

_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "the shared counter needs lock-free 64-bit atomics");

/* Opens the counter file: not through a symbolic link, a regular file,
 * grown to one page when new (growing is idempotent, so two processes
 * creating it at once agree). */
static int open_counter_file(const char *db_path) {
    size_t len = strlen(db_path) + sizeof COUNTER_SUFFIX;
    char *path = malloc(len);
    if (!path) return -1;
    snprintf(path, len, "%s" COUNTER_SUFFIX, db_path);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    free(path);
    if (fd < 0) return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (st.st_size < COUNTER_FILE_SIZE && ftruncate(fd, COUNTER_FILE_SIZE) != 0) ||
        (st.st_size > COUNTER_FILE_SIZE)) {
        close(fd);
        return -1;
    }
    return fd;
}

struct change_counter *change_counter_open(const char *db_path) {
    int fd = open_counter_file(db_path);
    if (fd < 0) return NULL;
    void *map = mmap(NULL, COUNTER_FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);   /* the mapping keeps the file */
    if (map == MAP_FAILED) return NULL;
    struct change_counter *c = malloc(sizeof *c);
    if (!c) {
        munmap(map, COUNTER_FILE_SIZE);
        return NULL;
    }
    c->value = map;
    return c;
}

void change_counter_close(struct change_counter *c) {
    if (!c) return;
    munmap((void *)c->value, COUNTER_FILE_SIZE);
    free(c);
}

void change_counter_add(struct change_counter *c) {
    atomic_fetch_add(c->value, 1);
}

uint64_t change_counter_value(const struct change_counter *c) {
    return atomic_load(c->value);
}

/* The buffered access log (see log_buffer.h): a mutex-guarded byte buffer
 * and a flusher thread woken on a timer or when the buffer fills. */
#include "util/log_buffer.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BUFFER_SIZE 32768
#define FLUSH_AT (BUFFER_SIZE - LOG_LINE_MAX)   /* room for one more line always */
#define FLUSH_MS 100

struct log_buffer {
    int fd;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool stop;
    size_t len;
    char data[BUFFER_SIZE];
};

/* With the lock held: writes everything out (short writes continued). */
static void flush_locked(struct log_buffer *b) {
    size_t done = 0;
    while (done < b->len) {
        ssize_t w = write(b->fd, b->data + done, b->len - done);
        if (w <= 0) break;   /* stderr gone: drop the lines rather than block the server */
        done += (size_t)w;
    }
    b->len = 0;
}

static void *flusher(void *arg) {
    struct log_buffer *b = arg;
    pthread_mutex_lock(&b->lock);
    while (!b->stop) {
        if (b->len == 0) {
            pthread_cond_wait(&b->wake, &b->lock);   /* the first line of a batch wakes it */
            continue;
        }
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += FLUSH_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!b->stop && b->len > 0 && pthread_cond_timedwait(&b->wake, &b->lock, &until) == 0) {
        }
        flush_locked(b);
    }
    flush_locked(b);
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

struct log_buffer *log_buffer_open(int fd) {
    struct log_buffer *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->fd = fd;
    pthread_mutex_init(&b->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&b->wake, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&b->thread, NULL, flusher, b) != 0) {
        pthread_cond_destroy(&b->wake);
        pthread_mutex_destroy(&b->lock);
        free(b);
        return NULL;
    }
    return b;
}

void log_buffer_close(struct log_buffer *b) {
    if (!b) return;
    pthread_mutex_lock(&b->lock);
    b->stop = true;
    pthread_cond_signal(&b->wake);
    pthread_mutex_unlock(&b->lock);
    pthread_join(b->thread, NULL);
    pthread_cond_destroy(&b->wake);
    pthread_mutex_destroy(&b->lock);
    free(b);
}

void log_buffer_printf(struct log_buffer *b, enum log_level level, const char *fmt, ...) {
    char line[LOG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    size_t n = log_vformat(line, sizeof line, level, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&b->lock);
    bool first = b->len == 0;
    memcpy(b->data + b->len, line, n);
    b->len += n;
    if (b->len >= FLUSH_AT) flush_locked(b);
    else if (first) pthread_cond_signal(&b->wake);
    pthread_mutex_unlock(&b->lock);
}

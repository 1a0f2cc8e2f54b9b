/* A buffered log for the access log: worker threads append whole lines to a
 * shared buffer, and it is written to stderr when it is nearly full, or by
 * its own thread within FLUSH_MS of the first unwritten line, or at close.
 * One write per many requests instead of one per request; lines never
 * interleave and are at most FLUSH_MS late. */
#ifndef AUDITION_LOG_BUFFER_H
#define AUDITION_LOG_BUFFER_H

#include "util/log.h"

struct log_buffer;

/* NULL when the thread cannot be started. */
struct log_buffer *log_buffer_open(int fd);
/* Writes what is left, stops the thread, frees. */
void log_buffer_close(struct log_buffer *b);
void log_buffer_printf(struct log_buffer *b, enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif

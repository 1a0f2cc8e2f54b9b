/* Logging to stderr: one line per event, UTC timestamp first, written with a
 * single write so lines from worker threads never interleave. Only the edges
 * of the program (CLI, server loop, access log) call this. */
#ifndef AUDITION_LOG_H
#define AUDITION_LOG_H

enum log_level { LOG_INFO, LOG_WARN, LOG_ERROR };

void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

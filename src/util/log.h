/* Logging to stderr: one line per event, UTC timestamp first, written with a
 * single write so lines from worker threads never interleave. Only the edges
 * of the program (CLI, server loop, access log) call this. */
#ifndef AUDITION_LOG_H
#define AUDITION_LOG_H

#include <stdarg.h>
#include <stddef.h>

#define LOG_LINE_MAX 2048

enum log_level { LOG_INFO, LOG_WARN, LOG_ERROR };

void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Formats one line ("<time> <level> <message>\n") into line (size >= 64);
 * returns its length. Truncates long messages. */
size_t log_vformat(char *line, size_t size, enum log_level level, const char *fmt, va_list ap);

#endif

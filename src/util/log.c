/* stderr logging (see log.h). */
#include "util/log.h"

#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

size_t log_vformat(char *line, size_t size, enum log_level level, const char *fmt, va_list ap) {
    static const char *const names[] = {"info", "warn", "error"};
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    size_t n = strftime(line, size, "%Y-%m-%dT%H:%M:%S", &tm);
    n += (size_t)snprintf(line + n, size - n, ".%03ldZ %s ", (long)tv.tv_usec / 1000, names[level]);
    int m = vsnprintf(line + n, size - n - 1, fmt, ap);
    if (m < 0) m = 0;
    n += (size_t)m < size - n - 1 ? (size_t)m : size - n - 2;
    line[n++] = '\n';
    return n;
}

void log_msg(enum log_level level, const char *fmt, ...) {
    char line[LOG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    size_t n = log_vformat(line, sizeof line, level, fmt, ap);
    va_end(ap);
    ssize_t w = write(STDERR_FILENO, line, n);
    (void)w;
}

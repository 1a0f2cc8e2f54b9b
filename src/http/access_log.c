/* JSON access log lines (see access_log.h):
 * {"ts":"2026-01-01T00:00:00.000Z","level":"info","msg":"request","request_id":…,
 *  "method":…,"path":…,"route":…,"status":…,"bytes":…,"duration_us":…,"complete":…} */
#include "http/access_log.h"

#include <stdio.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "util/json_write.h"
#include "util/strbuf.h"

#define PATH_LOG_MAX 1024   /* longer paths are cut: a log line stays bounded */

static void put_str(struct jw *w, const char *key, const char *value) {
    jw_key(w, key);
    if (value) jw_str(w, value);
    else jw_null(w);
}

void access_log_json(const struct access_entry *e) {
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    char ts[40];
    size_t n = strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(ts + n, sizeof ts - n, ".%03ldZ", (long)tv.tv_usec / 1000);
    char path[PATH_LOG_MAX + 1];
    snprintf(path, sizeof path, "%s", e->path ? e->path : "");
    for (char *p = path; *p; p++)
        if ((unsigned char)*p >= 0x7f) *p = '?';   /* the line stays valid UTF-8 */

    struct strbuf sb = STRBUF_INIT;
    struct jw w = jw_on(&sb);
    jw_obj_begin(&w);
    put_str(&w, "ts", ts);
    put_str(&w, "level", "info");
    put_str(&w, "msg", "request");
    put_str(&w, "request_id", e->request_id);
    put_str(&w, "method", e->method);
    put_str(&w, "path", path);
    put_str(&w, "route", e->route);
    jw_key(&w, "status");
    jw_int(&w, e->status);
    jw_key(&w, "bytes");
    jw_int(&w, (int64_t)e->bytes);
    jw_key(&w, "duration_us");
    jw_int(&w, e->duration_us);
    jw_key(&w, "complete");
    jw_bool(&w, e->complete);
    jw_obj_end(&w);
    strbuf_addc(&sb, '\n');
    ssize_t wr = write(STDERR_FILENO, sb.data, sb.len);
    (void)wr;
    strbuf_free(&sb);
}

/* Serving web/dist under /app/ (see static.h). Files are read whole (at most
 * STATIC_FILE_MAX) after realpath() proves they lie inside the web root, so
 * neither ".." nor a symbolic link can lead out of it. Each carries a strong
 * ETag, the SHA-256 of its bytes, hashed once per file (static_etags.h). */
#include "http/static.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/preconditions.h"
#include "http/response.h"
#include "http/security.h"
#include "http/static_etags.h"
#include "util/hex.h"

bool static_path_is_safe(const char *rel) {
    size_t n = strnlen(rel, STATIC_PATH_MAX + 1);
    if (n > STATIC_PATH_MAX) return false;
    bool segment_start = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)rel[i];
        if (ch < 0x20 || ch == 0x7f || ch == '\\') return false;
        if (segment_start && (ch == '.' || ch == '/')) return false;
        segment_start = ch == '/';
    }
    return true;
}

static const struct {
    const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},           {".map", "application/json"},
    {".webmanifest", "application/manifest+json"}, {".svg", "image/svg+xml"},
    {".png", "image/png"},                   {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},                 {".gif", "image/gif"},
    {".webp", "image/webp"},                 {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},                {".woff", "font/woff"},
    {".ttf", "font/ttf"},                    {".txt", "text/plain; charset=utf-8"},
};

const char *static_content_type(const char *name) {
    const char *dot = strrchr(name, '.');
    const char *slash = strrchr(name, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return "application/octet-stream";
}

bool static_is_immutable(const char *rel) {
    return strncmp(rel, "assets/", 7) == 0;
}

/* True when the last segment of rel has no extension: a client-side route
 * such as "movies/12", answered with index.html. */
static bool is_client_route(const char *rel) {
    const char *slash = strrchr(rel, '/');
    return strchr(slash ? slash + 1 : rel, '.') == NULL;
}

enum load { LOAD_OK, LOAD_MISSING, LOAD_TOO_BIG, LOAD_ERROR };

/* Opens root/rel into *fd (with its stat) when it is a regular file inside
 * root that is not too big to serve. */
static enum load open_file(const char *real_root, const char *rel, int *fd, struct stat *st) {
    char path[PATH_MAX], real[PATH_MAX];
    size_t rl = strlen(real_root);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", real_root, rel) >= sizeof path) return LOAD_MISSING;
    if (!realpath(path, real)) return errno == ENOENT || errno == ENOTDIR ? LOAD_MISSING : LOAD_ERROR;
    if (strncmp(real, real_root, rl) != 0 || real[rl] != '/') return LOAD_MISSING;
    *fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (*fd < 0) return LOAD_MISSING;
    enum load result = LOAD_OK;
    if (fstat(*fd, st) != 0 || !S_ISREG(st->st_mode)) result = LOAD_MISSING;
    else if (st->st_size > STATIC_FILE_MAX) result = LOAD_TOO_BIG;
    if (result != LOAD_OK) close(*fd);
    return result;
}

/* Reads the want bytes of fd into body. */
static enum load read_file(int fd, size_t want, struct strbuf *body) {
    size_t got = 0;
    if (want) strbuf_reserve(body, want);
    while (got < want) {
        ssize_t n = read(fd, body->data + got, want - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
    }
    if (got != want) return LOAD_ERROR;
    if (want) {
        body->len = got;
        body->data[got] = '\0';
    }
    return LOAD_OK;
}

/* Answers with the open file fd: its ETag comes from the table when the file
 * is unchanged since it was last hashed; an If-None-Match naming it gets a
 * 304 (no body, the same headers), without reading the file when the ETag
 * was known. */
static enum load serve_file(struct request *rq, struct response *rs, const char *name, int fd,
                            const struct stat *st) {
    struct static_etags *etags = rq->app->web_etags;
    bool known = etags && static_etags_find(etags, st, rs->etag);
    const char *inm = request_header(rq, "If-None-Match");
    if (!known || !inm || !etag_list_matches(inm, rs->etag, true)) {
        enum load got = read_file(fd, (size_t)st->st_size, &rs->body);
        if (got != LOAD_OK) return got;
        if (!known) {
            sha256_hex(rs->body.data ? rs->body.data : "", rs->body.len, rs->etag);
            if (etags) static_etags_remember(etags, st, rs->etag);
        }
    }
    if (inm && etag_list_matches(inm, rs->etag, true)) response_empty(rs, 304);
    else rs->status = 200;
    /* Also on a 304, which is sent without a Content-Type: without one the
     * server would add the API's own CSP (default-src 'none'), and a browser
     * revalidating its copy would merge it in and block the app. */
    rs->content_type = static_content_type(name);
    bool immutable = static_is_immutable(name);
    response_header(rs, "Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    security_add_headers(rq, rs);
    return LOAD_OK;
}

void handle_static(struct request *rq, struct response *rs) {
    const char *root = rq->app->cfg->web_root;
    const char *rel = rq->path + strlen("/app/");
    char real_root[PATH_MAX];
    if (!root || !realpath(root, real_root)) {
        response_error(rs, 404, "the web app is not built: run make, or set WEB_ROOT to its dist directory");
        return;
    }
    if (!static_path_is_safe(rel)) {
        response_error(rs, 404, NULL);
        return;
    }
    const char *name = *rel ? rel : "index.html";
    int fd = -1;
    struct stat st;
    enum load got = open_file(real_root, name, &fd, &st);
    if (got == LOAD_MISSING && is_client_route(name)) {
        name = "index.html";
        got = open_file(real_root, name, &fd, &st);
    }
    if (got == LOAD_OK) {
        got = serve_file(rq, rs, name, fd, &st);
        close(fd);
    }
    switch (got) {
    case LOAD_OK: return;
    case LOAD_MISSING: response_error(rs, 404, NULL); return;
    case LOAD_TOO_BIG: response_error(rs, 404, "the file is larger than the server serves"); return;
    case LOAD_ERROR: break;
    }
    rs->etag[0] = '\0';
    strbuf_reset(&rs->body);
    response_error(rs, 500, NULL);
}

void handle_static_root(struct request *rq, struct response *rs) {
    (void)rq;
    rs->status = 302;
    rs->location = "/app/";
    rs->content_type = "text/plain; charset=utf-8";
    strbuf_reset(&rs->body);
}

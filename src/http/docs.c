/* The API description and its reference page: GET /openapi.json (docs/openapi.json)
 * and GET /docs/... (Swagger UI from npm plus a small page), all embedded in the
 * binary at build time by scripts/embed.py, so the server reads no files. */
#include <string.h>

#include "http/handlers.h"
#include "http/response.h"
#include "util/embedded.h"

extern const struct embedded_file embedded_openapi[];  /* one file: openapi.json */
extern const size_t embedded_openapi_count;
extern const struct embedded_file embedded_docs_ui[];  /* the reference page's files */
extern const size_t embedded_docs_ui_count;

static void send_file(struct response *rs, const struct embedded_file *f, const char *content_type) {
    rs->status = 200;
    rs->content_type = content_type;
    strbuf_add(&rs->body, f->data, f->len);
}

static const char *content_type_of(const char *name) {
    const char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".js") == 0) return "text/javascript; charset=utf-8";
    if (dot && strcmp(dot, ".css") == 0) return "text/css; charset=utf-8";
    if (dot && strcmp(dot, ".html") == 0) return "text/html; charset=utf-8";
    return "application/octet-stream";
}

void handle_openapi(struct request *rq, struct response *rs) {
    (void)rq;
    send_file(rs, &embedded_openapi[0], "application/json");
}

/* /docs/ is index.html; /docs/NAME is the embedded file NAME (the route table
 * lists each one, so an unknown name never gets here). */
void handle_docs(struct request *rq, struct response *rs) {
    const char *name = rq->path + strlen("/docs/");
    if (*name == '\0') name = "index.html";
    for (size_t i = 0; i < embedded_docs_ui_count; i++) {
        if (strcmp(embedded_docs_ui[i].name, name) == 0) {
            send_file(rs, &embedded_docs_ui[i], content_type_of(name));
            return;
        }
    }
    response_error(rs, 404, NULL);
}

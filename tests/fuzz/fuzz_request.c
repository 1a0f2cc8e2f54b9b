/* libFuzzer harness: whole HTTP requests through the real pipeline
 * (dispatch_request: route table, auth, permission, content checks,
 * handlers) on a temporary SQLite database seeded with the demo data, no
 * sockets. Input: one byte choosing the token (none, assistant, director,
 * producer), then "METHOD /path?query" on the first line, "Name: value"
 * header lines, an empty line, and the body. Every answer must be a known
 * status with a JSON body (errors in the contract's shape); a 500 is a bug
 * (abort). */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>

#include "auth/auth.h"
#include "auth/keyring.h"
#include "http/dispatch.h"
#include "http/unescape.h"
#include "store/store.h"

#define MAX_HEADERS 32
#define MAX_QUERY 16

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The process-wide fixture; libFuzzer runs one input at a time. */
static struct fixture {
    char dir[64];
    char vars[4][300];
    struct config cfg;
    struct keyring *keys;
    struct auth *auth;
    struct store_pool *pool;
    struct app app;
    char *tokens[ROLE_COUNT];
} fx;

struct pair {
    const char *name, *value;
};

struct parsed {
    struct pair headers[MAX_HEADERS + 1];
    size_t n_headers;
    struct pair query[MAX_QUERY];
    size_t n_query;
};

static const char *fixture_env(const char *name, void *ctx) {
    (void)ctx;
    for (size_t i = 0; i < 4; i++) {
        size_t n = strlen(name);
        if (strncmp(fx.vars[i], name, n) == 0 && fx.vars[i][n] == '=') return fx.vars[i] + n + 1;
    }
    return NULL;
}

static void die(const char *what, const char *err) {
    fprintf(stderr, "fuzz_request: %s: %s\n", what, err);
    exit(1);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* At exit: the temporary database and key go with the process. */
static void fixture_remove(void) {
    nftw(fx.dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    char err[512] = "";
    snprintf(fx.dir, sizeof fx.dir, "%s", "/tmp/audition-fuzz.XXXXXX");
    if (!mkdtemp(fx.dir)) die("mkdtemp", "failed");
    atexit(fixture_remove);
    snprintf(fx.vars[0], sizeof fx.vars[0], "DATABASE_URL=sqlite://%s/a.db", fx.dir);
    snprintf(fx.vars[1], sizeof fx.vars[1], "DATA_DIR=%s", fx.dir);
    snprintf(fx.vars[2], sizeof fx.vars[2], "ACCESS_LOG=0");
    snprintf(fx.vars[3], sizeof fx.vars[3], "THREADS=1");
    if (config_load(&fx.cfg, fixture_env, NULL, err, sizeof err) != 0) die("config", err);
    if (store_pool_open(fx.cfg.database_url, 2, &fx.pool, err, sizeof err) != STORE_OK) die("store", err);
    const struct store_ops *ops = store_pool_ops(fx.pool);
    struct store_conn *c = NULL;
    if (store_acquire(fx.pool, 1000, &c) != STORE_OK || ops->migrate(c) != STORE_OK ||
        store_seed_demo(ops, c, false) != STORE_OK)
        die("seed", c ? ops->last_error(c) : "no connection");
    store_release(fx.pool, c);
    if (keyring_open(&fx.cfg, fx.pool, &fx.keys, err, sizeof err) != 0) die("keyring", err);
    if (auth_open(&fx.cfg, fx.keys, &fx.auth, err, sizeof err) != 0) die("auth", err);
    for (int r = 0; r < ROLE_COUNT; r++) {
        char *t = auth_mint_local(fx.auth, "fuzzer", (enum role)r, 365L * 24 * 3600, err, sizeof err);
        if (!t) die("token", err);
        fx.tokens[r] = malloc(strlen(t) + 8);
        sprintf(fx.tokens[r], "Bearer %s", t);
        free(t);
    }
    /* No sign-in service: password hashing (argon2id, ~90 ms) is no fuzz target. */
    fx.app = (struct app){.cfg = &fx.cfg, .auth = fx.auth, .pool = fx.pool, .login = NULL, .workers = NULL};
    return 0;
}

static const char *find(const struct pair *p, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(p[i].name, name) == 0) return p[i].value;
    return NULL;
}

static const char *src_header(const void *ctx, const char *name) {
    const struct parsed *p = ctx;
    return find(p->headers, p->n_headers, name);
}

static const char *src_query(const void *ctx, const char *name) {
    const struct parsed *p = ctx;
    for (size_t i = 0; i < p->n_query; i++)
        if (strcmp(p->query[i].name, name) == 0) return p->query[i].value;
    return NULL;
}

/* '+' as space, then the server's own percent-decoding (unescape.h). */
static void unescape(char *s) {
    for (char *p = s; *p; p++)
        if (*p == '+') *p = ' ';
    http_unescape(s);
}

static void parse_query(struct parsed *p, char *q) {
    for (char *item = q, *next; item && p->n_query < MAX_QUERY; item = next) {
        next = strchr(item, '&');
        if (next) *next++ = '\0';
        char *eq = strchr(item, '=');
        if (eq) *eq++ = '\0';
        unescape(item);
        if (eq) unescape(eq);
        p->query[p->n_query++] = (struct pair){item, eq ? eq : ""};
    }
}

/* Splits the head (NUL-terminated, modified) into request line and headers;
 * NULL when there is no "METHOD target" line. */
static char *parse_head(struct parsed *p, char *text, char **method, char **target) {
    char *line = text + strcspn(text, "\n");
    if (*line) *line++ = '\0';
    char *sp = strchr(text, ' ');
    if (!sp) return NULL;
    *sp = '\0';
    *method = text;
    *target = sp + 1;
    while (*line) {
        char *end = line + strcspn(line, "\n");
        char *next = *end ? end + 1 : end;
        *end = '\0';
        char *colon = strchr(line, ':');
        if (colon && p->n_headers < MAX_HEADERS) {
            *colon = '\0';
            p->headers[p->n_headers++] = (struct pair){line, colon + 1 + strspn(colon + 1, " ")};
        }
        line = next;
    }
    return text;
}

static void check_response(const struct request *rq, const struct response *rs) {
    static const int known[] = {200, 201, 204, 302, 304, 400, 401, 403, 404, 405, 409, 412, 413, 415, 503};
    bool ok = false;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) ok |= rs->status == known[i];
    if (!ok) {
        fprintf(stderr, "fuzz_request: %s %s -> status %d: %.*s\n", rq->method, rq->path, rs->status,
                (int)rs->body.len, rs->body.data ? rs->body.data : "");
        abort();
    }
    if (rs->status == 302) {  /* the web app's redirects (/ and /app to /app/) */
        if (!rs->location) {
            fprintf(stderr, "fuzz_request: %s %s -> 302 without a Location\n", rq->method, rq->path);
            abort();
        }
        return;
    }
    if (rs->status == 204 || rs->status == 304) return;
    if (rs->content_type && strcmp(rs->content_type, "application/json") != 0) return;
    json_error_t e;
    json_t *doc = json_loadb(rs->body.data ? rs->body.data : "", rs->body.len, 0, &e);
    bool error_shape = json_is_object(doc) && json_is_false(json_object_get(doc, "success")) &&
                       json_is_string(json_object_get(doc, "error"));
    if (!json_is_object(doc) || (rs->status >= 400 && !error_shape)) {
        fprintf(stderr, "fuzz_request: %s %s -> %d with a body that is not the contract's JSON: %.*s\n",
                rq->method, rq->path, rs->status, (int)rs->body.len, rs->body.data ? rs->body.data : "");
        abort();
    }
    json_decref(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2 || size > 128 * 1024) return 0;
    /* The head is everything up to the first empty line; the body the rest,
     * any bytes (NUL included). */
    const uint8_t *in = data + 1;
    size_t in_len = size - 1;
    const uint8_t *gap = memmem(in, in_len, "\n\n", 2);
    size_t head_len = gap ? (size_t)(gap - in) + 1 : in_len;
    size_t body_len = gap ? in_len - head_len - 1 : 0;
    char *head = strndup((const char *)in, head_len);
    char *body = malloc(body_len + 1);
    if (body_len) memcpy(body, gap + 2, body_len);
    body[body_len] = '\0';

    struct parsed p = {.n_headers = 0};
    char *method, *target;
    if (parse_head(&p, head, &method, &target)) {
        int who = data[0] % 5; /* 0: as given, 1..3: a role's token, 4: none */
        if (who >= 1 && who <= 3 && !find(p.headers, p.n_headers, "Authorization"))
            p.headers[p.n_headers++] = (struct pair){"Authorization", fx.tokens[who - 1]};
        char *q = strchr(target, '?');
        if (q) {
            *q++ = '\0';
            parse_query(&p, q);
        }
        http_unescape(target);
        struct arena arena;
        arena_init(&arena);
        struct request rq = {.app = &fx.app, .src = {.header = src_header, .query = src_query, .ctx = &p}, .method = method,
                             .path = target, .arena = &arena, .body = body, .body_len = body_len};
        struct response rs = {0};
        bool preflight = false;
        dispatch_request(&rq, &rs, &preflight);
        check_response(&rq, &rs);
        strbuf_free(&rs.body);
        arena_free(&arena);
    }
    free(body);
    free(head);
    return 0;
}

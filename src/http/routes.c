/* The API's route table and the matcher (see routes.h). Read this file to see
 * the whole API surface and its permissions on one screen. */
#include "http/routes.h"

#include <stdbool.h>
#include <string.h>

#include "auth/auth.h"
#include "http/handlers.h"
#include "http/server.h"
#include "http/static.h"

static const struct route routes[] = {
    /* method   pattern                               permission          body             handler */
    {"GET",    "/",                                   0,                  BODY_NONE,       handle_health, NULL},
    {"GET",    "/.well-known/jwks.json",              0,                  BODY_NONE,       handle_jwks, NULL},
    {"GET",    "/.well-known/openid-configuration",   0,                  BODY_NONE,       handle_openid_configuration, NULL},
    {"POST",   "/auth/login",                         0,                  BODY_JSON,       handle_login, NULL},
    {"GET",    "/auth/me",                            PERM_AUTHENTICATED, BODY_NONE,       handle_me, NULL},
    {"GET",    "/healthz",                            0,                  BODY_NONE,       handle_healthz, NULL},
    {"GET",    "/readyz",                             0,                  BODY_NONE,       handle_readyz, NULL},
    {"GET",    "/metrics",                            0,                  BODY_NONE,       handle_metrics, NULL},
    {"GET",    "/openapi.json",                       0,                  BODY_NONE,       handle_openapi, NULL},
    {"GET",    "/docs/",                              0,                  BODY_NONE,       handle_docs, NULL},
    {"GET",    "/docs/swagger-ui-bundle.js",          0,                  BODY_NONE,       handle_docs, NULL},
    {"GET",    "/docs/swagger-ui.css",                0,                  BODY_NONE,       handle_docs, NULL},
    {"GET",    "/docs/init.js",                       0,                  BODY_NONE,       handle_docs, NULL},

    {"GET",    "/movies",                             PERM_READ_MOVIES,   BODY_NONE,       entity_list, &movie_api},
    {"POST",   "/movies",                             PERM_CREATE_MOVIES, BODY_JSON,       entity_create, &movie_api},
    {"GET",    "/movies/{id}",                        PERM_READ_MOVIES,   BODY_NONE,       entity_get, &movie_api},
    {"PATCH",  "/movies/{id}",                        PERM_MODIFY_MOVIES, BODY_JSON_PATCH, entity_patch, &movie_api},
    {"DELETE", "/movies/{id}",                        PERM_DELETE_MOVIES, BODY_NONE,       entity_delete, &movie_api},

    {"GET",    "/actors",                             PERM_READ_ACTORS,   BODY_NONE,       actors_list, &actor_api},
    {"POST",   "/actors",                             PERM_CREATE_ACTORS, BODY_JSON,       entity_create, &actor_api},
    {"GET",    "/actors/{id}",                        PERM_READ_ACTORS,   BODY_NONE,       entity_get, &actor_api},
    {"PATCH",  "/actors/{id}",                        PERM_MODIFY_ACTORS, BODY_JSON_PATCH, entity_patch, &actor_api},
    {"DELETE", "/actors/{id}",                        PERM_DELETE_ACTORS, BODY_NONE,       entity_delete, &actor_api},

    /* The web app (web/dist) and its sign-in settings; {rest} matches any remaining path. */
    {"GET",    "/auth/config",                        0,                  BODY_NONE,       handle_auth_config, NULL},
    {"GET",    "/app",                                0,                  BODY_NONE,       handle_static_root, NULL},
    {"GET",    "/app/{rest}",                         0,                  BODY_NONE,       handle_static, NULL},

    {"POST",   "/casts",                              PERM_CREATE_CASTS,  BODY_JSON,       handle_cast_create, NULL},
    {"DELETE", "/casts/movies/{id}/actors/{id}",      PERM_DELETE_CASTS,  BODY_NONE,       handle_cast_delete, NULL},

    /* roles: casting.md "Roles", "Candidates", "Finding actors" (GET /actors filters: actors_list above) */
    {"GET",    "/movies/{id}/roles",                  PERM_READ_MOVIES,   BODY_NONE,       roles_list, NULL},
    {"POST",   "/movies/{id}/roles",                  PERM_MODIFY_MOVIES, BODY_JSON,       role_create, NULL},
    {"GET",    "/roles/{id}",                         PERM_READ_MOVIES,   BODY_NONE,       role_get, NULL},
    {"PATCH",  "/roles/{id}",                         PERM_MODIFY_MOVIES, BODY_JSON_PATCH, role_patch, NULL},
    {"DELETE", "/roles/{id}",                         PERM_MODIFY_MOVIES, BODY_NONE,       role_delete, NULL},
    {"GET",    "/roles/{id}/candidates",              PERM_READ_MOVIES,   BODY_NONE,       candidates_list, NULL},
    {"POST",   "/roles/{id}/candidates",              PERM_CREATE_CASTS,  BODY_JSON,       candidate_create, NULL},
    {"PATCH",  "/roles/{id}/candidates/{id}",         PERM_CREATE_CASTS,  BODY_JSON_PATCH, candidate_patch_handler, NULL},
    {"DELETE", "/roles/{id}/candidates/{id}",         PERM_DELETE_CASTS,  BODY_NONE,       candidate_delete, NULL},
    {"GET",    "/roles/{id}/matches",                 PERM_READ_MOVIES,   BODY_NONE,       role_matches, NULL},
    /* audit: the audit log, producers only */
    {"GET",    "/audit",                              PERM_CREATE_MOVIES, BODY_NONE,       handle_audit_list, NULL},

    /* Auditions (casting.md "Auditions"); DELETE cancels (status CANCELLED). */
    {"POST",   "/roles/{id}/auditions",               PERM_CREATE_CASTS,  BODY_JSON,       handle_audition_create, NULL},
    {"GET",    "/auditions",                          PERM_READ_MOVIES,   BODY_NONE,       handle_audition_list, NULL},
    {"GET",    "/auditions.ics",                      PERM_READ_MOVIES,   BODY_NONE,       handle_audition_feed, NULL},
    {"GET",    "/auditions/{id}",                     PERM_READ_MOVIES,   BODY_NONE,       handle_audition_get, NULL},
    {"PATCH",  "/auditions/{id}",                     PERM_CREATE_CASTS,  BODY_JSON_PATCH, handle_audition_patch, NULL},
    {"DELETE", "/auditions/{id}",                     PERM_DELETE_CASTS,  BODY_NONE,       handle_audition_delete, NULL},

    /* shares: producers' share links, their public page and votes (rate-limited
     * per client address), and the casting CSV exports and import. */
    {"GET",    "/roles/{id}/shares",                  PERM_CREATE_MOVIES, BODY_NONE,       handle_share_list, NULL},
    {"POST",   "/roles/{id}/shares",                  PERM_CREATE_MOVIES, BODY_JSON,       handle_share_create, NULL},
    {"DELETE", "/shares/{id}",                        PERM_CREATE_MOVIES, BODY_NONE,       handle_share_revoke, NULL},
    {"GET",    "/roles/{id}/votes",                   PERM_READ_MOVIES,   BODY_NONE,       handle_role_votes, NULL},
    {"GET",    "/shared/{token}",                     0,                  BODY_NONE,       handle_shared_get, NULL},
    {"POST",   "/shared/{token}/votes",               0,                  BODY_JSON,       handle_shared_vote, NULL},
    {"GET",    "/movies/{id}/cast.csv",               PERM_READ_MOVIES,   BODY_NONE,       handle_cast_csv, NULL},
    {"GET",    "/roles/{id}/candidates.csv",          PERM_READ_MOVIES,   BODY_NONE,       handle_candidates_csv, NULL},
    {"POST",   "/actors/import",                      PERM_CREATE_ACTORS, BODY_CSV,        handle_actors_import, NULL},
};

#define N_ROUTES (sizeof routes / sizeof routes[0])

size_t route_body_max(const struct route *r) {
    return r && r->body == BODY_CSV ? CSV_BODY_MAX : BODY_MAX;
}

const char *route_body_too_large(const struct route *r) {
    return r && r->body == BODY_CSV ? "the request body is larger than 1 MiB" : "the request body is larger than 64 KiB";
}

const struct route *route_table(size_t *count) {
    *count = N_ROUTES;
    return routes;
}

/* Parses a positive decimal id of at most ID_MAX from [s, s+n). */
static int parse_id(const char *s, size_t n, int64_t *out) {
    if (n == 0 || n > 16) return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 1 || v > ID_MAX) return -1;
    *out = v;
    return 0;
}

/* A {token} segment: 1 to 64 base64url characters (shares). */
static bool token_segment(const char *s, size_t n) {
    return n >= 1 && n <= 64 &&
           strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") >= n;
}

/* Matches path against pattern segment by segment, collecting {id}s. */
static int path_matches(const char *pattern, const char *path, int64_t ids[2]) {
    int n_ids = 0;
    while (*pattern && *path) {
        if (*pattern != '/' || *path != '/') return 0;
        pattern++, path++;
        size_t pl = strcspn(pattern, "/"), sl = strcspn(path, "/");
        if (strcmp(pattern, "{rest}") == 0) return 1;
        if (pl == 4 && strncmp(pattern, "{id}", 4) == 0) {
            if (n_ids == 2 || parse_id(path, sl, &ids[n_ids]) != 0) return 0;
            n_ids++;
        } else if (pl == 7 && strncmp(pattern, "{token}", 7) == 0) {
            if (!token_segment(path, sl)) return 0;
        } else if (pl != sl || strncmp(pattern, path, pl) != 0) {
            return 0;
        }
        pattern += pl, path += sl;
    }
    return *pattern == '\0' && *path == '\0';
}

enum route_match route_find(const char *method, const char *path, const struct route **out, int64_t ids[2],
                            char *allow, size_t allow_len) {
    const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
    bool path_known = false;
    size_t used = 0;
    if (allow_len) allow[0] = '\0';
    for (size_t i = 0; i < N_ROUTES; i++) {
        int64_t found[2] = {0, 0};
        if (!path_matches(routes[i].pattern, path, found)) continue;
        if (strcmp(routes[i].method, want) == 0) {
            *out = &routes[i];
            ids[0] = found[0];
            ids[1] = found[1];
            return ROUTE_FOUND;
        }
        path_known = true;
        size_t ml = strlen(routes[i].method);
        if (used + ml + 3 < allow_len) {
            if (used) memcpy(allow + used, ", ", 2), used += 2;
            memcpy(allow + used, routes[i].method, ml + 1);
            used += ml;
        }
    }
    return path_known ? ROUTE_WRONG_METHOD : ROUTE_NOT_FOUND;
}

/* Unit tests of the HTTP layer's pure parts: route matching, query
 * parameters, UTF-8 checks and ETag preconditions. */
#include <criterion/criterion.h>
#include <string.h>

#include "auth/auth.h"
#include "http/preconditions.h"
#include "http/query.h"
#include "http/routes.h"

static enum route_match find(const char *method, const char *path, const struct route **r, int64_t ids[2],
                             char *allow) {
    return route_find(method, path, r, ids, allow, 64);
}

Test(routes, matches_ids_and_methods) {
    const struct route *r = NULL;
    int64_t ids[2];
    char allow[64];
    cr_assert_eq(find("GET", "/movies/12", &r, ids, allow), ROUTE_FOUND);
    cr_expect_eq(ids[0], 12);
    cr_expect_eq(r->perm, PERM_READ_MOVIES);
    cr_assert_eq(find("DELETE", "/casts/movies/3/actors/7", &r, ids, allow), ROUTE_FOUND);
    cr_expect_eq(ids[0], 3);
    cr_expect_eq(ids[1], 7);
    cr_expect_eq(find("HEAD", "/actors", &r, ids, allow), ROUTE_FOUND);
    cr_expect_eq(find("PATCH", "/movies", &r, ids, allow), ROUTE_WRONG_METHOD);
    cr_expect_str_eq(allow, "GET, POST");
    cr_expect_eq(find("POST", "/movies/1", &r, ids, allow), ROUTE_WRONG_METHOD);
    cr_expect_str_eq(allow, "GET, PATCH, DELETE");
}

Test(routes, bad_ids_and_unknown_paths_are_not_found) {
    const struct route *r = NULL;
    int64_t ids[2];
    char allow[64];
    const char *paths[] = {"/movies/boom", "/movies/0", "/movies/-1", "/movies/1x", "/movies/",
                           "/movies/1/", "/movies//1", "/nope", "/casts/movies/a/actors/1",
                           "/movies/99999999999999999999", "/movies/9007199254740992", ""};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        cr_expect_eq(find("GET", paths[i], &r, ids, allow), ROUTE_NOT_FOUND, "%s", paths[i]);
}

Test(routes, token_segments_match_base64url_only) {
    const struct route *r;
    int64_t ids[2];
    char allow[64];
    cr_expect_eq(find("GET", "/shared/AbC-_09abcdefghijklmn", &r, ids, allow), ROUTE_FOUND);
    cr_expect_str_eq(r->pattern, "/shared/{token}");
    cr_expect_eq(find("POST", "/shared/abc/votes", &r, ids, allow), ROUTE_FOUND);
    cr_expect_str_eq(r->pattern, "/shared/{token}/votes");
    const char *bad[] = {"/shared/", "/shared/a.b", "/shared/a%20b", "/shared/a=",
                         "/shared/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_eq(find("GET", bad[i], &r, ids, allow), ROUTE_NOT_FOUND, "%s", bad[i]);
}

Test(routes, every_private_route_names_a_permission) {
    size_t n;
    const struct route *t = route_table(&n);
    /* public on purpose: health, the local JWKS, and the operator endpoints
     * (/metrics has its own check: loopback or METRICS_TOKEN) */
    static const char *const open_routes[] = {"/", "/.well-known/jwks.json", "/healthz", "/readyz", "/metrics",
                                                "/.well-known/openid-configuration", "/auth/login",
                                                "/openapi.json", "/docs/", "/docs/swagger-ui-bundle.js",
                                                "/docs/swagger-ui.css", "/docs/init.js",
                                                "/auth/config", "/app", "/app/{rest}", /* + the web app */
                                                "/shared/{token}", "/shared/{token}/votes"}; /* share links */
    for (size_t i = 0; i < n; i++) {
        bool open = false;
        for (size_t k = 0; k < sizeof open_routes / sizeof open_routes[0]; k++)
            open = open || strcmp(t[i].pattern, open_routes[k]) == 0;
        if (!open) cr_expect_neq(t[i].perm, 0, "%s %s is public", t[i].method, t[i].pattern);
    }
}

Test(query, page_normalisation) {
    cr_expect_eq(query_page(NULL), 1);
    cr_expect_eq(query_page(""), 1);
    cr_expect_eq(query_page("0"), 1);
    cr_expect_eq(query_page("-3"), 1);
    cr_expect_eq(query_page("abc"), 1);
    cr_expect_eq(query_page("2.5"), 1);
    cr_expect_eq(query_page("3"), 3);
    cr_expect_eq(query_page("99999999999999999999"), PAGE_MAX);
}

Test(query, search_bounds_and_utf8) {
    cr_expect(query_search_ok("100%_a"));
    cr_expect(query_search_ok("Penélope"));
    cr_expect(!query_search_ok("\xc3"));
    cr_expect(!query_search_ok("\xc0\xaf"), "overlong");
    cr_expect(!query_search_ok("\xed\xa0\x80"), "surrogate");
    cr_expect(!query_search_ok("a\x01"));
    char long_s[202];
    memset(long_s, 'a', 201);
    long_s[201] = '\0';
    cr_expect(!query_search_ok(long_s));
}

Test(preconditions, if_match_forms) {
    const char *e = "abc123";
    cr_expect(etag_list_matches("\"abc123\"", e, false));
    cr_expect(etag_list_matches("abc123", e, false));
    cr_expect(etag_list_matches("*", e, false));
    cr_expect(etag_list_matches("\"x\", \"abc123\"", e, false));
    cr_expect(!etag_list_matches("\"abc12\"", e, false));
    cr_expect(!etag_list_matches("W/\"abc123\"", e, false), "weak tags never match If-Match");
    cr_expect(etag_list_matches("W/\"abc123\"", e, true));
    cr_expect(!etag_list_matches("", e, true));
}

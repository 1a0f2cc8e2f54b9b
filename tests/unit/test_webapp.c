/* Unit tests of the web app's serving rules: Accept negotiation for `/`,
 * path safety, content types and caching of src/http/static.c, its table of
 * ETags (static_etags.c), the CSP, and the WEB_ROOT / OIDC_* configuration. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "http/accept.h"
#include "http/security.h"
#include "http/static.h"
#include "http/static_etags.h"
#include "util/arena.h"

Test(accept, browsers_prefer_html) {
    cr_expect(accept_prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    cr_expect(accept_prefers_html("text/html"));
    cr_expect(accept_prefers_html("application/json;q=0.5, text/html"));
    cr_expect(accept_prefers_html("TEXT/HTML; charset=utf-8"));
}

Test(accept, everyone_else_gets_json) {
    const char *cases[] = {NULL, "", "*/*", "application/json", "text/html;q=0.5, application/json",
                           "text/html, application/json", "application/*, text/html;q=0.9", "text/html;q=0",
                           "text/html;q=0, */*", "text/plain", "text/html;q=garbage", ",,,;;;", "text/*"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect(!accept_prefers_html(cases[i]), "%s", cases[i] ? cases[i] : "(none)");
}

Test(accept, bounded) {
    char big[4096];
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big + 3000, "text/html", 9);
    cr_expect(!accept_prefers_html(big));
}

Test(static_paths, safe) {
    const char *ok[] = {"", "index.html", "assets/index-abc.js", "movies/12/edit", "a-b_c~d@e+f"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) cr_expect(static_path_is_safe(ok[i]), "%s", ok[i]);
}

Test(static_paths, unsafe) {
    const char *bad[] = {"..", "../x", "a/../b", "a/..", ".hidden", "a/.git/config", "/etc/passwd", "a//b",
                         "a\\..\\b", "a\x01", "a\x7f", "./a"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) cr_expect(!static_path_is_safe(bad[i]), "%s", bad[i]);
    char long_path[STATIC_PATH_MAX + 2];
    memset(long_path, 'a', sizeof long_path - 1);
    long_path[sizeof long_path - 1] = '\0';
    cr_expect(!static_path_is_safe(long_path));
    long_path[STATIC_PATH_MAX] = '\0';
    cr_expect(static_path_is_safe(long_path));
}

Test(static_paths, types_and_caching) {
    cr_expect_str_eq(static_content_type("index.html"), "text/html; charset=utf-8");
    cr_expect_str_eq(static_content_type("assets/x.js"), "text/javascript; charset=utf-8");
    cr_expect_str_eq(static_content_type("assets/x.woff2"), "font/woff2");
    cr_expect_str_eq(static_content_type("favicon.svg"), "image/svg+xml");
    cr_expect_str_eq(static_content_type("a.d/noext"), "application/octet-stream");
    cr_expect_str_eq(static_content_type("x.exe"), "application/octet-stream");
    cr_expect(static_is_immutable("assets/index-abc.js"));
    cr_expect(!static_is_immutable("index.html"));
    cr_expect(!static_is_immutable("assetsx/a.js"));
}

Test(static_etags, kept_while_the_file_is_unchanged) {
    struct static_etags *t = static_etags_new();
    cr_assert(t);
    struct stat a = {.st_dev = 1, .st_ino = 42, .st_size = 10, .st_mtim = {100, 5}, .st_ctim = {100, 5}};
    struct stat b = a;
    b.st_ino = 43;
    char out[SHA256_HEX_LEN + 1] = "";
    cr_expect(!static_etags_find(t, &a, out));
    static_etags_remember(t, &a, "aaaa");
    static_etags_remember(t, &b, "bbbb");
    cr_expect(static_etags_find(t, &a, out));
    cr_expect_str_eq(out, "aaaa");
    cr_expect(static_etags_find(t, &b, out));
    cr_expect_str_eq(out, "bbbb");
    struct stat changed[4] = {a, a, a, a};
    changed[0].st_size = 11;
    changed[1].st_mtim.tv_nsec = 6;
    changed[2].st_ctim.tv_sec = 101;
    changed[3].st_dev = 2;
    for (size_t i = 0; i < 4; i++) cr_expect(!static_etags_find(t, &changed[i], out), "change %zu", i);
    static_etags_remember(t, &changed[0], "cccc");
    cr_expect(static_etags_find(t, &changed[0], out));
    cr_expect_str_eq(out, "cccc");
    static_etags_free(t);
}

struct env { const char *const *kv; };

static const char *lookup(const char *name, void *ctx) {
    for (const char *const *p = ((struct env *)ctx)->kv; *p; p += 2)
        if (strcmp(*p, name) == 0) return p[1];
    return NULL;
}

static int load(struct config *c, char *err, const char *const *kv) {
    struct env e = {kv};
    return config_load(c, lookup, &e, err, 256);
}

Test(webapp_config, defaults_and_csp) {
    struct config c;
    char err[256];
    const char *none[] = {NULL};
    cr_assert_eq(load(&c, err, none), 0, "%s", err);
    cr_expect_not_null(c.web_root);
    cr_expect(strstr(c.web_root, "/../web/dist") != NULL, "%s", c.web_root);
    cr_expect_null(c.oidc_authorize_url);
    struct arena a;
    arena_init(&a);
    const char *csp = security_csp(&c, &a);
    cr_expect(strstr(csp, "script-src 'self';") && strstr(csp, "frame-ancestors 'none'") &&
              strstr(csp, "connect-src 'self';"), "%s", csp);
    arena_free(&a);
    config_free(&c);
}

Test(webapp_config, oidc) {
    struct config c;
    char err[256];
    const char *kv[] = {"WEB_ROOT", "/srv/web", "OIDC_AUTHORIZE_URL", "https://id.example/authorize",
                        "OIDC_TOKEN_URL", "https://id.example:8443/token?x=1", "OIDC_CLIENT_ID", "spa", NULL};
    cr_assert_eq(load(&c, err, kv), 0, "%s", err);
    cr_expect_str_eq(c.web_root, "/srv/web");
    cr_expect_str_eq(c.oidc_scopes, "openid profile");
    cr_expect_str_eq(c.oidc_name, "single sign-on");
    cr_expect_null(c.oidc_audience);
    struct arena a;
    arena_init(&a);
    cr_expect(strstr(security_csp(&c, &a), "connect-src 'self' https://id.example:8443;") != NULL);
    arena_free(&a);
    config_free(&c);
}

Test(webapp_config, oidc_errors_name_the_variable) {
    struct config c;
    char err[256];
    const char *partial[] = {"OIDC_CLIENT_ID", "spa", NULL};
    cr_expect_eq(load(&c, err, partial), -1);
    cr_expect(strstr(err, "OIDC_AUTHORIZE_URL, OIDC_TOKEN_URL and OIDC_CLIENT_ID") != NULL, "%s", err);
    const char *plain_http[] = {"OIDC_AUTHORIZE_URL", "http://id.example/a", "OIDC_TOKEN_URL", "https://id.example/t",
                                "OIDC_CLIENT_ID", "spa", NULL};
    cr_expect_eq(load(&c, err, plain_http), -1);
    cr_expect(strstr(err, "OIDC_AUTHORIZE_URL") != NULL, "%s", err);
    const char *loopback[] = {"OIDC_AUTHORIZE_URL", "http://127.0.0.1:9/a", "OIDC_TOKEN_URL", "http://localhost:9/t",
                              "OIDC_CLIENT_ID", "spa", NULL};
    cr_expect_eq(load(&c, err, loopback), 0, "%s", err);
    config_free(&c);
}

/* Unit tests of configuration parsing: defaults, the original variable
 * names, and errors that name the variable. */
#include <criterion/criterion.h>
#include <string.h>

#include "config.h"

/* A fake environment: NULL-terminated name/value pairs. */
static const char *lookup(const char *name, void *ctx) {
    const char *const *kv = ctx;
    for (; kv[0]; kv += 2)
        if (strcmp(kv[0], name) == 0) return kv[1];
    return NULL;
}

static int load(struct config *c, char *err, const char *const *env) {
    return config_load(c, lookup, (void *)env, err, 256);
}

Test(config, defaults) {
    const char *env[] = {NULL};
    struct config c;
    char err[256];
    cr_assert_eq(load(&c, err, env), 0, "%s", err);
    cr_expect_str_eq(c.database_url, "sqlite://data/audition.db");
    cr_expect_str_eq(c.host, "127.0.0.1");
    cr_expect_eq(c.port, 8080);
    cr_expect(c.local_issuer);
    cr_expect_str_eq(c.auth_issuer, "http://127.0.0.1:8080");
    cr_expect_str_eq(c.auth_audience, "audition");
    cr_expect_null(c.auth_jwks_url);
    cr_expect_str_eq(c.key_file, "data/signing-key.pem");
    cr_expect_eq(c.algorithms, ALG_RS256 | ALG_ES256 | ALG_EDDSA);
    cr_expect(!c.hydrate);
    cr_expect(c.access_log);
    cr_expect_geq(c.threads, 1);
    config_free(&c);
}

Test(config, original_auth0_names) {
    const char *env[] = {"AUTH0_DOMAIN", "casting.eu.auth0.com", "API_AUDIENCE", "casting", "ALGORITHMS",
                         "[\"RS256\"]", NULL};
    struct config c;
    char err[256];
    cr_assert_eq(load(&c, err, env), 0, "%s", err);
    cr_expect(!c.local_issuer);
    cr_expect_str_eq(c.auth_issuer, "https://casting.eu.auth0.com/");
    cr_expect_str_eq(c.auth_jwks_url, "https://casting.eu.auth0.com/.well-known/jwks.json");
    cr_expect_str_eq(c.auth_audience, "casting");
    cr_expect_eq(c.algorithms, ALG_RS256);
    config_free(&c);
}

Test(config, explicit_issuer_and_origins) {
    const char *env[] = {"AUTH_ISSUER", "https://idp.test/", "AUTH_JWKS_URL", "file:///tmp/jwks.json",
                         "AUTH_AUDIENCE", "api", "ORIGINS", " http://a.test , https://b.test:8443/ ", "PORT",
                         "9090", "HYDRATE_DB", "true", NULL};
    struct config c;
    char err[256];
    cr_assert_eq(load(&c, err, env), 0, "%s", err);
    cr_expect_str_eq(c.auth_jwks_url, "file:///tmp/jwks.json");
    cr_expect_eq(c.n_origins, 2);
    cr_expect_str_eq(c.origins[0], "http://a.test");
    cr_expect_str_eq(c.origins[1], "https://b.test:8443");
    cr_expect_eq(c.port, 9090);
    cr_expect(c.hydrate);
    config_free(&c);
}

static void expect_error(const char *const *env, const char *variable) {
    struct config c;
    char err[256] = "";
    cr_expect_eq(load(&c, err, env), -1, "accepted, expected an error about %s", variable);
    cr_expect(strstr(err, variable) != NULL, "error \"%s\" does not name %s", err, variable);
}

Test(config, bad_values_name_their_variable) {
    expect_error((const char *[]){"PORT", "80x", NULL}, "PORT");
    expect_error((const char *[]){"PORT", "70000", NULL}, "PORT");
    expect_error((const char *[]){"DATABASE_URL", "mysql://x", NULL}, "DATABASE_URL");
    expect_error((const char *[]){"DATABASE_URL", "sqlite://", NULL}, "DATABASE_URL");
    expect_error((const char *[]){"AUTH_JWKS_URL", "file:///x", NULL}, "AUTH_ISSUER");
    expect_error((const char *[]){"AUTH_ISSUER", "https://i/", "AUTH_JWKS_URL", "http://10.0.0.1/jwks", NULL},
                 "AUTH_JWKS_URL");
    expect_error((const char *[]){"AUTH_ISSUER", "https://i/", "AUTH_JWKS_URL", "ftp://x/jwks", NULL},
                 "AUTH_JWKS_URL");
    expect_error((const char *[]){"ALGORITHMS", "HS256", NULL}, "ALGORITHMS");
    expect_error((const char *[]){"ALGORITHMS", "none", NULL}, "ALGORITHMS");
    expect_error((const char *[]){"ORIGINS", "not-an-origin", NULL}, "ORIGINS");
    expect_error((const char *[]){"ORIGINS", "https://a.test/path", NULL}, "ORIGINS");
    expect_error((const char *[]){"HYDRATE_DB", "maybe", NULL}, "HYDRATE_DB");
    expect_error((const char *[]){"THREADS", "0", NULL}, "THREADS");
    expect_error((const char *[]){"AUTH0_DOMAIN", "https://x.auth0.com/", NULL}, "AUTH0_DOMAIN");
    expect_error((const char *[]){"PUBLIC_URL", "ftp://x", NULL}, "PUBLIC_URL");
}

Test(config, loopback_http_jwks_allowed) {
    const char *env[] = {"AUTH_ISSUER", "http://127.0.0.1:9/", "AUTH_JWKS_URL", "http://127.0.0.1:9/jwks", NULL};
    struct config c;
    char err[256];
    cr_assert_eq(load(&c, err, env), 0, "%s", err);
    cr_expect_null(c.auth_audience, "no audience configured: aud is not checked");
    config_free(&c);
    const char *env2[] = {"AUTH_ISSUER", "http://localhost:9/", NULL};
    cr_assert_eq(load(&c, err, env2), 0, "%s", err);
    cr_expect_str_eq(c.auth_jwks_url, "http://localhost:9/.well-known/jwks.json");
    config_free(&c);
}

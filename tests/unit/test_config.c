/* Unit tests of configuration parsing: defaults, the original variable
 * names, and errors that name the variable. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
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

/* ---- external OIDC providers: AUTH_PERMISSIONS_CLAIM, AUTH_ROLE_MAP, AUTH_ISSUERS ---- */


Test(config, provider_variables_default_to_none) {
    const char *env[] = {NULL};
    struct config c;
    char err[256];
    cr_assert_eq(load(&c, err, env), 0, "%s", err);
    cr_expect_null(c.permissions_claim);
    cr_expect_eq(c.n_role_map, 0);
    cr_expect_eq(c.n_issuers, 0);
    config_free(&c);
}

Test(config, permissions_claim_and_role_map) {
    const char *env[] = {"AUTH_PERMISSIONS_CLAIM", "realm_access.roles", "AUTH_ROLE_MAP",
                         " casting-director = director , exec=Producer,viewer=read:actors+read:movies,"
                         "Casting Team=director+delete:movies ,",
                         NULL};
    struct config c;
    char err[256];
    cr_assert_eq(load(&c, err, env), 0, "%s", err);
    cr_expect_str_eq(c.permissions_claim, "realm_access.roles");
    cr_assert_eq(c.n_role_map, 4);
    cr_expect_str_eq(c.role_map[0].name, "casting-director");
    cr_expect_eq(c.role_map[0].perms, role_perms(ROLE_DIRECTOR));
    cr_expect_str_eq(c.role_map[1].name, "exec");
    cr_expect_eq(c.role_map[1].perms, role_perms(ROLE_PRODUCER));
    cr_expect_str_eq(c.role_map[2].name, "viewer");
    cr_expect_eq(c.role_map[2].perms, PERM_READ_ACTORS | PERM_READ_MOVIES);
    cr_expect_str_eq(c.role_map[3].name, "Casting Team", "inner blanks are part of the name");
    cr_expect_eq(c.role_map[3].perms, role_perms(ROLE_DIRECTOR) | PERM_DELETE_MOVIES);
    config_free(&c);
}

Test(config, namespaced_claim_path_is_accepted) {
    const char *env[] = {"AUTH_PERMISSIONS_CLAIM", "https://casting.example.com/roles", NULL};
    struct config c;
    char err[256];
    cr_assert_eq(load(&c, err, env), 0, "%s", err);
    cr_expect_str_eq(c.permissions_claim, "https://casting.example.com/roles");
    config_free(&c);
}

Test(config, issuers_list) {
    const char *env[] = {"AUTH_ISSUERS",
                         " https://kc.test/realms/studio | https://kc.test/realms/studio/protocol/openid-connect/certs"
                         " | account | realm_access.roles ;\n"
                         "http://127.0.0.1:4593/|http://127.0.0.1:4593/api/oidc/jwks;"
                         "https://idp.test/||api",
                         NULL};
    struct config c;
    char err[256];
    cr_assert_eq(load(&c, err, env), 0, "%s", err);
    cr_expect(c.local_issuer, "AUTH_ISSUERS alone keeps the built-in issuer");
    cr_assert_eq(c.n_issuers, 3);
    cr_expect_str_eq(c.issuers[0].issuer, "https://kc.test/realms/studio");
    cr_expect_str_eq(c.issuers[0].jwks_url, "https://kc.test/realms/studio/protocol/openid-connect/certs");
    cr_expect_str_eq(c.issuers[0].audience, "account");
    cr_expect_str_eq(c.issuers[0].permissions_claim, "realm_access.roles");
    cr_expect_str_eq(c.issuers[1].issuer, "http://127.0.0.1:4593/");
    cr_expect_null(c.issuers[1].audience);
    cr_expect_null(c.issuers[1].permissions_claim);
    cr_expect_str_eq(c.issuers[2].jwks_url, "https://idp.test/.well-known/jwks.json");
    cr_expect_str_eq(c.issuers[2].audience, "api");
    config_free(&c);
}

Test(config, issuers_with_an_external_primary) {
    const char *env[] = {"AUTH0_DOMAIN", "casting.eu.auth0.com", "API_AUDIENCE", "casting", "AUTH_ISSUERS",
                         "https://kc.test/realms/studio|https://kc.test/certs", NULL};
    struct config c;
    char err[256];
    cr_assert_eq(load(&c, err, env), 0, "%s", err);
    cr_expect(!c.local_issuer);
    cr_expect_str_eq(c.auth_issuer, "https://casting.eu.auth0.com/");
    cr_expect_eq(c.n_issuers, 1);
    config_free(&c);
}

Test(config, provider_variables_errors_name_their_variable) {
    expect_error((const char *[]){"AUTH_PERMISSIONS_CLAIM", "realm_access..roles", NULL}, "AUTH_PERMISSIONS_CLAIM");
    expect_error((const char *[]){"AUTH_PERMISSIONS_CLAIM", ".roles", NULL}, "AUTH_PERMISSIONS_CLAIM");
    expect_error((const char *[]){"AUTH_PERMISSIONS_CLAIM", "roles.", NULL}, "AUTH_PERMISSIONS_CLAIM");
    expect_error((const char *[]){"AUTH_PERMISSIONS_CLAIM", "realm access", NULL}, "AUTH_PERMISSIONS_CLAIM");
    expect_error((const char *[]){"AUTH_PERMISSIONS_CLAIM", "a.b.c.d.e.f.g.h.i", NULL}, "AUTH_PERMISSIONS_CLAIM");
    expect_error((const char *[]){"AUTH_ROLE_MAP", "casting-director", NULL}, "AUTH_ROLE_MAP");
    expect_error((const char *[]){"AUTH_ROLE_MAP", "casting-director=janitor", NULL}, "AUTH_ROLE_MAP");
    expect_error((const char *[]){"AUTH_ROLE_MAP", "x=read:actors+", NULL}, "AUTH_ROLE_MAP");
    expect_error((const char *[]){"AUTH_ROLE_MAP", "=director", NULL}, "AUTH_ROLE_MAP");
    expect_error((const char *[]){"AUTH_ROLE_MAP", "a=director,a=producer", NULL}, "AUTH_ROLE_MAP");
    expect_error((const char *[]){"AUTH_ISSUERS", "|https://x.test/jwks", NULL}, "AUTH_ISSUERS");
    expect_error((const char *[]){"AUTH_ISSUERS", "https://x.test/|http://10.1.1.1/jwks", NULL}, "AUTH_ISSUERS");
    expect_error((const char *[]){"AUTH_ISSUERS", "https://x.test/|https://x.test/jwks|a|b|c", NULL},
                 "AUTH_ISSUERS");
    expect_error((const char *[]){"AUTH_ISSUERS", "https://x.test/|https://x.test/jwks|a|bad..path", NULL},
                 "AUTH_ISSUERS");
    expect_error((const char *[]){"AUTH_ISSUERS", "https://x.test/;https://x.test/", NULL}, "AUTH_ISSUERS");
    expect_error((const char *[]){"AUTH_ISSUER", "https://x.test/", "AUTH_ISSUERS", "https://x.test/", NULL},
                 "AUTH_ISSUERS");
    expect_error((const char *[]){"AUTH_ISSUERS", "http://127.0.0.1:8080", NULL}, "AUTH_ISSUERS");
}

Test(config, role_map_count_is_bounded) {
    char map[CONFIG_MAX_ROLE_MAP * 16 + 32] = "";
    for (int i = 0; i <= CONFIG_MAX_ROLE_MAP; i++) {
        char one[24];
        snprintf(one, sizeof one, "r%d=director,", i);
        strcat(map, one);
    }
    expect_error((const char *[]){"AUTH_ROLE_MAP", map, NULL}, "AUTH_ROLE_MAP");
}

Test(config, issuer_count_is_bounded) {
    char list[(CONFIG_MAX_ISSUERS + 1) * 32] = "";
    for (int i = 0; i <= CONFIG_MAX_ISSUERS; i++) {
        char one[32];
        snprintf(one, sizeof one, "https://i%d.test/;", i);
        strcat(list, one);
    }
    struct config c;
    char err[256] = "";
    cr_expect_eq(load(&c, err, (const char *[]){"AUTH_ISSUERS", list, NULL}), -1);
    cr_expect(strstr(err, "more than") && strstr(err, "AUTH_ISSUERS"), "%s", err);
}

/* Several trusted issuers (AUTH_ISSUERS, src/auth/issuers.c): each token is
 * checked with the keys, audience and claim rules of the issuer its iss
 * names, never with another issuer's keys; AUTH_ROLE_MAP applies to all. */
#include "auth_fixture.h"

#define SECOND "https://second.test/realms/studio"
#define SECOND_AUD "second-api"

static EVP_PKEY *k1, *k2;
static char jwks2[160], url2[200];

static void setup(void)
{
    fx_setup();
    k1 = fx_rsa(2048);
    k2 = fx_rsa(2048);
    fx_write_jwks(fx_jwk(k1, "k1"));
    snprintf(jwks2, sizeof jwks2, "%s/second.json", fx.dir);
    snprintf(url2, sizeof url2, "file://%s", jwks2);
    fx_write_jwks_to(jwks2, fx_jwk(k2, "k2"), NULL);
    fx.cfg.issuers[0] = (struct config_issuer){SECOND, url2, SECOND_AUD, "realm_access.roles"};
    fx.cfg.n_issuers = 1;
    fx.cfg.role_map[0] = (struct config_role){"casting-director", role_perms(ROLE_DIRECTOR)};
    fx.cfg.n_role_map = 1;
    fx_open();
}

static void teardown(void)
{
    fx_teardown();
    EVP_PKEY_free(k1);
    EVP_PKEY_free(k2);
}

TestSuite(issuers, .init = setup, .fini = teardown, .timeout = 60);

/* Claims of the second issuer: its iss and aud, Keycloak-style roles. */
static json_t *second_claims(const char *role)
{
    json_t *c = fx_claims();
    json_object_set_new(c, "iss", json_string(SECOND));
    json_object_set_new(c, "aud", json_string(SECOND_AUD));
    json_object_del(c, "permissions");
    json_object_set_new(c, "realm_access", json_pack("{s:[s, s]}", "roles", "offline_access", role));
    return c;
}

Test(issuers, each_issuer_with_its_own_keys_and_rules)
{
    struct auth_claims c;
    fx_expect_ok(fx_token(k1, "k1"), &c);
    cr_expect_eq(c.perms, PERM_READ_ACTORS | PERM_CREATE_MOVIES);
    fx_expect_ok(fx_token_with(k2, "k2", second_claims("casting-director")), &c);
    cr_expect_eq(c.perms, role_perms(ROLE_DIRECTOR));
}

Test(issuers, never_another_issuers_keys)
{
    /* the second issuer's iss signed by the primary's key, with its kid or the other's */
    fx_expect_invalid(fx_token_with(k1, "k1", second_claims("casting-director")), NULL);
    fx_expect_invalid(fx_token_with(k1, "k2", second_claims("casting-director")), "bad signature");
    /* and the other way round */
    fx_expect_invalid(fx_token(k2, "k2"), NULL);
    fx_expect_invalid(fx_token(k2, "k1"), "bad signature");
}

Test(issuers, audience_is_per_issuer)
{
    json_t *c = second_claims("casting-director");
    json_object_set_new(c, "aud", json_string(FX_AUDIENCE));
    fx_expect_invalid(fx_token_with(k2, "k2", c), "wrong audience");
    c = fx_claims();
    json_object_set_new(c, "aud", json_string(SECOND_AUD));
    fx_expect_invalid(fx_token_with(k1, "k1", c), "wrong audience");
}

Test(issuers, unknown_issuer_is_refused)
{
    json_t *c = fx_claims();
    json_object_set_new(c, "iss", json_string("https://second.test/realms/other"));
    fx_expect_invalid(fx_token_with(k1, "k1", c), "wrong issuer");
}

Test(issuers, role_map_applies_to_the_primary_too)
{
    struct auth_claims c;
    json_t *claims = fx_claims();
    json_object_set_new(claims, "permissions", json_pack("[s, s]", "casting-director", "delete:movies"));
    fx_expect_ok(fx_token_with(k1, "k1", claims), &c);
    cr_expect_eq(c.perms, role_perms(ROLE_DIRECTOR) | PERM_DELETE_MOVIES);
    /* the second issuer's claim path is not the primary's: realm_access is ignored there */
    claims = fx_claims();
    json_object_set_new(claims, "realm_access", json_pack("{s:[s]}", "roles", "casting-director"));
    fx_expect_ok(fx_token_with(k1, "k1", claims), &c);
    cr_expect_eq(c.perms, PERM_READ_ACTORS | PERM_CREATE_MOVIES);
}

Test(issuers, a_second_issuer_that_cannot_be_read_stops_open)
{
    auth_close(fx.auth);
    fx.auth = NULL;
    char missing[200], err[512] = "";
    snprintf(missing, sizeof missing, "file://%s/nope.json", fx.dir);
    fx.cfg.issuers[0].jwks_url = missing;
    cr_assert_eq(auth_open(&fx.cfg, NULL, &fx.auth, err, sizeof err), -1);
    cr_assert_null(fx.auth);
    cr_expect_not_null(strstr(err, "AUTH_ISSUERS"), "%s", err);
}

Test(issuers, cached_tokens_follow_the_right_issuer)
{
    struct auth_claims c;
    char *t = fx_token_with(k2, "k2", second_claims("casting-director"));
    cr_assert_eq(fx_check(t, &c), AUTH_OK, "%s", fx.why);
    cr_assert_eq(fx_check(t, &c), AUTH_OK, "%s", fx.why);
    cr_expect_eq(c.perms, role_perms(ROLE_DIRECTOR));
    struct auth_stats st;
    auth_stats(fx.auth, &st);
    cr_expect_eq(st.cache_hits, 1);
    cr_expect_eq(st.jwks_fetches, 2, "one fetch per issuer at open");
    free(t);
}

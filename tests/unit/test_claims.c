/* Unit tests of permission extraction (src/auth/claims.c): the default
 * claims, a configured claim path (Keycloak realm_access.roles, Okta groups,
 * Auth0 namespaced claims) and AUTH_ROLE_MAP. */
#include <criterion/criterion.h>
#include <string.h>

#include <jansson.h>

#include "auth/auth.h"
#include "auth/claims.h"

#define READ (PERM_READ_ACTORS | PERM_READ_MOVIES)

static const struct config_role roles[] = {
    {"casting-director", 0}, /* perms set in init: role_perms is not constant */
    {"exec", 0},
    {"viewer", READ},
};

static struct config_role table[3];

static struct claim_rules rules_for(const char *path)
{
    memcpy(table, roles, sizeof table);
    table[0].perms = role_perms(ROLE_DIRECTOR);
    table[1].perms = role_perms(ROLE_PRODUCER);
    return (struct claim_rules){path, table, 3};
}

/* The permissions of a JSON payload under rules (NULL: defaults); -1 on a rejected claim. */
static int64_t perms_of(const char *json, const struct claim_rules *r)
{
    json_error_t e;
    json_t *p = json_loads(json, 0, &e);
    cr_assert_not_null(p, "bad test JSON %s: %s", json, e.text);
    uint32_t perms = 0xFFFFFFFFu;
    const char *why = NULL;
    int rc = claims_permissions(p, r, &perms, &why);
    json_decref(p);
    if (rc != 0) {
        cr_expect_not_null(why);
        return -1;
    }
    return perms;
}

Test(claims, auth0_permissions_array)
{
    cr_expect_eq(perms_of("{\"permissions\":[\"read:actors\",\"create:movies\",\"unknown\"]}", NULL),
                 PERM_READ_ACTORS | PERM_CREATE_MOVIES);
    cr_expect_eq(perms_of("{\"permissions\":[],\"scope\":\"read:actors\"}", NULL), 0,
                 "an empty array wins over scope");
    cr_expect_eq(perms_of("{\"permissions\":[\"read:actors\",3]}", NULL), -1);
    cr_expect_eq(perms_of("{\"permissions\":{\"read:actors\":true}}", NULL), -1);
}

Test(claims, comma_string_and_scope)
{
    cr_expect_eq(perms_of("{\"permissions\":\" read:actors , read:movies,,\"}", NULL), READ);
    cr_expect_eq(perms_of("{\"scope\":\"openid read:movies  delete:casts\"}", NULL),
                 PERM_READ_MOVIES | PERM_DELETE_CASTS);
    cr_expect_eq(perms_of("{\"scope\":7}", NULL), -1);
    cr_expect_eq(perms_of("{\"sub\":\"x\"}", NULL), 0, "no claim: no permission");
}

Test(claims, keycloak_realm_roles_with_role_map)
{
    struct claim_rules r = rules_for("realm_access.roles");
    const char *kc = "{\"realm_access\":{\"roles\":[\"offline_access\",\"casting-director\",\"uma_authorization\"]},"
                     "\"scope\":\"openid create:movies\"}";
    cr_expect_eq(perms_of(kc, &r), role_perms(ROLE_DIRECTOR), "the path wins over scope");
    cr_expect_eq(perms_of("{\"realm_access\":{\"roles\":[\"viewer\",\"delete:movies\"]}}", &r),
                 READ | PERM_DELETE_MOVIES, "mapped names and plain permission names");
    cr_expect_eq(perms_of("{\"realm_access\":{\"roles\":[\"exec\",\"viewer\"]}}", &r), role_perms(ROLE_PRODUCER));
    cr_expect_eq(perms_of("{\"realm_access\":{\"roles\":[\"Casting-Director\"]}}", &r), 0,
                 "names are case-sensitive");
    cr_expect_eq(perms_of("{\"realm_access\":{\"roles\":[\"exec\",{}]}}", &r), -1);
    cr_expect_eq(perms_of("{\"realm_access\":{\"roles\":42}}", &r), -1);
    cr_expect_eq(perms_of("{\"realm_access\":{\"roles\":null}}", &r), 0);
}

Test(claims, missing_path_falls_back_to_defaults)
{
    struct claim_rules r = rules_for("realm_access.roles");
    cr_expect_eq(perms_of("{\"permissions\":[\"read:movies\"]}", &r), PERM_READ_MOVIES);
    cr_expect_eq(perms_of("{\"realm_access\":\"director\",\"scope\":\"viewer\"}", &r), READ,
                 "a non-object on the way is absent; the map applies to scope too");
    cr_expect_eq(perms_of("{\"realm_access\":{}}", &r), 0);
}

Test(claims, string_values_split_on_blanks_and_commas)
{
    struct claim_rules r = rules_for("groups");
    cr_expect_eq(perms_of("{\"groups\":\"viewer, delete:casts create:casts\"}", &r),
                 READ | PERM_DELETE_CASTS | PERM_CREATE_CASTS);
    cr_expect_eq(perms_of("{\"groups\":[\"exec\"]}", &r), role_perms(ROLE_PRODUCER));
}

Test(claims, namespaced_top_level_key)
{
    struct claim_rules r = rules_for("https://casting.example.com/roles");
    cr_expect_eq(perms_of("{\"https://casting.example.com/roles\":[\"casting-director\"]}", &r),
                 role_perms(ROLE_DIRECTOR));
}

Test(claims, deep_path)
{
    struct claim_rules r = rules_for("resource_access.audition.roles");
    cr_expect_eq(perms_of("{\"resource_access\":{\"audition\":{\"roles\":[\"viewer\"]},"
                          "\"other\":{\"roles\":[\"exec\"]}}}",
                          &r),
                 READ);
}

Test(claims, name_lookup)
{
    struct claim_rules r = rules_for(NULL);
    cr_expect_eq(claims_name_perms(&r, "exec", 4), role_perms(ROLE_PRODUCER));
    cr_expect_eq(claims_name_perms(&r, "execs", 5), 0);
    cr_expect_eq(claims_name_perms(&r, "exec", 3), 0);
    cr_expect_eq(claims_name_perms(&r, "read:actors", 11), PERM_READ_ACTORS);
    cr_expect_eq(claims_name_perms(NULL, "read:movies", 11), PERM_READ_MOVIES);
    cr_expect_eq(claims_name_perms(&r, "director", 8), 0, "bare role names need a map entry");
}

Test(claims, lookup_and_path_check)
{
    json_t *p = json_loads("{\"a\":{\"b\":{\"c\":[1]}},\"a.b\":2}", 0, NULL);
    cr_assert_not_null(p);
    cr_expect(json_is_array(claims_lookup(p, "a.b.c")));
    cr_expect(json_is_integer(claims_lookup(p, "a.b")), "a verbatim top-level key wins");
    cr_expect_null(claims_lookup(p, "a.x"));
    cr_expect_null(claims_lookup(p, "a.b.c.d"));
    json_decref(p);
    char err[128];
    cr_expect_eq(claims_path_check("realm_access.roles", err, sizeof err), 0);
    cr_expect_eq(claims_path_check("", err, sizeof err), -1);
    cr_expect_eq(claims_path_check("a..b", err, sizeof err), -1);
    cr_expect_eq(claims_path_check("a\tb", err, sizeof err), -1);
}

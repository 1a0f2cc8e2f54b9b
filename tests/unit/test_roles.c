/* Unit tests of the casting workflow's domain rules (src/domain/roles.c):
 * role bodies and their limits, stage moves, a candidate's JSON Patch and
 * the role and candidate representations. */
#include <criterion/criterion.h>
#include <string.h>

#include "domain/patch.h"
#include "domain/roles.h"

static struct arena A;
static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }
TestSuite(roles, .init = setup, .fini = teardown);

static json_t *J(const char *text) {
    json_error_t e;
    json_t *v = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
    cr_assert_not_null(v, "bad test JSON %s: %s", text, e.text);
    return v;
}

static int role_of(const char *json, struct movie_role *r, const char **msg) {
    json_t *body = J(json);
    int rc = role_from_body(body, r, &A, msg);
    json_decref(body);
    return rc;
}

static const char *written(const struct movie_role *r, struct strbuf *sb) {
    struct jw w = jw_on(sb);
    role_write(&w, r);
    strbuf_addc(sb, '\0');
    return sb->data;
}

Test(roles, body_defaults_and_representation) {
    struct movie_role r;
    const char *msg = NULL;
    cr_assert_eq(role_of("{\"name\": \"  Ellie \", \"ageMin\": 30}", &r, &msg), 0, "%s", msg);
    r.id = 7, r.movie_id = 2, r.candidate_count = 3;
    struct strbuf sb = STRBUF_INIT;
    cr_expect_str_eq(written(&r, &sb),
                     "{\"ageMax\":null,\"ageMin\":30,\"billing\":null,\"candidateCount\":3,\"description\":null,"
                     "\"gender\":null,\"id\":7,\"movieId\":2,\"name\":\"Ellie\",\"status\":\"OPEN\"}");
    strbuf_free(&sb);
}

Test(roles, body_rules) {
    static const char *bad[] = {
        "{}", "[]", "{\"name\": \"\"}", "{\"name\": \"x\", \"ageMin\": 121}", "{\"name\": \"x\", \"ageMax\": -1}",
        "{\"name\": \"x\", \"ageMin\": 9, \"ageMax\": 8}", "{\"name\": \"x\", \"billing\": 0}",
        "{\"name\": \"x\", \"gender\": \"OTHER\"}", "{\"name\": \"x\", \"status\": \"DONE\"}",
        "{\"name\": \"x\", \"id\": 1}", "{\"name\": \"x\", \"movieId\": 1}", "{\"name\": \"x\", \"extra\": 1}",
        "{\"name\": \"x\", \"ageMin\": 3.0}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct movie_role r;
        const char *msg = NULL;
        cr_expect_neq(role_of(bad[i], &r, &msg), 0, "accepted %s", bad[i]);
        cr_expect_not_null(msg, "no message for %s", bad[i]);
    }
    struct movie_role r;
    const char *msg = NULL;
    cr_expect_eq(role_of("{\"name\": \"x\", \"ageMin\": 0, \"ageMax\": 120, \"billing\": 1, \"status\": \"CUT\"}",
                         &r, &msg), 0, "%s", msg);
}

Test(roles, name_counts_characters_not_bytes) {
    char body[1200];
    strcpy(body, "{\"name\": \"");
    for (int i = 0; i < 200; i++) strcat(body, "\xc3\xa9");   /* é: 2 bytes */
    strcat(body, "\"}");
    struct movie_role r;
    const char *msg = NULL;
    cr_expect_eq(role_of(body, &r, &msg), 0, "%s", msg);
    body[strlen(body) - 2] = '\0';
    strcat(body, "\xc3\xa9\"}");   /* 201 characters */
    cr_expect_neq(role_of(body, &r, &msg), 0);
}

Test(roles, role_patch_checks_ages_together) {
    struct movie_role r;
    const char *msg = NULL;
    cr_assert_eq(role_of("{\"name\": \"x\", \"ageMin\": 30, \"ageMax\": 40}", &r, &msg), 0);
    json_t *p = J("[{\"op\": \"add\", \"path\": \"/ageMax\", \"value\": 20}]");
    cr_expect_eq(patch_apply(&role_resource, p, &r, &A, &msg), 0);
    cr_expect_neq(role_check(&r, &msg), 0);
    json_decref(p);
}

Test(roles, stage_moves) {
    for (int from = 0; from < STAGE_COUNT; from++)
        for (int to = 0; to < STAGE_COUNT; to++) {
            bool refused = stage_move_refusal(from, to) != NULL;
            bool expected = from == STAGE_BOOKED && to != STAGE_BOOKED && to != STAGE_RELEASED;
            cr_expect_eq(refused, expected, "%s -> %s", stage_name(from), stage_name(to));
        }
    cr_expect_eq(stage_parse("ON_HOLD"), STAGE_ON_HOLD);
    cr_expect_eq(stage_parse("on_hold"), -1);
    cr_expect_eq(stage_parse(NULL), -1);
}

static struct candidate base(void) {
    struct candidate c = {.role_id = 1, .stage = STAGE_SUGGESTED, .rating = FIELD_INT_NULL, .tags = "[]"};
    c.actor = (struct actor){.id = 16, .name = "Jodie Foster", .age = 62, .gender = GENDER_FEMALE};
    c.updated_at = 1796896800;   /* 2026-12-10T10:00:00Z */
    return c;
}

Test(roles, candidate_patch_and_representation) {
    struct candidate c = base();
    const char *msg = NULL;
    json_t *p = J("[{\"op\": \"add\", \"path\": \"/stage\", \"value\": \"CALLBACK\"},"
                  " {\"op\": \"add\", \"path\": \"/rating\", \"value\": 5},"
                  " {\"op\": \"add\", \"path\": \"/notes\", \"value\": \" ok \"},"
                  " {\"op\": \"add\", \"path\": \"/tags\", \"value\": [\"a\", \"b\\\"c\"]}]");
    cr_assert_eq(candidate_patch(p, &c, &A, &msg), 0, "%s", msg);
    json_decref(p);
    struct other_role o = {.movie_id = 3, .role_id = 9, .role_name = "Nakia", .stage = STAGE_BOOKED};
    c.others = &o, c.n_others = 1;
    struct strbuf sb = STRBUF_INIT;
    struct jw w = jw_on(&sb);
    candidate_write(&w, &c);
    strbuf_addc(&sb, '\0');
    cr_expect_str_eq(sb.data,
                     "{\"actor\":{\"age\":62,\"gender\":\"FEMALE\",\"id\":16,\"name\":\"Jodie Foster\",\"photoUrl\":null},"
                     "\"notes\":\"ok\",\"otherRoles\":[{\"movieId\":3,\"roleId\":9,\"roleName\":\"Nakia\","
                     "\"stage\":\"BOOKED\"}],\"rating\":5,\"stage\":\"CALLBACK\",\"tags\":[\"a\",\"b\\\"c\"],"
                     "\"updatedAt\":\"2026-12-10T10:00:00Z\"}");
    strbuf_free(&sb);
}

Test(roles, candidate_patch_rules) {
    static const char *bad[] = {
        "{}", "[1]", "[{\"op\": \"add\", \"path\": \"/rating\", \"value\": 0}]",
        "[{\"op\": \"add\", \"path\": \"/rating\", \"value\": 6}]", "[{\"op\": \"remove\", \"path\": \"/stage\"}]",
        "[{\"op\": \"add\", \"path\": \"/stage\", \"value\": \"NOPE\"}]",
        "[{\"op\": \"add\", \"path\": \"/tags\", \"value\": [\"\"]}]",
        "[{\"op\": \"add\", \"path\": \"/tags\", \"value\": \"x\"}]",
        "[{\"op\": \"add\", \"path\": \"/notes\", \"value\": \"\"}]",
        "[{\"op\": \"add\", \"path\": \"/actor\", \"value\": 1}]",
        "[{\"op\": \"replace\", \"path\": \"/rating\", \"value\": 1}]",
        "[{\"op\": \"remove\", \"path\": \"/rating\", \"value\": 1}]",
        "[{\"op\": \"add\", \"path\": \"/rating\"}]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct candidate c = base();
        const char *msg = NULL;
        json_t *p = J(bad[i]);
        cr_expect_neq(candidate_patch(p, &c, &A, &msg), 0, "accepted %s", bad[i]);
        cr_expect_not_null(msg);
        json_decref(p);
    }
    struct candidate c = base();
    c.tags = "[\"x\"]", c.rating = 3, c.notes = "n";
    const char *msg = NULL;
    json_t *p = J("[{\"op\": \"remove\", \"path\": \"/tags\"}, {\"op\": \"remove\", \"path\": \"/rating\"},"
                  " {\"op\": \"remove\", \"path\": \"/notes\"}]");
    cr_expect_eq(candidate_patch(p, &c, &A, &msg), 0, "%s", msg);
    cr_expect_str_eq(c.tags, "[]");
    cr_expect_eq(c.rating, FIELD_INT_NULL);
    cr_expect_null(c.notes);
    json_decref(p);
}

/* Unit tests of the domain layer: dates, field rules, request bodies,
 * JSON Patch, representations and ETags. */
#include <criterion/criterion.h>
#include <string.h>

#include "domain/body.h"
#include "domain/date.h"
#include "domain/patch.h"
#include "domain/represent.h"

static struct arena A;
static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }
TestSuite(domain, .init = setup, .fini = teardown);

static json_t *J(const char *text) {
    json_error_t e;
    json_t *v = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
    cr_assert_not_null(v, "bad test JSON %s: %s", text, e.text);
    return v;
}

Test(domain, dates_must_exist) {
    cr_expect(date_valid("1997-07-11"));
    cr_expect(date_valid("2024-02-29"));
    cr_expect(date_valid("2000-02-29"));
    cr_expect(!date_valid("1900-02-29"));
    cr_expect(!date_valid("2023-02-29"));
    cr_expect(!date_valid("2023-02-30"));
    cr_expect(!date_valid("2023-13-01"));
    cr_expect(!date_valid("2023-00-10"));
    cr_expect(!date_valid("0000-01-01"));
    cr_expect(!date_valid("2023-1-01"));
    cr_expect(!date_valid("2023-01-01T00:00"));
    cr_expect(!date_valid("20230101"));
    cr_expect(!date_valid(""));
}

static int make_movie(const char *json, struct movie *m, const char **msg) {
    memset(m, 0, sizeof *m);
    json_t *v = J(json);
    int rc = body_to_resource(&movie_resource, v, m, &A, msg);
    json_decref(v);
    return rc;
}

Test(domain, movie_body_valid_and_trimmed) {
    struct movie m;
    const char *msg = NULL;
    cr_assert_eq(make_movie("{\"title\":\"  Heat \",\"genre\":\"NOIR\",\"releaseDate\":\"1995-12-15\","
                            "\"posterUrl\":\"\",\"extra\":1}", &m, &msg), 0, "%s", msg);
    cr_expect_str_eq(m.title, "Heat");
    cr_expect_eq(m.genre, GENRE_NOIR);
    cr_expect_str_eq(m.release_date, "1995-12-15");
    cr_expect_null(m.poster_url, "an empty optional string on create means null");
}

Test(domain, movie_body_rejections_name_the_field) {
    struct movie m;
    const char *msg = NULL;
    const char *bad[] = {
        "{\"genre\":\"NOIR\"}",
        "{\"title\":\"   \",\"genre\":\"NOIR\"}",
        "{\"title\":5,\"genre\":\"NOIR\"}",
        "{\"title\":\"X\"}",
        "{\"title\":\"X\",\"genre\":\"noir\"}",
        "{\"title\":\"X\",\"genre\":null}",
        "{\"title\":\"X\",\"genre\":\"NOIR\",\"releaseDate\":\"2023-02-30\"}",
        "{\"title\":\"X\",\"genre\":\"NOIR\",\"releaseDate\":20230101}",
        "{\"title\":\"X\",\"genre\":\"NOIR\",\"posterUrl\":7}",
        "[1,2]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        msg = NULL;
        cr_expect_eq(make_movie(bad[i], &m, &msg), -1, "accepted %s", bad[i]);
        cr_expect_not_null(msg, "no message for %s", bad[i]);
    }
    make_movie("{\"title\":\"X\",\"genre\":\"NOIR\",\"releaseDate\":\"2023-02-30\"}", &m, &msg);
    cr_expect(strstr(msg, "releaseDate") != NULL, "message names the field: %s", msg);
}

Test(domain, title_length_is_bounded) {
    char json[400];
    char title[202];
    memset(title, 'a', 201);
    title[201] = '\0';
    snprintf(json, sizeof json, "{\"title\":\"%s\",\"genre\":\"DRAMA\"}", title);
    struct movie m;
    const char *msg = NULL;
    cr_expect_eq(make_movie(json, &m, &msg), -1);
    title[200] = '\0';
    snprintf(json, sizeof json, "{\"title\":\"%s\",\"genre\":\"DRAMA\"}", title);
    cr_expect_eq(make_movie(json, &m, &msg), 0);
}

Test(domain, actor_age_must_be_an_integer_in_range) {
    const char *bad[] = {"\"40\"", "40.5", "true", "0", "-1", "151", "null"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char json[100];
        snprintf(json, sizeof json, "{\"name\":\"N\",\"age\":%s}", bad[i]);
        struct actor a = {0};
        const char *msg = NULL;
        json_t *v = J(json);
        cr_expect_eq(body_to_resource(&actor_resource, v, &a, &A, &msg), -1, "accepted age %s", bad[i]);
        json_decref(v);
    }
    struct actor a = {0};
    const char *msg = NULL;
    json_t *v = J("{\"name\":\"N\",\"age\":40,\"gender\":\"FEMALE\"}");
    cr_expect_eq(body_to_resource(&actor_resource, v, &a, &A, &msg), 0);
    cr_expect_eq(a.age, 40);
    cr_expect_eq(a.gender, GENDER_FEMALE);
    json_decref(v);
}

Test(domain, strict_json_parsing) {
    const char *msg = NULL;
    const char *bad[] = {"{\"a\":1,\"a\":2}", "{", "", "{\"a\":\"\\u0000\"}", "\xff"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *v = body_parse_json(bad[i], strlen(bad[i]), &msg);
        cr_expect_null(v, "parsed %s", bad[i]);
        json_decref(v);
    }
    char deep[20001];
    memset(deep, '[', 10000);
    memset(deep + 10000, ']', 10000);
    deep[20000] = '\0';
    json_t *v = body_parse_json(deep, strlen(deep), &msg);
    cr_expect_null(v, "10,000-deep nesting is refused");
    json_decref(v);
}

static struct movie sample_movie(void) {
    return (struct movie){2, "Contact", GENRE_SCI_FI, "1997-07-11", NULL};
}

static int patch_movie(const char *json, struct movie *m, const char **msg) {
    json_t *p = J(json);
    int rc = patch_apply(&movie_resource, p, m, &A, msg);
    json_decref(p);
    return rc;
}

Test(domain, patch_add_replaces_and_remove_clears) {
    struct movie m = sample_movie();
    m.poster_url = "http://x/p.jpg";
    const char *msg = NULL;
    cr_assert_eq(patch_movie("[{\"op\":\"add\",\"path\":\"/title\",\"value\":\" Contact 2 \"},"
                             "{\"op\":\"remove\",\"path\":\"/posterUrl\"},"
                             "{\"op\":\"add\",\"path\":\"/releaseDate\",\"value\":null}]", &m, &msg), 0, "%s", msg);
    cr_expect_str_eq(m.title, "Contact 2");
    cr_expect_null(m.poster_url);
    cr_expect_null(m.release_date);
}

Test(domain, patch_rejections) {
    const char *bad[] = {
        "{\"op\":\"add\"}",
        "[{\"op\":\"replace\",\"path\":\"/title\",\"value\":\"x\"}]",
        "[{\"op\":\"move\",\"path\":\"/title\",\"from\":\"/genre\"}]",
        "[{\"op\":\"copy\",\"path\":\"/title\",\"from\":\"/genre\"}]",
        "[{\"op\":\"test\",\"path\":\"/title\",\"value\":\"x\"}]",
        "[{\"op\":\"nope\",\"path\":\"/title\",\"value\":\"x\"}]",
        "[{\"path\":\"/title\",\"value\":\"x\"}]",
        "[{\"op\":\"remove\",\"path\":\"/posterUrl\",\"value\":null}]",
        "[{\"op\":\"add\",\"path\":\"/title\"}]",
        "[{\"op\":\"add\",\"path\":\"/id\",\"value\":5}]",
        "[{\"op\":\"add\",\"path\":\"/actors\",\"value\":[]}]",
        "[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}]",
        "[{\"op\":\"add\",\"path\":\"/nope\",\"value\":\"x\"}]",
        "[{\"op\":\"remove\",\"path\":\"/title\"}]",
        "[{\"op\":\"add\",\"path\":\"/title\",\"value\":\"\"}]",
        "[{\"op\":\"add\",\"path\":\"/title\",\"value\":null}]",
        "[{\"op\":\"add\",\"path\":\"/genre\",\"value\":\"POLKA\"}]",
        "[{\"op\":\"add\",\"path\":\"/posterUrl\",\"value\":\"\"}]",
        "[{\"op\":\"add\",\"path\":\"/title\",\"value\":\"ok\"},{\"op\":\"remove\",\"path\":\"/genre\"}]",
        "[5]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct movie m = sample_movie();
        const char *msg = NULL;
        cr_expect_eq(patch_movie(bad[i], &m, &msg), -1, "accepted %s", bad[i]);
        cr_expect_not_null(msg);
    }
}

Test(domain, patch_on_actor_required_age) {
    struct actor a = {1, "Tom Hanks", 68, GENDER_MALE, NULL};
    const char *msg = NULL;
    json_t *p = J("[{\"op\":\"add\",\"path\":\"/age\",\"value\":0}]");
    cr_expect_eq(patch_apply(&actor_resource, p, &a, &A, &msg), -1);
    json_decref(p);
    p = J("[{\"op\":\"remove\",\"path\":\"/gender\"},{\"op\":\"add\",\"path\":\"/age\",\"value\":69}]");
    cr_expect_eq(patch_apply(&actor_resource, p, &a, &A, &msg), 0);
    cr_expect_eq(a.age, 69);
    cr_expect_eq(a.gender, GENDER_NONE);
    json_decref(p);
}

Test(domain, movie_representation_keys_in_order_and_etag) {
    struct actor cast[2] = {{14, "Angela Bassett", 66, GENDER_FEMALE, NULL},
                            {16, "Jodie \"J\" Foster", 62, GENDER_FEMALE, "http://p/1"}};
    struct movie_full m = {sample_movie(), cast, 2};
    struct strbuf sb = STRBUF_INIT;
    struct jw w = jw_on(&sb);
    represent_full(&w, &movie_shape, &m);
    cr_expect_str_eq(sb.data,
                     "{\"actors\":[{\"age\":66,\"gender\":\"FEMALE\",\"id\":14,\"name\":\"Angela Bassett\","
                     "\"photoUrl\":null},{\"age\":62,\"gender\":\"FEMALE\",\"id\":16,\"name\":\"Jodie \\\"J\\\" "
                     "Foster\",\"photoUrl\":\"http://p/1\"}],\"genre\":\"SCI_FI\",\"id\":2,\"posterUrl\":null,"
                     "\"releaseDate\":\"1997-07-11\",\"title\":\"Contact\"}");
    char etag[65], etag2[65];
    represent_etag(sb.data, sb.len, etag);
    cr_expect_eq(strlen(etag), 64);
    m.n_actors = 1;
    strbuf_reset(&sb);
    represent_full(&w, &movie_shape, &m);
    represent_etag(sb.data, sb.len, etag2);
    cr_expect_str_neq(etag, etag2, "a change in the nested list changes the ETag");
    strbuf_free(&sb);
}

Test(domain, actor_representation_puts_movies_between_id_and_name) {
    struct movie films[1] = {{1, "Apollo 13", GENRE_ACTION_AND_ADVENTURE, "1995-06-30", NULL}};
    struct actor_full a = {{1, "Tom Hanks", 68, GENDER_NONE, NULL}, films, 1};
    struct strbuf sb = STRBUF_INIT;
    struct jw w = jw_on(&sb);
    represent_full(&w, &actor_shape, &a);
    cr_expect_str_eq(sb.data, "{\"age\":68,\"gender\":null,\"id\":1,\"movies\":[{\"genre\":\"ACTION_AND_ADVENTURE\","
                              "\"id\":1,\"posterUrl\":null,\"releaseDate\":\"1995-06-30\",\"title\":\"Apollo 13\"}],"
                              "\"name\":\"Tom Hanks\",\"photoUrl\":null}");
    strbuf_free(&sb);
}

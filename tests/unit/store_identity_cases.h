/* The built-in identity's part of the storage contract (users, signing
 * keys) as Criterion tests, run on each engine by the file that includes
 * store_cases.h and then this one (test_store_sqlite.c, test_store_pg.c). */
#ifndef AUDITION_TEST_STORE_IDENTITY_CASES_H
#define AUDITION_TEST_STORE_IDENTITY_CASES_H

static int64_t add_user(const char *name, const char *role) {
    struct user u = {.username = name, .display_name = "Display", .role = role, .password_hash = "$argon2id$x"};
    int64_t id = 0;
    OK(ops->user_insert(db, &u, 1000, &id));
    cr_assert_gt(id, 0);
    return id;
}

Test(store, users_are_unique_ignoring_case_and_found_ignoring_case) {
    int64_t id = add_user("Alice", "director");
    struct user u = {.username = "ALICE", .display_name = "x", .role = "producer", .password_hash = "h"};
    cr_assert_eq(ops->user_insert(db, &u, 1000, NULL), STORE_CONFLICT);
    struct user got;
    OK(ops->user_get(db, "aLiCe", &ar, &got));
    cr_assert_eq(got.id, id);
    cr_assert_str_eq(got.username, "Alice");
    cr_assert_str_eq(got.role, "director");
    cr_assert_str_eq(got.display_name, "Display");
    cr_assert_str_eq(got.password_hash, "$argon2id$x");
    cr_assert_not(got.disabled);
    cr_assert_eq(got.created_at, 1000);
    cr_assert_eq(got.last_login_at, 0);
    cr_assert_eq(ops->user_get(db, "bob", &ar, &got), STORE_NOT_FOUND);
}

Test(store, user_changes_and_unknown_names) {
    int64_t id = add_user("carol", "assistant");
    OK(ops->user_set_role(db, "CAROL", "producer"));
    OK(ops->user_set_hash(db, "carol", "new-hash"));
    OK(ops->user_touch(db, id, 2000));
    struct user got;
    OK(ops->user_get_id(db, id, &ar, &got));
    cr_assert_str_eq(got.role, "producer");
    cr_assert_str_eq(got.password_hash, "new-hash");
    cr_assert_eq(got.last_login_at, 2000);
    cr_assert_eq(ops->user_set_role(db, "nobody", "producer"), STORE_NOT_FOUND);
    cr_assert_eq(ops->user_set_disabled(db, "nobody", true), STORE_NOT_FOUND);
    cr_assert_eq(ops->user_delete(db, "nobody"), STORE_NOT_FOUND);
    OK(ops->user_delete(db, "Carol"));
    cr_assert_eq(ops->user_get_id(db, id, &ar, &got), STORE_NOT_FOUND);
}

Test(store, enabled_ids_list_and_count) {
    int64_t a = add_user("zed", "assistant"), b = add_user("amy", "director"), c = add_user("max", "producer");
    OK(ops->user_set_disabled(db, "max", true));
    int64_t *ids;
    size_t n;
    OK(ops->user_enabled_ids(db, &ar, &ids, &n));
    cr_assert_eq(n, 2);
    cr_assert_eq(ids[0], a < b ? a : b);
    cr_assert_eq(ids[1], a < b ? b : a);
    (void)c;
    struct user *list;
    OK(ops->user_list(db, &ar, &list, &n));
    cr_assert_eq(n, 3);
    cr_assert_str_eq(list[0].username, "amy");
    cr_assert_str_eq(list[1].username, "max");
    cr_assert(list[1].disabled);
    int64_t count = 0;
    OK(ops->user_count(db, &count));
    cr_assert_eq(count, 3);
}

Test(store, signing_keys_retire_and_expire) {
    struct signing_key_row k1 = {.kid = "k1", .public_jwk = "{}", .private_enc = "aa", .created_at = 100};
    struct signing_key_row k2 = {.kid = "k2", .public_jwk = "{}", .private_enc = "bb", .created_at = 200};
    OK(ops->key_insert(db, &k1));
    cr_assert_eq(ops->key_insert(db, &k1), STORE_CONFLICT);
    OK(ops->key_retire(db, 150, 500));
    OK(ops->key_insert(db, &k2));
    struct signing_key_row *rows;
    size_t n;
    OK(ops->key_list(db, 300, &ar, &rows, &n));
    cr_assert_eq(n, 2);
    cr_assert_str_eq(rows[0].kid, "k2", "newest first");
    cr_assert_eq(rows[0].retired_at, 0);
    cr_assert_eq(rows[1].retired_at, 150);
    cr_assert_eq(rows[1].expires_at, 500);
    OK(ops->key_list(db, 500, &ar, &rows, &n));
    cr_assert_eq(n, 1, "an expired key is no longer listed");
    cr_assert_str_eq(rows[0].private_enc, "bb");
}

#endif

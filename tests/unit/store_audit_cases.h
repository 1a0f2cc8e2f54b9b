/* audit: the audit log's part of the storage contract (subjects, per-row
 * logging off for bulk loads, summary entries, the newest-first list, the
 * pool's subject reset) as Criterion tests, run on each engine by the file
 * that includes store_cases.h and then this one. */
#ifndef AUDITION_TEST_STORE_AUDIT_CASES_H
#define AUDITION_TEST_STORE_AUDIT_CASES_H

static struct audit_page audit_by(const char *entity, const char *subject) {
    struct audit_filter f = {.entity = entity, .subject = subject};
    struct audit_page p;
    OK(ops->audit_list(db, &f, 0, 10, &ar, &p));
    return p;
}

static int64_t audit_movie(struct store_conn *c, const char *title) {
    struct movie m = {.title = title, .genre = GENRE_DRAMA};
    int64_t id = 0;
    cr_assert_eq(ops->movie_insert(c, &m, &id), STORE_OK, "%s", ops->last_error(c));
    return id;
}

Test(store, audit_writes_carry_the_connections_subject) {
    int64_t id = audit_movie(db, "Nobody set");
    OK(ops->set_subject(db, "auth0|alice"));
    struct movie m = {.id = id, .title = "Renamed", .genre = GENRE_DRAMA};
    OK(ops->movie_update(db, &m));
    OK(ops->movie_update(db, &m));   /* no change: no entry */
    OK(ops->set_subject(db, "auth0|bob"));
    OK(ops->movie_delete(db, id));
    struct audit_page p = audit_by("movie", NULL);
    cr_assert_eq(p.total, 3);
    cr_assert_str_eq(p.items[0].action, "delete");
    cr_assert_str_eq(p.items[0].subject, "auth0|bob");
    cr_assert_null(p.items[0].after);
    cr_assert_str_eq(p.items[1].action, "update");
    cr_assert_str_eq(p.items[1].subject, "auth0|alice");
    cr_assert_not_null(strstr(p.items[1].after, "Renamed"));
    cr_assert_null(strstr(p.items[1].after, "genre"), "only the changed fields: %s", p.items[1].after);
    cr_assert_str_eq(p.items[2].subject, "system");
    cr_assert_str_eq(p.items[2].entity_id, p.items[0].entity_id);
    cr_assert_gt(p.items[0].entry_id, p.items[1].entry_id);
    cr_assert_eq(audit_by(NULL, "auth0|alice").total, 1);
}

Test(store, audit_rolled_back_writes_leave_no_entry) {
    OK(ops->set_subject(db, "auth0|carol"));
    OK(ops->begin(db));
    audit_movie(db, "Never");
    OK(ops->rollback(db));
    cr_assert_eq(audit_by(NULL, NULL).total, 0);
    audit_movie(db, "After the rollback");   /* the subject survives the rollback */
    struct audit_page p = audit_by(NULL, NULL);
    cr_assert_eq(p.total, 1);
    cr_assert_str_eq(p.items[0].subject, "auth0|carol");
}

Test(store, audit_bulk_load_is_one_summary_entry) {
    OK(ops->set_subject(db, "cli:dana"));
    OK(ops->begin(db));
    OK(ops->audit_rows(db, false));
    audit_movie(db, "Quiet");
    OK(ops->audit_rows(db, true));
    OK(ops->audit_note(db, "database", "bulk", "seed", "{\"movies\":1}"));
    OK(ops->commit(db));
    audit_movie(db, "Loud");   /* logging is on again */
    struct audit_page p = audit_by(NULL, NULL);
    cr_assert_eq(p.total, 2);
    cr_assert_str_eq(p.items[1].entity, "database");
    cr_assert_str_eq(p.items[1].action, "seed");
    cr_assert_str_eq(p.items[1].subject, "cli:dana");
    cr_assert_null(p.items[1].before);
    cr_assert_str_eq(p.items[0].entity, "movie");
}

Test(store, audit_seed_is_one_entry) {
    OK(store_seed_demo(ops, db, false));
    struct audit_page p = audit_by(NULL, NULL);
    cr_assert_eq(p.total, 1);
    cr_assert_str_eq(p.items[0].entity_id, "demo");
    cr_assert_not_null(strstr(p.items[0].after, "\"force\":false"));
}

Test(store, audit_subjects_are_bounded_and_default_to_system) {
    char longer[AUDIT_SUBJECT_MAX + 40];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    OK(ops->set_subject(db, longer));
    audit_movie(db, "Long");
    OK(ops->set_subject(db, NULL));
    audit_movie(db, "Default");
    struct audit_page p = audit_by(NULL, NULL);
    cr_assert_str_eq(p.items[0].subject, "system");
    cr_assert_eq(strlen(p.items[1].subject), AUDIT_SUBJECT_MAX);
}

Test(store, audit_pool_connections_never_inherit_a_subject) {
    struct store_pool *pool = NULL;
    char err[256] = "";
    cr_assert_eq(store_pool_open(engine_url(), 1, &pool, err, sizeof err), STORE_OK, "%s", err);
    struct store_conn *c = NULL;
    cr_assert_eq(store_acquire(pool, 5000, &c), STORE_OK);
    OK(ops->set_subject(c, "auth0|eve"));
    audit_movie(c, "Eve's");
    store_release(pool, c);
    cr_assert_eq(store_acquire(pool, 5000, &c), STORE_OK);
    audit_movie(c, "Nobody's");
    store_release(pool, c);
    store_pool_set_subject(pool, "cli:frank");
    cr_assert_eq(store_acquire(pool, 5000, &c), STORE_OK);
    audit_movie(c, "Frank's");
    store_release(pool, c);
    store_pool_close(pool);
    struct audit_page p = audit_by(NULL, NULL);
    cr_assert_eq(p.total, 3);
    cr_assert_str_eq(p.items[0].subject, "cli:frank");
    cr_assert_str_eq(p.items[1].subject, "system");
    cr_assert_str_eq(p.items[2].subject, "auth0|eve");
}

#endif

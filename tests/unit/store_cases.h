/* The storage contract (src/store/store.h) as Criterion tests, written once
 * and run against an engine by the file that includes this one
 * (test_store_sqlite.c, test_store_pg.c). That file defines
 *   static const char *engine_url(void);   a fresh, empty database per test
 *   static void engine_cleanup(void);      drops it again
 * before including this header. */
#ifndef AUDITION_TEST_STORE_CASES_H
#define AUDITION_TEST_STORE_CASES_H

#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "store/like.h"
#include "store/store.h"

static const char *engine_url(void);
static void engine_cleanup(void);

static const struct store_ops *ops;
static struct store_conn *db;
static struct arena ar;

static void store_setup(void) {
    char err[256] = "";
    const char *url = engine_url();
    ops = store_ops_for_url(url);
    cr_assert_not_null(ops, "no engine for %s", url);
    cr_assert_eq(ops->open(url, &db, err, sizeof err), STORE_OK, "open: %s", err);
    cr_assert_eq(ops->migrate(db), STORE_OK, "migrate: %s", ops->last_error(db));
    arena_init(&ar);
}

static void store_teardown(void) {
    if (ops && db) ops->close(db);
    db = NULL;
    arena_free(&ar);
    engine_cleanup();
}

TestSuite(store, .init = store_setup, .fini = store_teardown, .timeout = 60);

#define OK(call) cr_assert_eq((call), STORE_OK, "%s: %s", #call, ops->last_error(db))

static void seed(void) {
    OK(store_seed_demo(ops, db, false));
}

static struct movie_page movies(const char *search, int64_t offset, int limit) {
    struct movie_page p;
    OK(ops->movie_list(db, search, offset, limit, &ar, &p));
    return p;
}

static struct actor_page actors(const char *search, int64_t offset, int limit) {
    struct actor_page p;
    OK(ops->actor_list(db, search, offset, limit, &ar, &p));
    return p;
}

static int64_t add_movie(const char *title) {
    struct movie m = {.title = title, .genre = GENRE_DRAMA};
    int64_t id = 0;
    OK(ops->movie_insert(db, &m, &id));
    return id;
}

static int64_t add_actor(const char *name) {
    struct actor a = {.name = name, .age = 30, .gender = GENDER_NONE};
    int64_t id = 0;
    OK(ops->actor_insert(db, &a, &id));
    return id;
}

/* Byte order, then id: the contract's list order. */
static int order(const char *a, int64_t ia, const char *b, int64_t ib) {
    int c = strcmp(a, b);
    return c ? c : (ia > ib) - (ia < ib);
}

Test(store, like_pattern_escapes) {
    cr_assert_null(store_like_pattern(&ar, NULL));
    cr_assert_null(store_like_pattern(&ar, ""));
    cr_assert_str_eq(store_like_pattern(&ar, "a%b_c\\d"), "%a\\%b\\_c\\\\d%");
}

Test(store, ops_for_url) {
    cr_assert_eq(store_ops_for_url("sqlite:x.db"), &store_sqlite_ops);
    cr_assert_eq(store_ops_for_url("sqlite:///tmp/x.db"), &store_sqlite_ops);
    cr_assert_eq(store_ops_for_url("postgres://h/db"), &store_pg_ops);
    cr_assert_eq(store_ops_for_url("postgresql://h/db"), &store_pg_ops);
    cr_assert_null(store_ops_for_url("mysql://h/db"));
    cr_assert_null(store_ops_for_url(NULL));
}

Test(store, migrate_is_idempotent) {
    OK(ops->migrate(db));
    OK(ops->migrate(db));
    bool empty = false;
    OK(ops->is_empty(db, &empty));
    cr_assert(empty);
    seed();
    OK(ops->migrate(db));
    cr_assert_eq(movies(NULL, 0, 100).total, 11);
}

Test(store, seed_loads_demo_once) {
    seed();
    struct movie_page mp = movies(NULL, 0, 100);
    struct actor_page ap = actors(NULL, 0, 100);
    cr_assert_eq(mp.total, 11);
    cr_assert_eq(mp.n, 11);
    cr_assert_eq(ap.total, 19);
    cr_assert_eq(ap.n, 19);
    size_t casts = 0, casts_back = 0;
    for (size_t i = 0; i < mp.n; i++) casts += mp.items[i].n_actors;
    for (size_t i = 0; i < ap.n; i++) casts_back += ap.items[i].n_movies;
    cr_assert_eq(casts, 22);
    cr_assert_eq(casts_back, 22);
    bool empty = true;
    OK(ops->is_empty(db, &empty));
    cr_assert_not(empty);

    cr_assert_eq(store_seed_demo(ops, db, false), STORE_CONFLICT);
    add_movie("Extra");
    cr_assert_eq(movies(NULL, 0, 100).total, 12);
    OK(store_seed_demo(ops, db, true));
    cr_assert_eq(movies(NULL, 0, 100).total, 11);
    cr_assert_eq(actors(NULL, 0, 100).total, 19);
}

Test(store, seed_values) {
    seed();
    struct movie_full m;
    OK(ops->movie_get(db, 2, &ar, &m));
    cr_assert_str_eq(m.movie.title, "Contact");
    cr_assert_eq(m.movie.genre, GENRE_SCI_FI);
    cr_assert_str_eq(m.movie.release_date, "1997-07-11");
    cr_assert_null(m.movie.poster_url);
    struct actor_full a;
    OK(ops->actor_get(db, 16, &ar, &a));
    cr_assert_str_eq(a.actor.name, "Jodie Foster");
    cr_assert_eq(a.actor.age, 62);
    cr_assert_eq(a.actor.gender, GENDER_FEMALE);
    cr_assert_null(a.actor.photo_url);
}

Test(store, list_order_paging_total) {
    seed();
    struct movie_page p1 = movies(NULL, 0, 10), p2 = movies(NULL, 10, 10);
    cr_assert_eq(p1.n, 10);
    cr_assert_eq(p1.total, 11);
    cr_assert_eq(p2.n, 1);
    cr_assert_eq(p2.total, 11);
    cr_assert_str_eq(p1.items[0].movie.title, "Apollo 13");
    cr_assert_str_eq(p1.items[9].movie.title, "The Lord of the Rings: The Fellowship of the Ring");
    cr_assert_str_eq(p2.items[0].movie.title, "Top Gun");
    for (size_t i = 1; i < p1.n; i++)
        cr_assert_lt(order(p1.items[i - 1].movie.title, p1.items[i - 1].movie.id,
                           p1.items[i].movie.title, p1.items[i].movie.id), 0);

    struct actor_page a1 = actors(NULL, 0, 10), a2 = actors(NULL, 10, 10), a3 = actors(NULL, 20, 10);
    cr_assert_eq(a1.n, 10);
    cr_assert_eq(a2.n, 9);
    cr_assert_eq(a3.n, 0);
    cr_assert_eq(a3.total, 19);
    cr_assert_str_eq(a1.items[0].actor.name, "Andy Serkis");
    cr_assert_str_eq(a2.items[8].actor.name, "Tom Hanks");
}

Test(store, huge_offset_gives_empty_page) {
    seed();
    int64_t offsets[] = {100000000000000000LL, INT64_MAX, INT64_MAX - 5, -1};
    for (size_t i = 0; i < 3; i++) {
        struct movie_page p = movies(NULL, offsets[i], 10);
        cr_assert_eq(p.n, 0);
        cr_assert_eq(p.total, 11);
        struct actor_page a = actors("o", offsets[i], 10);
        cr_assert_eq(a.n, 0);
        cr_assert_gt(a.total, 0);
    }
    cr_assert_eq(movies(NULL, offsets[3], 10).n, 10);   /* negative offset counts as 0 */
    cr_assert_eq(movies(NULL, 0, 0).n, 0);
}

Test(store, ties_order_by_id) {
    int64_t b = add_movie("Same"), a = add_movie("Same");
    cr_assert_lt(b, a);
    struct movie_page p = movies(NULL, 0, 10);
    cr_assert_eq(p.items[0].movie.id, b);
    cr_assert_eq(p.items[1].movie.id, a);
}

Test(store, order_is_byte_order) {
    add_movie("apple");
    add_movie("Zebra");
    add_movie("Apple");
    add_movie("\xc3\x89t\xc3\xa9");   /* "Été": after every ASCII byte */
    struct movie_page p = movies(NULL, 0, 10);
    cr_assert_eq(p.n, 4);
    cr_assert_str_eq(p.items[0].movie.title, "Apple");
    cr_assert_str_eq(p.items[1].movie.title, "Zebra");
    cr_assert_str_eq(p.items[2].movie.title, "apple");
    cr_assert_str_eq(p.items[3].movie.title, "\xc3\x89t\xc3\xa9");
}

Test(store, search_is_literal_and_case_insensitive) {
    seed();
    add_movie("100% Pure");
    add_movie("100 Pure");
    add_movie("a_b");
    add_movie("axb");
    add_movie("back\\slash");
    struct movie_page p = movies("%", 0, 10);
    cr_assert_eq(p.total, 1);
    cr_assert_str_eq(p.items[0].movie.title, "100% Pure");
    p = movies("_", 0, 10);
    cr_assert_eq(p.total, 1);
    cr_assert_str_eq(p.items[0].movie.title, "a_b");
    p = movies("\\", 0, 10);
    cr_assert_eq(p.total, 1);
    cr_assert_str_eq(p.items[0].movie.title, "back\\slash");
    p = movies("CONTACT", 0, 10);
    cr_assert_eq(p.total, 1);
    cr_assert_str_eq(p.items[0].movie.title, "Contact");
    p = movies("the", 0, 1);
    cr_assert_eq(p.total, 4);   /* Black Panther, Star Wars: ... The Phantom Menace, The Avengers, The Lord... */
    cr_assert_eq(p.n, 1);
    cr_assert_str_eq(p.items[0].movie.title, "Black Panther");
    p = movies("the", 3, 10);
    cr_assert_eq(p.n, 1);
    cr_assert_str_eq(p.items[0].movie.title, "The Lord of the Rings: The Fellowship of the Ring");
    p = movies("", 0, 100);
    cr_assert_eq(p.total, 16);
    cr_assert_eq(movies("no such title", 0, 10).total, 0);

    struct actor_page a = actors("TOM", 0, 10);
    cr_assert_eq(a.total, 2);
    cr_assert_str_eq(a.items[0].actor.name, "Tom Cruise");
    cr_assert_str_eq(a.items[1].actor.name, "Tom Hanks");
}

/* A search page is the same whichever plan serves it (SQLite: the name
 * order walked when matches are many, given up when they are sparse there,
 * the index's matches sorted otherwise; driver.h, *_PAGE_WALK). */
Test(store, search_pages_agree_whatever_the_plan, .timeout = 120) {
    char name[64];
    OK(ops->begin(db));
    for (int i = 0; i < 60000; i++) {   /* "row": many matches, at the start of the order */
        snprintf(name, sizeof name, "Crowd %05d", i);
        add_actor(name);
    }
    for (int i = 0; i < 30; i++) {      /* "rare": few */
        snprintf(name, sizeof name, "Mid Rare %02d", i);
        add_actor(name);
    }
    for (int i = 0; i < 2100; i++) {    /* "quinn": many, but only after 60,030 others */
        snprintf(name, sizeof name, "Zulu Quinn %04d", i);
        add_actor(name);
    }
    OK(ops->commit(db));
    struct { const char *search; int64_t offset, total; int n; const char *first; } cases[] = {
        {"ROW", 0, 60000, 10, "Crowd 00000"},
        {"row", 59995, 60000, 5, "Crowd 59995"},
        {"rare", 0, 30, 10, "Mid Rare 00"},
        {"RARE 2", 0, 10, 10, "Mid Rare 20"},
        {"quinn", 0, 2100, 10, "Zulu Quinn 0000"},
        {"QUINN 20", 90, 100, 10, "Zulu Quinn 2090"},
        {"d 0001", 0, 10, 10, "Crowd 00010"},
        {"zulu quinn 2099", 0, 1, 1, "Zulu Quinn 2099"},
        {"quinnx", 0, 0, 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct actor_page a = actors(cases[i].search, cases[i].offset, 10);
        cr_expect_eq(a.total, cases[i].total, "%s: total %lld", cases[i].search, (long long)a.total);
        cr_assert_eq(a.n, (size_t)cases[i].n, "%s: %zu rows", cases[i].search, a.n);
        if (a.n) cr_expect_str_eq(a.items[0].actor.name, cases[i].first, "%s", cases[i].search);
        for (size_t k = 1; k < a.n; k++)
            cr_expect_lt(order(a.items[k - 1].actor.name, a.items[k - 1].actor.id, a.items[k].actor.name,
                               a.items[k].actor.id), 0, "%s: out of order", cases[i].search);
    }
}

Test(store, nested_lists_sorted) {
    seed();
    struct movie_full m;
    OK(ops->movie_get(db, 4, &ar, &m));
    const char *lotr[] = {"Andy Serkis", "Cate Blanchett", "Elijah Wood", "Martin Freeman"};
    cr_assert_eq(m.n_actors, 4);
    for (size_t i = 0; i < 4; i++) cr_assert_str_eq(m.actors[i].name, lotr[i]);
    OK(ops->movie_get(db, 10, &ar, &m));
    cr_assert_eq(m.n_actors, 0);

    struct actor_full a;
    OK(ops->actor_get(db, 2, &ar, &a));
    cr_assert_eq(a.n_movies, 2);
    cr_assert_str_eq(a.movies[0].title, "Star Wars: Episode I - The Phantom Menace");
    cr_assert_str_eq(a.movies[1].title, "The Avengers");
    cr_assert_eq(a.movies[1].genre, GENRE_SCI_FI);
    cr_assert_str_eq(a.movies[1].release_date, "2012-05-04");

    struct movie_page mp = movies(NULL, 0, 100);
    for (size_t i = 0; i < mp.n; i++)
        for (size_t k = 1; k < mp.items[i].n_actors; k++)
            cr_assert_lt(order(mp.items[i].actors[k - 1].name, mp.items[i].actors[k - 1].id,
                               mp.items[i].actors[k].name, mp.items[i].actors[k].id), 0);
    cr_assert_str_eq(mp.items[1].movie.title, "Black Panther");
    cr_assert_eq(mp.items[1].n_actors, 3);
    cr_assert_str_eq(mp.items[1].actors[0].name, "Andy Serkis");
    cr_assert_str_eq(mp.items[1].actors[2].name, "Chadwick Boseman");
    cr_assert_eq(mp.items[1].actors[2].gender, GENDER_MALE);

    struct actor_page ap = actors("a", 0, 100);
    for (size_t i = 0; i < ap.n; i++)
        for (size_t k = 1; k < ap.items[i].n_movies; k++)
            cr_assert_lt(order(ap.items[i].movies[k - 1].title, ap.items[i].movies[k - 1].id,
                               ap.items[i].movies[k].title, ap.items[i].movies[k].id), 0);
    cr_assert_str_eq(ap.items[1].actor.name, "Angela Bassett");
    cr_assert_eq(ap.items[1].n_movies, 2);
    cr_assert_str_eq(ap.items[1].movies[0].title, "Black Panther");
    cr_assert_str_eq(ap.items[1].movies[1].title, "Contact");
}

Test(store, movie_insert_update_delete) {
    struct movie m = {.title = "Heat", .genre = GENRE_NOIR, .release_date = "1995-12-15",
                      .poster_url = "https://example.com/heat.jpg"};
    int64_t id = 0;
    OK(ops->movie_insert(db, &m, &id));
    cr_assert_gt(id, 0);
    struct movie_full got;
    OK(ops->movie_get(db, id, &ar, &got));
    cr_assert_eq(got.movie.id, id);
    cr_assert_str_eq(got.movie.title, "Heat");
    cr_assert_eq(got.movie.genre, GENRE_NOIR);
    cr_assert_str_eq(got.movie.release_date, "1995-12-15");
    cr_assert_str_eq(got.movie.poster_url, "https://example.com/heat.jpg");

    m = (struct movie){.id = id, .title = "Heat (1995)", .genre = GENRE_DRAMA};
    OK(ops->movie_update(db, &m));
    OK(ops->movie_get(db, id, &ar, &got));
    cr_assert_str_eq(got.movie.title, "Heat (1995)");
    cr_assert_eq(got.movie.genre, GENRE_DRAMA);
    cr_assert_null(got.movie.release_date);
    cr_assert_null(got.movie.poster_url);

    m.id = id + 100;
    cr_assert_eq(ops->movie_update(db, &m), STORE_NOT_FOUND);
    OK(ops->movie_delete(db, id));
    cr_assert_eq(ops->movie_get(db, id, &ar, &got), STORE_NOT_FOUND);
    cr_assert_eq(ops->movie_delete(db, id), STORE_NOT_FOUND);
}

Test(store, actor_insert_update_delete) {
    struct actor a = {.name = "Al Pacino", .age = 84, .gender = GENDER_MALE, .photo_url = "p.jpg"};
    int64_t id = 0;
    OK(ops->actor_insert(db, &a, &id));
    struct actor_full got;
    OK(ops->actor_get(db, id, &ar, &got));
    cr_assert_str_eq(got.actor.name, "Al Pacino");
    cr_assert_eq(got.actor.age, 84);
    cr_assert_eq(got.actor.gender, GENDER_MALE);
    cr_assert_str_eq(got.actor.photo_url, "p.jpg");
    cr_assert_eq(got.n_movies, 0);

    a = (struct actor){.id = id, .name = "Alfredo James Pacino", .age = 85, .gender = GENDER_NONE};
    OK(ops->actor_update(db, &a));
    OK(ops->actor_get(db, id, &ar, &got));
    cr_assert_str_eq(got.actor.name, "Alfredo James Pacino");
    cr_assert_eq(got.actor.age, 85);
    cr_assert_eq(got.actor.gender, GENDER_NONE);
    cr_assert_null(got.actor.photo_url);

    OK(ops->actor_delete(db, id));
    cr_assert_eq(ops->actor_get(db, id, &ar, &got), STORE_NOT_FOUND);
    cr_assert_eq(ops->actor_delete(db, id), STORE_NOT_FOUND);
    cr_assert_eq(ops->actor_update(db, &a), STORE_NOT_FOUND);
}

Test(store, explicit_id_insert_and_conflict) {
    struct movie m = {.id = 42, .title = "Answer", .genre = GENRE_SCI_FI};
    int64_t id = 0;
    OK(ops->movie_insert(db, &m, &id));
    cr_assert_eq(id, 42);
    cr_assert_eq(ops->movie_insert(db, &m, &id), STORE_CONFLICT);
    const char *why = ops->last_error(db);
    cr_assert_gt(strlen(why), 0);
    cr_assert_null(strstr(why, "INSERT"));
    cr_assert_null(strstr(why, "movies"));
}

Test(store, delete_cascades_casts) {
    seed();
    OK(ops->movie_delete(db, 2));   /* Contact: Bassett, Foster, McConaughey */
    struct actor_full a;
    OK(ops->actor_get(db, 16, &ar, &a));
    cr_assert_eq(a.n_movies, 0);
    OK(ops->actor_get(db, 14, &ar, &a));
    cr_assert_eq(a.n_movies, 1);
    cr_assert_eq(ops->cast_delete(db, 2, 16), STORE_NOT_FOUND);

    OK(ops->actor_delete(db, 6));   /* Andy Serkis: Black Panther, LOTR */
    struct movie_full m;
    OK(ops->movie_get(db, 4, &ar, &m));
    cr_assert_eq(m.n_actors, 3);
    for (size_t i = 0; i < m.n_actors; i++) cr_assert_neq(m.actors[i].id, 6);

    size_t casts = 0;
    struct movie_page mp = movies(NULL, 0, 100);
    for (size_t i = 0; i < mp.n; i++) casts += mp.items[i].n_actors;
    cr_assert_eq(casts, 22 - 3 - 2);
}

Test(store, cast_insert_and_delete) {
    seed();
    cr_assert_eq(ops->cast_insert(db, 1, 999), STORE_NOT_FOUND);
    cr_assert_eq(ops->cast_insert(db, 999, 1), STORE_NOT_FOUND);
    cr_assert_eq(ops->cast_insert(db, 1, 1), STORE_CONFLICT);
    OK(ops->cast_insert(db, 1, 2));
    struct movie_full m;
    OK(ops->movie_get(db, 1, &ar, &m));
    cr_assert_eq(m.n_actors, 2);
    cr_assert_str_eq(m.actors[0].name, "Samuel L. Jackson");
    cr_assert_str_eq(m.actors[1].name, "Tom Hanks");
    OK(ops->cast_delete(db, 1, 2));
    cr_assert_eq(ops->cast_delete(db, 1, 2), STORE_NOT_FOUND);
    cr_assert_eq(ops->cast_delete(db, 999, 999), STORE_NOT_FOUND);
}

Test(store, cast_conflict_keeps_transaction_usable) {
    seed();
    OK(ops->begin(db));
    cr_assert_eq(ops->cast_insert(db, 1, 1), STORE_CONFLICT);
    OK(ops->cast_insert(db, 1, 3));
    OK(ops->commit(db));
    struct movie_full m;
    OK(ops->movie_get(db, 1, &ar, &m));
    cr_assert_eq(m.n_actors, 2);
}

Test(store, sync_ids_after_seed) {
    seed();
    cr_assert_eq(add_movie("New"), 12);
    cr_assert_eq(add_actor("New"), 20);
    struct movie big = {.id = 500, .title = "Big", .genre = GENRE_DRAMA};
    OK(ops->movie_insert(db, &big, NULL));
    OK(store_seed_demo(ops, db, true));
    cr_assert_eq(add_movie("After reseed"), 12);
    cr_assert_eq(add_actor("After reseed"), 20);
}

Test(store, transactions) {
    OK(ops->begin(db));
    int64_t id = add_movie("Rolled back");
    OK(ops->rollback(db));
    struct movie_full m;
    cr_assert_eq(ops->movie_get(db, id, &ar, &m), STORE_NOT_FOUND);
    OK(ops->rollback(db));   /* no transaction: harmless */

    OK(ops->begin(db));
    id = add_movie("Kept");
    OK(ops->movie_lock(db, id));
    cr_assert_eq(ops->movie_lock(db, id + 1), STORE_NOT_FOUND);
    cr_assert_eq(ops->actor_lock(db, 1), STORE_NOT_FOUND);
    OK(ops->commit(db));
    OK(ops->movie_get(db, id, &ar, &m));
}

Test(store, clear_empties_everything) {
    seed();
    OK(ops->begin(db));
    OK(ops->clear(db));
    OK(ops->commit(db));
    bool empty = false;
    OK(ops->is_empty(db, &empty));
    cr_assert(empty);
    cr_assert_eq(movies(NULL, 0, 10).total, 0);
}

Test(store, pool_bounds_connections) {
    struct store_pool *pool = NULL;
    char err[256] = "";
    cr_assert_eq(store_pool_open(engine_url(), 2, &pool, err, sizeof err), STORE_OK, "%s", err);
    cr_assert_eq(store_pool_ops(pool), ops);
    struct store_conn *a = NULL, *b = NULL, *c = NULL;
    cr_assert_eq(store_acquire(pool, 100, &a), STORE_OK);
    cr_assert_eq(store_acquire(pool, 100, &b), STORE_OK);
    cr_assert_neq(a, b);
    cr_assert_eq(store_acquire(pool, 50, &c), STORE_UNAVAILABLE);
    OK(ops->begin(b));   /* released inside a transaction: the pool rolls it back */
    store_release(pool, b);
    cr_assert_eq(store_acquire(pool, 50, &c), STORE_OK);
    cr_assert_eq(c, b);
    OK(ops->begin(c));
    OK(ops->commit(c));
    store_release(pool, c);
    store_release(pool, a);
    store_pool_close(pool);
    cr_assert_eq(store_pool_open("mysql://x", 2, &pool, err, sizeof err), STORE_ERROR);
}

#endif

/* Synthetic data for benchmarks (`audition seed --synthetic N`): N actors,
 * N/10 movies and one cast link per actor, deterministic (the same N gives
 * the same rows), loaded in one transaction through any engine's store_ops
 * with explicit ids, so prepared statements make it fast. */
#include <inttypes.h>
#include <stdio.h>

#include "store/store.h"

static const char *const FIRST[] = {
    "Anna", "Brian", "Carmen", "Daniel", "Elena", "Frank", "Grace", "Hannah", "Ivan", "Julia",
    "Kevin", "Laura", "Marco", "Nadia", "Oscar", "Paula", "Quentin", "Rosa", "Stefan", "Tanya",
    "Umberto", "Vera", "Walter", "Xenia", "Yusuf", "Zoe", "Adrian", "Bianca", "Colin", "Diana",
    "Ethan", "Fiona"};
static const char *const LAST[] = {
    "Anderson", "Brooks", "Castillo", "Dunn", "Evans", "Fischer", "Garcia", "Hansen", "Ibrahim", "Jensen",
    "Kowalski", "Larsen", "Morgan", "Nakamura", "Olsen", "Petrov", "Quinn", "Romano", "Svensson", "Tanaka",
    "Ullman", "Vargas", "Weber", "Xu", "Young", "Zhang", "Abbott", "Bauer", "Chan", "Delgado",
    "Erikson", "Ford"};
static const char *const ADJ[] = {"Silent", "Broken", "Golden", "Last", "Hidden", "Crimson", "Endless", "Frozen",
                                  "Lost", "Wild", "Distant", "Burning", "Quiet", "Savage", "Bright", "Dark"};
static const char *const NOUN[] = {"River", "Empire", "Garden", "Signal", "Harbor", "Mountain", "Witness",
                                   "Station", "Kingdom", "Shadow", "Horizon", "Letter", "Island", "Storm",
                                   "Orchard", "Machine"};
#define COUNT(a) (sizeof a / sizeof a[0])

static enum store_status insert_movies(const struct store_ops *ops, struct store_conn *c, int64_t movies) {
    char title[96], date[16];
    for (int64_t i = 1; i <= movies; i++) {
        uint64_t k = (uint64_t)i;
        snprintf(title, sizeof title, "The %s %s %" PRId64, ADJ[k % COUNT(ADJ)], NOUN[(k / COUNT(ADJ)) % COUNT(NOUN)],
                 i);
        snprintf(date, sizeof date, "%04d-%02d-%02d", 1950 + (int)(k % 75), 1 + (int)(k % 12), 1 + (int)(k % 28));
        struct movie m = {.id = i, .title = title, .genre = (enum genre)(k % GENRE_COUNT), .release_date = date};
        enum store_status st = ops->movie_insert(c, &m, NULL);
        if (st != STORE_OK) return st;
    }
    return STORE_OK;
}

static enum store_status insert_actors(const struct store_ops *ops, struct store_conn *c, int64_t actors) {
    char name[96];
    for (int64_t i = 1; i <= actors; i++) {
        uint64_t k = (uint64_t)i * 2654435761u;   /* spreads consecutive ids over the names */
        snprintf(name, sizeof name, "%s %s %" PRId64, FIRST[k % COUNT(FIRST)], LAST[(k >> 8) % COUNT(LAST)], i);
        struct actor a = {.id = i, .name = name, .age = 18 + (int32_t)(i % 60),
                          .gender = i % 7 == 0 ? GENDER_NONE : (enum gender)(i % 2)};
        enum store_status st = ops->actor_insert(c, &a, NULL);
        if (st != STORE_OK) return st;
    }
    return STORE_OK;
}

/* Actor i plays in movie (i - 1) / 10 + 1: ten actors a movie. */
static enum store_status insert_casts(const struct store_ops *ops, struct store_conn *c, int64_t actors,
                                      int64_t movies) {
    for (int64_t i = 1; i <= actors; i++) {
        int64_t movie = (i - 1) / 10 + 1;
        if (movie > movies) break;
        enum store_status st = ops->cast_insert(c, movie, i);
        if (st != STORE_OK) return st;
    }
    return STORE_OK;
}

/* audit: one summary entry instead of one per generated row (docs/audit.md). */
static enum store_status seed_note(const struct store_ops *ops, struct store_conn *c, int64_t n, bool force) {
    char after[160];
    snprintf(after, sizeof after,
             "{\"actors\":%" PRId64 ",\"casts\":%" PRId64 ",\"force\":%s,\"movies\":%" PRId64 "}", n,
             n / 10 * 10, force ? "true" : "false", n / 10);
    enum store_status st = ops->audit_rows(c, true);
    return st == STORE_OK ? ops->audit_note(c, "database", "synthetic", "seed", after) : st;
}

static enum store_status seed_all(const struct store_ops *ops, struct store_conn *c, int64_t n, bool force) {
    bool empty = false;
    enum store_status st = ops->audit_rows(c, false);   /* audit: seed_note sums it up */
    if (st == STORE_OK) st = ops->is_empty(c, &empty);
    if (st == STORE_OK && !empty) st = force ? ops->clear(c) : STORE_CONFLICT;
    if (st == STORE_OK) st = insert_movies(ops, c, n / 10);
    if (st == STORE_OK) st = insert_actors(ops, c, n);
    if (st == STORE_OK) st = insert_casts(ops, c, n, n / 10);
    if (st == STORE_OK) st = ops->sync_ids(c);
    if (st == STORE_OK) st = seed_note(ops, c, n, force);
    return st;
}

enum store_status store_seed_synthetic(const struct store_ops *ops, struct store_conn *c, int64_t n, bool force) {
    enum store_status st = ops->before_bulk_load ? ops->before_bulk_load(c) : STORE_OK;
    if (st == STORE_OK) st = ops->begin(c);
    if (st != STORE_OK) return st;
    st = seed_all(ops, c, n, force);
    if (st == STORE_OK) st = ops->commit(c);
    else ops->rollback(c);
    if (st == STORE_OK && ops->after_bulk_load) st = ops->after_bulk_load(c);
    return st;
}

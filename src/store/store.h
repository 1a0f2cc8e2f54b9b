/* The storage interface: one ops table per database engine (SQLite, PostgreSQL)
 * and a connection pool in front of it. Nothing above this header knows which
 * engine runs. Every function returns an enum store_status; details of a
 * failure go into the connection's error text, never to stdout/stderr. */
#ifndef AUDITION_STORE_H
#define AUDITION_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/model.h"
#include "util/arena.h"

enum store_status {
    STORE_OK = 0,
    STORE_NOT_FOUND,    /* the row (or a row it refers to) does not exist */
    STORE_CONFLICT,     /* a unique key already exists */
    STORE_UNAVAILABLE,  /* the database cannot be reached right now (-> 503) */
    STORE_ERROR         /* anything else (-> 500) */
};

struct store_conn;      /* one engine connection; defined by each engine */

/* Search filter for lists: NULL or "" means everything. The engine matches a
 * case-insensitive substring, with % and _ taken literally. */
struct store_ops {
    const char *name;   /* "sqlite" or "postgresql" */

    /* url is the full DATABASE_URL. On failure returns UNAVAILABLE/ERROR and
     * writes a one-sentence reason into err. */
    enum store_status (*open)(const char *url, struct store_conn **out, char *err, size_t errlen);
    void (*close)(struct store_conn *c);
    /* The last failure's one-sentence reason (never SQL text or secrets). */
    const char *(*last_error)(struct store_conn *c);

    /* Applies the embedded migrations not yet recorded in schema_migrations,
     * each in its own transaction; PostgreSQL holds an advisory lock meanwhile. */
    enum store_status (*migrate)(struct store_conn *c);

    enum store_status (*begin)(struct store_conn *c);   /* a write transaction */
    enum store_status (*commit)(struct store_conn *c);
    enum store_status (*rollback)(struct store_conn *c);

    enum store_status (*movie_get)(struct store_conn *c, int64_t id, struct arena *a, struct movie_full *out);
    enum store_status (*movie_list)(struct store_conn *c, const char *search, int64_t offset, int limit,
                                    struct arena *a, struct movie_page *out);
    /* m->id == 0: the database assigns the id; otherwise that id is used (seed). */
    enum store_status (*movie_insert)(struct store_conn *c, const struct movie *m, int64_t *id_out);
    enum store_status (*movie_update)(struct store_conn *c, const struct movie *m);  /* by m->id */
    enum store_status (*movie_delete)(struct store_conn *c, int64_t id);             /* with its casts */
    /* Inside a transaction: locks the row until commit (PostgreSQL FOR UPDATE;
     * SQLite's write transaction already serialises). NOT_FOUND when absent. */
    enum store_status (*movie_lock)(struct store_conn *c, int64_t id);

    enum store_status (*actor_get)(struct store_conn *c, int64_t id, struct arena *a, struct actor_full *out);
    enum store_status (*actor_list)(struct store_conn *c, const char *search, int64_t offset, int limit,
                                    struct arena *a, struct actor_page *out);
    enum store_status (*actor_insert)(struct store_conn *c, const struct actor *m, int64_t *id_out);
    enum store_status (*actor_update)(struct store_conn *c, const struct actor *m);
    enum store_status (*actor_delete)(struct store_conn *c, int64_t id);
    enum store_status (*actor_lock)(struct store_conn *c, int64_t id);

    /* NOT_FOUND when the movie or the actor does not exist; CONFLICT when the
     * link exists already. */
    enum store_status (*cast_insert)(struct store_conn *c, int64_t movie_id, int64_t actor_id);
    enum store_status (*cast_delete)(struct store_conn *c, int64_t movie_id, int64_t actor_id);

    /* True when there are no movies, actors or casts. */
    enum store_status (*is_empty)(struct store_conn *c, bool *empty);
    /* Deletes every movie, actor and cast (seed --force), inside the caller's transaction. */
    enum store_status (*clear)(struct store_conn *c);
    /* Moves id sequences past the largest ids in use (after explicit-id inserts). */
    enum store_status (*sync_ids)(struct store_conn *c);

    /* Sets *changed when a connection other than c (of this process or any
     * other) may have committed since the previous call on c; the first call
     * on a connection says true. Cheap (SQLite: PRAGMA data_version). NULL
     * when the engine cannot tell cheaply (PostgreSQL): then nothing above
     * the store may cache data. */
    enum store_status (*changed_elsewhere)(struct store_conn *c, bool *changed);
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

/* The engine for a DATABASE_URL ("sqlite:..." or "postgres:/postgresql:..."),
 * or NULL when the scheme is unknown. */
const struct store_ops *store_ops_for_url(const char *url);

/* A bounded pool of connections to one database, shared by the worker threads. */
struct store_pool;

enum store_status store_pool_open(const char *url, int size, struct store_pool **out, char *err, size_t errlen);
void store_pool_close(struct store_pool *p);
const struct store_ops *store_pool_ops(const struct store_pool *p);
/* Waits up to timeout_ms for a free connection; UNAVAILABLE on time-out or
 * when no connection can be made. */
enum store_status store_acquire(struct store_pool *p, int timeout_ms, struct store_conn **out);
void store_release(struct store_pool *p, struct store_conn *c);

/* Loads the embedded demo data (src/store/demo-data.json) with its ids,
 * in one transaction. Refuses (CONFLICT) a non-empty database unless force,
 * which clears it first. */
enum store_status store_seed_demo(const struct store_ops *ops, struct store_conn *c, bool force);

/* Loads n synthetic actors, n/10 movies and a cast link per actor (ten a
 * movie), deterministic, in one transaction (synthetic.c; for benchmarks).
 * Same refusal and force rules as store_seed_demo. */
enum store_status store_seed_synthetic(const struct store_ops *ops, struct store_conn *c, int64_t n, bool force);

#endif

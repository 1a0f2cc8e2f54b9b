/* The storage interface: one ops table per database engine (SQLite, PostgreSQL)
 * and a connection pool in front of it. Nothing above this header knows which
 * engine runs. Every function returns an enum store_status; details of a
 * failure go into the connection's error text, never to stdout/stderr. */
#ifndef AUDITION_STORE_H
#define AUDITION_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/audition.h"
#include "domain/model.h"
#include "domain/roles.h"
#include "domain/shares.h"
#include "util/arena.h"

enum store_status {
    STORE_OK = 0,
    STORE_NOT_FOUND,    /* the row (or a row it refers to) does not exist */
    STORE_CONFLICT,     /* a unique key already exists */
    STORE_UNAVAILABLE,  /* the database cannot be reached right now (-> 503) */
    STORE_ERROR,        /* anything else (-> 500) */
    /* an optional plan stopped at its work budget (driver.h, *_PAGE_WALK);
     * src/store takes another plan, so it never leaves src/store */
    STORE_GAVE_UP
};

struct store_conn;      /* one engine connection; defined by each engine */

/* What a cache of representations may rely on now (docs/architecture.md,
 * "The representation cache"). */
enum store_changes {
    STORE_CHANGES_NONE,     /* nothing: serve nothing cached, keep nothing */
    STORE_CHANGES_ASK,      /* ask changed_elsewhere on a connection before each use */
    /* *value moves on with every commit by an Audition process; ask
     * changed_elsewhere at least every REP_CACHE_RECHECK_MS for others */
    STORE_CHANGES_COUNTED,
    /* nothing to ask: *value moves on with every commit (by programs other
     * than Audition within REP_CACHE_RECHECK_MS) */
    STORE_CHANGES_ALL,
};

/* A built-in user (users table). Strings are arena-allocated when read. */
struct user {
    int64_t id;
    const char *username;      /* as created; unique case-insensitively */
    const char *display_name;
    const char *role;          /* "assistant", "director", "producer" */
    const char *password_hash; /* argon2id, libsodium's encoded form */
    bool disabled;
    int64_t created_at;        /* seconds since the epoch */
    int64_t last_login_at;     /* 0: never */
};

/* A signing key of the built-in issuer (signing_keys table). */
struct signing_key_row {
    const char *kid;
    const char *public_jwk;    /* one JWK object, compact JSON */
    const char *private_enc;   /* hex: nonce | AES-256-GCM(DER private key) | tag */
    int64_t created_at;
    int64_t retired_at;        /* 0: active (signs) */
    int64_t expires_at;        /* 0: never; leaves the JWKS at that time */
};

/* audit: one entry of the audit log (docs/audit.md), arena strings. before
 * and after are JSON object texts or NULL. */
#define AUDIT_SUBJECT_MAX 256   /* longer subjects are cut */
struct audit_entry {
    int64_t entry_id;
    int64_t at;                 /* seconds since the epoch */
    const char *subject, *entity, *entity_id, *action, *before, *after;
};
/* NULL members match everything. */
struct audit_filter {
    const char *entity, *entity_id, *subject;
};
struct audit_page {
    struct audit_entry *items;
    size_t n;
    int64_t total;
};

/* ---- auditions: the GET /auditions filter and a page of it ---- */
struct audition_filter {
    bool has_from, has_to;     /* from/to: the auditions overlapping [from, to) */
    int64_t from, to;
    const char *location;      /* exact (trimmed) location, or NULL */
    int64_t actor_id;          /* 0: any */
    int status;                /* enum audition_status, or -1: any */
};

struct audition_page {
    struct audition *items;
    size_t n;
    int64_t total;             /* all auditions the filter selects */
};

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

    /* A write transaction; inside one, begin opens a savepoint that commit
     * releases and rollback undoes (SQLite nests them; group commit relies
     * on it, write_batch.h). */
    enum store_status (*begin)(struct store_conn *c);
    enum store_status (*commit)(struct store_conn *c);
    enum store_status (*rollback)(struct store_conn *c);
    /* How many levels are open: 0 outside a transaction, 1 in one, more
     * with savepoints. */
    int (*tx_depth)(struct store_conn *c);
    /* True when the engine runs one write transaction at a time (SQLite):
     * then grouping writes into one commit pays (write_batch.h). */
    bool serial_writes;

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
    /* Sets *current when the newest embedded migration is recorded in
     * schema_migrations (they are applied in order, one transaction each). */
    enum store_status (*schema_current)(struct store_conn *c, bool *current);
    /* OK when the connection is usable, reconnecting a dead session first
     * (without a round trip when it is alive); UNAVAILABLE otherwise. */
    enum store_status (*ping)(struct store_conn *c);
    /* Deletes every movie, actor and cast (seed --force), inside the caller's transaction. */
    enum store_status (*clear)(struct store_conn *c);
    /* Moves id sequences past the largest ids in use (after explicit-id inserts). */
    enum store_status (*sync_ids)(struct store_conn *c);
    /* Optional (NULL: nothing to do): before a bulk load's transaction on c:
     * SQLite gives c a page cache of 256 MiB, so that the indexes being
     * filled stay in memory, until after_bulk_load. */
    enum store_status (*before_bulk_load)(struct store_conn *c);
    /* Optional (NULL: nothing to do): after a bulk load has committed, outside
     * a transaction: SQLite's usual page cache again; PostgreSQL's VACUUM
     * (ANALYZE), for statistics and the visibility map its index-only scans
     * need. */
    enum store_status (*after_bulk_load)(struct store_conn *c);

    /* Built-in identity (query_identity.c). Usernames match case-insensitively
     * (ASCII); CONFLICT when a name exists, NOT_FOUND when it does not. */
    enum store_status (*user_insert)(struct store_conn *c, const struct user *u, int64_t now, int64_t *id_out);
    enum store_status (*user_get)(struct store_conn *c, const char *username, struct arena *a, struct user *out);
    enum store_status (*user_get_id)(struct store_conn *c, int64_t id, struct arena *a, struct user *out);
    enum store_status (*user_list)(struct store_conn *c, struct arena *a, struct user **out, size_t *n);
    enum store_status (*user_set_role)(struct store_conn *c, const char *username, const char *role);
    enum store_status (*user_set_hash)(struct store_conn *c, const char *username, const char *hash);
    enum store_status (*user_set_disabled)(struct store_conn *c, const char *username, bool disabled);
    enum store_status (*user_delete)(struct store_conn *c, const char *username);
    enum store_status (*user_count)(struct store_conn *c, int64_t *n);
    enum store_status (*user_touch)(struct store_conn *c, int64_t id, int64_t now);
    /* The ids of the users who may sign in (not disabled), ascending. */
    enum store_status (*user_enabled_ids)(struct store_conn *c, struct arena *a, int64_t **ids, size_t *n);
    enum store_status (*key_insert)(struct store_conn *c, const struct signing_key_row *k);
    /* The keys whose expires_at is unset or after now, newest first. */
    enum store_status (*key_list)(struct store_conn *c, int64_t now, struct arena *a,
                                  struct signing_key_row **out, size_t *n);
    /* Marks every active key retired at now; they leave the JWKS at expires_at. */
    enum store_status (*key_retire)(struct store_conn *c, int64_t now, int64_t expires_at);

    /* ---- roles: casting.md roles, candidates, booking, actor filters (query_roles.c) ---- */
    /* NOT_FOUND when the movie does not exist. Billing order, nulls last, then name. */
    enum store_status (*role_list)(struct store_conn *c, int64_t movie_id, int64_t offset, int limit,
                                   struct arena *a, struct role_page *out);
    enum store_status (*role_get)(struct store_conn *c, int64_t id, struct arena *a, struct movie_role *out);
    /* NOT_FOUND: no such movie; CONFLICT: the billing is taken in that movie. */
    enum store_status (*role_insert)(struct store_conn *c, const struct movie_role *r, int64_t *id_out);
    enum store_status (*role_update)(struct store_conn *c, const struct movie_role *r);   /* by r->id */
    enum store_status (*role_delete)(struct store_conn *c, int64_t id);             /* with its candidates */
    enum store_status (*role_lock)(struct store_conn *c, int64_t id);               /* as movie_lock */
    enum store_status (*role_set_status)(struct store_conn *c, int64_t id, int status);
    /* stage -1: every stage. Ordered by actor name. NOT_FOUND when the role does not exist. */
    enum store_status (*candidate_list)(struct store_conn *c, int64_t role_id, int stage, int64_t offset, int limit,
                                        struct arena *a, struct candidate_page *out);
    enum store_status (*candidate_get)(struct store_conn *c, int64_t role_id, int64_t actor_id, struct arena *a,
                                       struct candidate *out);
    /* NOT_FOUND: no such role or actor; CONFLICT: a candidate already. */
    enum store_status (*candidate_insert)(struct store_conn *c, int64_t role_id, int64_t actor_id, int64_t now);
    /* stage, rating, notes, tags; CONFLICT when a second candidate of the role would be BOOKED. */
    enum store_status (*candidate_update)(struct store_conn *c, const struct candidate *cd, int64_t now);
    enum store_status (*candidate_delete)(struct store_conn *c, int64_t role_id, int64_t actor_id);
    /* Marks the cast link movie-actor as made by a booking (it must exist). */
    enum store_status (*booking_link_add)(struct store_conn *c, int64_t movie_id, int64_t actor_id);
    /* Removes that mark; *made tells whether there was one (the link is the booking's to remove). */
    enum store_status (*booking_link_take)(struct store_conn *c, int64_t movie_id, int64_t actor_id, bool *made);
    /* The BOOKED actor of a role, 0 when none. */
    enum store_status (*role_booked)(struct store_conn *c, int64_t role_id, int64_t *actor_id);
    /* A role of the movie other than except_role where the actor is BOOKED: *role_id 0 when none. */
    enum store_status (*actor_booked_in_movie)(struct store_conn *c, int64_t movie_id, int64_t actor_id,
                                               int64_t except_role, struct arena *a, int64_t *role_id,
                                               const char **role_name);
    /* Actors (with their movies) by the filter, ordered by name, with the total. */
    enum store_status (*actor_find)(struct store_conn *c, const struct actor_filter *f, int64_t offset, int limit,
                                    struct arena *a, struct actor_page *out);

    /* Sets *changed when a connection other than c (of this process or any
     * other) may have committed since the previous call on c; the first call
     * on a connection says true. Cheap (SQLite: PRAGMA data_version). NULL
     * when the engine cannot tell cheaply (PostgreSQL: its cache lease
     * counts every commit instead, below). */
    enum store_status (*changed_elsewhere)(struct store_conn *c, bool *changed);
    /* What tells a cache above the store of commits (store_pool_changes):
     * SQLite's shared commit counter (change_counter.h), PostgreSQL's cache
     * lease (pg_lease.h). changes_open may give *out NULL when there is none
     * (SQLite on a file system without it); an error means the database must
     * not be written (another server would not see the writes). NULL when
     * the engine has nothing of the kind. */
    enum store_status (*changes_open)(const char *url, void **out, char *err, size_t errlen);
    enum store_changes (*changes_read)(void *changes, uint64_t *value);
    /* This process caches representations (changes_open's, not NULL). */
    void (*changes_cache_on)(void *changes);
    void (*changes_close)(void *changes);

    /* audit (query_audit.c; the log itself is written by triggers, 0008_audit).
     * set_subject: who the connection's next writes are logged as (a token's
     * subject, "cli:<login>"; NULL or "" is "system"), and per-row logging on.
     * Kept in memory; an engine applies it before its next write. */
    enum store_status (*set_subject)(struct store_conn *c, const char *subject);
    /* Inside a transaction: per-row logging off (false) for a bulk load, on again (true). */
    enum store_status (*audit_rows)(struct store_conn *c, bool on);
    /* One summary entry by the connection's subject (e.g. a seed); after is JSON or NULL. */
    enum store_status (*audit_note)(struct store_conn *c, const char *entity, const char *id, const char *action,
                                    const char *after);
    /* Entries matching f, newest first. */
    enum store_status (*audit_list)(struct store_conn *c, const struct audit_filter *f, int64_t offset, int limit,
                                    struct arena *a, struct audit_page *out);

    /* ---- auditions (query_auditions.c; casting.md "Auditions") ---- */
    enum store_status (*audition_get)(struct store_conn *c, int64_t id, struct arena *a, struct audition *out);
    /* Inside a transaction: locks the row until commit, as movie_lock. */
    enum store_status (*audition_lock)(struct store_conn *c, int64_t id);
    /* Ordered by start, then id. */
    enum store_status (*audition_list)(struct store_conn *c, const struct audition_filter *f, int64_t offset,
                                       int limit, struct arena *a, struct audition_page *out);
    /* Uses role_id, actor_id, times, location, status; NOT_FOUND when the
     * actor is not (or no longer) a candidate of the role. */
    enum store_status (*audition_insert)(struct store_conn *c, const struct audition *au, int64_t *id_out);
    /* Writes times, location and status of au->id. */
    enum store_status (*audition_update)(struct store_conn *c, const struct audition *au);
    /* Inside a transaction: waits until no other transaction is between its
     * clash check and its commit (PostgreSQL: an advisory transaction lock;
     * SQLite's write transaction already serialises). */
    enum store_status (*audition_serialise)(struct store_conn *c);
    /* The first SCHEDULED audition other than au->id whose [start, end)
     * overlaps au's with the same actor (preferred) or the same location,
     * into *other with its actor's name; NOT_FOUND when there is none. */
    enum store_status (*audition_clash)(struct store_conn *c, const struct audition *au, struct arena *a,
                                        struct audition *other, const char **actor_name);
    /* Up to limit auditions that are not CANCELLED, overlapping the filter's
     * from/to (its other fields are ignored), by start, with the role's,
     * actor's and movie's names. */
    enum store_status (*audition_feed)(struct store_conn *c, const struct audition_filter *f, int limit,
                                       struct arena *a, struct audition_named **out, size_t *n);
    /* The candidate's stage (arena string), NULL when the role exists but
     * the actor is not its candidate; NOT_FOUND when the role does not exist. */
    enum store_status (*audition_candidate)(struct store_conn *c, int64_t role_id, int64_t actor_id,
                                            struct arena *a, const char **stage);
    /* Moves a SUGGESTED or SHORTLISTED candidate to AUDITION (updated_at =
     * now); *moved says whether it did (a later stage is kept). */
    enum store_status (*audition_advance)(struct store_conn *c, int64_t role_id, int64_t actor_id, int64_t now,
                                          bool *moved);
    /* shares: producers' share links, their votes, the candidates export
     * (query_shares.c). NOT_FOUND for a missing role, link or candidate. */
    enum store_status (*share_role)(struct store_conn *c, int64_t role_id, struct arena *a, struct share_role *out);
    enum store_status (*share_insert)(struct store_conn *c, const struct share *s, const char *token_hash,
                                      int64_t *id_out);
    /* Sets revoked_at unless it is set already. */
    enum store_status (*share_revoke)(struct store_conn *c, int64_t id, int64_t now);
    /* A role's links, newest first, with their vote totals. */
    enum store_status (*share_list)(struct store_conn *c, int64_t role_id, int64_t offset, int limit,
                                    struct arena *a, struct share **out, size_t *n, int64_t *total);
    /* The link whose token hashes to token_hash, unless expired or revoked. */
    enum store_status (*share_find)(struct store_conn *c, const char *token_hash, int64_t now, struct arena *a,
                                    struct share *out);
    /* Every candidate of the role (by name) with the votes cast on share_id. */
    enum store_status (*share_candidates)(struct store_conn *c, int64_t role_id, int64_t share_id,
                                          struct arena *a, struct share_candidate **out, size_t *n);
    enum store_status (*share_stage)(struct store_conn *c, int64_t role_id, int64_t actor_id, struct arena *a,
                                     const char **stage);
    /* The viewer's vote (+1/-1) replaces their earlier one. */
    enum store_status (*share_vote)(struct store_conn *c, int64_t share_id, int64_t actor_id, const char *viewer,
                                    int vote, int64_t now);
    /* Per actor, the votes on all of the role's links. */
    enum store_status (*role_votes)(struct store_conn *c, int64_t role_id, struct arena *a,
                                    struct actor_votes **out, size_t *n);
    /* The role's candidates with notes and tags (by name). */
    enum store_status (*candidates_export)(struct store_conn *c, int64_t role_id, struct arena *a,
                                           struct share_candidate **out, size_t *n);
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
/* audit: the subject every connection starts with when handed out (and gets
 * back on release); NULL is "system". Set before the pool is shared. */
void store_pool_set_subject(struct store_pool *p, const char *subject);

/* A snapshot of the pool's counters, for /metrics. */
struct store_pool_stats {
    int size;            /* most connections open at once */
    int open;            /* open now (or being opened) */
    int in_use;          /* handed out now */
    uint64_t waits;      /* acquires that had to wait for a connection */
    uint64_t failures;   /* acquires that failed: waited too long or could not connect */
};
void store_pool_stats(struct store_pool *p, struct store_pool_stats *out);
enum store_changes store_pool_changes(const struct store_pool *p, uint64_t *value);
/* This process caches representations: engines that must agree on that
 * with other processes (PostgreSQL's cache lease) start doing so. */
void store_pool_cache_on(struct store_pool *p);
/* A pool for reading only (a read replica): it takes no part in the above. */
enum store_status store_pool_open_reader(const char *url, int size, struct store_pool **out, char *err,
                                         size_t errlen);

/* Loads the embedded demo data (src/store/demo-data.json) with its ids,
 * in one transaction. Refuses (CONFLICT) a non-empty database unless force,
 * which clears it first. */
enum store_status store_seed_demo(const struct store_ops *ops, struct store_conn *c, bool force);
/* The same, then the demo casting work (demo-casting.json: roles, candidates
 * at their stages, auditions from the day of casting_day on, seconds since
 * the epoch); casting_day 0 is store_seed_demo. */
enum store_status store_seed_demo_casting(const struct store_ops *ops, struct store_conn *c, bool force,
                                          int64_t casting_day);

/* Loads n synthetic actors, n/10 movies and a cast link per actor (ten a
 * movie), deterministic, in one transaction (synthetic.c; for benchmarks).
 * Same refusal and force rules as store_seed_demo. */
enum store_status store_seed_synthetic(const struct store_ops *ops, struct store_conn *c, int64_t n, bool force);

#endif

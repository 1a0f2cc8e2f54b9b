/* Private to src/store/: what an engine (sqlite.c, pg.c) supplies so that the
 * engine-neutral data operations in query.c can run on it: a table of SQL
 * texts indexed by enum store_stmt, a way to run one with parameters and to
 * read its rows. Column lists and parameter order are defined here, once.
 * Nothing outside src/store/ includes this file. */
#ifndef AUDITION_STORE_DRIVER_H
#define AUDITION_STORE_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* Column lists in the order query.c decodes them and binds parameters:
 * ?1..?5 of an insert or update are id, then the fields. prefix is "" or
 * a table alias with its dot ("m."). */
#define MOVIE_FIELDS(p) p "title, " p "genre, " p "release_date, " p "poster_url"
#define ACTOR_FIELDS(p) p "name, " p "age, " p "gender, " p "photo_url"
#define MOVIE_COLS(p) p "id, " MOVIE_FIELDS(p)
#define ACTOR_COLS(p) p "id, " ACTOR_FIELDS(p)
#define CAST_COLS "(movie_id, actor_id)"
#define ENTITY_NCOLS 5
#define STORE_LIST_DEEP 1000   /* see ST_MOVIE_LIST */

#define USER_COLS "id, username, display_name, role, password_hash, disabled, created_at, last_login_at"
#define KEY_COLS "kid, public_jwk, private_enc, created_at, retired_at, expires_at"

/* The statements whose SQL both engines share. */
#define SQL_IS_EMPTY \
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM movies) OR EXISTS (SELECT 1 FROM actors)" \
    " OR EXISTS (SELECT 1 FROM casts) THEN 0 ELSE 1 END"
#define SQL_COUNT_ALL(table) "SELECT count(*) FROM " table   /* SQLite: its fast btree count */
#define SQL_CLEAR(table) "DELETE FROM " table   /* a movie's or actor's casts go by cascade */

/* The identity statements (users, signing keys), the same on both engines but
 * for the parameter markers, which each engine passes in: "?1".. or "$1"... */
#define IDENTITY_SQL(P1, P2, P3, P4, P5, P6) \
    [ST_USER_INSERT] = \
        "INSERT INTO users (username, username_key, display_name, role, password_hash, disabled, created_at)" \
        " VALUES (" P1 ", " P2 ", " P3 ", " P4 ", " P5 ", 0, " P6 ") RETURNING id", \
    [ST_USER_GET] = "SELECT " USER_COLS " FROM users WHERE username_key = " P1, \
    [ST_USER_GET_ID] = "SELECT " USER_COLS " FROM users WHERE id = " P1, \
    [ST_USER_LIST] = "SELECT " USER_COLS " FROM users ORDER BY username_key", \
    [ST_USER_SET_ROLE] = "UPDATE users SET role = " P2 " WHERE username_key = " P1 " RETURNING id", \
    [ST_USER_SET_HASH] = "UPDATE users SET password_hash = " P2 " WHERE username_key = " P1 " RETURNING id", \
    [ST_USER_SET_DISABLED] = "UPDATE users SET disabled = " P2 " WHERE username_key = " P1 " RETURNING id", \
    [ST_USER_DELETE] = "DELETE FROM users WHERE username_key = " P1 " RETURNING id", \
    [ST_USER_COUNT] = "SELECT count(*) FROM users", \
    [ST_USER_TOUCH] = "UPDATE users SET last_login_at = " P2 " WHERE id = " P1 " RETURNING id", \
    [ST_USER_ENABLED_IDS] = "SELECT id FROM users WHERE disabled = 0 ORDER BY id", \
    [ST_KEY_INSERT] = \
        "INSERT INTO signing_keys (kid, public_jwk, private_enc, created_at) VALUES (" P1 ", " P2 ", " P3 ", " P4 ")" \
        " RETURNING 1", \
    [ST_KEY_LIST] = \
        "SELECT " KEY_COLS " FROM signing_keys WHERE expires_at IS NULL OR expires_at > " P1  \
        " ORDER BY created_at DESC, kid DESC", \
    [ST_KEY_RETIRE] = \
        "UPDATE signing_keys SET retired_at = " P1 ", expires_at = " P2 " WHERE retired_at IS NULL RETURNING 1",

/* Every statement an engine must provide. Rows of the *_GET and *_PAGE
 * statements are the parent's columns then the child's (NULL when the
 * parent has no child), parent-major, children in list order. INSERT,
 * UPDATE, DELETE and LOCK return a row when they touched one. */
enum store_stmt {
    ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
    ST_MOVIE_GET, ST_MOVIE_COUNT, ST_MOVIE_PAGE,   /* (id) / (pattern) / (pattern, limit, offset) */
    ST_MOVIE_INSERT, ST_MOVIE_UPDATE,              /* (id, fields...) -> id */
    ST_MOVIE_DELETE, ST_MOVIE_LOCK,                /* (id) -> id */
    ST_ACTOR_GET, ST_ACTOR_COUNT, ST_ACTOR_PAGE,
    ST_ACTOR_INSERT, ST_ACTOR_UPDATE,
    ST_ACTOR_DELETE, ST_ACTOR_LOCK,
    /* Searches for 3+ characters, served by a trigram index (SQLite:
     * 0011_search_match, PostgreSQL: 0003_search_index): COUNT (pattern,
     * term), PAGE (pattern, term, limit, offset). term is the raw search
     * text; an engine uses the escaped pattern, the term, or both. */
    ST_MOVIE_COUNT_SEARCH, ST_MOVIE_PAGE_SEARCH,
    ST_ACTOR_COUNT_SEARCH, ST_ACTOR_PAGE_SEARCH,
    /* Optional (NULL: PAGE_SEARCH only): the same page by walking the
     * title/name order and testing each row, which is quick when matches are
     * many. The engine runs it within a work budget and stops it with
     * STORE_GAVE_UP when the matches are too sparse; PAGE_SEARCH then. */
    ST_MOVIE_PAGE_WALK, ST_ACTOR_PAGE_WALK,
    ST_MOVIE_COUNT_ALL, ST_ACTOR_COUNT_ALL,        /* () -> the number of rows, no search */
    /* Optional (NULL: COUNT_ALL, then PAGE): a page without a search in one
     * statement, for an engine where each statement is a round trip.
     * (NULL, limit, offset) -> the total, then PAGE's columns; one row of the
     * total and NULLs when the page is empty. Only for offsets below
     * STORE_LIST_DEEP: deeper pages and searches may need other plans. */
    ST_MOVIE_LIST, ST_ACTOR_LIST,
    ST_CAST_INSERT, ST_CAST_DELETE,                /* (movie_id, actor_id) -> a row when done */
    ST_IS_EMPTY,                                   /* () -> 1 when empty, else 0 */
    ST_CLEAR_MOVIES, ST_CLEAR_ACTORS,              /* casts go by cascade */
    ST_SYNC_MOVIES, ST_SYNC_ACTORS,
    /* built-in identity (query_identity.c); USER_COLS rows */
    ST_USER_INSERT,                                /* (username, key, display, role, hash, now) -> id */
    ST_USER_GET, ST_USER_GET_ID, ST_USER_LIST,     /* (key) / (id) / () */
    ST_USER_SET_ROLE, ST_USER_SET_HASH,            /* (key, value) -> id */
    ST_USER_SET_DISABLED, ST_USER_DELETE,          /* (key, 0|1) / (key) -> id */
    ST_USER_COUNT, ST_USER_TOUCH,                  /* () -> n / (id, now) -> id */
    ST_USER_ENABLED_IDS,                           /* () -> ids of enabled users */
    ST_KEY_INSERT,                                 /* (kid, public_jwk, private_enc, now) -> 1 */
    ST_KEY_LIST,                                   /* (now) -> KEY_COLS of keys still published */
    ST_KEY_RETIRE,                                 /* (now, expires_at) -> 1 per key retired */
    /* roles: casting.md roles, candidates, booking, actor filters (sql_roles.h, query_roles.c) */
    ST_ROLE_MOVIE_EXISTS, ST_ROLE_COUNT, ST_ROLE_PAGE, ST_ROLE_GET, ST_ROLE_INSERT, ST_ROLE_UPDATE,
    ST_ROLE_DELETE, ST_ROLE_LOCK, ST_ROLE_SET_STATUS,
    ST_CAND_COUNT, ST_CAND_PAGE, ST_CAND_GET, ST_CAND_OTHERS, ST_CAND_INSERT, ST_CAND_UPDATE, ST_CAND_DELETE,
    ST_ROLE_BOOKED, ST_ACTOR_BOOKED_IN_MOVIE, ST_ACTOR_FIND_COUNT, ST_ACTOR_FIND_PAGE,
    ST_BOOKING_LINK_ADD, ST_BOOKING_LINK_TAKE,     /* (movie_id, actor_id) -> a row when done */
    /* audit (query_audit.c, sql_audit.h) */
    ST_AUDIT_NOTE,                                 /* (subject, entity, id, action, after, now) -> id */
    ST_AUDIT_COUNT,                                /* (entity, id, subject) -> n; NULL = any */
    ST_AUDIT_PAGE,                                 /* (entity, id, subject, limit, offset) -> AUDIT_COLS */
    ST_AUDIT_COUNT_BY_ENTITY_ID, ST_AUDIT_PAGE_BY_ENTITY_ID,   /* the same, led by an index (sql_audit.h) */
    ST_AUDIT_COUNT_BY_ENTITY, ST_AUDIT_PAGE_BY_ENTITY,
    ST_AUDIT_COUNT_BY_SUBJECT, ST_AUDIT_PAGE_BY_SUBJECT,
    /* auditions (query_auditions.c; SQL in sql_auditions.h) */
    ST_AUDITION_GET, ST_AUDITION_LOCK,             /* (id) -> AUDITION_COLS / id */
    ST_AUDITION_COUNT, ST_AUDITION_PAGE,           /* (from, to, location, actor, status[, limit, offset]) */
    ST_AUDITION_INSERT,                            /* (role, actor, start, end, location, status) -> id */
    ST_AUDITION_UPDATE,                            /* (id, start, end, location, status) -> id */
    ST_AUDITION_SERIALISE,                         /* () waits for other clash checks (PostgreSQL) */
    ST_AUDITION_CLASH,                             /* (id, start, end, actor, location) -> AUDITION_COLS, name */
    ST_AUDITION_FEED,                              /* (from, to, limit) -> AUDITION_COLS, role, actor, movie */
    ST_AUDITION_CANDIDATE,                         /* (role, actor) -> role id, stage or NULL */
    ST_AUDITION_ADVANCE,                           /* (role, actor, now) -> a row when moved to AUDITION */
    /* shares: share links, votes and the casting exports (query_shares.c, sql_shares.h) */
    ST_SHARE_ROLE,                                 /* (role_id) -> the role as a link shows it */
    ST_SHARE_INSERT,                               /* (role_id, hash, stages, by, now, expires) -> id */
    ST_SHARE_REVOKE,                               /* (id, now) -> id */
    ST_SHARE_COUNT, ST_SHARE_PAGE,                 /* (role_id) / (role_id, limit, offset) */
    ST_SHARE_FIND,                                 /* (hash, now) -> the live link */
    ST_SHARE_CANDIDATES,                           /* (role_id, share_id) -> candidates with votes */
    ST_SHARE_STAGE,                                /* (role_id, actor_id) -> stage */
    ST_SHARE_VOTE,                                 /* (share_id, actor_id, viewer, vote, now) */
    ST_ROLE_VOTES,                                 /* (role_id) -> actor_id, up, down */
    ST_CANDIDATES_EXPORT,                          /* (role_id) -> candidates with notes and tags */
    ST_COUNT
};

enum store_param_kind { SP_NULL, SP_INT, SP_TEXT };

struct store_param {
    enum store_param_kind kind;
    int64_t i;
    const char *s;
};

static inline struct store_param sp_int(int64_t v) {
    return (struct store_param){.kind = SP_INT, .i = v};
}

static inline struct store_param sp_text(const char *s) {
    return (struct store_param){.kind = s ? SP_TEXT : SP_NULL, .s = s};
}

/* An open result: rows are read with the driver's next() until it returns
 * false, then done() must be called. */
struct store_cursor {
    struct store_conn *conn;
    void *handle;              /* the engine's statement or result */
    int row, rows;             /* for engines that fetch the whole result */
    enum store_status status;  /* OK, or why next() stopped early */
};

struct store_driver {
    const char *const *sql;    /* enum store_stmt -> this engine's SQL */
    /* Binds n parameters and starts s; on failure the cursor is not open. */
    enum store_status (*query)(struct store_conn *c, enum store_stmt s,
                               const struct store_param *p, size_t n, struct store_cursor *cur);
    bool (*next)(struct store_cursor *cur);
    bool (*is_null)(struct store_cursor *cur, int col);
    const char *(*text)(struct store_cursor *cur, int col);  /* NULL for SQL NULL */
    int64_t (*i64)(struct store_cursor *cur, int col);
    void (*done)(struct store_cursor *cur);
};

/* The part of a connection every engine shares; each engine's connection
 * struct starts with it, so a struct store_conn * is one of theirs. */
struct store_conn {
    const struct store_driver *drv;
    char err[192];             /* the last failure's one-sentence reason */
    /* audit: who writes are logged as (set_subject; "system" by default) and
     * whether per-row logging is off (a bulk seed). */
    char subject[AUDIT_SUBJECT_MAX + 1];
    bool audit_off;
};

/* Runs s to its end; *first (may be NULL) gets column 0 of the first row,
 * *rows (may be NULL) the number of rows (query.c). */
enum store_status store_run(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                            int64_t *first, int *rows);

/* Writes the connection's error sentence and returns st, for one-line returns. */
enum store_status store_fail(struct store_conn *c, enum store_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *store_last_error(struct store_conn *c);

/* The engine-neutral operations of struct store_ops (query.c). */
enum store_status store_q_movie_get(struct store_conn *c, int64_t id, struct arena *a, struct movie_full *out);
enum store_status store_q_movie_list(struct store_conn *c, const char *search, int64_t offset, int limit,
                                     struct arena *a, struct movie_page *out);
enum store_status store_q_movie_insert(struct store_conn *c, const struct movie *m, int64_t *id_out);
enum store_status store_q_movie_update(struct store_conn *c, const struct movie *m);
enum store_status store_q_movie_delete(struct store_conn *c, int64_t id);
enum store_status store_q_movie_lock(struct store_conn *c, int64_t id);
enum store_status store_q_actor_get(struct store_conn *c, int64_t id, struct arena *a, struct actor_full *out);
enum store_status store_q_actor_list(struct store_conn *c, const char *search, int64_t offset, int limit,
                                     struct arena *a, struct actor_page *out);
enum store_status store_q_actor_insert(struct store_conn *c, const struct actor *m, int64_t *id_out);
enum store_status store_q_actor_update(struct store_conn *c, const struct actor *m);
enum store_status store_q_actor_delete(struct store_conn *c, int64_t id);
enum store_status store_q_actor_lock(struct store_conn *c, int64_t id);
enum store_status store_q_cast_insert(struct store_conn *c, int64_t movie_id, int64_t actor_id);
enum store_status store_q_cast_delete(struct store_conn *c, int64_t movie_id, int64_t actor_id);
enum store_status store_q_is_empty(struct store_conn *c, bool *empty);
enum store_status store_q_clear(struct store_conn *c);
enum store_status store_q_sync_ids(struct store_conn *c);
enum store_status store_q_user_insert(struct store_conn *c, const struct user *u, int64_t now, int64_t *id_out);
enum store_status store_q_user_get(struct store_conn *c, const char *username, struct arena *a, struct user *out);
enum store_status store_q_user_get_id(struct store_conn *c, int64_t id, struct arena *a, struct user *out);
enum store_status store_q_user_list(struct store_conn *c, struct arena *a, struct user **out, size_t *n);
enum store_status store_q_user_set_role(struct store_conn *c, const char *username, const char *role);
enum store_status store_q_user_set_hash(struct store_conn *c, const char *username, const char *hash);
enum store_status store_q_user_set_disabled(struct store_conn *c, const char *username, bool disabled);
enum store_status store_q_user_delete(struct store_conn *c, const char *username);
enum store_status store_q_user_count(struct store_conn *c, int64_t *n);
enum store_status store_q_user_touch(struct store_conn *c, int64_t id, int64_t now);
enum store_status store_q_user_enabled_ids(struct store_conn *c, struct arena *a, int64_t **ids, size_t *n);
enum store_status store_q_key_insert(struct store_conn *c, const struct signing_key_row *k);
enum store_status store_q_key_list(struct store_conn *c, int64_t now, struct arena *a,
                                   struct signing_key_row **out, size_t *n);
enum store_status store_q_key_retire(struct store_conn *c, int64_t now, int64_t expires_at);
/* audit (query_audit.c) */
enum store_status store_q_set_subject(struct store_conn *c, const char *subject);
enum store_status store_q_audit_note(struct store_conn *c, const char *entity, const char *id, const char *action,
                                     const char *after);
enum store_status store_q_audit_list(struct store_conn *c, const struct audit_filter *f, int64_t offset, int limit,
                                     struct arena *a, struct audit_page *out);
/* shares (query_shares.c) */
enum store_status store_q_share_role(struct store_conn *c, int64_t role_id, struct arena *a, struct share_role *out);
enum store_status store_q_share_insert(struct store_conn *c, const struct share *s, const char *token_hash,
                                       int64_t *id_out);
enum store_status store_q_share_revoke(struct store_conn *c, int64_t id, int64_t now);
enum store_status store_q_share_list(struct store_conn *c, int64_t role_id, int64_t offset, int limit,
                                     struct arena *a, struct share **out, size_t *n, int64_t *total);
enum store_status store_q_share_find(struct store_conn *c, const char *token_hash, int64_t now, struct arena *a,
                                     struct share *out);
enum store_status store_q_share_candidates(struct store_conn *c, int64_t role_id, int64_t share_id,
                                           struct arena *a, struct share_candidate **out, size_t *n);
enum store_status store_q_share_stage(struct store_conn *c, int64_t role_id, int64_t actor_id, struct arena *a,
                                      const char **stage);
enum store_status store_q_share_vote(struct store_conn *c, int64_t share_id, int64_t actor_id, const char *viewer,
                                     int vote, int64_t now);
enum store_status store_q_role_votes(struct store_conn *c, int64_t role_id, struct arena *a,
                                     struct actor_votes **out, size_t *n);
enum store_status store_q_candidates_export(struct store_conn *c, int64_t role_id, struct arena *a,
                                            struct share_candidate **out, size_t *n);

/* Rows of an actor *_GET or *_PAGE statement -> actors with their movies (query.c). */
enum store_status store_q_actor_rows(struct store_conn *c, enum store_stmt s, const struct store_param *p, size_t n,
                                     struct arena *a, struct actor_full **items, size_t *count);

/* The ENTITY_NCOLS actor columns from col on; false on a value the domain rejects (query.c). */
bool store_q_read_actor(struct store_cursor *cur, int col, struct arena *a, struct actor *m);

/* roles: the casting workflow's operations (query_roles.c) */
enum store_status store_q_role_list(struct store_conn *c, int64_t movie_id, int64_t offset, int limit,
                                    struct arena *a, struct role_page *out);
enum store_status store_q_role_get(struct store_conn *c, int64_t id, struct arena *a, struct movie_role *out);
enum store_status store_q_role_insert(struct store_conn *c, const struct movie_role *r, int64_t *id_out);
enum store_status store_q_role_update(struct store_conn *c, const struct movie_role *r);
enum store_status store_q_role_delete(struct store_conn *c, int64_t id);
enum store_status store_q_role_lock(struct store_conn *c, int64_t id);
enum store_status store_q_role_set_status(struct store_conn *c, int64_t id, int status);
enum store_status store_q_candidate_list(struct store_conn *c, int64_t role_id, int stage, int64_t offset, int limit,
                                         struct arena *a, struct candidate_page *out);
enum store_status store_q_candidate_get(struct store_conn *c, int64_t role_id, int64_t actor_id, struct arena *a,
                                        struct candidate *out);
enum store_status store_q_candidate_insert(struct store_conn *c, int64_t role_id, int64_t actor_id, int64_t now);
enum store_status store_q_candidate_update(struct store_conn *c, const struct candidate *cd, int64_t now);
enum store_status store_q_candidate_delete(struct store_conn *c, int64_t role_id, int64_t actor_id);
enum store_status store_q_role_booked(struct store_conn *c, int64_t role_id, int64_t *actor_id);
enum store_status store_q_actor_booked_in_movie(struct store_conn *c, int64_t movie_id, int64_t actor_id,
                                                int64_t except_role, struct arena *a, int64_t *role_id,
                                                const char **role_name);
enum store_status store_q_actor_find(struct store_conn *c, const struct actor_filter *f, int64_t offset, int limit,
                                     struct arena *a, struct actor_page *out);
enum store_status store_q_booking_link_add(struct store_conn *c, int64_t movie_id, int64_t actor_id);
enum store_status store_q_booking_link_take(struct store_conn *c, int64_t movie_id, int64_t actor_id, bool *made);

#define STORE_ROLES_OPS \
    .role_list = store_q_role_list, .role_get = store_q_role_get, .role_insert = store_q_role_insert, \
    .role_update = store_q_role_update, .role_delete = store_q_role_delete, .role_lock = store_q_role_lock, \
    .role_set_status = store_q_role_set_status, .candidate_list = store_q_candidate_list, \
    .candidate_get = store_q_candidate_get, .candidate_insert = store_q_candidate_insert, \
    .candidate_update = store_q_candidate_update, .candidate_delete = store_q_candidate_delete, \
    .role_booked = store_q_role_booked, .actor_booked_in_movie = store_q_actor_booked_in_movie, \
    .actor_find = store_q_actor_find, .booking_link_add = store_q_booking_link_add, \
    .booking_link_take = store_q_booking_link_take

/* The ops entries both engines fill the same way, to list once per engine. */
#define STORE_QUERY_OPS \
    .last_error = store_last_error, \
    .movie_get = store_q_movie_get, .movie_list = store_q_movie_list, \
    .movie_insert = store_q_movie_insert, .movie_update = store_q_movie_update, \
    .movie_delete = store_q_movie_delete, .movie_lock = store_q_movie_lock, \
    .actor_get = store_q_actor_get, .actor_list = store_q_actor_list, \
    .actor_insert = store_q_actor_insert, .actor_update = store_q_actor_update, \
    .actor_delete = store_q_actor_delete, .actor_lock = store_q_actor_lock, \
    .cast_insert = store_q_cast_insert, .cast_delete = store_q_cast_delete, \
    .is_empty = store_q_is_empty, .clear = store_q_clear, .sync_ids = store_q_sync_ids, \
    STORE_ROLES_OPS, \
    STORE_IDENTITY_OPS, STORE_AUDIT_OPS

#define STORE_IDENTITY_OPS \
    .user_insert = store_q_user_insert, .user_get = store_q_user_get, .user_get_id = store_q_user_get_id, \
    .user_list = store_q_user_list, .user_set_role = store_q_user_set_role, \
    .user_set_hash = store_q_user_set_hash, .user_set_disabled = store_q_user_set_disabled, \
    .user_delete = store_q_user_delete, .user_count = store_q_user_count, .user_touch = store_q_user_touch, \
    .user_enabled_ids = store_q_user_enabled_ids, .key_insert = store_q_key_insert, \
    .key_list = store_q_key_list, .key_retire = store_q_key_retire, \
    STORE_SHARES_OPS

/* shares */
#define STORE_SHARES_OPS \
    .share_role = store_q_share_role, .share_insert = store_q_share_insert, .share_revoke = store_q_share_revoke, \
    .share_list = store_q_share_list, .share_find = store_q_share_find, \
    .share_candidates = store_q_share_candidates, .share_stage = store_q_share_stage, \
    .share_vote = store_q_share_vote, .role_votes = store_q_role_votes, \
    .candidates_export = store_q_candidates_export

/* audit: set_subject and audit_rows are the engine's own */
#define STORE_AUDIT_OPS .audit_note = store_q_audit_note, .audit_list = store_q_audit_list
/* auditions (query_auditions.c) */
enum store_status store_q_audition_get(struct store_conn *c, int64_t id, struct arena *a, struct audition *out);
enum store_status store_q_audition_lock(struct store_conn *c, int64_t id);
enum store_status store_q_audition_list(struct store_conn *c, const struct audition_filter *f, int64_t offset,
                                        int limit, struct arena *a, struct audition_page *out);
enum store_status store_q_audition_insert(struct store_conn *c, const struct audition *au, int64_t *id_out);
enum store_status store_q_audition_update(struct store_conn *c, const struct audition *au);
enum store_status store_q_audition_serialise(struct store_conn *c);
enum store_status store_q_audition_clash(struct store_conn *c, const struct audition *au, struct arena *a,
                                         struct audition *other, const char **actor_name);
enum store_status store_q_audition_feed(struct store_conn *c, const struct audition_filter *f, int limit,
                                        struct arena *a, struct audition_named **out, size_t *n);
enum store_status store_q_audition_candidate(struct store_conn *c, int64_t role_id, int64_t actor_id,
                                             struct arena *a, const char **stage);
enum store_status store_q_audition_advance(struct store_conn *c, int64_t role_id, int64_t actor_id, int64_t now,
                                           bool *moved);

#define STORE_AUDITION_OPS \
    .audition_get = store_q_audition_get, .audition_lock = store_q_audition_lock, \
    .audition_list = store_q_audition_list, .audition_insert = store_q_audition_insert, \
    .audition_update = store_q_audition_update, .audition_serialise = store_q_audition_serialise, \
    .audition_clash = store_q_audition_clash, .audition_feed = store_q_audition_feed, \
    .audition_candidate = store_q_audition_candidate, .audition_advance = store_q_audition_advance

#endif

/* The SQLite engine: the DATABASE_URL forms it accepts, opening a connection
 * (WAL, foreign keys, busy timeout, full sync), the SQL of every statement
 * with a per-connection cache of prepared statements, migrations, and the
 * mapping of SQLite result codes to store statuses. The data operations are
 * engine-neutral (query.c); this file only runs their statements. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/change_counter.h"
#include "store/driver.h"
#include "store/sql_roles.h"
#include "store/sql_audit.h"
#include "store/sql_auditions.h"
#include "store/sql_shares.h"
#include "util/embedded.h"

#define SQ_BUSY_TIMEOUT_MS 5000
/* WAL frames after which a commit checkpoints (SQLite's default; our WAL hook
 * replaces the built-in one, so it does this itself). */
#define SQ_AUTOCHECKPOINT_FRAMES 1000

/* synchronous=FULL rather than WAL's usual NORMAL: a commit that returned is
 * on disk even after a power cut; durability matters more than the fsync. */
#define SQ_PRAGMAS "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"

struct sq_conn {
    struct store_conn base;
    sqlite3 *db;
    sqlite3_stmt *stmts[ST_COUNT];   /* prepared on first use, reset after each */
    sqlite3_stmt *data_version;      /* PRAGMA data_version, prepared on first use */
    int64_t last_version;            /* its previous value; 0 before the first call */
    int depth;                       /* open levels: the transaction, then savepoints */
    struct change_counter *changes;  /* shared with other processes; NULL when unavailable */
    int walk_checks;                 /* a walk's budget left (SQ_WALK_CHECK steps each); -1 spent */
};

static struct sq_conn *sq(struct store_conn *c) {
    return (struct sq_conn *)c;
}

/* ---- SQL ---- */

/* A title/name filter: ?1 is the escaped pattern (like.h) or NULL for all.
 * LIKE is case-insensitive for ASCII letters only in SQLite. */
#define SQ_MATCH(col) "(?1 IS NULL OR " col " LIKE ?1 ESCAPE '\\')"
/* The same filter for 3+ characters, by the FTS5 trigram index (migration
 * 0011): it holds each name lower-cased as LIKE folds case (ASCII letters
 * only) and is case-sensitive, so the phrase of the term ?2, lower-cased the
 * same way, matches exactly the rows LIKE ?1 does, with no re-check. */
#define SQ_PHRASE "'\"' || replace(lower(?2), '\"', '\"\"') || '\"'"
#define SQ_MATCHES(table) "SELECT rowid FROM " table "_fts WHERE " table "_fts MATCH " SQ_PHRASE
/* Counts bind ?1 too (driver.h). */
#define SQ_COUNT_MATCHES(table) "SELECT count(*) FROM (" SQ_MATCHES(table) ") WHERE ?1 IS NOT NULL"
#define SQ_INDEXED(table) "id IN (" SQ_MATCHES(table) ") AND ?1 IS NOT NULL"
/* The walk (driver.h, *_PAGE_WALK): the list order's index, LIKE on each entry. */
#define SQ_WALKED(table, index, col) \
    table " INDEXED BY " index " WHERE " col " LIKE ?1 ESCAPE '\\' AND ?2 IS NOT NULL"
/* A walk that has not found its page after this many virtual machine steps
 * (about four per index entry: some 50,000 entries, a millisecond or two)
 * gives up; the index's matches, sorted, serve the page then. */
#define SQ_WALK_STEPS 200000
#define SQ_WALK_CHECK 1000   /* steps between two looks at the budget */
/* A page of movies (actors) with their actors (movies), from a FROM clause
 * that filters; ?N: the limit's and the offset's parameters. */
#define SQ_MOVIE_PAGE_FROM(from, limit, offset) \
    "WITH m AS (SELECT " MOVIE_COLS("") " FROM " from " ORDER BY title, id LIMIT " limit " OFFSET " offset ")" \
    " SELECT " MOVIE_COLS("m.") ", " ACTOR_COLS("a.") " FROM m" \
    " LEFT JOIN casts x ON x.movie_id = m.id LEFT JOIN actors a ON a.id = x.actor_id" \
    " ORDER BY m.title, m.id, a.name, a.id"
#define SQ_ACTOR_PAGE_FROM(from, limit, offset) \
    "WITH a AS (SELECT " ACTOR_COLS("") " FROM " from " ORDER BY name, id LIMIT " limit " OFFSET " offset ")" \
    " SELECT " ACTOR_COLS("a.") ", " MOVIE_COLS("m.") " FROM a" \
    " LEFT JOIN casts x ON x.actor_id = a.id LEFT JOIN movies m ON m.id = x.movie_id" \
    " ORDER BY a.name, a.id, m.title, m.id"
#define SQ_MOVIE_PAGE(from) SQ_MOVIE_PAGE_FROM(from, "?3", "?4")
#define SQ_ACTOR_PAGE(from) SQ_ACTOR_PAGE_FROM(from, "?3", "?4")
/* roles (sql_roles.h): a parameter marker, and the escaped LIKE of SQ_MATCH. */
#define SQ_P(n, type) "?" #n
#define SQ_LIKE(col, p) col " LIKE " p " ESCAPE '\\'"
/* AUTOINCREMENT takes max(seq, max(id)) + 1, so lowering seq to max(id) is enough. */
#define SQ_SYNC(table) \
    "UPDATE sqlite_sequence SET seq = (SELECT coalesce(max(id), 0) FROM " table ") WHERE name = '" table "'"

static const char *const sq_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",

    [ST_MOVIE_GET] =
        "SELECT " MOVIE_COLS("m.") ", " ACTOR_COLS("a.") " FROM movies m"
        " LEFT JOIN casts x ON x.movie_id = m.id LEFT JOIN actors a ON a.id = x.actor_id"
        " WHERE m.id = ?1 ORDER BY a.name, a.id",
    [ST_MOVIE_COUNT] = "SELECT count(*) FROM movies WHERE " SQ_MATCH("title"),
    [ST_MOVIE_PAGE] = SQ_MOVIE_PAGE_FROM("movies WHERE " SQ_MATCH("title"), "?2", "?3"),
    [ST_MOVIE_INSERT] =
        "INSERT INTO movies (" MOVIE_COLS("") ") VALUES (NULLIF(?1, 0), ?2, ?3, ?4, ?5) RETURNING id",
    [ST_MOVIE_UPDATE] = "UPDATE movies SET (" MOVIE_FIELDS("") ") = (?2, ?3, ?4, ?5) WHERE id = ?1 RETURNING id",
    [ST_MOVIE_DELETE] = "DELETE FROM movies WHERE id = ?1 RETURNING id",
    [ST_MOVIE_LOCK] = "SELECT id FROM movies WHERE id = ?1",

    [ST_ACTOR_GET] =
        "SELECT " ACTOR_COLS("a.") ", " MOVIE_COLS("m.") " FROM actors a"
        " LEFT JOIN casts x ON x.actor_id = a.id LEFT JOIN movies m ON m.id = x.movie_id"
        " WHERE a.id = ?1 ORDER BY m.title, m.id",
    [ST_ACTOR_COUNT] = "SELECT count(*) FROM actors WHERE " SQ_MATCH("name"),
    [ST_ACTOR_PAGE] = SQ_ACTOR_PAGE_FROM("actors WHERE " SQ_MATCH("name"), "?2", "?3"),
    [ST_ACTOR_INSERT] =
        "INSERT INTO actors (" ACTOR_COLS("") ") VALUES (NULLIF(?1, 0), ?2, ?3, ?4, ?5) RETURNING id",
    [ST_ACTOR_UPDATE] = "UPDATE actors SET (" ACTOR_FIELDS("") ") = (?2, ?3, ?4, ?5) WHERE id = ?1 RETURNING id",
    [ST_ACTOR_DELETE] = "DELETE FROM actors WHERE id = ?1 RETURNING id",
    [ST_ACTOR_LOCK] = "SELECT id FROM actors WHERE id = ?1",

    [ST_MOVIE_COUNT_SEARCH] = SQ_COUNT_MATCHES("movies"),
    [ST_MOVIE_PAGE_SEARCH] = SQ_MOVIE_PAGE("movies WHERE " SQ_INDEXED("movies")),
    [ST_MOVIE_PAGE_WALK] = SQ_MOVIE_PAGE(SQ_WALKED("movies", "movies_by_title", "title")),
    [ST_ACTOR_COUNT_SEARCH] = SQ_COUNT_MATCHES("actors"),
    [ST_ACTOR_PAGE_SEARCH] = SQ_ACTOR_PAGE("actors WHERE " SQ_INDEXED("actors")),
    [ST_ACTOR_PAGE_WALK] = SQ_ACTOR_PAGE(SQ_WALKED("actors", "actors_by_name", "name")),

    [ST_CAST_INSERT] = "INSERT INTO casts " CAST_COLS " VALUES (?1, ?2) ON CONFLICT DO NOTHING RETURNING movie_id",
    [ST_CAST_DELETE] = "DELETE FROM casts WHERE movie_id = ?1 AND actor_id = ?2 RETURNING movie_id",
    [ST_MOVIE_COUNT_ALL] = SQL_COUNT_ALL("movies"),
    [ST_ACTOR_COUNT_ALL] = SQL_COUNT_ALL("actors"),
    [ST_IS_EMPTY] = SQL_IS_EMPTY,
    [ST_CLEAR_MOVIES] = SQL_CLEAR("movies"),
    [ST_CLEAR_ACTORS] = SQL_CLEAR("actors"),
    [ST_SYNC_MOVIES] = SQ_SYNC("movies"),
    [ST_SYNC_ACTORS] = SQ_SYNC("actors"),
    IDENTITY_SQL("?1", "?2", "?3", "?4", "?5", "?6")
    /* roles: casting.md roles, candidates, booking, actor filters */
    ROLES_SQL(SQ_P, SQ_LIKE, "", "")
    AUDIT_SQL("?1", "?2", "?3", "?4", "?5", "?6")
    /* auditions: the write transaction (BEGIN IMMEDIATE) serialises clash checks */
    AUDITIONS_SQL("?1", "?2", "?3", "?4", "?5", "?6", "?7", "", "SELECT 1")
    SHARES_SQL("?1", "?2", "?3", "?4", "?5", "?6")  /* shares */
};

/* ---- errors ---- */

static enum store_status sq_status(int rc) {
    switch (rc) {
    case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return STORE_OK;
    case SQLITE_CONSTRAINT_PRIMARYKEY: case SQLITE_CONSTRAINT_UNIQUE: return STORE_CONFLICT;
    case SQLITE_CONSTRAINT_FOREIGNKEY: return STORE_NOT_FOUND;
    }
    /* Busy, and the conditions an operator fixes without touching the data
     * (disk full, read-only file or file system, I/O error, file gone) are
     * "try again later"; anything else (corruption, misuse) is an error. */
    switch (rc & 0xff) {
    case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_FULL: case SQLITE_READONLY: case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return STORE_UNAVAILABLE;
    default: return STORE_ERROR;
    }
}

/* sqlite3_errstr() only: the connection's message may quote SQL. */
static enum store_status sq_fail(struct sq_conn *c, int rc) {
    switch (sq_status(rc)) {
    case STORE_CONFLICT: return store_fail(&c->base, STORE_CONFLICT, "A row with that key exists already.");
    case STORE_NOT_FOUND: return store_fail(&c->base, STORE_NOT_FOUND, "A row it refers to does not exist.");
    default: return store_fail(&c->base, sq_status(rc), "SQLite failed: %s.", sqlite3_errstr(rc));
    }
}

/* ---- the driver ---- */

static int sq_bind(sqlite3_stmt *st, int i, const struct store_param *p) {
    switch (p->kind) {
    case SP_INT: return sqlite3_bind_int64(st, i, p->i);
    case SP_TEXT: return sqlite3_bind_text(st, i, p->s, -1, SQLITE_STATIC);
    default: return sqlite3_bind_null(st, i);
    }
}

/* The progress handler of a walk (driver.h, *_PAGE_WALK): interrupts it
 * when its budget is spent. */
static int sq_walk_budget(void *arg) {
    struct sq_conn *c = arg;
    if (c->walk_checks-- > 0) return 0;
    c->walk_checks = -1;
    return 1;
}

static bool sq_is_walk(enum store_stmt s) {
    return s == ST_MOVIE_PAGE_WALK || s == ST_ACTOR_PAGE_WALK;
}

static enum store_status sq_query(struct store_conn *base, enum store_stmt s, const struct store_param *p, size_t n,
                                  struct store_cursor *cur) {
    struct sq_conn *c = sq(base);
    int rc = SQLITE_OK;
    if (!c->stmts[s]) rc = sqlite3_prepare_v3(c->db, sq_sql[s], -1, SQLITE_PREPARE_PERSISTENT, &c->stmts[s], NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++) rc = sq_bind(c->stmts[s], (int)i + 1, &p[i]);
    if (rc != SQLITE_OK) {
        if (c->stmts[s]) sqlite3_clear_bindings(c->stmts[s]);
        return sq_fail(c, rc);
    }
    if (sq_is_walk(s)) {   /* until sq_done */
        c->walk_checks = SQ_WALK_STEPS / SQ_WALK_CHECK;
        sqlite3_progress_handler(c->db, SQ_WALK_CHECK, sq_walk_budget, c);
    }
    *cur = (struct store_cursor){.conn = base, .handle = c->stmts[s]};
    return STORE_OK;
}

static bool sq_next(struct store_cursor *cur) {
    int rc = sqlite3_step(cur->handle);
    if (rc == SQLITE_ROW) return true;
    struct sq_conn *c = sq(cur->conn);
    if (rc == SQLITE_INTERRUPT && c->walk_checks < 0)
        cur->status = store_fail(cur->conn, STORE_GAVE_UP, "The walk gave up.");
    else if (rc != SQLITE_DONE)
        cur->status = sq_fail(c, rc);
    return false;
}

static bool sq_is_null(struct store_cursor *cur, int col) {
    return sqlite3_column_type(cur->handle, col) == SQLITE_NULL;
}

static const char *sq_text(struct store_cursor *cur, int col) {
    return (const char *)sqlite3_column_text(cur->handle, col);
}

static int64_t sq_i64(struct store_cursor *cur, int col) {
    return sqlite3_column_int64(cur->handle, col);
}

static void sq_done(struct store_cursor *cur) {
    sqlite3_progress_handler(sq(cur->conn)->db, 0, NULL, NULL);   /* a walk's budget ends with it */
    sqlite3_reset(cur->handle);
    sqlite3_clear_bindings(cur->handle);  /* SQLITE_STATIC text must not outlive the call */
}

static const struct store_driver sq_driver = {
    .sql = sq_sql, .query = sq_query, .next = sq_next, .is_null = sq_is_null,
    .text = sq_text, .i64 = sq_i64, .done = sq_done,
};

/* Runs a statement that returns nothing of interest. */
static enum store_status sq_exec(struct sq_conn *c, enum store_stmt s) {
    struct store_cursor cur = {0};
    enum store_status st = sq_query(&c->base, s, NULL, 0, &cur);
    if (st != STORE_OK) return st;
    while (sq_next(&cur)) {}
    sq_done(&cur);
    return cur.status;
}

/* ---- audit: the subject the triggers of 0008_audit log ---- */

/* audition_subject(): the connection's subject, NULL while per-row logging is off. */
static void sq_subject_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc, (void)argv;
    const struct store_conn *c = sqlite3_user_data(ctx);
    if (c->audit_off) sqlite3_result_null(ctx);
    else sqlite3_result_text(ctx, c->subject[0] ? c->subject : "system", -1, SQLITE_TRANSIENT);
}

static enum store_status sq_audit_rows(struct store_conn *c, bool on) {
    c->audit_off = !on;
    return STORE_OK;
}

/* ---- connections ---- */

/* sqlite:///abs/path.db, sqlite://rel/path.db or sqlite:rel/path.db -> the path. */
static const char *sq_path(const char *url) {
    if (strncasecmp(url, "sqlite://", 9) == 0) return url + 9;
    if (strncasecmp(url, "sqlite:", 7) == 0) return url + 7;
    return NULL;
}

/* mkdir -p of the directories above the file; the ones it creates are 0700. */
static int make_parent_dirs(const char *path) {
    char *dir = strdup(path);
    int rc = dir ? 0 : -1;
    for (char *s = dir ? strchr(dir + 1, '/') : NULL; s && rc == 0; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) rc = -1;
        *s = '/';
    }
    free(dir);
    return rc;
}

/* Waiting for another connection's write lock: SQLite's own busy_timeout
 * sleeps 1, 2, 5 … 100 ms between tries, so a writer waits far longer than
 * the other's commit (an fsync, ~2 ms) takes. Poll every 100 µs for the first
 * 20 ms, then every millisecond, for SQ_BUSY_TIMEOUT_MS in all. */
static int sq_busy(void *unused, int tries) {
    (void)unused;
    enum { FAST_TRIES = 200, FAST_US = 100, SLOW_US = 1000 };   /* 200 * 100 µs = 20 ms */
    if (tries >= FAST_TRIES + SQ_BUSY_TIMEOUT_MS - 20) return 0;   /* give up: SQLITE_BUSY -> 503 */
    usleep(tries < FAST_TRIES ? FAST_US : SLOW_US);
    return 1;
}

/* Turning a new file to WAL may be refused (BUSY) without the busy handler
 * while another connection does the same: try again for the busy timeout. */
static int sq_configure(sqlite3 *db) {
    int rc = sqlite3_exec(db, SQ_PRAGMAS, NULL, NULL, NULL);
    for (int waited = 0; (rc & 0xff) == SQLITE_BUSY && waited < SQ_BUSY_TIMEOUT_MS; waited += 10) {
        sqlite3_sleep(10);
        rc = sqlite3_exec(db, SQ_PRAGMAS, NULL, NULL, NULL);
    }
    return rc;
}

static void sq_close(struct store_conn *base) {
    struct sq_conn *c = sq(base);
    if (!c) return;
    for (int i = 0; i < ST_COUNT; i++) sqlite3_finalize(c->stmts[i]);
    sqlite3_finalize(c->data_version);
    sqlite3_close_v2(c->db);
    change_counter_close(c->changes);
    free(c);
}

/* After every commit that wrote: count it for the other processes' caches
 * (change_counter.h), then checkpoint as SQLite's default hook would. */
static int sq_wal_hook(void *arg, sqlite3 *db, const char *name, int frames) {
    struct sq_conn *c = arg;
    if (c->changes) change_counter_add(c->changes);
    if (frames >= SQ_AUTOCHECKPOINT_FRAMES) sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return SQLITE_OK;
}

static enum store_status sq_open(const char *url, struct store_conn **out, char *err, size_t errlen) {
    const char *path = sq_path(url);
    *out = NULL;
    if (!path || !*path) {
        snprintf(err, errlen, "The DATABASE_URL names no SQLite file.");
        return STORE_ERROR;
    }
    if (make_parent_dirs(path) != 0) {
        snprintf(err, errlen, "Cannot create the directory of the SQLite database: %s.", strerror(errno));
        return STORE_ERROR;
    }
    struct sq_conn *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "Out of memory.");
        return STORE_ERROR;
    }
    c->base.drv = &sq_driver;
    store_q_set_subject(&c->base, NULL);
    int rc = sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_extended_result_codes(c->db, 1);
    if (rc == SQLITE_OK) rc = sqlite3_busy_handler(c->db, sq_busy, NULL);
    if (rc == SQLITE_OK)   /* audit */
        rc = sqlite3_create_function(c->db, "audition_subject", 0, SQLITE_UTF8, &c->base,
                                     sq_subject_fn, NULL, NULL);
    if (rc == SQLITE_OK) rc = sq_configure(c->db);
    if (rc == SQLITE_OK) {
        c->changes = change_counter_open(path);
        sqlite3_wal_hook(c->db, sq_wal_hook, c);
    }
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "Cannot open the SQLite database %s: %s.", path, sqlite3_errstr(rc));
        sq_close(&c->base);
        return sq_status(rc) == STORE_UNAVAILABLE ? STORE_UNAVAILABLE : STORE_ERROR;
    }
    *out = &c->base;
    return STORE_OK;
}

/* ---- transactions ---- */

/* Levels nest: the outermost begin starts the transaction, an inner one a
 * savepoint; commit and rollback end the innermost level. Seeing autocommit
 * means no level is open, whatever was counted (a failed COMMIT may have
 * ended the transaction). */
static int sq_open_levels(struct sq_conn *c) {
    if (sqlite3_get_autocommit(c->db)) c->depth = 0;
    return c->depth;
}

static enum store_status sq_savepoint(struct sq_conn *c, const char *sql) {
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? STORE_OK : store_fail(&c->base, sq_status(rc), "SQLite failed: %s.", sqlite3_errstr(rc));
}

static enum store_status sq_begin(struct store_conn *base) {
    struct sq_conn *c = sq(base);
    enum store_status st = sq_open_levels(c) ? sq_savepoint(c, "SAVEPOINT nested") : sq_exec(c, ST_BEGIN);
    if (st == STORE_OK) c->depth++;
    return st;
}

static enum store_status sq_commit(struct store_conn *base) {
    struct sq_conn *c = sq(base);
    if (sq_open_levels(c) > 1) {
        c->depth--;
        return sq_savepoint(c, "RELEASE nested");
    }
    enum store_status st = sq_exec(c, ST_COMMIT);
    sq_open_levels(c);
    return st;
}

/* A no-op outside a transaction, so it is always safe to call. */
static enum store_status sq_rollback(struct store_conn *base) {
    struct sq_conn *c = sq(base);
    int levels = sq_open_levels(c);
    if (levels == 0) return STORE_OK;
    if (levels > 1) {
        c->depth--;
        return sq_savepoint(c, "ROLLBACK TO nested; RELEASE nested");
    }
    c->depth = 0;
    return sq_exec(c, ST_ROLLBACK);
}

static int sq_tx_depth(struct store_conn *base) {
    return sq_open_levels(sq(base));
}

/* ---- changes by other connections ---- */

/* PRAGMA data_version changes when another connection, in this process or
 * another, commits; it does not change for this connection's own commits. */
static enum store_status sq_changed_elsewhere(struct store_conn *base, bool *changed) {
    struct sq_conn *c = sq(base);
    int rc = SQLITE_OK;
    if (!c->data_version) rc = sqlite3_prepare_v3(c->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
                                                  &c->data_version, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(c->data_version);
    if (rc != SQLITE_ROW) {
        if (c->data_version) sqlite3_reset(c->data_version);
        return sq_fail(c, rc);
    }
    int64_t v = sqlite3_column_int64(c->data_version, 0);
    sqlite3_reset(c->data_version);
    *changed = c->last_version == 0 || v != c->last_version;
    c->last_version = v;
    return STORE_OK;
}

/* ---- migrations ---- */

#define SQ_MIGRATIONS_TABLE \
    "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY," \
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"

/* True when migration name is recorded as applied (a read: a read-only,
 * up-to-date database can still be served, its writes answered with 503). */
static bool sq_recorded(sqlite3 *db, const char *name) {
    sqlite3_stmt *q = NULL;
    bool found = sqlite3_prepare_v2(db, "SELECT 1 FROM schema_migrations WHERE version = ?1", -1, &q, NULL) ==
                     SQLITE_OK &&
                 sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return found;
}

/* In one write transaction: records m and runs it, unless it was recorded already. */
static int sq_apply(sqlite3 *db, const struct embedded_file *m) {
    if (sq_recorded(db, m->name)) return SQLITE_OK;
    sqlite3_stmt *rec = NULL;
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO schema_migrations (version) VALUES (?1)", -1, &rec, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(rec, 1, m->name, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK && (rc = sqlite3_step(rec)) == SQLITE_DONE) rc = SQLITE_OK;
    bool fresh = rc == SQLITE_OK && sqlite3_changes(db) == 1;
    sqlite3_finalize(rec);
    if (rc == SQLITE_OK && fresh) rc = sqlite3_exec(db, m->data, NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static enum store_status sq_migrate(struct store_conn *base) {
    struct sq_conn *c = sq(base);
    int rc = sqlite3_exec(c->db, SQ_MIGRATIONS_TABLE, NULL, NULL, NULL);
    if (rc != SQLITE_OK) return sq_fail(c, rc);
    for (size_t i = 0; i < embedded_sqlite_migrations_count; i++) {
        const struct embedded_file *m = &embedded_sqlite_migrations[i];
        if ((rc = sq_apply(c->db, m)) != SQLITE_OK)
            return store_fail(base, sq_status(rc) == STORE_UNAVAILABLE ? STORE_UNAVAILABLE : STORE_ERROR,
                              "Migration %s failed: %s.", m->name, sqlite3_errstr(rc));
    }
    return STORE_OK;
}

/* Readiness: the newest embedded migration is recorded (they apply in order). */
static enum store_status sq_schema_current(struct store_conn *base, bool *current) {
    struct sq_conn *c = sq(base);
    *current = false;
    if (embedded_sqlite_migrations_count == 0) return STORE_OK;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(c->db, "SELECT 1 FROM schema_migrations WHERE version = ?1", -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(q, 1, embedded_sqlite_migrations[embedded_sqlite_migrations_count - 1].name, -1,
                               SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *current = true;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : sq_fail(c, rc);
}

/* ---- bulk loads (synthetic.c) ---- */

/* The default cache (2,000 KiB) would write the name and search indexes'
 * pages out and read them back many times over during a large seed. */
static enum store_status sq_before_bulk_load(struct store_conn *base) {
    int rc = sqlite3_exec(sq(base)->db, "PRAGMA cache_size = -262144", NULL, NULL, NULL);
    return rc == SQLITE_OK ? STORE_OK : sq_fail(sq(base), rc);
}

static enum store_status sq_after_bulk_load(struct store_conn *base) {
    int rc = sqlite3_exec(sq(base)->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
    return rc == SQLITE_OK ? STORE_OK : sq_fail(sq(base), rc);
}

/* No counter file (it cannot be made here) is no error: the cache asks
 * data_version instead. */
static enum store_status sq_changes_open(const char *url, void **out, char *err, size_t errlen) {
    (void)err;
    (void)errlen;
    const char *path = sq_path(url);
    *out = path && *path ? change_counter_open(path) : NULL;
    return STORE_OK;
}

static enum store_changes sq_changes_read(void *changes, uint64_t *value) {
    *value = change_counter_value(changes);
    return STORE_CHANGES_COUNTED;
}

static void sq_changes_cache_on(void *changes) {
    (void)changes;   /* every process counts its commits anyway */
}

static void sq_changes_close(void *changes) {
    change_counter_close(changes);
}

static enum store_status sq_ping(struct store_conn *c) {
    (void)c;
    return STORE_OK;   /* a file: nothing to lose */
}

const struct store_ops store_sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .migrate = sq_migrate,
    .schema_current = sq_schema_current,
    .ping = sq_ping,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .tx_depth = sq_tx_depth,
    .serial_writes = true,
    .changed_elsewhere = sq_changed_elsewhere,
    .before_bulk_load = sq_before_bulk_load,
    .after_bulk_load = sq_after_bulk_load,
    .changes_open = sq_changes_open,
    .changes_read = sq_changes_read,
    .changes_cache_on = sq_changes_cache_on,
    .changes_close = sq_changes_close,
    .set_subject = store_q_set_subject, .audit_rows = sq_audit_rows,   /* audit */
    STORE_QUERY_OPS,
    STORE_AUDITION_OPS,
};

/* The PostgreSQL engine (libpq): connecting with a postgresql:// URL, the SQL
 * of every statement prepared once per session, reconnecting by itself after
 * the server went away, migrations under an advisory lock, and the mapping
 * of SQLSTATEs to store statuses. The data operations are engine-neutral
 * (query.c); this file only runs their statements. */
#include <libpq-fe.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"
#include "store/pg_lease.h"
#include "store/sql_roles.h"
#include "store/sql_audit.h"
#include "store/sql_auditions.h"
#include "store/sql_shares.h"
#include "util/embedded.h"

#define PG_MAX_PARAMS 8
#define PG_CONNECT_TIMEOUT "5"
/* The key of the advisory lock migrate() holds: any constant shared by every instance. */
#define PG_MIGRATE_LOCK "4207366319"
/* The advisory lock audition clash checks take (transaction scope). */
#define PG_AUDITION_LOCK "4207366320"
/* 4207366321 is taken too: list_counts_apply() folds under it (migration 0010). */

struct pg_conn {
    struct store_conn base;
    PGconn *pg;
    uint64_t prepared[(ST_COUNT + 63) / 64];   /* bit s: statement s is prepared on this session */
    bool in_tx;          /* begin() succeeded; commit() or rollback() not called yet */
    /* audit: the subject last set on the session (audition.subject); "" unknown */
    char applied[AUDIT_SUBJECT_MAX + 1];
};


static struct pg_conn *pg(struct store_conn *c) {
    return (struct pg_conn *)c;
}

/* ---- SQL ---- */

/* $1 is the escaped pattern (like.h) or NULL for all; ILIKE's default escape is \. */
#define PG_MATCH(col) "($1::text IS NULL OR " col " ILIKE $1)"
/* For 3+ characters: no "IS NULL OR", so the pg_trgm index (migration 0003)
 * serves ILIKE $1 in generic plans too; $2, the prefilter, is not needed here. */
#define PG_INDEXED(col) col " ILIKE $1 AND $2::text IS NOT NULL"
#define PG_BYTES " COLLATE \"C\""   /* byte order, as SQLite's BINARY */
/* roles (sql_roles.h): a typed parameter marker, and ILIKE as in PG_MATCH. */
#define PG_P(n, type) "$" #n "::" #type
#define PG_LIKE(col, p) col " ILIKE " p
#define PG_NEW_ID(table) "COALESCE(NULLIF($1::bigint, 0), nextval(pg_get_serial_sequence('" table "', 'id')))"
/* After a bulk seed (its count triggers were off): ids and list_counts. */
#define PG_SYNC(table) \
    "SELECT setval(pg_get_serial_sequence('" table "', 'id'), coalesce(max(id), 0) + 1, false)," \
    " list_counts_recount('" table "') FROM " table
/* Lists (migration 0010, docs/architecture.md): totals and 1-2 character
 * search counts are sums of list_counts rows, exact for the snapshot. */
#define PG_GRAM_COUNT(table, gram) \
    "(SELECT coalesce(sum(n), 0) FROM list_counts WHERE tbl = '" table "' AND kind = 's' AND gram = " gram ")"
/* (pattern) NULL or of 1-2 characters: lower(term) is what ILIKE looks for in
 * lower(col); a term whose lower case grows past 2 characters is counted by a scan. */
#define PG_SHORT_COUNT(table, col) \
    "SELECT CASE WHEN $1::text IS NULL THEN " PG_GRAM_COUNT(table, "''") \
    " WHEN char_length(t) BETWEEN 1 AND 2 THEN " PG_GRAM_COUNT(table, "t COLLATE \"C\"") \
    " ELSE (SELECT count(*) FROM " table " WHERE " PG_MATCH(col) ") END AS total" \
    " FROM (SELECT lower(regexp_replace(substr($1, 2, length($1) - 2), '\\\\(.)', '\\1', 'g')) AS t) x"
/* (pattern, limit, offset): the ids of a page from the (col COLLATE "C", id)
 * index alone (an index-only scan), the rows joined after. Without a search
 * the walk starts at the 2-character prefix whose rows begin at or before the
 * offset (list_counts kind 'p'), so it passes at most one prefix's rows;
 * from offset PG_DEEP on (shallower walks cost less than finding the prefix).
 * CTEs b and p, to follow WITH. */
#define PG_DEEP "1000"   /* STORE_LIST_DEEP (driver.h) */
#define PG_PAGE_IDS(table, col) \
    "b AS (SELECT gram, before FROM (SELECT gram, (sum(n) OVER (ORDER BY gram) - n)::bigint AS before" \
    " FROM (SELECT gram, sum(n) AS n FROM list_counts WHERE tbl = '" table "' AND kind = 'p'" \
    " GROUP BY gram HAVING sum(n) > 0) g) r" \
    " WHERE $1::text IS NULL AND $3::bigint >= " PG_DEEP " AND before <= $3::bigint" \
    " ORDER BY gram DESC LIMIT 1)," \
    " p AS (SELECT id, " col " FROM " table " WHERE " PG_MATCH(col) \
    " AND " col PG_BYTES " >= coalesce((SELECT gram FROM b), '')" \
    " ORDER BY " col PG_BYTES ", id LIMIT $2::bigint OFFSET $3::bigint - coalesce((SELECT before FROM b), 0))"
/* *_LIST (no search, offsets below PG_DEEP; driver.h): the total (t), and
 * the ids as in PG_PAGE_IDS from the first row (p), no more than the total
 * leaves. That limit is opaque to the planner even with the parameters known,
 * so PostgreSQL keeps one generic plan (an index-only walk in order) instead
 * of planning the statement again for every page (half the throughput). */
#define PG_LIST_IDS(table, col) \
    "WITH t AS (SELECT coalesce(sum(n), 0) AS total FROM list_counts" \
    " WHERE tbl = '" table "' AND kind = 's' AND gram = '' AND $1::text IS NULL)," \
    " p AS (SELECT id, " col " FROM " table " ORDER BY " col PG_BYTES ", id" \
    " LIMIT greatest(0, least($2::bigint, (SELECT total FROM t) - $3::bigint)) OFFSET $3::bigint)"

static const char *const pg_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",

    [ST_MOVIE_GET] =
        "SELECT " MOVIE_COLS("m.") ", " ACTOR_COLS("a.") " FROM movies m"
        " LEFT JOIN casts x ON x.movie_id = m.id LEFT JOIN actors a ON a.id = x.actor_id"
        " WHERE m.id = $1 ORDER BY a.name" PG_BYTES ", a.id",
    [ST_MOVIE_COUNT] = PG_SHORT_COUNT("movies", "title"),
    [ST_MOVIE_PAGE] =
        "WITH " PG_PAGE_IDS("movies", "title")
        " SELECT " MOVIE_COLS("m.") ", " ACTOR_COLS("a.") " FROM p JOIN movies m ON m.id = p.id"
        " LEFT JOIN casts x ON x.movie_id = m.id LEFT JOIN actors a ON a.id = x.actor_id"
        " ORDER BY p.title" PG_BYTES ", p.id, a.name" PG_BYTES ", a.id",
    [ST_MOVIE_INSERT] =
        "INSERT INTO movies (" MOVIE_COLS("") ") VALUES (" PG_NEW_ID("movies") ", $2, $3, $4, $5) RETURNING id",
    [ST_MOVIE_UPDATE] = "UPDATE movies SET (" MOVIE_FIELDS("") ") = ($2, $3, $4, $5) WHERE id = $1 RETURNING id",
    [ST_MOVIE_DELETE] = "DELETE FROM movies WHERE id = $1 RETURNING id",
    [ST_MOVIE_LOCK] = "SELECT id FROM movies WHERE id = $1 FOR UPDATE",

    [ST_ACTOR_GET] =
        "SELECT " ACTOR_COLS("a.") ", " MOVIE_COLS("m.") " FROM actors a"
        " LEFT JOIN casts x ON x.actor_id = a.id LEFT JOIN movies m ON m.id = x.movie_id"
        " WHERE a.id = $1 ORDER BY m.title" PG_BYTES ", m.id",
    [ST_ACTOR_COUNT] = PG_SHORT_COUNT("actors", "name"),
    [ST_ACTOR_PAGE] =
        "WITH " PG_PAGE_IDS("actors", "name")
        " SELECT " ACTOR_COLS("a.") ", " MOVIE_COLS("m.") " FROM p JOIN actors a ON a.id = p.id"
        " LEFT JOIN casts x ON x.actor_id = a.id LEFT JOIN movies m ON m.id = x.movie_id"
        " ORDER BY p.name" PG_BYTES ", p.id, m.title" PG_BYTES ", m.id",
    [ST_ACTOR_INSERT] =
        "INSERT INTO actors (" ACTOR_COLS("") ") VALUES (" PG_NEW_ID("actors") ", $2, $3, $4, $5) RETURNING id",
    [ST_ACTOR_UPDATE] = "UPDATE actors SET (" ACTOR_FIELDS("") ") = ($2, $3, $4, $5) WHERE id = $1 RETURNING id",
    [ST_ACTOR_DELETE] = "DELETE FROM actors WHERE id = $1 RETURNING id",
    [ST_ACTOR_LOCK] = "SELECT id FROM actors WHERE id = $1 FOR UPDATE",

    /* ON CONFLICT keeps the transaction usable; a missing movie/actor is 23503. */
    [ST_MOVIE_COUNT_SEARCH] = "SELECT count(*) FROM movies WHERE " PG_INDEXED("title"),
    [ST_MOVIE_PAGE_SEARCH] =
        "WITH m AS (SELECT " MOVIE_COLS("") " FROM movies WHERE " PG_INDEXED("title")
        " ORDER BY title" PG_BYTES ", id LIMIT $3 OFFSET $4)"
        " SELECT " MOVIE_COLS("m.") ", " ACTOR_COLS("a.") " FROM m"
        " LEFT JOIN casts x ON x.movie_id = m.id LEFT JOIN actors a ON a.id = x.actor_id"
        " ORDER BY m.title" PG_BYTES ", m.id, a.name" PG_BYTES ", a.id",
    [ST_ACTOR_COUNT_SEARCH] = "SELECT count(*) FROM actors WHERE " PG_INDEXED("name"),
    [ST_ACTOR_PAGE_SEARCH] =
        "WITH a AS (SELECT " ACTOR_COLS("") " FROM actors WHERE " PG_INDEXED("name")
        " ORDER BY name" PG_BYTES ", id LIMIT $3 OFFSET $4)"
        " SELECT " ACTOR_COLS("a.") ", " MOVIE_COLS("m.") " FROM a"
        " LEFT JOIN casts x ON x.actor_id = a.id LEFT JOIN movies m ON m.id = x.movie_id"
        " ORDER BY a.name" PG_BYTES ", a.id, m.title" PG_BYTES ", m.id",

    [ST_CAST_INSERT] = "INSERT INTO casts " CAST_COLS " VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING movie_id",
    [ST_CAST_DELETE] = "DELETE FROM casts WHERE movie_id = $1 AND actor_id = $2 RETURNING movie_id",
    /* a list page in one round trip: the count (t), then the page (p) */
    [ST_MOVIE_LIST] =
        PG_LIST_IDS("movies", "title")
        " SELECT t.total, " MOVIE_COLS("m.") ", " ACTOR_COLS("a.") " FROM t LEFT JOIN (p JOIN movies m ON m.id = p.id"
        " LEFT JOIN casts x ON x.movie_id = m.id LEFT JOIN actors a ON a.id = x.actor_id) ON true"
        " ORDER BY p.title" PG_BYTES ", p.id, a.name" PG_BYTES ", a.id",
    [ST_ACTOR_LIST] =
        PG_LIST_IDS("actors", "name")
        " SELECT t.total, " ACTOR_COLS("a.") ", " MOVIE_COLS("m.") " FROM t LEFT JOIN (p JOIN actors a ON a.id = p.id"
        " LEFT JOIN casts x ON x.actor_id = a.id LEFT JOIN movies m ON m.id = x.movie_id) ON true"
        " ORDER BY p.name" PG_BYTES ", p.id, m.title" PG_BYTES ", m.id",
    [ST_MOVIE_COUNT_ALL] = "SELECT " PG_GRAM_COUNT("movies", "''"),
    [ST_ACTOR_COUNT_ALL] = "SELECT " PG_GRAM_COUNT("actors", "''"),
    [ST_IS_EMPTY] = SQL_IS_EMPTY,
    [ST_CLEAR_MOVIES] = SQL_CLEAR("movies"),
    [ST_CLEAR_ACTORS] = SQL_CLEAR("actors"),
    [ST_SYNC_MOVIES] = PG_SYNC("movies"),
    [ST_SYNC_ACTORS] = PG_SYNC("actors"),
    IDENTITY_SQL("$1", "$2", "$3", "$4", "$5", "$6")
    /* roles: casting.md roles, candidates, booking, actor filters */
    ROLES_SQL(PG_P, PG_LIKE, PG_BYTES, " FOR UPDATE")
    AUDIT_SQL("$1", "$2", "$3", "$4", "$5", "$6")
    /* auditions: clash checks take one advisory transaction lock, so two
     * overlapping bookings cannot both pass their check */
    AUDITIONS_SQL("$1", "$2", "$3", "$4", "$5", "$6", "$7", " FOR UPDATE",
                  "SELECT pg_advisory_xact_lock(" PG_AUDITION_LOCK ")")
    SHARES_SQL("$1", "$2", "$3", "$4", "$5", "$6")  /* shares */
};

/* Statements that may run again on a fresh session when the old one died
 * under them outside a transaction: they change nothing (BEGIN included). */
static bool pg_may_retry(enum store_stmt s) {
    switch (s) {
    case ST_BEGIN: case ST_IS_EMPTY:
    case ST_MOVIE_GET: case ST_MOVIE_COUNT: case ST_MOVIE_PAGE:
    case ST_ACTOR_GET: case ST_ACTOR_COUNT: case ST_ACTOR_PAGE:
    case ST_MOVIE_COUNT_SEARCH: case ST_MOVIE_PAGE_SEARCH: case ST_ACTOR_COUNT_SEARCH: case ST_ACTOR_PAGE_SEARCH:
    case ST_MOVIE_COUNT_ALL: case ST_ACTOR_COUNT_ALL: case ST_MOVIE_LIST: case ST_ACTOR_LIST:
    case ST_USER_GET: case ST_USER_GET_ID: case ST_USER_LIST: case ST_USER_COUNT:
    case ST_USER_ENABLED_IDS: case ST_KEY_LIST:
    /* roles: the reads */
    case ST_ROLE_MOVIE_EXISTS: case ST_ROLE_COUNT: case ST_ROLE_PAGE: case ST_ROLE_GET:
    case ST_CAND_COUNT: case ST_CAND_PAGE: case ST_CAND_GET: case ST_CAND_OTHERS:
    case ST_ACTOR_FIND_COUNT: case ST_ACTOR_FIND_PAGE:
    case ST_AUDIT_COUNT: case ST_AUDIT_PAGE:   /* audit */
    case ST_AUDITION_GET: case ST_AUDITION_COUNT: case ST_AUDITION_PAGE: case ST_AUDITION_FEED:
        return true;
    default:
        return false;
    }
}

/* ---- errors ---- */

/* The useful end of libpq's connection message, e.g. "Connection refused"
 * out of 'connection to server at "h", port 5432 failed: Connection refused\n...'. */
static enum store_status pg_unreachable(struct pg_conn *c) {
    const char *msg = PQerrorMessage(c->pg), *cut;
    while ((cut = strstr(msg, "failed: ")) != NULL && cut < msg + strcspn(msg, "\n")) msg = cut + 8;
    if (strncmp(msg, "FATAL:  ", 8) == 0) msg += 8;
    int len = (int)strcspn(msg, "\n");
    while (len > 0 && (msg[len - 1] == '.' || msg[len - 1] == ' ')) len--;
    return store_fail(&c->base, STORE_UNAVAILABLE, "Cannot connect to PostgreSQL: %.*s.", len, msg);
}

static bool sqlstate_is(const char *code, const char *prefix) {
    return strncmp(code, prefix, strlen(prefix)) == 0;
}

/* Only the SQLSTATE is reported: PostgreSQL's messages may quote values. */
static enum store_status pg_fail(struct pg_conn *c, const PGresult *r) {
    if (PQstatus(c->pg) != CONNECTION_OK)
        return store_fail(&c->base, STORE_UNAVAILABLE, "Lost the connection to PostgreSQL.");
    const char *code = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (!code) return store_fail(&c->base, STORE_ERROR, "PostgreSQL gave no result.");
    if (strcmp(code, "23505") == 0)
        return store_fail(&c->base, STORE_CONFLICT, "A row with that key exists already.");
    if (strcmp(code, "23503") == 0)
        return store_fail(&c->base, STORE_NOT_FOUND, "A row it refers to does not exist.");
    /* connection, resources, shutdown/cancel, serialization/deadlock: try again later */
    if (sqlstate_is(code, "08") || sqlstate_is(code, "53") || sqlstate_is(code, "57") || sqlstate_is(code, "40"))
        return store_fail(&c->base, STORE_UNAVAILABLE, "PostgreSQL cannot serve the request now (SQLSTATE %s).", code);
    return store_fail(&c->base, STORE_ERROR, "PostgreSQL failed (SQLSTATE %s).", code);
}

/* ---- sessions ---- */

static void pg_quiet(void *arg, const char *message) {
    (void)arg;
    (void)message;   /* notices and warnings are not errors; never print them */
}

/* Runs SQL without parameters (simple protocol: several statements allowed). */
static enum store_status pg_exec_text(struct pg_conn *c, const char *sql) {
    PGresult *r = PQexec(c->pg, sql);
    ExecStatusType rs = PQresultStatus(r);
    enum store_status st = rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK ? STORE_OK : pg_fail(c, r);
    PQclear(r);
    return st;
}

/* A new session: nothing prepared on it yet, dates written as YYYY-MM-DD. */
static enum store_status pg_setup(struct pg_conn *c) {
    memset(c->prepared, 0, sizeof c->prepared);
    c->in_tx = false;
    c->applied[0] = '\0';   /* audit: a new session has no subject yet */
    return pg_exec_text(c, "SET datestyle = ISO, YMD");
}

/* An idle session has nothing to read unless the server said goodbye (a
 * restart's FATAL, then EOF) or, rarely, a notice. Reading it, without a round
 * trip, marks a dead session before a statement could be lost in it. */
static void pg_read_goodbye(PGconn *conn) {
    struct pollfd p = {.fd = PQsocket(conn), .events = POLLIN};
    for (int i = 0; i < 4 && PQstatus(conn) == CONNECTION_OK && poll(&p, 1, 0) > 0; i++) {
        PQconsumeInput(conn);
        PQisBusy(conn);   /* parses it: a notice goes to pg_quiet */
    }
}

/* Reconnects a dead session, unless a transaction was open on it: that one
 * is lost, and the caller has to roll back before the next statement. */
static enum store_status pg_ready(struct pg_conn *c) {
    if (!c->in_tx) pg_read_goodbye(c->pg);
    if (PQstatus(c->pg) == CONNECTION_OK) return STORE_OK;
    if (c->in_tx)
        return store_fail(&c->base, STORE_UNAVAILABLE, "Lost the connection to PostgreSQL during a transaction.");
    PQreset(c->pg);
    return PQstatus(c->pg) == CONNECTION_OK ? pg_setup(c) : pg_unreachable(c);
}

/* ---- the driver ---- */

/* Searches and pages whose best plan depends on the term or the offset (a
 * trigram bitmap for a rare term, an index walk for a common one; the
 * prefix start of a deep page): planned for their parameters every time.
 * Prepared, PostgreSQL may settle on one generic plan after five runs, and a
 * plan that suits `ander` scans the whole table for `vargas 77`. */
static bool pg_plan_each_time(enum store_stmt s) {
    switch (s) {
    case ST_MOVIE_COUNT_SEARCH: case ST_MOVIE_PAGE_SEARCH: case ST_ACTOR_COUNT_SEARCH: case ST_ACTOR_PAGE_SEARCH:
    case ST_MOVIE_PAGE: case ST_ACTOR_PAGE:   /* not *_COUNT: a lookup in list_counts */
        return true;
    default:
        return false;
    }
}

/* Prepares s on this session the first time, then executes it; or runs it as
 * the unnamed statement, planned for these values (pg_plan_each_time). */
static PGresult *pg_run(struct pg_conn *c, enum store_stmt s, int n, const char *const *vals) {
    if (pg_plan_each_time(s)) return PQexecParams(c->pg, pg_sql[s], n, NULL, vals, NULL, NULL, 0);
    char name[8];
    snprintf(name, sizeof name, "s%d", (int)s);
    uint64_t bit = UINT64_C(1) << (s % 64);
    if (!(c->prepared[s / 64] & bit)) {
        PGresult *r = PQprepare(c->pg, name, pg_sql[s], 0, NULL);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) return r;
        PQclear(r);
        c->prepared[s / 64] |= bit;
    }
    return PQexecPrepared(c->pg, name, n, vals, NULL, NULL, 0);
}

/* ---- audit: the subject the triggers of 0008_audit log ---- */

/* Before a statement that may write: the connection's subject becomes the
 * session's audition.subject, with a round trip only when it changed. */
static enum store_status pg_apply_subject(struct pg_conn *c, enum store_stmt s) {
    if (pg_may_retry(s) || s == ST_COMMIT || s == ST_ROLLBACK) return STORE_OK;
    if (c->applied[0] && strcmp(c->applied, c->base.subject) == 0) return STORE_OK;
    const char *vals[1] = {c->base.subject};
    PGresult *r = PQexecParams(c->pg, "SELECT set_config('audition.subject', $1, false)", 1, NULL, vals, NULL, NULL, 0);
    enum store_status st = PQresultStatus(r) == PGRES_TUPLES_OK ? STORE_OK : pg_fail(c, r);
    PQclear(r);
    if (st == STORE_OK) snprintf(c->applied, sizeof c->applied, "%s", c->base.subject);
    return st;
}

/* Per-row logging off or on until the end of the transaction (a local setting). */
static enum store_status pg_audit_rows(struct store_conn *base, bool on) {
    struct pg_conn *c = pg(base);
    c->base.audit_off = !on;
    PGresult *r = PQexec(c->pg, on ? "SELECT set_config('audition.audit_rows', 'on', true)"
                                   : "SELECT set_config('audition.audit_rows', 'off', true)");
    enum store_status st = PQresultStatus(r) == PGRES_TUPLES_OK ? STORE_OK : pg_fail(c, r);
    PQclear(r);
    return st;
}

/* A statement that meets a dead session is tried once more on a new one
 * when that cannot apply a change twice (pg_may_retry, no transaction). */
static enum store_status pg_query(struct store_conn *base, enum store_stmt s, const struct store_param *p, size_t n,
                                  struct store_cursor *cur) {
    struct pg_conn *c = pg(base);
    char num[PG_MAX_PARAMS][24];
    const char *vals[PG_MAX_PARAMS];
    if (n > PG_MAX_PARAMS) return store_fail(base, STORE_ERROR, "Too many query parameters.");
    for (size_t i = 0; i < n; i++) {
        vals[i] = p[i].kind == SP_TEXT ? p[i].s : NULL;
        if (p[i].kind == SP_INT) {
            snprintf(num[i], sizeof num[i], "%" PRId64, p[i].i);
            vals[i] = num[i];
        }
    }
    for (int attempt = 0;; attempt++) {
        enum store_status st = pg_ready(c);
        if (st == STORE_OK) st = pg_apply_subject(c, s);   /* audit */
        if (st != STORE_OK) return st;
        PGresult *r = pg_run(c, s, (int)n, vals);
        ExecStatusType rs = PQresultStatus(r);
        if (rs == PGRES_TUPLES_OK || rs == PGRES_COMMAND_OK) {
            *cur = (struct store_cursor){.conn = base, .handle = r, .row = -1, .rows = PQntuples(r)};
            return STORE_OK;
        }
        st = pg_fail(c, r);
        PQclear(r);
        if (PQstatus(c->pg) == CONNECTION_OK || attempt > 0 || c->in_tx || !pg_may_retry(s)) return st;
    }
}

static bool pg_next(struct store_cursor *cur) {
    return ++cur->row < cur->rows;
}

static bool pg_is_null(struct store_cursor *cur, int col) {
    return PQgetisnull(cur->handle, cur->row, col);
}

static const char *pg_text(struct store_cursor *cur, int col) {
    return pg_is_null(cur, col) ? NULL : PQgetvalue(cur->handle, cur->row, col);
}

static int64_t pg_i64(struct store_cursor *cur, int col) {
    return strtoll(PQgetvalue(cur->handle, cur->row, col), NULL, 10);
}

static void pg_done(struct store_cursor *cur) {
    PQclear(cur->handle);
}

static const struct store_driver pg_driver = {
    .sql = pg_sql, .query = pg_query, .next = pg_next, .is_null = pg_is_null,
    .text = pg_text, .i64 = pg_i64, .done = pg_done,
};

/* Runs a statement that returns nothing of interest. */
static enum store_status pg_exec(struct pg_conn *c, enum store_stmt s) {
    struct store_cursor cur = {0};
    enum store_status st = pg_query(&c->base, s, NULL, 0, &cur);
    if (st == STORE_OK) pg_done(&cur);
    return st;
}

/* ---- connections ---- */

static void pg_close(struct store_conn *base) {
    if (!base) return;
    PQfinish(pg(base)->pg);
    free(base);
}

static enum store_status pg_open(const char *url, struct store_conn **out, char *err, size_t errlen) {
    *out = NULL;
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &perr);
    PQfreemem(perr);   /* it may quote the URL, password included */
    if (!opts) {
        snprintf(err, errlen, "The DATABASE_URL is not a valid PostgreSQL URL.");
        return STORE_ERROR;
    }
    PQconninfoFree(opts);
    struct pg_conn *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "Out of memory.");
        return STORE_ERROR;
    }
    c->base.drv = &pg_driver;
    store_q_set_subject(&c->base, NULL);
    /* Later keywords win: the URL may change the first two, not the encoding. */
    static const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                                       "client_encoding", NULL};
    const char *const vals[] = {PG_CONNECT_TIMEOUT, "audition", url, "UTF8", NULL};
    c->pg = PQconnectdbParams(keys, vals, 1);
    enum store_status st = STORE_ERROR;
    if (!c->pg) {
        store_fail(&c->base, st, "Out of memory.");
    } else {
        PQsetNoticeProcessor(c->pg, pg_quiet, NULL);
        st = PQstatus(c->pg) == CONNECTION_OK ? pg_setup(c) : pg_unreachable(c);
    }
    if (st != STORE_OK) {
        snprintf(err, errlen, "%s", c->base.err);
        pg_close(&c->base);
        return st;
    }
    *out = &c->base;
    return STORE_OK;
}

/* ---- transactions ---- */

static enum store_status pg_begin(struct store_conn *base) {
    struct pg_conn *c = pg(base);
    enum store_status st = pg_exec(c, ST_BEGIN);
    c->in_tx = st == STORE_OK;
    return st;
}

/* COMMIT of a failed transaction would answer "ROLLBACK" and look fine: refuse it. */
static enum store_status pg_commit(struct store_conn *base) {
    struct pg_conn *c = pg(base);
    enum store_status st;
    if (PQstatus(c->pg) == CONNECTION_OK && PQtransactionStatus(c->pg) == PQTRANS_INERROR) {
        st = pg_exec(c, ST_ROLLBACK);
        c->applied[0] = '\0';   /* audit: undone with the transaction */
        st = store_fail(base, st == STORE_OK ? STORE_ERROR : st, "The transaction had failed and was rolled back.");
    } else {
        st = pg_exec(c, ST_COMMIT);
    }
    c->in_tx = false;
    return st;
}

/* A no-op outside a transaction or on a dead session (its transaction died with it). */
static enum store_status pg_rollback(struct store_conn *base) {
    struct pg_conn *c = pg(base);
    c->in_tx = false;
    if (PQstatus(c->pg) != CONNECTION_OK || PQtransactionStatus(c->pg) == PQTRANS_IDLE) return STORE_OK;
    c->applied[0] = '\0';   /* audit: a set_config inside it is undone */
    return pg_exec(c, ST_ROLLBACK);
}

/* PostgreSQL does not nest: a transaction or none. */
static int pg_tx_depth(struct store_conn *base) {
    return pg(base)->in_tx ? 1 : 0;
}

/* ---- migrations ---- */

#define PG_MIGRATIONS_TABLE \
    "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY," \
    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"

/* In one transaction: records m and runs it, unless it was recorded already. */
static enum store_status pg_apply(struct pg_conn *c, const struct embedded_file *m) {
    enum store_status st = pg_exec_text(c, "BEGIN");
    if (st != STORE_OK) return st;
    const char *vals[1] = {m->name};
    PGresult *r = PQexecParams(c->pg, "INSERT INTO schema_migrations (version) VALUES ($1) ON CONFLICT DO NOTHING",
                               1, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) st = pg_fail(c, r);
    bool fresh = st == STORE_OK && strcmp(PQcmdTuples(r), "1") == 0;
    PQclear(r);
    if (st == STORE_OK && fresh) st = pg_exec_text(c, m->data);
    if (st == STORE_OK) return pg_exec_text(c, "COMMIT");
    PQclear(PQexec(c->pg, "ROLLBACK"));   /* keeps the first error's text */
    return st;
}

/* Under a session advisory lock, so that instances starting together take turns. */
static enum store_status pg_migrate(struct store_conn *base) {
    struct pg_conn *c = pg(base);
    enum store_status st = pg_ready(c);
    if (st == STORE_OK) st = pg_exec_text(c, "SELECT pg_advisory_lock(" PG_MIGRATE_LOCK ")");
    if (st != STORE_OK) return st;
    st = pg_exec_text(c, PG_MIGRATIONS_TABLE);
    size_t i = 0;
    for (; st == STORE_OK && i < embedded_pg_migrations_count; i++) st = pg_apply(c, &embedded_pg_migrations[i]);
    if (st != STORE_OK && i > 0) {
        char why[sizeof c->base.err];
        snprintf(why, sizeof why, "%s", c->base.err);
        store_fail(base, st, "Migration %s failed: %s", embedded_pg_migrations[i - 1].name, why);
    }
    PQclear(PQexec(c->pg, "SELECT pg_advisory_unlock(" PG_MIGRATE_LOCK ")"));
    return st;
}

/* Readiness: the newest embedded migration is recorded (they apply in order). */
static enum store_status pg_schema_current(struct store_conn *base, bool *current) {
    struct pg_conn *c = pg(base);
    *current = false;
    enum store_status st = pg_ready(c);
    if (st != STORE_OK || embedded_pg_migrations_count == 0) return st;
    const char *vals[1] = {embedded_pg_migrations[embedded_pg_migrations_count - 1].name};
    PGresult *r = PQexecParams(c->pg, "SELECT 1 FROM schema_migrations WHERE version = $1", 1, NULL, vals, NULL,
                               NULL, 0);
    if (PQresultStatus(r) == PGRES_TUPLES_OK) *current = PQntuples(r) == 1;
    else st = pg_fail(c, r);
    PQclear(r);
    return st;
}

/* After a bulk load: statistics and the visibility map (index-only scans).
 * VACUUM marks a page all-visible only when its rows' commit is flushed:
 * with synchronous_commit off (as in the test clusters) it may not be yet,
 * so one small synchronous commit flushes the WAL first. */
static enum store_status pg_after_bulk_load(struct store_conn *base) {
    struct pg_conn *c = pg(base);
    enum store_status st = pg_ready(c);
    if (st == STORE_OK) st = pg_exec_text(c, "SET synchronous_commit = on");
    if (st == STORE_OK) st = pg_exec_text(c, "SELECT txid_current()");
    if (st == STORE_OK) st = pg_exec_text(c, "RESET synchronous_commit");
    if (st == STORE_OK) st = pg_exec_text(c, "VACUUM (ANALYZE) movies, actors, casts, list_counts");
    return st;
}

static enum store_status pg_ping(struct store_conn *base) {
    return pg_ready(pg(base));
}

/* ---- the cache lease (pg_lease.h) ---- */

static enum store_status pg_changes_open(const char *url, void **out, char *err, size_t errlen) {
    *out = pg_lease_open(url, err, errlen);
    return *out ? STORE_OK : STORE_UNAVAILABLE;
}

static enum store_changes pg_changes_read(void *changes, uint64_t *value) {
    return pg_lease_sole(changes, value) ? STORE_CHANGES_ALL : STORE_CHANGES_NONE;
}

static void pg_changes_cache_on(void *changes) {
    pg_lease_seek_sole(changes);
}

static void pg_changes_close(void *changes) {
    pg_lease_close(changes);
}

const struct store_ops store_pg_ops = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .migrate = pg_migrate,
    .schema_current = pg_schema_current,
    .ping = pg_ping,
    .after_bulk_load = pg_after_bulk_load,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .tx_depth = pg_tx_depth,
    .changes_open = pg_changes_open,
    .changes_read = pg_changes_read,
    .changes_cache_on = pg_changes_cache_on,
    .changes_close = pg_changes_close,
    .set_subject = store_q_set_subject, .audit_rows = pg_audit_rows,   /* audit */
    STORE_QUERY_OPS,
    STORE_AUDITION_OPS,
};

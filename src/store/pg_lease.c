/* The cache lease (pg_lease.h): one PostgreSQL session per process holding
 * the lease's advisory lock, and the thread that keeps it: it listens for
 * requests to give the lock up, beats every BEAT_MS (reading the write-ahead
 * log position, so that a commit by any writer drops the cache), tries to
 * hold the lock alone when this process caches, and reconnects after the
 * session is lost. Nothing here touches data. */
#include "store/pg_lease.h"

#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The lock's key: any constant shared by every instance (pg.c has its others). */
#define LEASE_KEY "4207366322"
#define LEASE_CHANNEL "audition_cache_lease"
/* How long a process waits for a caching server to give the lock up. */
#define LEASE_WAIT_S 30
/* After taking the lock shared, before the first write: time for a caching
 * server whose session has just died to notice it (the lock went with it). */
#define WRITER_GRACE_MS 20
/* After taking the lock alone, before the first cached answer: time for a
 * writer that lost its session with the database to notice it. */
#define SOLE_GRACE_MS 100
#define BEAT_MS 100
/* A cache whose heartbeat is older than this serves nothing. */
#define BEAT_STALE_MS 300
/* While another process shares the lock: how often to try for it alone. */
#define RETRY_MS 1000

enum lease_mode { LEASE_NONE, LEASE_SHARED, LEASE_ALONE };

struct pg_lease {
    char *url;
    pthread_t thread;
    bool thread_started;
    _Atomic bool stop;
    _Atomic bool seek;           /* this process caches: try for the lock alone */
    _Atomic bool sole;           /* alone for SOLE_GRACE_MS: hits may be served */
    _Atomic uint64_t epoch;
    _Atomic int64_t beat_ms;     /* the last heartbeat that succeeded */
    /* the thread's own (and pg_lease_open's, before the thread starts) */
    PGconn *conn;
    enum lease_mode mode;
    int64_t alone_since_ms;
    int64_t next_try_ms;
    int64_t next_beat_ms;
    char lsn[32];                /* the write-ahead log position at the last beat */
};

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void quiet(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

/* Runs sql; true when it succeeded. value (may be NULL) gets the first
 * column of the first row ("" when none), at most cap bytes. */
static bool run(struct pg_lease *l, const char *sql, char *value, size_t cap) {
    PGresult *r = PQexec(l->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (ok && value) snprintf(value, cap, "%s", PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    return ok;
}

static bool run_true(struct pg_lease *l, const char *sql) {
    char v[8] = "";
    return run(l, sql, v, sizeof v) && strcmp(v, "t") == 0;
}

static void disconnect(struct pg_lease *l) {
    PQfinish(l->conn);
    l->conn = NULL;
    l->mode = LEASE_NONE;
}

/* A session that listens for requests to give the lock up. */
static bool connect_session(struct pg_lease *l, char *err, size_t errlen) {
    static const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *const vals[] = {"5", "audition cache lease", l->url, NULL};
    l->conn = PQconnectdbParams(keys, vals, 1);
    if (l->conn) PQsetNoticeProcessor(l->conn, quiet, NULL);
    if (l->conn && PQstatus(l->conn) == CONNECTION_OK && run(l, "SET lock_timeout = '1s'", NULL, 0) &&
        run(l, "LISTEN " LEASE_CHANNEL, NULL, 0))
        return true;
    snprintf(err, errlen, "cannot open the cache lease's session with PostgreSQL");
    disconnect(l);
    return false;
}

/* Takes the lock shared; while a caching server holds it alone, asks it to
 * give it up and waits, until deadline_ms. */
static bool take_shared(struct pg_lease *l, int64_t deadline_ms, char *err, size_t errlen) {
    for (;;) {
        if (run_true(l, "SELECT pg_try_advisory_lock_shared(" LEASE_KEY ")")) break;
        /* pg_advisory_lock_shared waits up to lock_timeout, then fails */
        if (run(l, "NOTIFY " LEASE_CHANNEL, NULL, 0) &&
            run(l, "SELECT pg_advisory_lock_shared(" LEASE_KEY ")", NULL, 0))
            break;
        if (PQstatus(l->conn) != CONNECTION_OK || now_ms() >= deadline_ms || atomic_load(&l->stop)) {
            snprintf(err, errlen, "another Audition server holds PostgreSQL's cache lease and did not give it up");
            disconnect(l);
            return false;
        }
    }
    l->mode = LEASE_SHARED;
    l->next_try_ms = now_ms() + RETRY_MS;
    sleep_ms(WRITER_GRACE_MS);
    return true;
}

/* Hits stop before the lock is shared: epoch moves on, sole goes false. */
static void stop_hits(struct pg_lease *l) {
    atomic_store(&l->sole, false);
    atomic_fetch_add(&l->epoch, 1);
}

/* Another process asked: share the lock (ours does not conflict with our
 * own), then release it alone. */
static void give_up(struct pg_lease *l) {
    stop_hits(l);
    if (run(l, "SELECT pg_advisory_lock_shared(" LEASE_KEY ")", NULL, 0) &&
        run(l, "SELECT pg_advisory_unlock(" LEASE_KEY ")", NULL, 0)) {
        l->mode = LEASE_SHARED;
        l->next_try_ms = now_ms() + RETRY_MS;
    } else {
        disconnect(l);   /* the lock goes with the session */
    }
}

/* Reads the log position; a change since the last beat is a commit somewhere. */
static bool beat(struct pg_lease *l) {
    char lsn[sizeof l->lsn] = "";
    if (!run(l, "SELECT pg_current_wal_insert_lsn()", lsn, sizeof lsn)) return false;
    if (strcmp(lsn, l->lsn) != 0) {
        atomic_fetch_add(&l->epoch, 1);
        memcpy(l->lsn, lsn, sizeof lsn);
    }
    atomic_store(&l->beat_ms, now_ms());
    return true;
}

static void try_alone(struct pg_lease *l) {
    l->next_try_ms = now_ms() + RETRY_MS;
    if (!run_true(l, "SELECT pg_try_advisory_lock(" LEASE_KEY ")")) return;
    if (!run(l, "SELECT pg_advisory_unlock_shared(" LEASE_KEY ")", NULL, 0) || !beat(l)) {
        disconnect(l);
        return;
    }
    l->mode = LEASE_ALONE;   /* commits from here on move the epoch (beat) */
    l->alone_since_ms = now_ms();
}

/* True when another process asked for the lock. */
static bool asked(struct pg_lease *l) {
    bool any = false;
    PGnotify *n;
    while ((n = PQnotifies(l->conn)) != NULL) {
        if (n->be_pid != PQbackendPID(l->conn)) any = true;
        PQfreemem(n);
    }
    return any;
}

/* One turn of the thread: wait up to BEAT_MS for a request, then whatever is due. */
static void turn(struct pg_lease *l) {
    bool request = asked(l);   /* one that came with a statement's answer */
    if (!request) {
        struct pollfd p = {.fd = PQsocket(l->conn), .events = POLLIN};
        if (poll(&p, 1, BEAT_MS) > 0 && !PQconsumeInput(l->conn)) {
            disconnect(l);
            return;
        }
        request = asked(l);
    }
    if (request && l->mode == LEASE_ALONE) give_up(l);
    if (!l->conn) return;
    int64_t now = now_ms();
    if (l->mode == LEASE_SHARED && atomic_load(&l->seek) && now >= l->next_try_ms) try_alone(l);
    if (l->conn && l->mode == LEASE_ALONE && now >= l->next_beat_ms) {
        l->next_beat_ms = now + BEAT_MS;
        if (!beat(l)) disconnect(l);
    }
    if (l->conn && l->mode == LEASE_ALONE && !atomic_load(&l->sole) && now - l->alone_since_ms >= SOLE_GRACE_MS) {
        atomic_fetch_add(&l->epoch, 1);   /* nothing cached before counts */
        atomic_store(&l->sole, true);
    }
    if (PQstatus(l->conn) != CONNECTION_OK) disconnect(l);
}

static void *lease_thread(void *arg) {
    struct pg_lease *l = arg;
    char err[128];
    while (!atomic_load(&l->stop)) {
        if (l->conn) {
            turn(l);
            if (l->conn) continue;
        }
        stop_hits(l);   /* the session is gone, and the lock with it */
        if (!connect_session(l, err, sizeof err) ||
            !take_shared(l, now_ms() + LEASE_WAIT_S * 1000, err, sizeof err))
            sleep_ms(BEAT_MS);
    }
    return NULL;
}

struct pg_lease *pg_lease_open(const char *url, char *err, size_t errlen) {
    struct pg_lease *l = calloc(1, sizeof *l);
    if (!l || !(l->url = strdup(url))) {
        free(l);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    atomic_init(&l->epoch, 1);
    if (!connect_session(l, err, errlen) || !take_shared(l, now_ms() + LEASE_WAIT_S * 1000, err, errlen)) {
        pg_lease_close(l);
        return NULL;
    }
    if (pthread_create(&l->thread, NULL, lease_thread, l) != 0) {
        snprintf(err, errlen, "cannot start the cache lease's thread");
        pg_lease_close(l);
        return NULL;
    }
    l->thread_started = true;
    return l;
}

void pg_lease_close(struct pg_lease *l) {
    if (!l) return;
    atomic_store(&l->stop, true);
    if (l->thread_started) pthread_join(l->thread, NULL);
    PQfinish(l->conn);   /* the lock goes with the session */
    free(l->url);
    free(l);
}

void pg_lease_seek_sole(struct pg_lease *l) {
    atomic_store(&l->seek, true);
    atomic_store(&l->sole, false);
}

bool pg_lease_sole(struct pg_lease *l, uint64_t *epoch) {
    if (!atomic_load(&l->sole)) return false;
    *epoch = atomic_load(&l->epoch);
    /* after the epoch: a beat that is fresh now vouches for that epoch */
    int64_t beat = atomic_load(&l->beat_ms);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);   /* no system call */
    int64_t now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    return now - beat < BEAT_STALE_MS && atomic_load(&l->sole);
}

/* The cache lease on one PostgreSQL database: the rule that lets a single
 * Audition server cache representations of PostgreSQL data exactly, and how
 * processes agree on it (an advisory lock, LISTEN/NOTIFY and a heartbeat).
 * Every process that opens the database for writing holds the lease lock in
 * shared mode; a server that caches tries to hold it alone, and gives it up
 * (stopping its cache first) when another process asks. See
 * docs/architecture.md, "The representation cache on PostgreSQL". */
#ifndef AUDITION_PG_LEASE_H
#define AUDITION_PG_LEASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pg_lease;

/* Connects a session of its own to the database at url and takes the lease
 * lock in shared mode: when a caching server holds it alone, asks it to give
 * it up and waits (up to LEASE_WAIT_S). Returns NULL with a message in err
 * when it cannot; the caller must not write then. A thread keeps the session
 * (and reconnects it) until pg_lease_close. */
struct pg_lease *pg_lease_open(const char *url, char *err, size_t errlen);
void pg_lease_close(struct pg_lease *l);

/* This process caches: from now on the lease thread tries to hold the lock
 * alone, at once and then every second while another process shares it. */
void pg_lease_seek_sole(struct pg_lease *l);

/* True while this process holds the lock alone (for a grace period already)
 * and its heartbeat is fresh: cached representations may be served. *epoch
 * then moves on whenever the cache must be dropped: a commit seen in the
 * database's write-ahead log (any writer's, within a heartbeat) or a
 * change of holder. */
bool pg_lease_sole(struct pg_lease *l, uint64_t *epoch);

#endif

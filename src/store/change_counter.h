/* A count of commits shared by every process that opens one SQLite
 * database: a small file beside it ("<database>-changes") that each process
 * maps into memory. Every SQLite connection adds one after each commit that
 * wrote (sqlite.c, its WAL hook), before the commit is acknowledged; a reader
 * learns whether anything changed since it last looked with one atomic load,
 * without a read transaction (the representation cache, rep_cache.h). */
#ifndef AUDITION_CHANGE_COUNTER_H
#define AUDITION_CHANGE_COUNTER_H

#include <stdint.h>

struct change_counter;

/* Maps (creating it if needed) the counter file of the database at db_path.
 * NULL when it cannot: the file cannot be created or is not a regular file
 * of the expected size — then callers fall back to asking the database. */
struct change_counter *change_counter_open(const char *db_path);
void change_counter_close(struct change_counter *c);

void change_counter_add(struct change_counter *c);
uint64_t change_counter_value(const struct change_counter *c);

#endif

/* Which built-in users may still use their tokens: a per-instance copy of
 * the ids of enabled users, re-read from the database at least every
 * AUTH_REFRESH seconds (and at most once a second when an unknown id shows
 * up), so that disabling or deleting a user cuts off their unexpired tokens
 * on every instance within that time. Thread-safe. */
#ifndef AUDITION_USER_GATE_H
#define AUDITION_USER_GATE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Tokens of built-in users carry the subject "user:<id>". */
#define USER_SUB_PREFIX "user:"

struct user_gate;

struct user_gate *user_gate_new(struct store_pool *pool, int refresh_s);
void user_gate_free(struct user_gate *g);

/* The user id of a "user:<id>" subject, or 0 for any other subject. */
int64_t user_gate_subject_id(const char *sub);
/* False when sub names a built-in user who is disabled or gone. Subjects of
 * other forms (external users, `audition token`) always pass. */
bool user_gate_allows(struct user_gate *g, const char *sub, int64_t now);
/* Records that user id is enabled (it just signed in), ahead of the next read. */
void user_gate_note_enabled(struct user_gate *g, int64_t id);

#endif

/* Private to src/store/: the demo casting work (seed_casting.c), loaded by
 * store_seed_demo_casting (seed.c) inside its transaction. */
#ifndef AUDITION_SEED_CASTING_H
#define AUDITION_SEED_CASTING_H

#include <stdint.h>

#include "store/store.h"

/* Roles, candidates and auditions of demo-casting.json; audition days count
 * from the day of now (seconds since the epoch). */
enum store_status seed_casting(const struct store_ops *ops, struct store_conn *c, int64_t now);

#endif

/* `audition seed [--force] [--casting] [--synthetic N]`: migrate, then load
 * the embedded demo data (with --casting also its casting work: roles,
 * candidates, auditions), or N synthetic actors for benchmarks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

#define SYNTHETIC_MAX 100000000

struct seed_request {
    bool force;
    bool casting;
    long long synthetic;   /* 0: the demo data */
};

static int seed(const struct config *cfg, const struct store_ops *ops, struct store_conn *conn, void *ctx) {
    (void)cfg;
    const struct seed_request *rq = ctx;
    enum store_status st = rq->synthetic ? store_seed_synthetic(ops, conn, rq->synthetic, rq->force)
                                         : store_seed_demo_casting(ops, conn, rq->force,
                                                                   rq->casting ? (int64_t)time(NULL) : 0);
    if (st == STORE_CONFLICT) {
        cli_error("seed: the database is not empty; use --force to replace all of its data");
        return EXIT_RUNTIME;
    }
    if (st != STORE_OK) {
        cli_error("seed: %s", ops->last_error(conn));
        return EXIT_RUNTIME;
    }
    if (rq->synthetic)
        printf("seeded %lld synthetic actors and %lld movies (%s)\n", rq->synthetic, rq->synthetic / 10, ops->name);
    else
        printf("seeded the demo data%s (%s)\n", rq->casting ? " with its casting work" : "", ops->name);
    return EXIT_OK;
}

int cmd_seed(int argc, char **argv) {
    bool force = false, casting = false;
    long long synthetic = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--force") == 0) {
            force = true;
        } else if (strcmp(argv[i], "--casting") == 0) {
            casting = true;
        } else if (strcmp(argv[i], "--synthetic") == 0 && i + 1 < argc) {
            char *end = NULL;
            synthetic = strtoll(argv[++i], &end, 10);
            if (!*argv[i] || *end || synthetic < 1 || synthetic > SYNTHETIC_MAX) {
                cli_error("seed: --synthetic takes a number of actors from 1 to %d", SYNTHETIC_MAX);
                return EXIT_USAGE;
            }
        } else {
            cli_error("seed: unknown option \"%s\" (--force, --casting, --synthetic N)", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (casting && synthetic) {
        cli_error("seed: --casting goes with the demo data, not with --synthetic");
        return EXIT_USAGE;
    }
    struct seed_request rq = {force, casting, synthetic};
    return cli_with_database(seed, &rq);
}

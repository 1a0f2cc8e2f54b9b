/* `audition seed [--force] [--synthetic N]`: migrate, then load the embedded
 * demo data, or N synthetic actors for benchmarks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define SYNTHETIC_MAX 100000000

int cmd_seed(int argc, char **argv) {
    bool force = false;
    long long synthetic = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--force") == 0) {
            force = true;
        } else if (strcmp(argv[i], "--synthetic") == 0 && i + 1 < argc) {
            char *end = NULL;
            synthetic = strtoll(argv[++i], &end, 10);
            if (!*argv[i] || *end || synthetic < 1 || synthetic > SYNTHETIC_MAX) {
                cli_error("seed: --synthetic takes a number of actors from 1 to %d", SYNTHETIC_MAX);
                return EXIT_USAGE;
            }
        } else {
            cli_error("seed: unknown option \"%s\" (--force, --synthetic N)", argv[i]);
            return EXIT_USAGE;
        }
    }
    struct config cfg;
    if (cli_config(&cfg) != 0) return EXIT_USAGE;
    struct store_pool *pool;
    struct store_conn *conn = NULL;
    int rc = cli_open_migrated(&cfg, 1, &pool, &conn);
    if (rc == EXIT_OK) {
        const struct store_ops *ops = store_pool_ops(pool);
        enum store_status st = synthetic ? store_seed_synthetic(ops, conn, synthetic, force)
                                         : store_seed_demo(ops, conn, force);
        if (st == STORE_CONFLICT) {
            cli_error("seed: the database is not empty; use --force to replace all of its data");
            rc = EXIT_RUNTIME;
        } else if (st != STORE_OK) {
            cli_error("seed: %s", ops->last_error(conn));
            rc = EXIT_RUNTIME;
        } else {
            if (synthetic) printf("seeded %lld synthetic actors and %lld movies (%s)\n", synthetic, synthetic / 10,
                                  ops->name);
            else printf("seeded the demo data (%s)\n", ops->name);
        }
        store_release(pool, conn);
        store_pool_close(pool);
    }
    config_free(&cfg);
    return rc;
}

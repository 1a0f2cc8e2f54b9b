/* `audition seed [--force]`: migrate, then load the embedded demo data. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int cmd_seed(int argc, char **argv) {
    bool force = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--force") == 0) {
            force = true;
        } else {
            cli_error("seed: unknown option \"%s\" (only --force)", argv[i]);
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
        enum store_status st = store_seed_demo(ops, conn, force);
        if (st == STORE_CONFLICT) {
            cli_error("seed: the database is not empty; use --force to replace all of its data");
            rc = EXIT_RUNTIME;
        } else if (st != STORE_OK) {
            cli_error("seed: %s", ops->last_error(conn));
            rc = EXIT_RUNTIME;
        } else {
            printf("seeded the demo data (%s)\n", ops->name);
        }
        store_release(pool, conn);
        store_pool_close(pool);
    }
    config_free(&cfg);
    return rc;
}

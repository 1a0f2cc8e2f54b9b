/* `audition seed [--force]`: migrate, then load the embedded demo data. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int seed(const struct config *cfg, const struct store_ops *ops, struct store_conn *conn, void *ctx) {
    (void)cfg;
    enum store_status st = store_seed_demo(ops, conn, *(bool *)ctx);
    if (st == STORE_CONFLICT) {
        cli_error("seed: the database is not empty; use --force to replace all of its data");
        return EXIT_RUNTIME;
    }
    if (st != STORE_OK) {
        cli_error("seed: %s", ops->last_error(conn));
        return EXIT_RUNTIME;
    }
    printf("seeded the demo data (%s)\n", ops->name);
    return EXIT_OK;
}

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
    return cli_with_database(seed, &force);
}

/* `audition keys rotate|list`: the built-in issuer's signing keys in the
 * database. rotate adds a new active key; the old ones keep verifying until
 * AUTH_TOKEN_MAX_TTL has passed (or --keep SECONDS, e.g. 0 after a key
 * leaked), then leave the JWKS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "auth/jwt.h"
#include "auth/keyring.h"
#include "cli/cli.h"

#define USAGE "usage: audition keys rotate [--keep SECONDS] | keys list"

static void print_time(const char *label, int64_t t) {
    char buf[32] = "-";
    time_t tt = (time_t)t;
    struct tm tm;
    if (t && gmtime_r(&tt, &tm)) strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    printf(" %s %-20s", label, buf);
}

static int list_keys(struct store_pool *pool) {
    struct store_conn *c = NULL;
    if (store_acquire(pool, 10000, &c) != STORE_OK) return cli_error("keys: the database is not reachable"), EXIT_RUNTIME;
    const struct store_ops *ops = store_pool_ops(pool);
    struct arena a;
    arena_init(&a);
    struct signing_key_row *rows = NULL;
    size_t n = 0;
    enum store_status st = ops->key_list(c, (int64_t)time(NULL), &a, &rows, &n);
    if (st != STORE_OK) cli_error("keys: %s", ops->last_error(c));
    for (size_t i = 0; st == STORE_OK && i < n; i++) {
        printf("%-24s %-8s", rows[i].kid, rows[i].retired_at ? "retired" : "active");
        print_time("created", rows[i].created_at);
        print_time("leaves-jwks", rows[i].expires_at);
        putchar('\n');
    }
    arena_free(&a);
    store_release(pool, c);
    return st == STORE_OK ? EXIT_OK : EXIT_RUNTIME;
}

int cmd_keys(int argc, char **argv) {
    bool rotate = argc >= 2 && strcmp(argv[1], "rotate") == 0, list = argc == 2 && strcmp(argv[1], "list") == 0;
    long keep = -1;
    if (rotate && argc == 4 && strcmp(argv[2], "--keep") == 0) {
        char *end;
        keep = strtol(argv[3], &end, 10);
        if (end == argv[3] || *end || keep < 0 || keep > 400L * 86400) keep = -2;
    } else if (rotate && argc != 2) {
        keep = -2;
    }
    if ((!rotate && !list) || keep == -2) return cli_error(USAGE), EXIT_USAGE;
    struct config cfg;
    if (cli_config(&cfg) != 0) return EXIT_USAGE;
    if (!cfg.local_issuer) {
        cli_error("keys: an external issuer is configured (AUTH_ISSUER/AUTH_JWKS_URL/AUTH0_DOMAIN); its keys are its own");
        config_free(&cfg);
        return EXIT_USAGE;
    }
    struct store_pool *pool;
    struct store_conn *conn = NULL;
    int rc = cli_open_migrated(&cfg, 1, &pool, &conn);
    if (rc != EXIT_OK) return config_free(&cfg), rc;
    cli_audit_subject(pool, NULL);   /* audit */
    store_release(pool, conn);
    struct keyring *keys = NULL;
    char err[512] = "", kid[128] = "";
    if (keyring_open(&cfg, pool, &keys, err, sizeof err) != 0) {
        cli_error("keys: %s", err);
        rc = EXIT_RUNTIME;
    } else if (list) {
        rc = list_keys(pool);
    } else if (keyring_rotate(keys, (int)keep, kid, sizeof kid, err, sizeof err) != 0) {
        cli_error("keys: %s", err);
        rc = EXIT_RUNTIME;
    } else {
        printf("new signing key %s; the previous keys verify for %ld more seconds, then leave the JWKS\n", kid,
               keep >= 0 ? keep : (long)cfg.identity.token_max_ttl + JWT_CLOCK_SKEW);
    }
    keyring_close(keys);
    store_pool_close(pool);
    config_free(&cfg);
    return rc;
}

/* Entry point: picks the sub-command (serve, migrate, seed, token, user,
 * keys, routes, version, help) and shares the small helpers every command uses. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: audition <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve                      migrate the database, then serve the API (HOST, PORT)\n"
    "  migrate                    apply database migrations and exit\n"
    "  seed [--force] [--casting] load the demo data into an empty database (--force replaces all data;\n"
    "                             --casting adds roles, candidates and auditions, as make run does)\n"
    "  seed --synthetic N         load N generated actors, N/10 movies and their casts (benchmarks)\n"
    "  token --role ROLE [--ttl 1h] [--sub NAME]\n"
    "                             print a bearer token signed by the local key\n"
    "                             (ROLE: assistant, director or producer)\n"
    "  routes                     print the route table: method, path, permission\n"
    "  user add NAME --role ROLE [--display-name TEXT]\n"
    "  user list | set-role NAME ROLE | passwd NAME | disable NAME | enable NAME | delete NAME\n"
    "                             built-in users; passwords are read from stdin or a prompt\n"
    "  user init-demo [--credentials FILE]\n"
    "                             with no users yet: demo users with random passwords\n"
    "  keys rotate | keys list    the built-in issuer's signing keys\n"
    "  version                    print the version\n"
    "  help                       print this text\n"
    "\n"
    "configuration comes from the environment: DATABASE_URL, HOST, PORT, ORIGINS,\n"
    "AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL (or AUTH0_DOMAIN, API_AUDIENCE, ALGORITHMS),\n"
    "DATA_DIR, HYDRATE_DB, THREADS, ACCESS_LOG, LOG_FORMAT, METRICS_TOKEN, DATABASE_READ_URL,\n"
    "READ_AFTER_WRITE_SECONDS, SHARE_RATE_LIMIT, CACHE, GROUP_COMMIT; see docs/configuration.md\n"
    "and docs/deploy.md.\n";

void cli_error(const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "audition: %s\n", msg);
}

int cli_config(struct config *cfg) {
    char err[512];
    if (config_load_env(cfg, err, sizeof err) == 0) return 0;
    cli_error("%s", err);
    return -1;
}

int cli_open_migrated(const struct config *cfg, int pool_size, struct store_pool **pool,
                      struct store_conn **conn) {
    char err[512] = "";
    if (store_pool_open(cfg->database_url, pool_size, pool, err, sizeof err) != STORE_OK) {
        cli_error("cannot open the database (DATABASE_URL): %s", err);
        return EXIT_RUNTIME;
    }
    const struct store_ops *ops = store_pool_ops(*pool);
    enum store_status st = store_acquire(*pool, 10000, conn);
    if (st == STORE_OK && (st = ops->migrate(*conn)) == STORE_OK) return EXIT_OK;
    cli_error("cannot migrate the database: %s",
              st == STORE_UNAVAILABLE && !*conn ? "it is not reachable" : ops->last_error(*conn));
    if (st != STORE_UNAVAILABLE || *conn) store_release(*pool, *conn);
    store_pool_close(*pool);
    return EXIT_RUNTIME;
}

int cli_with_database(cli_db_fn fn, void *ctx) {
    struct config cfg;
    if (cli_config(&cfg) != 0) return EXIT_USAGE;
    struct store_pool *pool;
    struct store_conn *conn = NULL;
    int rc = cli_open_migrated(&cfg, 1, &pool, &conn);
    if (rc == EXIT_OK) {
        cli_audit_subject(pool, conn);   /* audit */
        rc = fn(&cfg, store_pool_ops(pool), conn, ctx);
        store_release(pool, conn);
        store_pool_close(pool);
    }
    config_free(&cfg);
    return rc;
}

static int report_migrated(const struct config *cfg, const struct store_ops *ops, struct store_conn *conn,
                           void *ctx) {
    (void)cfg, (void)conn, (void)ctx;
    printf("migrations are current (%s)\n", ops->name);
    return EXIT_OK;
}

int cmd_migrate(int argc, char **argv) {
    (void)argv;
    if (argc > 1) {
        cli_error("migrate takes no arguments");
        return EXIT_USAGE;
    }
    return cli_with_database(report_migrated, NULL);
}

int main(int argc, char **argv) {
    const char *cmd = argc > 1 ? argv[1] : NULL;
    if (!cmd) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(cmd, "serve") == 0) return cmd_serve(argc - 1, argv + 1);
    if (strcmp(cmd, "migrate") == 0) return cmd_migrate(argc - 1, argv + 1);
    if (strcmp(cmd, "seed") == 0) return cmd_seed(argc - 1, argv + 1);
    if (strcmp(cmd, "token") == 0) return cmd_token(argc - 1, argv + 1);
    if (strcmp(cmd, "routes") == 0) return cmd_routes(argc - 1, argv + 1);
    if (strcmp(cmd, "user") == 0) return cmd_user(argc - 1, argv + 1);
    if (strcmp(cmd, "keys") == 0) return cmd_keys(argc - 1, argv + 1);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("audition %s\n", AUDITION_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    cli_error("unknown command \"%s\" (try: audition help)", cmd);
    return EXIT_USAGE;
}

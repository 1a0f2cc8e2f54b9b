/* `audition serve`: configuration, database (migrated; demo data with
 * HYDRATE_DB), token verifier, built-in sign-in and its hashing threads, HTTP server; runs until SIGTERM/SIGINT, then
 * lets in-flight requests finish and exits 0. */
#include <signal.h>
#include <stdio.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "http/rep_cache.h"
#include "http/write_batch.h"
#include "auth/login_service.h"
#include "auth/throttle.h"
#include "http/metrics.h"
#include "http/read_routing.h"
#include "http/server.h"
#include "http/static_etags.h"
#include "http/work_pool.h"
#include "util/log.h"

#define SHARE_LIMIT_ADDRESSES 1024  /* client addresses the share-link limit tracks at once */

#define DRAIN_MS 10000
#define LOGIN_QUEUE 64   /* sign-ins waiting for a hashing thread; more get 503 */
#define WRITE_QUEUE 4096 /* writes waiting for the writer thread; more get 503 */

static void stop_login(struct login_service *login, struct work_pool *workers) {
    work_pool_free(workers);  /* finishes queued sign-ins first */
    login_service_close(login);
}

/* Loads the demo data into an empty database (HYDRATE_DB). */
static int hydrate(const struct store_ops *ops, struct store_conn *conn) {
    enum store_status st = store_seed_demo(ops, conn, false);
    if (st == STORE_OK) log_msg(LOG_INFO, "HYDRATE_DB: loaded the demo data");
    else if (st == STORE_CONFLICT) log_msg(LOG_INFO, "HYDRATE_DB: the database has data already; left as it is");
    else {
        cli_error("HYDRATE_DB: cannot load the demo data: %s", ops->last_error(conn));
        return -1;
    }
    return 0;
}

/* What run() made for the server (not the primary pool, which the caller owns). */
static void app_free(struct app *app, struct keyring *keys) {
    write_batch_free(app->batch);
    rep_cache_free(app->cache);
    throttle_free(app->share_limit);
    static_etags_free(app->web_etags);
    sticky_free(app->sticky);
    store_pool_close(app->read_pool);
    metrics_free(app->metrics);
    stop_login(app->login, app->workers);
    cli_close_auth(keys, app->auth);
}

/* DATABASE_READ_URL: the replica's pool, or NULL when there is none. */
static int open_read_pool(const struct config *cfg, struct store_pool **out) {
    *out = NULL;
    if (!cfg->database_read_url) return 0;
    char err[512] = "";
    if (store_pool_open_reader(cfg->database_read_url, cfg->threads + 2, out, err, sizeof err) != STORE_OK) {
        cli_error("cannot open the read replica (DATABASE_READ_URL): %s", err);
        return -1;
    }
    return 0;
}

static int run(const struct config *cfg, struct store_pool *pool) {
    char err[512] = "";
    struct auth *auth = NULL;
    struct keyring *keys = NULL;
    int rc = cli_open_auth(cfg, pool, &keys, &auth);
    if (rc != EXIT_OK) return rc;
    struct login_service *login = NULL;
    struct work_pool *workers = NULL;
    if (auth_is_local(auth)) {
        if (login_service_open(cfg, auth, pool, &login, err, sizeof err) != 0 ||
            !(workers = work_pool_new(cfg->identity.hash_threads, LOGIN_QUEUE))) {
            cli_error("%s", login ? "cannot start the password hashing threads" : err);
            login_service_close(login);
            cli_close_auth(keys, auth);
            return EXIT_RUNTIME;
        }
    }
    /* Workers inherit this mask: only the main thread takes the signals. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct app app = {.cfg = cfg, .auth = auth, .pool = pool, .login = login, .workers = workers,
                      .metrics = metrics_new()};
    /* One commit for many writes where the engine writes one at a time (SQLite). */
    if (cfg->group_commit && store_pool_ops(pool)->serial_writes &&
        !(app.batch = write_batch_new(&app, WRITE_QUEUE))) {
        cli_error("cannot start the writer thread");
        app_free(&app, keys);
        return EXIT_RUNTIME;
    }
    /* shares: the per-address limit of the public share-link requests; the web
     * app's ETags, hashed once per file */
    if (!(app.share_limit = throttle_new(SHARE_LIMIT_ADDRESSES, cfg->share_rate_limit, 60)) ||
        !(app.web_etags = static_etags_new())) {
        cli_error("out of memory");
        app_free(&app, keys);
        return EXIT_RUNTIME;
    }
    if (open_read_pool(cfg, &app.read_pool) != 0) {
        app_free(&app, keys);
        return EXIT_RUNTIME;
    }
    if (app.read_pool) app.sticky = sticky_new(cfg->read_sticky_s);
    /* Representations are cached where the store can vouch for them
     * (store_pool_changes; on PostgreSQL while this server holds the cache
     * lease alone), and not with a read replica: a lagging replica would
     * fill the cache with old rows. See docs/architecture.md. */
    if (cfg->cache && !app.read_pool) {
        if (!(app.cache = rep_cache_new())) {
            cli_error("out of memory");
            app_free(&app, keys);
            return EXIT_RUNTIME;
        }
        store_pool_cache_on(pool);
    }
    struct server *srv = NULL;
    if (server_start(&app, &srv, err, sizeof err) != 0) {
        cli_error("%s", err);
        app_free(&app, keys);
        return EXIT_RUNTIME;
    }
    log_msg(LOG_INFO, "audition %s listening on http://%s:%d (%s%s, %d threads, %s tokens)", AUDITION_VERSION,
            cfg->host, cfg->port, store_pool_ops(pool)->name, app.read_pool ? " with a read replica" : "",
            cfg->threads, cfg->local_issuer ? "local" : "external");
    int sig = 0;
    sigwait(&stop, &sig);
    log_msg(LOG_INFO, "received %s: finishing in-flight requests", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    server_stop(srv, DRAIN_MS);
    app_free(&app, keys);
    log_msg(LOG_INFO, "stopped");
    return EXIT_OK;
}

int cmd_serve(int argc, char **argv) {
    (void)argv;
    if (argc > 1) {
        cli_error("serve takes no arguments; configure it with environment variables (audition help)");
        return EXIT_USAGE;
    }
    struct config cfg;
    if (cli_config(&cfg) != 0) return EXIT_USAGE;
    struct store_pool *pool;
    struct store_conn *conn = NULL;
    int rc = cli_open_migrated(&cfg, cfg.threads + cfg.identity.hash_threads + 2, &pool, &conn);
    if (rc == EXIT_OK) {
        if (cfg.hydrate && hydrate(store_pool_ops(pool), conn) != 0) rc = EXIT_RUNTIME;
        store_release(pool, conn);
        if (rc == EXIT_OK) rc = run(&cfg, pool);
        store_pool_close(pool);
    }
    config_free(&cfg);
    return rc;
}

/* The command-line interface: one function per sub-command. Each returns the
 * process exit code: 0 success, 1 runtime error, 2 usage or configuration
 * error. Errors go to stderr as one sentence; only this layer prints. */
#ifndef AUDITION_CLI_H
#define AUDITION_CLI_H

#include "config.h"
#include "store/store.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_seed(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_keys(int argc, char **argv);

/* Prints "audition: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Loads the configuration or prints why not; 0 on success. */
int cli_config(struct config *cfg);
/* Opens the database, takes one connection and applies migrations. On
 * failure prints why and returns EXIT_RUNTIME. */
int cli_open_migrated(const struct config *cfg, int pool_size, struct store_pool **pool,
                      struct store_conn **conn);

/* The body of a command that works on the migrated database; returns an exit code. */
typedef int (*cli_db_fn)(const struct config *cfg, const struct store_ops *ops, struct store_conn *conn,
                         void *ctx);
/* audit: the writes of the pool's connections (and of conn, taken from it
 * already; may be NULL) are logged as "cli:<login name>" (cli_subject.c). */
void cli_audit_subject(struct store_pool *pool, struct store_conn *conn);

/* Loads the configuration, opens and migrates the database, runs fn, cleans up. */
int cli_with_database(cli_db_fn fn, void *ctx);

struct keyring;
struct auth;
/* The verifier (and with the built-in issuer its keys, created on first use)
 * or prints why not and returns EXIT_RUNTIME/EXIT_USAGE. */
int cli_open_auth(const struct config *cfg, struct store_pool *pool, struct keyring **keys, struct auth **auth);
void cli_close_auth(struct keyring *keys, struct auth *auth);

#endif

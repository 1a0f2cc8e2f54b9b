/* The token verifier for the commands that need one (serve, token, keys):
 * with the built-in issuer, its signing keys from the database first. */
#include <stdio.h>

#include "auth/auth.h"
#include "auth/keyring.h"
#include "cli/cli.h"

int cli_open_auth(const struct config *cfg, struct store_pool *pool, struct keyring **keys, struct auth **auth) {
    char err[512] = "";
    *keys = NULL;
    *auth = NULL;
    if (cfg->local_issuer && keyring_open(cfg, pool, keys, err, sizeof err) != 0) {
        cli_error("%s", err);
        return EXIT_RUNTIME;
    }
    if (auth_open(cfg, *keys, auth, err, sizeof err) != 0) {
        cli_error("%s", err);
        keyring_close(*keys);
        *keys = NULL;
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

void cli_close_auth(struct keyring *keys, struct auth *auth) {
    auth_close(auth);
    keyring_close(keys);
}

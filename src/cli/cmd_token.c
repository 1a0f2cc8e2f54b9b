/* `audition token --role ROLE [--ttl 1h] [--sub NAME]`: a bearer token signed
 * by the local key, for scripts, curl and the demo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli.h"

#define TTL_MAX (30L * 24 * 3600)

/* "90", "90s", "15m", "1h", "2d" -> seconds; -1 when malformed or out of range. */
static long parse_ttl(const char *s) {
    char *end;
    long n = strtol(s, &end, 10);
    long unit = *end == '\0' || strcmp(end, "s") == 0 ? 1
                : strcmp(end, "m") == 0             ? 60
                : strcmp(end, "h") == 0             ? 3600
                : strcmp(end, "d") == 0             ? 86400
                                                    : 0;
    if (end == s || unit == 0 || n < 1 || n > TTL_MAX / unit) return -1;
    return n * unit;
}

int cmd_token(int argc, char **argv) {
    const char *role_name = NULL, *sub = NULL;
    long ttl = 3600;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!val || (strcmp(opt, "--role") != 0 && strcmp(opt, "--ttl") != 0 && strcmp(opt, "--sub") != 0)) {
            cli_error("token: usage: audition token --role assistant|director|producer [--ttl 1h] [--sub NAME]");
            return EXIT_USAGE;
        }
        i++;
        if (strcmp(opt, "--role") == 0) role_name = val;
        else if (strcmp(opt, "--sub") == 0) sub = val;
        else if ((ttl = parse_ttl(val)) < 0) {
            cli_error("token: --ttl must be like 90s, 15m, 1h or 2d, at most 30 days");
            return EXIT_USAGE;
        }
    }
    int role = role_name ? role_parse(role_name) : -1;
    if (role < 0) {
        cli_error("token: --role must be assistant, director or producer");
        return EXIT_USAGE;
    }
    struct config cfg;
    if (cli_config(&cfg) != 0) return EXIT_USAGE;
    if (!cfg.local_issuer) {
        cli_error("token: an external issuer is configured (AUTH_ISSUER/AUTH_JWKS_URL/AUTH0_DOMAIN); "
                  "get tokens from it");
        config_free(&cfg);
        return EXIT_USAGE;
    }
    if (ttl > cfg.identity.token_max_ttl) {
        cli_error("token: --ttl is longer than AUTH_TOKEN_MAX_TTL (%d s)", cfg.identity.token_max_ttl);
        config_free(&cfg);
        return EXIT_USAGE;
    }
    char err[512] = "";
    struct store_pool *pool;
    struct store_conn *conn = NULL;
    int rc = cli_open_migrated(&cfg, 1, &pool, &conn);
    if (rc != EXIT_OK) {
        config_free(&cfg);
        return rc;
    }
    cli_audit_subject(pool, conn);   /* audit: a first signing key is made by this user */
    store_release(pool, conn);
    struct auth *auth = NULL;
    struct keyring *keys = NULL;
    char *token = NULL;
    rc = cli_open_auth(&cfg, pool, &keys, &auth);
    if (rc == EXIT_OK) {
        token = auth_mint_local(auth, sub ? sub : role_name, (enum role)role, ttl, err, sizeof err);
        if (token) printf("%s\n", token);
        else cli_error("token: %s", err), rc = EXIT_RUNTIME;
    }
    free(token);
    cli_close_auth(keys, auth);
    store_pool_close(pool);
    config_free(&cfg);
    return rc;
}

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
    char err[512] = "";
    struct auth *auth = NULL;
    char *token = NULL;
    if (auth_open(&cfg, &auth, err, sizeof err) == 0)
        token = auth_mint_local(auth, sub ? sub : role_name, (enum role)role, ttl, err, sizeof err);
    if (token) printf("%s\n", token);
    else cli_error("token: %s", err);
    free(token);
    if (auth) auth_close(auth);
    config_free(&cfg);
    return token ? EXIT_OK : EXIT_RUNTIME;
}

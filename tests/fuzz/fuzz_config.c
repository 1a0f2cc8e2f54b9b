/* libFuzzer harness: configuration parsing (config_load). The input is a
 * list of NAME=VALUE lines standing for the environment: DATABASE_URL, PORT,
 * ORIGINS, AUTH_*, ALGORITHMS, THREADS, ... Also checks JWKS URLs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth/jwks.h"
#include "config.h"

#define MAX_VARS 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct env {
    char *names[MAX_VARS];
    char *values[MAX_VARS];
    size_t n;
};

static const char *env_get(const char *name, void *ctx) {
    const struct env *e = ctx;
    for (size_t i = e->n; i-- > 0;)
        if (strcmp(e->names[i], name) == 0) return e->values[i];
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct env e = {.n = 0};
    for (char *line = text, *next; line && e.n < MAX_VARS; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        char *eq = strchr(line, '=');
        if (!eq) continue;
        *eq = '\0';
        e.names[e.n] = line;
        e.values[e.n++] = eq + 1;
    }
    struct config cfg;
    char err[512];
    if (config_load(&cfg, env_get, &e, err, sizeof err) == 0) {
        if (cfg.auth_jwks_url) jwks_url_check(cfg.auth_jwks_url, err, sizeof err);
        config_free(&cfg);
    }
    const char *url = env_get("AUTH_JWKS_URL", &e);
    if (url) jwks_url_check(url, err, sizeof err);
    free(text);
    return 0;
}

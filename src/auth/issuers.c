/* Extra trusted issuers and permission rules (issuers.h): copies of the
 * AUTH_ISSUERS entries with their own JWKS sources, and of AUTH_ROLE_MAP. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "auth/issuers.h"

struct issuer_set {
    struct trusted_issuer issuers[CONFIG_MAX_ISSUERS];
    size_t n;
    struct config_role roles[CONFIG_MAX_ROLE_MAP];
    size_t n_roles;
    char *claim_path;              /* AUTH_PERMISSIONS_CLAIM */
    struct claim_rules primary;
    bool curl_started;
};

static bool copy(char **dst, const char *src)
{
    *dst = src ? strdup(src) : NULL;
    return !src || *dst;
}

static int copy_rules(struct issuer_set *s, const struct config *cfg)
{
    for (size_t i = 0; i < cfg->n_role_map; i++, s->n_roles++) {
        s->roles[i].perms = cfg->role_map[i].perms;
        if (!copy(&s->roles[i].name, cfg->role_map[i].name))
            return -1;
    }
    if (!copy(&s->claim_path, cfg->permissions_claim))
        return -1;
    s->primary = (struct claim_rules){s->claim_path, s->roles, s->n_roles};
    return 0;
}

static int open_one(struct issuer_set *s, const struct config_issuer *c, char *err, size_t errlen)
{
    struct trusted_issuer *t = &s->issuers[s->n++];
    char why[512];
    if (!copy(&t->issuer, c->issuer) || !copy(&t->audience, c->audience) ||
        !copy(&t->claim_path, c->permissions_claim)) {
        snprintf(err, errlen, "out of memory setting up authentication.");
        return -1;
    }
    t->rules = (struct claim_rules){t->claim_path ? t->claim_path : s->claim_path, s->roles, s->n_roles};
    if (strncasecmp(c->jwks_url, "file://", 7) != 0 && !s->curl_started) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            snprintf(err, errlen, "AUTH_ISSUERS: cannot start libcurl.");
            return -1;
        }
        s->curl_started = true;
    }
    if (jwks_source_open(c->jwks_url, NULL, &t->keys, why, sizeof why) < 0) {
        snprintf(err, errlen, "AUTH_ISSUERS entry %zu (%.200s): %s.", s->n, c->issuer, why);
        return -1;
    }
    return 0;
}

int issuer_set_open(const struct config *cfg, struct issuer_set **out, char *err, size_t errlen)
{
    struct issuer_set *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s || copy_rules(s, cfg) < 0) {
        snprintf(err, errlen, "out of memory setting up authentication.");
        issuer_set_close(s);
        return -1;
    }
    for (size_t i = 0; i < cfg->n_issuers && i < CONFIG_MAX_ISSUERS; i++) {
        if (open_one(s, &cfg->issuers[i], err, errlen) < 0) {
            issuer_set_close(s);
            return -1;
        }
    }
    *out = s;
    return 0;
}

void issuer_set_close(struct issuer_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        jwks_source_close(s->issuers[i].keys);
        free(s->issuers[i].issuer);
        free(s->issuers[i].audience);
        free(s->issuers[i].claim_path);
    }
    for (size_t i = 0; i < s->n_roles; i++)
        free(s->roles[i].name);
    free(s->claim_path);
    if (s->curl_started)
        curl_global_cleanup();
    free(s);
}

const struct trusted_issuer *issuer_set_find(const struct issuer_set *s, const char *iss)
{
    for (size_t i = 0; s && iss && i < s->n; i++)
        if (s->issuers[i].keys && strcmp(s->issuers[i].issuer, iss) == 0)
            return &s->issuers[i];
    return NULL;
}

const struct claim_rules *issuer_set_primary_rules(const struct issuer_set *s)
{
    return s ? &s->primary : NULL;
}

uint64_t issuer_set_generation(const struct issuer_set *s)
{
    uint64_t g = 0;
    for (size_t i = 0; s && i < s->n; i++)
        if (s->issuers[i].keys)
            g += jwks_source_generation(s->issuers[i].keys);
    return g;
}

uint64_t issuer_set_fetches(const struct issuer_set *s)
{
    uint64_t n = 0;
    for (size_t i = 0; s && i < s->n; i++)
        if (s->issuers[i].keys)
            n += jwks_source_fetches(s->issuers[i].keys);
    return n;
}

/* The trusted issuers besides the primary one (AUTH_ISSUERS) and the
 * permission rules (AUTH_PERMISSIONS_CLAIM, AUTH_ROLE_MAP): each extra issuer
 * has its own JWKS source, audience and claim rules, so a token is only ever
 * checked with the keys of the issuer its iss names. Copies what it needs
 * from the config. */
#ifndef AUDITION_AUTH_ISSUERS_H
#define AUDITION_AUTH_ISSUERS_H

#include <stddef.h>
#include <stdint.h>

#include "auth/claims.h"
#include "auth/jwks.h"
#include "config.h"

struct trusted_issuer {
    char *issuer;             /* exact iss */
    char *audience;           /* NULL: any */
    char *claim_path;         /* NULL: defaults */
    struct jwks_source *keys;
    struct claim_rules rules; /* points into the issuer_set */
};

struct issuer_set;

/* Fetches the key set of every cfg->issuers entry now. -1 with one sentence
 * naming AUTH_ISSUERS in err. */
int issuer_set_open(const struct config *cfg, struct issuer_set **out, char *err, size_t errlen);
void issuer_set_close(struct issuer_set *s);

/* The extra issuer whose iss is exactly iss, or NULL. */
const struct trusted_issuer *issuer_set_find(const struct issuer_set *s, const char *iss);
/* The rules for the primary issuer: AUTH_PERMISSIONS_CLAIM and AUTH_ROLE_MAP. */
const struct claim_rules *issuer_set_primary_rules(const struct issuer_set *s);
/* Sum of the key-set generations of the extra issuers: changes whenever one does. */
uint64_t issuer_set_generation(const struct issuer_set *s);
/* Key-set fetches made for the extra issuers. */
uint64_t issuer_set_fetches(const struct issuer_set *s);

#endif

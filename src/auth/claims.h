/* Where a token carries its permissions: the default claims (Auth0
 * `permissions` array, a comma-joined `permissions` string, the
 * space-separated `scope`), an optional configured claim path (e.g.
 * Keycloak's realm_access.roles) and the provider-name -> permissions map
 * (AUTH_ROLE_MAP). Pure functions over a decoded payload; no state. */
#ifndef AUDITION_AUTH_CLAIMS_H
#define AUDITION_AUTH_CLAIMS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "config.h"

#define CLAIM_PATH_MAX 256       /* characters of AUTH_PERMISSIONS_CLAIM */
#define CLAIM_PATH_MAX_DEPTH 8   /* dot-separated segments */
#define CLAIM_MAX_NAMES 256      /* names read from one claim */

/* How to read permissions; every pointer is borrowed (from the config). */
struct claim_rules {
    const char *path;                 /* a claim path, or NULL: defaults only */
    const struct config_role *roles;  /* provider name -> permissions */
    size_t n_roles;
};

/* The permission bits of one provider name: its AUTH_ROLE_MAP entry if it
 * has one, else the api.md permission of that name, else 0. */
uint32_t claims_name_perms(const struct claim_rules *r, const char *name, size_t len);

/* The permissions of a verified payload. With r->path set and present in the
 * payload, its value (an array of strings, or a space/comma-separated
 * string) is read; otherwise the default claims are. Unknown names are
 * ignored. -1 with a static *why when the claim has the wrong shape. r may be
 * NULL (defaults, no map). */
int claims_permissions(const json_t *payload, const struct claim_rules *r, uint32_t *perms,
                       const char **why);

/* The value at a claim path: a top-level key equal to the whole path wins
 * (Auth0's namespaced "https://example.com/roles"), otherwise each dot
 * descends one object. NULL when absent. */
const json_t *claims_lookup(const json_t *payload, const char *path);

/* Checks a claim path for AUTH_PERMISSIONS_CLAIM: 1..CLAIM_PATH_MAX printable
 * characters without blanks, at most CLAIM_PATH_MAX_DEPTH non-empty
 * segments. 0 or -1 with a reason in err. */
int claims_path_check(const char *path, char *err, size_t errlen);

#endif

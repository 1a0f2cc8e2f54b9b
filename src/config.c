/* Environment -> struct config (see config.h). Every variable is parsed and
 * checked here once; the rest of the program reads the struct. */
#include "config.h"
#include "auth/auth.h"
#include "auth/claims.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define URL_MAX_LEN 2048

struct loader {
    config_getenv_fn get;
    void *ctx;
    char *err;
    size_t errlen;
};

static int fail(struct loader *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct loader *l, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->err, l->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* The variable's value, or NULL when unset or empty. */
static const char *var(struct loader *l, const char *name) {
    const char *v = l->get(name, l->ctx);
    return v && *v ? v : NULL;
}

static char *dup_or_die(const char *s) {
    char *p = strdup(s);
    if (!p) abort();
    return p;
}

static int parse_bool(struct loader *l, const char *name, bool dflt, bool *out) {
    const char *v = var(l, name);
    *out = dflt;
    if (!v) return 0;
    static const char *const yes[] = {"1", "true", "yes", "on"}, *const no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) return *out = true, 0;
        if (strcasecmp(v, no[i]) == 0) return *out = false, 0;
    }
    return fail(l, "%s must be 1/0, true/false, yes/no or on/off, not \"%s\"", name, v);
}

/* LOG_FORMAT=text|json and METRICS_TOKEN (observability, docs/deploy.md). */
static int parse_observability(struct loader *l, struct config *c) {
    const char *f = var(l, "LOG_FORMAT");
    if (f && strcasecmp(f, "json") == 0) c->log_json = true;
    else if (f && strcasecmp(f, "text") != 0) return fail(l, "LOG_FORMAT must be text or json, not \"%.64s\"", f);
    const char *t = var(l, "METRICS_TOKEN");
    if (!t) return 0;
    size_t n = strlen(t);
    if (n < 16 || n > 256) return fail(l, "METRICS_TOKEN must be 16 to 256 characters long");
    for (size_t i = 0; i < n; i++)
        if (!isgraph((unsigned char)t[i])) return fail(l, "METRICS_TOKEN must be printable ASCII without spaces");
    c->metrics_token = dup_or_die(t);
    return 0;
}

static int parse_int(struct loader *l, const char *name, long dflt, long min, long max, int *out) {
    const char *v = var(l, name);
    if (!v) return *out = (int)dflt, 0;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || end == v || n < min || n > max)
        return fail(l, "%s must be a whole number from %ld to %ld, not \"%s\"", name, min, max, v);
    *out = (int)n;
    return 0;
}

static bool is_loopback_host(const char *host, size_t len) {
    if (len == 9 && strncasecmp(host, "localhost", 9) == 0) return true;
    if (len == 5 && strncmp(host, "[::1]", 5) == 0) return true;
    if (len < 4 || strncmp(host, "127.", 4) != 0) return false;
    for (size_t i = 4; i < len; i++)
        if (!isdigit((unsigned char)host[i]) && host[i] != '.') return false;
    return true;
}

/* Host part of scheme://host[:port][/...], or NULL. */
static const char *url_host(const char *url, size_t *len) {
    const char *p = strstr(url, "://");
    if (!p) return NULL;
    p += 3;
    if (strchr(p, '@') && strchr(p, '@') < p + strcspn(p, "/")) p = strchr(p, '@') + 1;
    size_t n = *p == '[' ? strcspn(p, "]") + 1 : strcspn(p, ":/");
    *len = n;
    return n ? p : NULL;
}

static int check_jwks_url(struct loader *l, const char *name, const char *url) {
    size_t hl;
    if (strlen(url) > URL_MAX_LEN) return fail(l, "%s is too long", name);
    if (strncmp(url, "file:///", 8) == 0) return 0;
    if (strncmp(url, "https://", 8) == 0 && url_host(url, &hl)) return 0;
    if (strncmp(url, "http://", 7) == 0) {
        const char *h = url_host(url, &hl);
        if (h && is_loopback_host(h, hl)) return 0;
        return fail(l, "%s may use http:// only for a loopback host; use https:// (got \"%s\")", name, url);
    }
    return fail(l, "%s must be a file:///, https:// or http://127.0.0.1 URL, not \"%s\"", name, url);
}

static int parse_database_url(struct loader *l, struct config *c) {
    const char *v = var(l, "DATABASE_URL");
    if (!v) v = "sqlite://data/audition.db";
    if (strlen(v) > URL_MAX_LEN) return fail(l, "DATABASE_URL is too long");
    bool sqlite = strncmp(v, "sqlite:", 7) == 0 && v[7] != '\0' && strcmp(v, "sqlite://") != 0 &&
                  strcmp(v, "sqlite:///") != 0;
    bool pg = strncmp(v, "postgresql://", 13) == 0 || strncmp(v, "postgres://", 11) == 0;
    if (!sqlite && !pg)
        return fail(l, "DATABASE_URL must be sqlite:///abs/path.db, sqlite://rel/path.db or "
                       "postgresql://user:password@host:port/db");
    c->database_url = dup_or_die(v);
    return 0;
}

/* DATABASE_READ_URL (PostgreSQL only, with a PostgreSQL DATABASE_URL) and its
 * read-your-writes window READ_AFTER_WRITE_SECONDS. */
static int parse_read_replica(struct loader *l, struct config *c) {
    const char *v = var(l, "DATABASE_READ_URL");
    int rc = parse_int(l, "READ_AFTER_WRITE_SECONDS", 5, 0, 3600, &c->read_sticky_s);
    if (rc != 0 || !v) return rc;
    if (strlen(v) > URL_MAX_LEN) return fail(l, "DATABASE_READ_URL is too long");
    bool pg = strncmp(v, "postgresql://", 13) == 0 || strncmp(v, "postgres://", 11) == 0;
    if (!pg) return fail(l, "DATABASE_READ_URL must be postgresql://user:password@host:port/db");
    if (strncmp(c->database_url, "postgres", 8) != 0)
        return fail(l, "DATABASE_READ_URL needs a postgresql:// DATABASE_URL (the primary)");
    c->database_read_url = dup_or_die(v);
    return 0;
}

static int parse_origins(struct loader *l, struct config *c) {
    const char *v = var(l, "ORIGINS");
    if (!v) return 0;
    const char *p = v;
    while (*p) {
        size_t n = strcspn(p, ",");
        const char *s = p, *e = p + n;
        p = *e ? e + 1 : e;
        while (s < e && isspace((unsigned char)*s)) s++;
        while (e > s && isspace((unsigned char)e[-1])) e--;
        if (s == e) continue;
        if (e - s == 1 && *s == '*') {
            c->origins_any = true;
            continue;
        }
        char *o = strndup(s, (size_t)(e - s));
        if (!o) abort();
        while (strlen(o) > 0 && o[strlen(o) - 1] == '/') o[strlen(o) - 1] = '\0';
        size_t hl;
        bool ok = (strncmp(o, "http://", 7) == 0 || strncmp(o, "https://", 8) == 0) && url_host(o, &hl) &&
                  strchr(strstr(o, "://") + 3, '/') == NULL;
        if (!ok || c->n_origins == CONFIG_MAX_ORIGINS) {
            int r = ok ? fail(l, "ORIGINS lists more than %d origins", CONFIG_MAX_ORIGINS)
                       : fail(l, "ORIGINS entries must look like https://host[:port], not \"%s\"", o);
            free(o);
            return r;
        }
        c->origins[c->n_origins++] = o;
    }
    return 0;
}

static int parse_algorithms(struct loader *l, struct config *c) {
    const char *v = var(l, "ALGORITHMS");
    if (!v) {
        c->algorithms = ALG_RS256 | ALG_ES256 | ALG_EDDSA;
        return 0;
    }
    /* Accept RS256, "RS256,ES256", "RS256 ES256" and the original's ["RS256"]. */
    c->algorithms = 0;
    const char *p = v;
    while (*p) {
        p += strspn(p, " ,[]\"'");
        size_t n = strcspn(p, " ,[]\"'");
        if (n == 0) break;
        if (n == 5 && strncmp(p, "RS256", 5) == 0) c->algorithms |= ALG_RS256;
        else if (n == 5 && strncmp(p, "ES256", 5) == 0) c->algorithms |= ALG_ES256;
        else if (n == 5 && strncmp(p, "EdDSA", 5) == 0) c->algorithms |= ALG_EDDSA;
        else
            return fail(l, "ALGORITHMS: \"%.*s\" is not supported (use RS256, ES256 or EdDSA)", (int)n, p);
        p += n;
    }
    if (!c->algorithms) return fail(l, "ALGORITHMS names no algorithm");
    return 0;
}

static int parse_auth(struct loader *l, struct config *c) {
    const char *issuer = var(l, "AUTH_ISSUER"), *jwks = var(l, "AUTH_JWKS_URL");
    const char *domain = var(l, "AUTH0_DOMAIN");
    const char *audience = var(l, "AUTH_AUDIENCE");
    if (!audience) audience = var(l, "API_AUDIENCE");
    char buf[URL_MAX_LEN + 64];

    c->local_issuer = !issuer && !jwks && !domain;
    if (c->local_issuer) {
        c->auth_issuer = dup_or_die(c->public_url);
        c->auth_audience = dup_or_die(audience ? audience : "audition");
        return 0;
    }
    if (domain && (strlen(domain) > 253 || strpbrk(domain, "/:@ ")))
        return fail(l, "AUTH0_DOMAIN must be a bare host name such as example.eu.auth0.com");
    if (!issuer && domain) snprintf(buf, sizeof buf, "https://%.253s/", domain), issuer = buf;
    if (!issuer) return fail(l, "AUTH_ISSUER is required when AUTH_JWKS_URL is set");
    if (strlen(issuer) > URL_MAX_LEN) return fail(l, "AUTH_ISSUER is too long");
    c->auth_issuer = dup_or_die(issuer);
    if (!jwks) {
        if (domain) snprintf(buf, sizeof buf, "https://%.253s/.well-known/jwks.json", domain);
        else snprintf(buf, sizeof buf, "%.2048s%s.well-known/jwks.json", issuer,
                      issuer[strlen(issuer) - 1] == '/' ? "" : "/");
        jwks = buf;
    }
    if (check_jwks_url(l, jwks == buf ? "the JWKS URL derived from AUTH_ISSUER/AUTH0_DOMAIN" : "AUTH_JWKS_URL",
                       jwks) != 0)
        return -1;
    c->auth_jwks_url = dup_or_die(jwks);
    c->auth_audience = audience ? dup_or_die(audience) : NULL;
    return 0;
}

static int parse_public_url(struct loader *l, struct config *c) {
    const char *v = var(l, "PUBLIC_URL");
    char buf[512];
    if (!v) {
        bool v6 = strchr(c->host, ':') != NULL;
        snprintf(buf, sizeof buf, v6 ? "http://[%s]:%d" : "http://%s:%d", c->host, c->port);
        v = buf;
    } else if ((strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0) || strlen(v) > URL_MAX_LEN) {
        return fail(l, "PUBLIC_URL must be an http:// or https:// URL, not \"%s\"", v);
    }
    c->public_url = dup_or_die(v);
    size_t n = strlen(c->public_url);
    while (n > 8 && c->public_url[n - 1] == '/') c->public_url[--n] = '\0';
    return 0;
}

/* The web app's files: WEB_ROOT, else ../web/dist next to the binary (build/audition
 * in a checkout), else ../share/audition/web (an installed PREFIX/bin/audition). */
static int parse_web_root(struct loader *l, struct config *c) {
    const char *v = var(l, "WEB_ROOT");
    if (v) {
        if (strlen(v) > 1024) return fail(l, "WEB_ROOT is too long");
        c->web_root = dup_or_die(v);
        return 0;
    }
    char exe[1100];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 32);
    if (n <= 0) return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return 0;
    strcpy(slash, "/../web/dist");
    if (access(exe, F_OK) != 0) strcpy(slash, "/../share/audition/web");
    if (access(exe, F_OK) != 0) strcpy(slash, "/../web/dist"); /* named in the "not built" answer */
    c->web_root = dup_or_die(exe);
    return 0;
}

/* A URL the browser fetches: https://, or http:// on a loopback host. */
static int check_browser_url(struct loader *l, const char *name, const char *url) {
    size_t hl;
    if (strlen(url) > URL_MAX_LEN) return fail(l, "%s is too long", name);
    if (strpbrk(url, " \"'<>;\\")) return fail(l, "%s contains characters a URL cannot have", name);
    if (strncmp(url, "https://", 8) == 0 && url_host(url, &hl)) return 0;
    const char *h = strncmp(url, "http://", 7) == 0 ? url_host(url, &hl) : NULL;
    if (h && is_loopback_host(h, hl)) return 0;
    return fail(l, "%s must be an https:// URL (http:// only for a loopback host), not \"%s\"", name, url);
}

static int parse_oidc(struct loader *l, struct config *c) {
    const char *authorize = var(l, "OIDC_AUTHORIZE_URL"), *token = var(l, "OIDC_TOKEN_URL");
    const char *client = var(l, "OIDC_CLIENT_ID"), *scopes = var(l, "OIDC_SCOPES");
    const char *audience = var(l, "OIDC_AUDIENCE"), *name = var(l, "OIDC_PROVIDER_NAME");
    if (!authorize && !token && !client) return 0;
    if (!authorize || !token || !client)
        return fail(l, "OIDC_AUTHORIZE_URL, OIDC_TOKEN_URL and OIDC_CLIENT_ID go together: set all three "
                       "(or none)");
    if (check_browser_url(l, "OIDC_AUTHORIZE_URL", authorize) || check_browser_url(l, "OIDC_TOKEN_URL", token))
        return -1;
    if (strlen(client) > 256 || (scopes && strlen(scopes) > 1024) || (audience && strlen(audience) > 1024) ||
        (name && strlen(name) > 64))
        return fail(l, "OIDC_CLIENT_ID, OIDC_SCOPES, OIDC_AUDIENCE or OIDC_PROVIDER_NAME is too long");
    c->oidc_authorize_url = dup_or_die(authorize);
    c->oidc_token_url = dup_or_die(token);
    c->oidc_client_id = dup_or_die(client);
    c->oidc_scopes = dup_or_die(scopes ? scopes : "openid profile");
    c->oidc_audience = audience ? dup_or_die(audience) : NULL;
    c->oidc_name = dup_or_die(name ? name : "single sign-on");
    return 0;
}

static int parse_paths(struct loader *l, struct config *c) {
    const char *d = var(l, "DATA_DIR");
    c->data_dir = dup_or_die(d ? d : "data");
    const char *k = var(l, "AUTH_KEY_FILE");
    if (k) {
        c->key_file = dup_or_die(k);
    } else {
        size_t n = strlen(c->data_dir) + sizeof "/signing-key.pem";
        c->key_file = malloc(n);
        if (!c->key_file) abort();
        snprintf(c->key_file, n, "%s/signing-key.pem", c->data_dir);
    }
    if (strlen(c->data_dir) > 1024 || strlen(c->key_file) > 1100) return fail(l, "DATA_DIR is too long");
    return 0;
}

static int parse_identity(struct loader *l, struct config *c) {
    struct identity_config *id = &c->identity;
    const char *m = var(l, "AUTH_MASTER_KEY_FILE");
    size_t n = strlen(c->data_dir) + sizeof "/master.key";
    id->master_key_file = m ? dup_or_die(m) : malloc(n);
    if (!id->master_key_file) abort();
    if (!m) snprintf(id->master_key_file, n, "%s/master.key", c->data_dir);
    if (strlen(id->master_key_file) > 1100) return fail(l, "AUTH_MASTER_KEY_FILE is too long");
    int rc = parse_int(l, "AUTH_TOKEN_MAX_TTL", 30L * 86400, 1, 366L * 86400, &id->token_max_ttl);
    if (rc == 0) rc = parse_int(l, "LOGIN_TOKEN_TTL", 3600, 1, id->token_max_ttl, &id->token_ttl);
    if (rc == 0) rc = parse_int(l, "AUTH_REFRESH", 30, 1, 60, &id->refresh);
    if (rc == 0) rc = parse_int(l, "LOGIN_MAX_FAILURES", 5, 1, 1000, &id->max_failures_user);
    if (rc == 0) rc = parse_int(l, "LOGIN_MAX_FAILURES_PER_ADDRESS", 20, 1, 100000, &id->max_failures_addr);
    if (rc == 0) rc = parse_int(l, "LOGIN_THROTTLE_WINDOW", 300, 1, 86400, &id->throttle_window);
    if (rc == 0) rc = parse_int(l, "LOGIN_HASH_THREADS", 2, 1, 16, &id->hash_threads);
    return rc;
}

/* ---- external OIDC providers: AUTH_PERMISSIONS_CLAIM, AUTH_ROLE_MAP, AUTH_ISSUERS ---- */

#define LIST_VAR_MAX 16384 /* characters of AUTH_ROLE_MAP / AUTH_ISSUERS */

/* [s, e) without surrounding blanks. */
static void trim(const char **s, const char **e) {
    while (*s < *e && isspace((unsigned char)**s)) (*s)++;
    while (*e > *s && isspace((unsigned char)(*e)[-1])) (*e)--;
}

static int parse_permissions_claim(struct loader *l, struct config *c) {
    const char *v = var(l, "AUTH_PERMISSIONS_CLAIM");
    char why[128];
    if (!v) return 0;
    if (claims_path_check(v, why, sizeof why) < 0)
        return fail(l, "AUTH_PERMISSIONS_CLAIM %s, such as realm_access.roles (got \"%.64s\")", why, v);
    c->permissions_claim = dup_or_die(v);
    return 0;
}

/* "director", "read:actors" or "director+delete:movies" -> bits; 0 if a part is unknown. */
static uint32_t role_target_perms(const char *s, const char *e) {
    uint32_t perms = 0;
    for (;;) {
        const char *p = memchr(s, '+', (size_t)(e - s));
        const char *a = s, *b = p ? p : e;
        trim(&a, &b);
        char name[64];
        if (b == a || (size_t)(b - a) >= sizeof name) return 0;
        memcpy(name, a, (size_t)(b - a));
        name[b - a] = '\0';
        int role = role_parse(name);
        uint32_t bits = role >= 0 ? role_perms((enum role)role) : perm_from_name(name, strlen(name));
        if (!bits) return 0;
        perms |= bits;
        if (!p) return perms;
        s = p + 1;
    }
}

static int add_role(struct loader *l, struct config *c, const char *s, const char *e) {
    const char *eq = memchr(s, '=', (size_t)(e - s));
    if (!eq) return fail(l, "AUTH_ROLE_MAP entries must look like provider-name=role, not \"%.*s\"", (int)(e - s), s);
    const char *ns = s, *ne = eq;
    trim(&ns, &ne);
    size_t n = (size_t)(ne - ns);
    if (n == 0 || n > CONFIG_ROLE_NAME_MAX)
        return fail(l, "AUTH_ROLE_MAP: a provider name must be 1 to %d characters (in \"%.*s\")",
                    CONFIG_ROLE_NAME_MAX, (int)(e - s), s);
    uint32_t perms = role_target_perms(eq + 1, e);
    if (!perms)
        return fail(l, "AUTH_ROLE_MAP: \"%.*s\" must map to assistant, director, producer or permission "
                       "names of api.md joined with '+'", (int)(e - s), s);
    for (size_t i = 0; i < c->n_role_map; i++)
        if (strlen(c->role_map[i].name) == n && memcmp(c->role_map[i].name, ns, n) == 0)
            return fail(l, "AUTH_ROLE_MAP names \"%.*s\" twice", (int)n, ns);
    if (c->n_role_map == CONFIG_MAX_ROLE_MAP)
        return fail(l, "AUTH_ROLE_MAP has more than %d entries", CONFIG_MAX_ROLE_MAP);
    char *name = strndup(ns, n);
    if (!name) abort();
    c->role_map[c->n_role_map++] = (struct config_role){name, perms};
    return 0;
}

static int parse_role_map(struct loader *l, struct config *c) {
    const char *v = var(l, "AUTH_ROLE_MAP");
    if (!v) return 0;
    if (strlen(v) > LIST_VAR_MAX) return fail(l, "AUTH_ROLE_MAP is too long");
    while (*v) {
        const char *s = v, *e = v + strcspn(v, ",");
        v = *e ? e + 1 : e;
        trim(&s, &e);
        if (s < e && add_role(l, c, s, e) != 0) return -1;
    }
    return 0;
}

/* Field i (0-based) of "a|b|c" in [s, e), trimmed, or NULL when empty or absent. */
static char *issuer_field(const char *s, const char *e, int i) {
    for (; i > 0; i--) {
        const char *bar = memchr(s, '|', (size_t)(e - s));
        if (!bar) return NULL;
        s = bar + 1;
    }
    const char *bar = memchr(s, '|', (size_t)(e - s));
    const char *fe = bar ? bar : e;
    trim(&s, &fe);
    if (fe == s) return NULL;
    char *f = strndup(s, (size_t)(fe - s));
    if (!f) abort();
    return f;
}

/* Whether iss is the primary issuer or one of the first n AUTH_ISSUERS entries. */
static bool issuer_known(const struct config *c, const char *iss, size_t n) {
    if (c->auth_issuer && strcmp(c->auth_issuer, iss) == 0) return true;
    for (size_t i = 0; i < n; i++)
        if (strcmp(c->issuers[i].issuer, iss) == 0) return true;
    return false;
}

static int check_issuer_entry(struct loader *l, struct config *c, struct config_issuer *x, size_t n) {
    char what[64], why[128];
    snprintf(what, sizeof what, "AUTH_ISSUERS entry %zu", n);
    if (!x->issuer) return fail(l, "%s has no issuer (use issuer|jwks-url|audience|claim)", what);
    if (strlen(x->issuer) > URL_MAX_LEN) return fail(l, "%s: the issuer is too long", what);
    if (issuer_known(c, x->issuer, n - 1))
        return fail(l, "%s: issuer \"%.256s\" is already trusted (each issuer once)", what, x->issuer);
    if (!x->jwks_url) {
        size_t len = strlen(x->issuer) + sizeof "/.well-known/jwks.json";
        x->jwks_url = malloc(len);
        if (!x->jwks_url) abort();
        snprintf(x->jwks_url, len, "%s%s.well-known/jwks.json", x->issuer,
                 x->issuer[strlen(x->issuer) - 1] == '/' ? "" : "/");
    }
    if (check_jwks_url(l, what, x->jwks_url) != 0) return -1;
    if (x->audience && strlen(x->audience) > URL_MAX_LEN) return fail(l, "%s: the audience is too long", what);
    if (x->permissions_claim && claims_path_check(x->permissions_claim, why, sizeof why) < 0)
        return fail(l, "%s: the permissions claim %s", what, why);
    return 0;
}

static int parse_issuers(struct loader *l, struct config *c) {
    const char *v = var(l, "AUTH_ISSUERS");
    if (!v) return 0;
    if (strlen(v) > LIST_VAR_MAX) return fail(l, "AUTH_ISSUERS is too long");
    while (*v) {
        const char *s = v, *e = v + strcspn(v, ";\n");
        v = *e ? e + 1 : e;
        trim(&s, &e);
        if (s == e) continue;
        if (c->n_issuers == CONFIG_MAX_ISSUERS)
            return fail(l, "AUTH_ISSUERS lists more than %d issuers", CONFIG_MAX_ISSUERS);
        const char *bar = s;
        int fields = 1;
        while ((bar = memchr(bar, '|', (size_t)(e - bar))) != NULL) bar++, fields++;
        if (fields > 4)
            return fail(l, "AUTH_ISSUERS entry %zu has more than 4 fields (issuer|jwks-url|audience|claim)",
                        c->n_issuers + 1);
        struct config_issuer *x = &c->issuers[c->n_issuers++];
        *x = (struct config_issuer){issuer_field(s, e, 0), issuer_field(s, e, 1), issuer_field(s, e, 2),
                                    issuer_field(s, e, 3)};
        if (check_issuer_entry(l, c, x, c->n_issuers) != 0) return -1;
    }
    return 0;
}

int config_load(struct config *c, config_getenv_fn get, void *ctx, char *err, size_t errlen) {
    struct loader l = {get, ctx, err, errlen};
    memset(c, 0, sizeof *c);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    const char *host = var(&l, "HOST");
    c->host = dup_or_die(host ? host : "127.0.0.1");
    int rc = strlen(c->host) > 255 ? fail(&l, "HOST is too long") : 0;
    if (rc == 0) rc = parse_int(&l, "PORT", 8080, 1, 65535, &c->port);
    if (rc == 0) rc = parse_database_url(&l, c);
    if (rc == 0) rc = parse_read_replica(&l, c);
    if (rc == 0) rc = parse_public_url(&l, c);
    if (rc == 0) rc = parse_origins(&l, c);
    if (rc == 0) rc = parse_algorithms(&l, c);
    if (rc == 0) rc = parse_auth(&l, c);
    if (rc == 0) rc = parse_permissions_claim(&l, c);
    if (rc == 0) rc = parse_role_map(&l, c);
    if (rc == 0) rc = parse_issuers(&l, c);
    if (rc == 0) rc = parse_paths(&l, c);
    if (rc == 0) rc = parse_web_root(&l, c);
    if (rc == 0) rc = parse_oidc(&l, c);
    if (rc == 0) rc = parse_identity(&l, c);
    if (rc == 0) rc = parse_bool(&l, "HYDRATE_DB", false, &c->hydrate);
    if (rc == 0) rc = parse_bool(&l, "ACCESS_LOG", true, &c->access_log);
    if (rc == 0) rc = parse_bool(&l, "CACHE", true, &c->cache);
    if (rc == 0) rc = parse_bool(&l, "GROUP_COMMIT", true, &c->group_commit);
    if (rc == 0) rc = parse_observability(&l, c);
    if (rc == 0) rc = parse_int(&l, "SHARE_RATE_LIMIT", 60, 1, 1000000, &c->share_rate_limit);
    if (rc == 0) rc = parse_int(&l, "THREADS", cores > 0 && cores < 64 ? cores : 2, 1, 64, &c->threads);
    if (rc != 0) config_free(c);
    return rc;
}

static const char *process_env(const char *name, void *ctx) {
    (void)ctx;
    return getenv(name);
}

int config_load_env(struct config *c, char *err, size_t errlen) {
    return config_load(c, process_env, NULL, err, errlen);
}

void config_free(struct config *c) {
    free(c->database_url);
    free(c->host);
    free(c->public_url);
    for (size_t i = 0; i < c->n_origins; i++) free(c->origins[i]);
    free(c->auth_issuer);
    free(c->auth_audience);
    free(c->auth_jwks_url);
    free(c->data_dir);
    free(c->key_file);
    free(c->web_root);
    free(c->oidc_authorize_url);
    free(c->oidc_token_url);
    free(c->oidc_client_id);
    free(c->oidc_scopes);
    free(c->oidc_audience);
    free(c->oidc_name);
    free(c->identity.master_key_file);
    for (size_t i = 0; i < c->n_issuers; i++) {
        free(c->issuers[i].issuer);
        free(c->issuers[i].jwks_url);
        free(c->issuers[i].audience);
        free(c->issuers[i].permissions_claim);
    }
    free(c->permissions_claim);
    for (size_t i = 0; i < c->n_role_map; i++) free(c->role_map[i].name);
    free(c->metrics_token);
    free(c->database_read_url);
    memset(c, 0, sizeof *c);
}

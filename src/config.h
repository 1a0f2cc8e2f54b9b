/* Configuration: the environment turned into one immutable struct at start-up.
 * Owns parsing and validation of every variable (names as in
 * docs/configuration.md); a bad value is reported naming the variable. */
#ifndef AUDITION_CONFIG_H
#define AUDITION_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bits of config.algorithms: which JWS algorithms tokens may use. */
enum jwt_alg_bit { ALG_RS256 = 1u << 0, ALG_ES256 = 1u << 1, ALG_EDDSA = 1u << 2 };

#define CONFIG_MAX_ORIGINS 32
#define CONFIG_MAX_ISSUERS 8        /* entries of AUTH_ISSUERS */
#define CONFIG_MAX_ROLE_MAP 64      /* entries of AUTH_ROLE_MAP */
#define CONFIG_ROLE_NAME_MAX 128    /* characters of a provider role/group name */

/* One AUTH_ROLE_MAP entry: a provider's role/group name -> permission bits. */
struct config_role {
    char *name;
    uint32_t perms;
};

/* One AUTH_ISSUERS entry: an extra trusted issuer with its own keys. */
struct config_issuer {
    char *issuer;            /* exact iss */
    char *jwks_url;          /* file://, https://, http://loopback */
    char *audience;          /* expected aud, or NULL for any */
    char *permissions_claim; /* claim path, or NULL: AUTH_PERMISSIONS_CLAIM */
};

/* The built-in identity's settings (docs/identity.md). Times in seconds. */
struct identity_config {
    char *master_key_file;  /* AUTH_MASTER_KEY_FILE, default DATA_DIR/master.key */
    int token_ttl;          /* LOGIN_TOKEN_TTL: lifetime of /auth/login tokens, default 3600 */
    int token_max_ttl;      /* AUTH_TOKEN_MAX_TTL: longest lifetime issued; retired keys are
                               published this long, default 30 days */
    int refresh;            /* AUTH_REFRESH: users' disabled state and signing keys are re-read
                               at least this often, default 30 */
    int max_failures_user;  /* LOGIN_MAX_FAILURES: per username per window, default 5 */
    int max_failures_addr;  /* LOGIN_MAX_FAILURES_PER_ADDRESS: per client address, default 20 */
    int throttle_window;    /* LOGIN_THROTTLE_WINDOW, default 300 */
    int hash_threads;       /* LOGIN_HASH_THREADS: password hashes run at once, default 2 */
};

struct config {
    char *database_url;     /* DATABASE_URL, default sqlite://data/audition.db */
    char *host;             /* HOST, default 127.0.0.1 */
    int port;               /* PORT, default 8080 */
    char *public_url;       /* PUBLIC_URL, default http://HOST:PORT */
    char *origins[CONFIG_MAX_ORIGINS]; /* ORIGINS, comma-separated */
    size_t n_origins;
    bool origins_any;       /* ORIGINS=* */

    bool local_issuer;      /* no external issuer configured: sign our own tokens */
    char *auth_issuer;      /* expected iss (local: public_url) */
    char *auth_audience;    /* expected aud, or NULL to accept any (external only) */
    char *auth_jwks_url;    /* file://, https://, http://loopback; NULL when local */
    uint32_t algorithms;    /* ALGORITHMS, bitmask of enum jwt_alg_bit */

    char *data_dir;         /* DATA_DIR, default "data" */
    char *key_file;         /* AUTH_KEY_FILE, default DATA_DIR/signing-key.pem */
    bool hydrate;           /* HYDRATE_DB: load demo data at serve if empty */
    int threads;            /* THREADS, default: number of cores */
    bool access_log;        /* ACCESS_LOG, default on */

    /* The web app (docs/web-app.md). */
    char *web_root;         /* WEB_ROOT, default <binary's dir>/../web/dist; NULL: not found */
    char *oidc_authorize_url; /* OIDC_AUTHORIZE_URL: browser sign-in (code + PKCE); NULL: none */
    char *oidc_token_url;   /* OIDC_TOKEN_URL, required with OIDC_AUTHORIZE_URL */
    char *oidc_client_id;   /* OIDC_CLIENT_ID, required with OIDC_AUTHORIZE_URL */
    char *oidc_scopes;      /* OIDC_SCOPES, default "openid profile" */
    char *oidc_audience;    /* OIDC_AUDIENCE (Auth0's audience parameter), optional */
    char *oidc_name;        /* OIDC_PROVIDER_NAME, the button's "Sign in with …", default "single sign-on" */
    struct identity_config identity;

    /* External OIDC providers (docs/identity.md). */
    struct config_issuer issuers[CONFIG_MAX_ISSUERS]; /* AUTH_ISSUERS: trusted besides auth_issuer */
    size_t n_issuers;
    char *permissions_claim; /* AUTH_PERMISSIONS_CLAIM: claim path, or NULL (defaults) */
    struct config_role role_map[CONFIG_MAX_ROLE_MAP]; /* AUTH_ROLE_MAP */
    size_t n_role_map;
    bool log_json;          /* LOG_FORMAT=json: access log lines as JSON objects (default text) */
    char *database_read_url; /* DATABASE_READ_URL: a PostgreSQL standby for reads; NULL = none */
    int read_sticky_s;      /* READ_AFTER_WRITE_SECONDS: a writer's reads go to the primary this long */
    char *metrics_token;    /* METRICS_TOKEN: bearer for /metrics; NULL = loopback clients only */
    bool cache;             /* CACHE: representation cache (PostgreSQL: under the cache lease), default on */
    bool group_commit;      /* GROUP_COMMIT: many writes to one commit (SQLite only), default on */
    int share_rate_limit;   /* SHARE_RATE_LIMIT: GET/POST /shared/... requests per client address a minute, default 60 */
};

/* Reads a variable; returns NULL when unset. */
typedef const char *(*config_getenv_fn)(const char *name, void *ctx);

/* Fills cfg from the variables get() returns. On error returns -1 and writes
 * one sentence naming the variable into err; cfg is then freed. */
int config_load(struct config *cfg, config_getenv_fn get, void *ctx, char *err, size_t errlen);
/* config_load with the process environment. */
int config_load_env(struct config *cfg, char *err, size_t errlen);
void config_free(struct config *cfg);

#endif

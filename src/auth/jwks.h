/* JSON Web Key Sets: parsing a JWKS document into OpenSSL public keys (RSA,
 * EC P-256, Ed25519), fetching it from file://, https:// or loopback
 * http://, and a shared, refcounted current key set that is refetched (at
 * most once a minute) when a token names an unknown kid. Parsing lives in
 * jwks.c, fetching in jwks_fetch.c, the shared current set in jwks_source.c. */
#ifndef AUDITION_JWKS_H
#define AUDITION_JWKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdatomic.h>
#include <time.h>

#include <openssl/evp.h>

#define JWKS_MAX_BYTES (1024 * 1024)
#define JWKS_REFETCH_INTERVAL 60 /* seconds between refetches for unknown kids */

struct jwks_key {
    char *kid;      /* NULL when the JWK has none */
    uint32_t alg;   /* the one ALG_* bit this key verifies */
    EVP_PKEY *pkey;
};

/* An immutable key set; shared between threads by reference count. */
struct jwks {
    struct jwks_key *keys;
    size_t n;
    char *raw; /* the document it was parsed from, to detect changes */
    size_t raw_len;
    uint64_t generation;
    atomic_int refs;
};

/* Parses a JWKS document. Keys that cannot verify our algorithms (oct,
 * encryption keys, other curves, other alg values) are skipped; a set with no
 * usable key is an error. */
int jwks_parse(const char *text, size_t len, struct jwks **out, char *err, size_t errlen);
void jwks_ref(struct jwks *s);
void jwks_unref(struct jwks *s);

/* The key for kid, or with kid NULL the only key. NULL with *why set when
 * the kid is unknown or the set has several keys. */
const struct jwks_key *jwks_find(const struct jwks *s, const char *kid, const char **why);

/* Accepts file:///path, https://… and http:// to 127.0.0.0/8, localhost or
 * [::1]; everything else is refused with a sentence in err. */
int jwks_url_check(const char *url, char *err, size_t errlen);
/* Reads the document at url (at most JWKS_MAX_BYTES). *body is malloc'd and
 * NUL-terminated. */
int jwks_fetch(const char *url, char **body, size_t *len, char *err, size_t errlen);

/* The current key set of one issuer. */
struct jwks_source;

/* With url: checks and fetches it now. With url NULL: a fixed set from
 * static_json (the built-in issuer), never refetched. */
int jwks_source_open(const char *url, const char *static_json, struct jwks_source **out, char *err,
                     size_t errlen);
/* Reads the document: malloc'd, NUL-terminated, NULL on failure. */
typedef char *(*jwks_loader_fn)(void *ctx);
/* A set read through loader now and again on unknown kids, at most every
 * interval seconds. */
int jwks_source_open_loader(jwks_loader_fn loader, void *ctx, int interval, struct jwks_source **out, char *err,
                            size_t errlen);
void jwks_source_close(struct jwks_source *src);
/* A reference to the current set; jwks_unref() it when done. */
struct jwks *jwks_source_get(struct jwks_source *src);
/* The generation of the current set (changes whenever the keys do). */
uint64_t jwks_source_generation(struct jwks_source *src);
/* Called on an unknown kid: refetches unless one happened in the last
 * JWKS_REFETCH_INTERVAL seconds (waits for one already running). Returns
 * true when the caller should look again. A changed document bumps the
 * generation; an unchanged or unreadable one leaves the set as it was. */
bool jwks_source_refresh(struct jwks_source *src, time_t now);
/* How many fetches (initial one included) this source has made. */
uint64_t jwks_source_fetches(struct jwks_source *src);

#endif

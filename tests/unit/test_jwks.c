/* Key sets: where they may come from (file://, https://, loopback http:// —
 * served here by a tiny in-process HTTP server), what a JWKS may contain,
 * the rate-limited refetch on an unknown kid, cache flushing when keys
 * change, and concurrent checking during a refetch. */
#include "auth_fixture.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <sys/socket.h>

#include "auth/jwks.h"
#include "auth/token_cache.h"

static EVP_PKEY *r1, *r2, *r3;

static void setup(void)
{
    fx_setup();
    r1 = fx_rsa(2048);
}

static void teardown(void)
{
    fx_teardown();
    EVP_PKEY_free(r1);
    EVP_PKEY_free(r2);
    EVP_PKEY_free(r3);
    r1 = r2 = r3 = NULL;
}

TestSuite(jwks, .init = setup, .fini = teardown, .timeout = 60);

static int open_err(char *err, size_t errlen)
{
    err[0] = '\0';
    return auth_open(&fx.cfg, NULL, &fx.auth, err, errlen);
}

/* ---- URL policy ------------------------------------------------------------- */

Test(jwks, http_to_a_remote_host_is_refused_at_open)
{
    char err[512];
    fx.cfg.auth_jwks_url = "http://example.com/.well-known/jwks.json";
    cr_assert_eq(open_err(err, sizeof err), -1);
    cr_assert_null(fx.auth);
    cr_assert_not_null(strstr(err, "AUTH_JWKS_URL"), "%s", err);
    cr_assert_not_null(strstr(err, "loopback"), "%s", err);
}

Test(jwks, url_policy)
{
    const char *good[] = {"https://idp.example.com/.well-known/jwks.json",
                          "http://127.0.0.1:8080/jwks",
                          "http://127.9.8.7/jwks",
                          "http://localhost:5556/keys",
                          "http://LOCALHOST/keys",
                          "http://[::1]:8080/jwks",
                          "file:///etc/audition/jwks.json",
                          "file://localhost/etc/jwks.json"};
    const char *bad[] = {"http://example.com/jwks",
                         "http://128.0.0.1/jwks",
                         "http://10.0.0.1/jwks",
                         "http://localhost.evil.test/jwks",
                         "http://127.0.0.1.evil.test/jwks",
                         "http://[::2]/jwks",
                         "http://[::ffff:127.0.0.1]/jwks",
                         "http://user@/jwks",
                         "ftp://127.0.0.1/jwks",
                         "file://relative/jwks.json",
                         "jwks.json",
                         ""};
    char err[256];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        cr_assert_eq(jwks_url_check(good[i], err, sizeof err), 0, "%s: %s", good[i], err);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(jwks_url_check(bad[i], err, sizeof err), -1, "%s accepted", bad[i]);
}

Test(jwks, missing_file_fails_open)
{
    char err[512];
    cr_assert_eq(open_err(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "AUTH_JWKS_URL"), "%s", err);
}

Test(jwks, missing_url_or_issuer_fails_open)
{
    char err[512];
    fx.cfg.auth_jwks_url = NULL;
    cr_assert_eq(open_err(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "AUTH_JWKS_URL"), "%s", err);
    fx.cfg.auth_jwks_url = fx.url;
    fx.cfg.auth_issuer = NULL;
    cr_assert_eq(open_err(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "AUTH_ISSUER"), "%s", err);
    fx.cfg.auth_issuer = FX_ISSUER;
    fx.cfg.algorithms = 0;
    cr_assert_eq(open_err(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "ALGORITHMS"), "%s", err);
}

Test(jwks, oversized_file_fails_open)
{
    FILE *f = fopen(fx.jwks_path, "w");
    fputs("{\"keys\":[", f);
    for (int i = 0; i < 1100 * 1024; i++)
        fputc(' ', f);
    fputs("]}", f);
    fclose(f);
    char err[512];
    cr_assert_eq(open_err(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "1 MiB"), "%s", err);
}

/* ---- JWKS contents -------------------------------------------------------------- */

Test(jwks, a_set_without_usable_keys_fails_open)
{
    fx_write_file(fx.jwks_path, "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"c2VjcmV0\"}]}");
    char err[512];
    cr_assert_eq(open_err(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "no usable"), "%s", err);
    fx_write_file(fx.jwks_path, "{\"keys\":{}}");
    cr_assert_eq(open_err(err, sizeof err), -1);
    fx_write_file(fx.jwks_path, "[]");
    cr_assert_eq(open_err(err, sizeof err), -1);
    fx_write_file(fx.jwks_path, "{\"keys\":[],\"keys\":[]}");
    cr_assert_eq(open_err(err, sizeof err), -1);
}

Test(jwks, unusable_keys_are_skipped)
{
    EVP_PKEY *ec = fx_ec();
    json_t *enc = fx_jwk(r1, "enc");
    json_object_set_new(enc, "use", json_string("enc"));
    json_t *ps = fx_jwk(r1, "ps");
    json_object_set_new(ps, "alg", json_string("PS256"));
    json_t *ops = fx_jwk(r1, "ops");
    json_object_set_new(ops, "key_ops", json_pack("[s]", "encrypt"));
    json_t *p384 = fx_jwk(ec, "p384");
    json_object_set_new(p384, "crv", json_string("P-384"));
    json_t *off_curve = fx_jwk(ec, "off");
    json_object_set_new(off_curve, "y", json_string("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    json_t *good = fx_jwk(r1, "good");
    json_object_set_new(good, "alg", json_string("RS256"));
    json_object_set_new(good, "use", json_string("sig"));
    json_t *oct = json_pack("{s:s, s:s, s:s}", "kty", "oct", "kid", "oct", "k", "c2VjcmV0");
    fx_write_jwks(enc, ps, ops, p384, off_curve, oct, good);

    char body[1 << 16];
    FILE *f = fopen(fx.jwks_path, "r");
    size_t n = fread(body, 1, sizeof body, f);
    fclose(f);
    struct jwks *set = NULL;
    char msg[256];
    cr_assert_eq(jwks_parse(body, n, &set, msg, sizeof msg), 0, "%s", msg);
    cr_assert_eq(set->n, 1);
    cr_assert_str_eq(set->keys[0].kid, "good");
    const char *why = NULL;
    cr_assert_null(jwks_find(set, "enc", &why));
    cr_assert_str_eq(why, "unknown key id");
    jwks_unref(set);
    EVP_PKEY_free(ec);
}

Test(jwks, padded_base64_in_a_jwk_is_tolerated)
{
    /* Some providers pad JWK members ("...=" for 32-byte coordinates). */
    EVP_PKEY *ec = fx_ec();
    json_t *k = fx_jwk(ec, "e1");
    const char *coords[] = {"x", "y"};
    for (int i = 0; i < 2; i++) {
        char padded[64];
        snprintf(padded, sizeof padded, "%s=", json_string_value(json_object_get(k, coords[i])));
        json_object_set_new(k, coords[i], json_string(padded));
    }
    fx_write_jwks(k);
    fx_open();
    fx_expect_ok(fx_token(ec, "e1"), NULL);
    EVP_PKEY_free(ec);
}

/* ---- refetch on an unknown kid ------------------------------------------------------ */

Test(jwks, rotated_key_is_accepted_after_one_refetch_and_then_rate_limited)
{
    r2 = fx_rsa(2048);
    r3 = fx_rsa(2048);
    fx_write_jwks(fx_jwk(r1, "k1"));
    fx_open();
    struct auth_stats s;
    auth_stats(fx.auth, &s);
    cr_assert_eq(s.jwks_fetches, 1);

    fx_write_jwks(fx_jwk(r1, "k1"), fx_jwk(r2, "k2")); /* the provider rotates */
    fx_expect_ok(fx_token(r2, "k2"), NULL);
    auth_stats(fx.auth, &s);
    cr_assert_eq(s.jwks_fetches, 2);

    fx_write_jwks(fx_jwk(r2, "k2"), fx_jwk(r3, "k3")); /* and again, within the minute */
    fx_expect_invalid(fx_token(r3, "k3"), "unknown key id");
    fx_expect_invalid(fx_token(r3, "k4"), "unknown key id");
    auth_stats(fx.auth, &s);
    cr_assert_eq(s.jwks_fetches, 2, "a second unknown kid within a minute must not refetch");
    /* The set in use is still the one fetched before: k1 still verifies. */
    fx_expect_ok(fx_token(r1, "k1"), NULL);
}

Test(jwks, refetch_rate_limit_follows_the_clock)
{
    fx_write_jwks(fx_jwk(r1, "k1"));
    struct jwks_source *src;
    char err[256];
    cr_assert_eq(jwks_source_open(fx.url, NULL, &src, err, sizeof err), 0, "%s", err);
    time_t t0 = 1000000;
    cr_assert(jwks_source_refresh(src, t0));
    cr_assert_eq(jwks_source_generation(src), 1, "same document: same keys");
    cr_assert_not(jwks_source_refresh(src, t0 + 10));
    cr_assert_not(jwks_source_refresh(src, t0 + JWKS_REFETCH_INTERVAL - 1));
    cr_assert_eq(jwks_source_fetches(src), 2);
    r2 = fx_rsa(2048);
    fx_write_jwks(fx_jwk(r2, "k2"));
    cr_assert(jwks_source_refresh(src, t0 + JWKS_REFETCH_INTERVAL));
    cr_assert_eq(jwks_source_generation(src), 2);
    struct jwks *set = jwks_source_get(src);
    const char *why;
    cr_assert_not_null(jwks_find(set, "k2", &why));
    cr_assert_null(jwks_find(set, "k1", &why));
    jwks_unref(set);
    jwks_source_close(src);
}

Test(jwks, failed_refetch_keeps_the_old_keys)
{
    fx_write_jwks(fx_jwk(r1, "k1"));
    fx_open();
    fx_write_file(fx.jwks_path, "garbage");
    fx_expect_invalid(fx_token(r1, "k9"), "unknown key id");
    struct auth_stats s;
    auth_stats(fx.auth, &s);
    cr_assert_eq(s.jwks_fetches, 2);
    fx_expect_ok(fx_token(r1, "k1"), NULL);
}

Test(jwks, changed_keys_flush_the_cache)
{
    r2 = fx_rsa(2048);
    fx_write_jwks(fx_jwk(r1, "k1"));
    fx_open();
    char *old = fx_token(r1, "k1");
    cr_assert_eq(fx_check(old, NULL), AUTH_OK);
    cr_assert_eq(fx_check(old, NULL), AUTH_OK); /* now cached */

    fx_write_jwks(fx_jwk(r2, "k2")); /* k1 revoked */
    fx_expect_ok(fx_token(r2, "k2"), NULL);
    cr_assert_eq(fx_check(old, NULL), AUTH_INVALID, "a revoked key's cached token must not pass");
    cr_assert_str_eq(fx.why, "unknown key id");
    free(old);
}

Test(jwks, unchanged_keys_keep_the_cache)
{
    fx_write_jwks(fx_jwk(r1, "k1"));
    fx_open();
    char *tok = fx_token(r1, "k1");
    cr_assert_eq(fx_check(tok, NULL), AUTH_OK);
    fx_expect_invalid(fx_token(r1, "unknown"), "unknown key id"); /* refetches the same document */
    struct auth_stats before, after;
    auth_stats(fx.auth, &before);
    cr_assert_eq(before.jwks_fetches, 2);
    cr_assert_eq(fx_check(tok, NULL), AUTH_OK);
    auth_stats(fx.auth, &after);
    cr_assert_eq(after.cache_hits, before.cache_hits + 1);
    free(tok);
}

/* ---- loopback http:// ----------------------------------------------------------------- */

struct server {
    int fd;
    int port;
    pthread_t thread;
    char *body;
    size_t body_len;
    int status;
    bool content_length;
    int requests;
    int delay_ms; /* before answering */
};

static void serve_one(struct server *s, int c)
{
    char req[4096];
    size_t n = 0;
    while (n < sizeof req - 1) {
        ssize_t r = recv(c, req + n, sizeof req - 1 - n, 0);
        if (r <= 0)
            break;
        n += (size_t)r;
        req[n] = '\0';
        if (strstr(req, "\r\n\r\n"))
            break;
    }
    usleep((useconds_t)__atomic_load_n(&s->delay_ms, __ATOMIC_SEQ_CST) * 1000);
    char *body = __atomic_load_n(&s->body, __ATOMIC_SEQ_CST);
    size_t body_len = __atomic_load_n(&s->body_len, __ATOMIC_SEQ_CST);
    char head[256];
    int hl = s->content_length
                 ? snprintf(head, sizeof head, "HTTP/1.1 %d X\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                            s->status, body_len)
                 : snprintf(head, sizeof head, "HTTP/1.1 %d X\r\nConnection: close\r\n\r\n", s->status);
    send(c, head, (size_t)hl, MSG_NOSIGNAL);
    for (size_t off = 0; off < body_len;) {
        ssize_t w = send(c, body + off, body_len - off, MSG_NOSIGNAL);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    close(c);
}

static void *server_main(void *arg)
{
    struct server *s = arg;
    for (;;) {
        int c = accept(s->fd, NULL, NULL);
        if (c < 0)
            return NULL;
        __atomic_add_fetch(&s->requests, 1, __ATOMIC_SEQ_CST);
        serve_one(s, c);
    }
}

static void server_start(struct server *s, char *body, size_t len, int status, bool content_length)
{
    memset(s, 0, sizeof *s);
    s->body = body;
    s->body_len = len;
    s->status = status;
    s->content_length = content_length;
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    cr_assert_eq(bind(s->fd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(s->fd, 8), 0);
    socklen_t al = sizeof a;
    getsockname(s->fd, (struct sockaddr *)&a, &al);
    s->port = ntohs(a.sin_port);
    pthread_create(&s->thread, NULL, server_main, s);
}

static void server_stop(struct server *s)
{
    shutdown(s->fd, SHUT_RDWR);
    close(s->fd);
    pthread_join(s->thread, NULL);
}

static char *jwks_text(json_t *jwk)
{
    json_t *doc = json_pack("{s:[o]}", "keys", jwk);
    char *t = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    return t;
}

Test(jwks, loopback_http_is_fetched)
{
    char *body = jwks_text(fx_jwk(r1, "k1"));
    struct server s;
    server_start(&s, body, strlen(body), 200, true);
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/.well-known/jwks.json", s.port);
    fx.cfg.auth_jwks_url = url;
    fx_open();
    fx_expect_ok(fx_token(r1, "k1"), NULL);
    cr_assert_eq(s.requests, 1);
    fx_expect_invalid(fx_token(r1, "k2"), "unknown key id");
    cr_assert_eq(s.requests, 2, "an unknown kid refetches over http too");
    auth_close(fx.auth);
    fx.auth = NULL;
    server_stop(&s);
    free(body);
}

static void *check_one(void *arg)
{
    struct auth_claims c;
    char h[4096];
    snprintf(h, sizeof h, "Bearer %s", (char *)arg);
    return (void *)(intptr_t)auth_check(fx.auth, h, &c, NULL);
}

Test(jwks, new_kid_waits_for_the_refetch_already_running)
{
    r2 = fx_rsa(2048);
    char *before = jwks_text(fx_jwk(r1, "k1"));
    struct server s;
    server_start(&s, before, strlen(before), 200, true);
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/jwks", s.port);
    fx.cfg.auth_jwks_url = url;
    fx_open();

    json_t *doc = json_pack("{s:[o, o]}", "keys", fx_jwk(r1, "k1"), fx_jwk(r2, "k2"));
    char *after = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    __atomic_store_n(&s.body_len, strlen(after), __ATOMIC_SEQ_CST);
    __atomic_store_n(&s.body, after, __ATOMIC_SEQ_CST);
    __atomic_store_n(&s.delay_ms, 400, __ATOMIC_SEQ_CST);

    char *tok_a = fx_token(r2, "k2");
    json_t *c = fx_claims();
    json_object_set_new(c, "jti", json_string("b"));
    char *tok_b = fx_token_with(r2, "k2", c);
    pthread_t a, b;
    void *ra, *rb;
    pthread_create(&a, NULL, check_one, tok_a);
    usleep(100 * 1000); /* a is now waiting on the slow server */
    pthread_create(&b, NULL, check_one, tok_b);
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    cr_assert_eq((intptr_t)ra, AUTH_OK);
    cr_assert_eq((intptr_t)rb, AUTH_OK, "the second thread must wait for the running refetch");
    cr_assert_eq(s.requests, 2, "one refetch only");

    auth_close(fx.auth);
    fx.auth = NULL;
    server_stop(&s);
    free(tok_a);
    free(tok_b);
    free(before);
    free(after);
}

Test(jwks, http_error_status_fails_open)
{
    char body[] = "{\"keys\":[]}";
    struct server s;
    server_start(&s, body, strlen(body), 404, true);
    char url[128], err[512];
    snprintf(url, sizeof url, "http://localhost:%d/jwks", s.port);
    fx.cfg.auth_jwks_url = url;
    cr_assert_eq(open_err(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "404"), "%s", err);
    server_stop(&s);
}

static void oversized_over_http(bool content_length)
{
    size_t len = JWKS_MAX_BYTES + 4096;
    char *body = malloc(len);
    memset(body, ' ', len);
    memcpy(body, "{\"keys\":[", 9);
    memcpy(body + len - 2, "]}", 2);
    struct server s;
    server_start(&s, body, len, 200, content_length);
    char url[128], err[512];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/jwks", s.port);
    fx.cfg.auth_jwks_url = url;
    cr_assert_eq(open_err(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "1 MiB"), "%s", err);
    server_stop(&s);
    free(body);
}

Test(jwks, oversized_http_body_is_refused) { oversized_over_http(true); }

Test(jwks, oversized_http_body_without_length_is_refused) { oversized_over_http(false); }

/* ---- threads ------------------------------------------------------------------------- */

#define N_THREADS 6
#define N_TOKENS 8

struct worker {
    char **tokens;
    int failures;
};

static void *check_loop(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < 400; i++) {
        struct auth_claims c;
        char h[4096];
        snprintf(h, sizeof h, "Bearer %s", w->tokens[i % N_TOKENS]);
        if (auth_check(fx.auth, h, &c, NULL) != AUTH_OK || c.perms != (PERM_READ_ACTORS | PERM_CREATE_MOVIES))
            w->failures++;
    }
    return NULL;
}

Test(jwks, concurrent_checks_during_a_refetch)
{
    r2 = fx_rsa(2048);
    fx_write_jwks(fx_jwk(r1, "k1"));
    fx_open();
    char *tokens[N_TOKENS];
    for (int i = 0; i < N_TOKENS; i++) {
        json_t *c = fx_claims();
        json_object_set_new(c, "jti", json_integer(i));
        tokens[i] = fx_token_with(r1, "k1", c);
    }
    fx_write_jwks(fx_jwk(r1, "k1"), fx_jwk(r2, "k2"));
    pthread_t th[N_THREADS];
    struct worker w[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        w[i] = (struct worker){tokens, 0};
        pthread_create(&th[i], NULL, check_loop, &w[i]);
    }
    fx_expect_ok(fx_token(r2, "k2"), NULL); /* a refetch while the workers run */
    for (int i = 0; i < N_THREADS; i++) {
        pthread_join(th[i], NULL);
        cr_assert_eq(w[i].failures, 0);
    }
    for (int i = 0; i < N_TOKENS; i++)
        free(tokens[i]);
}

/* ---- the cache itself ------------------------------------------------------------------ */

Test(jwks, token_cache_is_bounded_and_generation_tagged)
{
    struct token_cache *c = token_cache_new(64);
    unsigned char d[TOKEN_DIGEST_LEN];
    struct auth_claims in = {.perms = 3, .exp = 100}, out;
    for (int i = 0; i < 1000; i++) {
        memset(d, 0, sizeof d);
        memcpy(d, &i, sizeof i);
        in.exp = 1000 + i;
        token_cache_put(c, d, 1, &in);
    }
    int present = 0;
    for (int i = 0; i < 1000; i++) {
        memset(d, 0, sizeof d);
        memcpy(d, &i, sizeof i);
        present += token_cache_get(c, d, 1, &out);
    }
    cr_assert_leq(present, 64);
    cr_assert_geq(present, 32);
    memset(d, 0, sizeof d);
    int last = 999;
    memcpy(d, &last, sizeof last);
    cr_assert(token_cache_get(c, d, 1, &out), "the newest entry survives");
    cr_assert_eq(out.exp, 1999);
    cr_assert_not(token_cache_get(c, d, 2, &out), "another generation misses");
    cr_assert_not(token_cache_get(c, d, 1, &out), "and drops the stale entry");
    token_cache_put(c, d, 1, &in);
    token_cache_remove(c, d);
    cr_assert_not(token_cache_get(c, d, 1, &out));
    token_cache_free(c);
}

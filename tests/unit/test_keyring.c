/* The built-in issuer's keys in the database: the master key file (created
 * 0600, refused when readable by others or wrong), sealed private keys, the
 * legacy PEM import, the public JWKS, minted tokens verifying, and rotation
 * (old tokens still verify, the retired key leaves the JWKS when it expires). */
#include "auth_fixture.h"

#include <openssl/pem.h>

#include "auth/jwt.h"
#include "auth/keyring.h"
#include "store/store.h"

#define LOCAL_ISSUER "http://127.0.0.1:8080"
#define LOCAL_AUDIENCE "audition"

static char data_dir[128], key_file[192], master_file[192], db_url[256];
static struct store_pool *pool;
static struct keyring *ring;

static void local_setup(void)
{
    fx_setup();
    snprintf(data_dir, sizeof data_dir, "%s/data", fx.dir);
    snprintf(key_file, sizeof key_file, "%s/signing-key.pem", data_dir);
    snprintf(master_file, sizeof master_file, "%s/master.key", data_dir);
    snprintf(db_url, sizeof db_url, "sqlite://%s/t.db", fx.dir);
    fx.cfg.local_issuer = true;
    fx.cfg.auth_jwks_url = NULL;
    fx.cfg.auth_issuer = LOCAL_ISSUER;
    fx.cfg.auth_audience = LOCAL_AUDIENCE;
    fx.cfg.algorithms = ALG_RS256;
    fx.cfg.data_dir = data_dir;
    fx.cfg.key_file = key_file;
    fx.cfg.identity.master_key_file = master_file;
    fx.cfg.identity.token_max_ttl = 3600;
    fx.cfg.identity.refresh = 30;
    char err[256] = "";
    cr_assert_eq(store_pool_open(db_url, 2, &pool, err, sizeof err), STORE_OK, "%s", err);
    struct store_conn *c;
    cr_assert_eq(store_acquire(pool, 1000, &c), STORE_OK);
    cr_assert_eq(store_pool_ops(pool)->migrate(c), STORE_OK);
    store_release(pool, c);
}

static void local_teardown(void)
{
    auth_close(fx.auth);
    fx.auth = NULL;
    keyring_close(ring);
    ring = NULL;
    store_pool_close(pool);
    fx_teardown();
}

TestSuite(keyring, .init = local_setup, .fini = local_teardown, .timeout = 60);

static int open_ring(char *err, size_t errlen)
{
    return keyring_open(&fx.cfg, pool, &ring, err, errlen);
}

static void open_all(void)
{
    char err[512] = "";
    cr_assert_eq(open_ring(err, sizeof err), 0, "keyring_open: %s", err);
    cr_assert_eq(auth_open(&fx.cfg, ring, &fx.auth, err, sizeof err), 0, "auth_open: %s", err);
}

static void close_all(void)
{
    auth_close(fx.auth);
    fx.auth = NULL;
    keyring_close(ring);
    ring = NULL;
}

static char *mint(enum role r)
{
    char err[256] = "";
    char *tok = auth_mint_local(fx.auth, "admin", r, 3600, err, sizeof err);
    cr_assert_not_null(tok, "%s", err);
    return tok;
}

static json_t *jwks_doc(void)
{
    char *text = auth_local_jwks(fx.auth);
    cr_assert_not_null(text);
    json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
    free(text);
    cr_assert_not_null(doc);
    return doc;
}

static const char *token_kid(const char *tok, char *buf, size_t len)
{
    const char *dot = strchr(tok, '.');
    unsigned char raw[1024];
    size_t n;
    cr_assert_eq(b64url_decode(tok, (size_t)(dot - tok), raw, &n, false), 0);
    json_t *h = json_loadb((const char *)raw, n, 0, NULL);
    snprintf(buf, len, "%s", json_string_value(json_object_get(h, "kid")));
    json_decref(h);
    return buf;
}

Test(keyring, master_key_is_created_0600_and_the_jwks_has_one_public_key)
{
    open_all();
    struct stat st;
    cr_assert_eq(stat(master_file, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", st.st_mode & 0777);
    cr_assert_neq(stat(key_file, &st), 0, "no PEM file is written any more");
    json_t *doc = jwks_doc();
    json_t *keys = json_object_get(doc, "keys");
    cr_assert_eq(json_array_size(keys), 1);
    json_t *k = json_array_get(keys, 0);
    cr_assert_str_eq(json_string_value(json_object_get(k, "kty")), "RSA");
    cr_assert_str_eq(json_string_value(json_object_get(k, "alg")), "RS256");
    cr_assert_null(json_object_get(k, "d"));
    cr_assert_eq(json_object_size(k), 6);
    json_decref(doc);
}

Test(keyring, keys_are_reused_and_old_tokens_verify_after_a_restart)
{
    open_all();
    char *first = auth_local_jwks(fx.auth);
    char *tok = mint(ROLE_DIRECTOR);
    close_all();
    open_all();
    char *second = auth_local_jwks(fx.auth);
    cr_assert_str_eq(second, first);
    struct auth_claims c;
    fx_expect_ok(tok, &c);
    cr_assert_eq(c.perms, role_perms(ROLE_DIRECTOR));
    free(first);
    free(second);
}

Test(keyring, a_different_master_key_cannot_open_the_keys)
{
    open_all();
    close_all();
    fx_write_file(master_file, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
    chmod(master_file, 0600);
    char err[512] = "";
    cr_assert_eq(open_ring(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "AUTH_MASTER_KEY_FILE"), "%s", err);
}

Test(keyring, a_master_key_readable_by_others_is_refused)
{
    open_all();
    close_all();
    chmod(master_file, 0644);
    char err[512] = "";
    cr_assert_eq(open_ring(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "readable by others"), "%s", err);
}

Test(keyring, the_legacy_pem_key_is_imported)
{
    mkdir(data_dir, 0700);
    EVP_PKEY *k = fx_rsa(2048);
    FILE *f = fopen(key_file, "w");
    PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL);
    fclose(f);
    open_all();
    json_t *doc = jwks_doc(), *want = fx_jwk(k, "x");
    json_t *got = json_array_get(json_object_get(doc, "keys"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(got, "n")), json_string_value(json_object_get(want, "n")));
    json_decref(doc);
    json_decref(want);
    EVP_PKEY_free(k);
}

Test(keyring, a_garbage_legacy_key_file_fails_open)
{
    mkdir(data_dir, 0700);
    fx_write_file(key_file, "not a key\n");
    char err[512] = "";
    cr_assert_eq(open_ring(err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "AUTH_KEY_FILE"), "%s", err);
}

Test(keyring, minted_tokens_carry_the_role_and_verify)
{
    open_all();
    struct auth_claims c;
    fx_expect_ok(mint(ROLE_PRODUCER), &c);
    cr_assert_eq(c.perms, role_perms(ROLE_PRODUCER));
    cr_assert_str_eq(c.sub, "admin");
}

Test(keyring, tokens_of_other_keys_are_refused)
{
    open_all();
    char kid[64];
    char *mine = mint(ROLE_ASSISTANT);
    token_kid(mine, kid, sizeof kid);
    free(mine);
    EVP_PKEY *other = fx_rsa(2048);
    json_t *claims = fx_claims();
    json_object_set_new(claims, "iss", json_string(LOCAL_ISSUER));
    json_object_set_new(claims, "aud", json_string(LOCAL_AUDIENCE));
    fx_expect_invalid(fx_token_with(other, kid, claims), "bad signature");
    EVP_PKEY_free(other);
}

Test(keyring, rotation_keeps_old_tokens_valid_and_signs_with_the_new_key)
{
    open_all();
    char *old = mint(ROLE_DIRECTOR);
    char old_kid[64], new_kid[128], tok_kid[64], err[256] = "";
    token_kid(old, old_kid, sizeof old_kid);
    cr_assert_eq(keyring_rotate(ring, -1, new_kid, sizeof new_kid, err, sizeof err), 0, "%s", err);
    cr_assert_str_neq(new_kid, old_kid);
    json_t *doc = jwks_doc();
    cr_assert_eq(json_array_size(json_object_get(doc, "keys")), 2, "both keys are published");
    json_decref(doc);
    fx_expect_ok(old, NULL);
    char *fresh = mint(ROLE_DIRECTOR);
    cr_assert_str_eq(token_kid(fresh, tok_kid, sizeof tok_kid), new_kid);
    fx_expect_ok(fresh, NULL);
}

Test(keyring, a_retired_key_leaves_the_jwks_when_it_expires)
{
    open_all();
    char kid[128], err[256] = "";
    cr_assert_eq(keyring_rotate(ring, -1, kid, sizeof kid, err, sizeof err), 0, "%s", err);
    struct store_conn *c;
    cr_assert_eq(store_acquire(pool, 1000, &c), STORE_OK);
    struct arena a;
    arena_init(&a);
    struct signing_key_row *rows;
    size_t n;
    int64_t now = (int64_t)time(NULL);
    cr_assert_eq(store_pool_ops(pool)->key_list(c, now, &a, &rows, &n), STORE_OK);
    cr_assert_eq(n, 2);
    /* Both keys may have the same created_at second: find the retired one by kid. */
    const struct signing_key_row *retired = strcmp(rows[0].kid, kid) == 0 ? &rows[1] : &rows[0];
    cr_assert_str_neq(retired->kid, kid);
    cr_assert_eq(retired->expires_at, retired->retired_at + 3600 + JWT_CLOCK_SKEW, "max ttl plus the skew");
    cr_assert_eq(store_pool_ops(pool)->key_list(c, now + 3600 + JWT_CLOCK_SKEW + 1, &a, &rows, &n), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(rows[0].kid, kid);
    arena_free(&a);
    store_release(pool, c);
}

Test(keyring, rotation_with_keep_zero_drops_the_old_key_within_the_refresh_interval)
{
    fx.cfg.identity.refresh = 1;
    open_all();
    char *old = mint(ROLE_DIRECTOR);
    char kid[128], err[256] = "";
    cr_assert_eq(keyring_rotate(ring, 0, kid, sizeof kid, err, sizeof err), 0, "%s", err);
    sleep(2);  /* past the key's expiry (now + 0) and AUTH_REFRESH (1 s): the keys are re-read */
    fx_expect_invalid(old, "unknown key id");
    json_t *doc = jwks_doc();
    cr_assert_eq(json_array_size(json_object_get(doc, "keys")), 1);
    json_decref(doc);
}

Test(keyring, rs256_must_be_allowed)
{
    fx.cfg.algorithms = ALG_ES256;
    char err[512] = "";
    cr_assert_eq(open_ring(err, sizeof err), 0, "%s", err);
    cr_assert_eq(auth_open(&fx.cfg, ring, &fx.auth, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "ALGORITHMS"), "%s", err);
}

Test(keyring, mint_needs_sane_arguments)
{
    open_all();
    char err[256];
    cr_assert_null(auth_mint_local(fx.auth, NULL, ROLE_PRODUCER, 60, err, sizeof err));
    cr_assert_null(auth_mint_local(fx.auth, "x", ROLE_PRODUCER, 0, err, sizeof err));
    cr_assert_null(auth_mint_local(fx.auth, "x", (enum role)7, 60, err, sizeof err));
}

Test(keyring, external_issuer_has_no_local_key)
{
    EVP_PKEY *k = fx_rsa(2048);
    fx_write_jwks(fx_jwk(k, "k1"));
    fx.cfg.local_issuer = false;
    fx.cfg.auth_jwks_url = fx.url;
    char err[256] = "";
    cr_assert_eq(auth_open(&fx.cfg, NULL, &fx.auth, err, sizeof err), 0, "%s", err);
    cr_assert_null(auth_local_jwks(fx.auth));
    cr_assert_null(auth_mint_local(fx.auth, "x", ROLE_PRODUCER, 60, err, sizeof err));
    cr_assert_neq(err[0], '\0');
    EVP_PKEY_free(k);
}

Test(keyring, only_built_in_tokens_answer_to_the_users_table)
{
    /* An external issuer trusted next to the built-in one: its subjects are
     * its own business, even when they look like "user:<id>". */
    EVP_PKEY *k = fx_rsa(2048);
    fx_write_jwks(fx_jwk(k, "ext"));
    fx.cfg.issuers[0] = (struct config_issuer){FX_ISSUER, fx.url, FX_AUDIENCE, NULL};
    fx.cfg.n_issuers = 1;
    open_all();
    json_t *claims = fx_claims();
    json_object_set_new(claims, "sub", json_string("user:424242"));
    fx_expect_ok(fx_token_with(k, "ext", claims), NULL);
    char err[256] = "";
    char *own = auth_mint_local(fx.auth, "user:424242", ROLE_DIRECTOR, 3600, err, sizeof err);
    cr_assert_not_null(own, "%s", err);
    fx_expect_invalid(own, "user disabled");
    EVP_PKEY_free(k);
}

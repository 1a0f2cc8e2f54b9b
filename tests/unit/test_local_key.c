/* The built-in issuer: its key file (created 0600 in a 0700 DATA_DIR,
 * reused on the next start, refused when not a usable RSA key), its public
 * JWKS, and minted tokens verifying against it and nothing else. */
#include "auth_fixture.h"

#include <openssl/pem.h>

#include "auth/jwt.h"

#define LOCAL_ISSUER "http://127.0.0.1:8080"
#define LOCAL_AUDIENCE "audition"

static char data_dir[128], key_file[192];

static void local_setup(void)
{
    fx_setup();
    snprintf(data_dir, sizeof data_dir, "%s/data", fx.dir);
    snprintf(key_file, sizeof key_file, "%s/signing-key.pem", data_dir);
    fx.cfg.local_issuer = true;
    fx.cfg.auth_jwks_url = NULL;
    fx.cfg.auth_issuer = LOCAL_ISSUER;
    fx.cfg.auth_audience = LOCAL_AUDIENCE;
    fx.cfg.algorithms = ALG_RS256;
    fx.cfg.data_dir = data_dir;
    fx.cfg.key_file = key_file;
}

TestSuite(local, .init = local_setup, .fini = fx_teardown, .timeout = 60);

static char *mint(enum role r)
{
    char err[256] = "";
    char *tok = auth_mint_local(fx.auth, "admin", r, 3600, err, sizeof err);
    cr_assert_not_null(tok, "%s", err);
    return tok;
}

static json_t *segment_json(const char *tok, int index)
{
    const char *start = tok;
    for (int i = 0; i < index; i++)
        start = strchr(start, '.') + 1;
    const char *end = strchr(start, '.');
    size_t len = end ? (size_t)(end - start) : strlen(start);
    unsigned char buf[4096];
    size_t n;
    cr_assert_eq(b64url_decode(start, len, buf, &n, false), 0);
    json_t *j = json_loadb((const char *)buf, n, 0, NULL);
    cr_assert_not_null(j);
    return j;
}

Test(local, key_is_created_0600_in_a_0700_directory)
{
    fx_open();
    struct stat st;
    cr_assert_eq(stat(key_file, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0600, "key mode %o", st.st_mode & 0777);
    cr_assert_eq(stat(data_dir, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0700, "dir mode %o", st.st_mode & 0777);
    FILE *f = fopen(key_file, "r");
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    cr_assert_not_null(k, "an unencrypted PEM private key");
    cr_assert(EVP_PKEY_is_a(k, "RSA"));
    cr_assert_eq(EVP_PKEY_get_bits(k), 2048);
    EVP_PKEY_free(k);
}

Test(local, key_is_reused_on_the_second_open)
{
    fx_open();
    char *first = strdup(auth_local_jwks(fx.auth));
    char *tok = mint(ROLE_DIRECTOR);
    auth_close(fx.auth);
    fx.auth = NULL;
    fx_open();
    cr_assert_str_eq(auth_local_jwks(fx.auth), first, "the same key after a restart");
    fx_expect_ok(tok, NULL); /* a token from before the restart still verifies */
    free(first);
}

Test(local, jwks_publishes_only_the_public_key)
{
    fx_open();
    const char *text = auth_local_jwks(fx.auth);
    cr_assert_not_null(text);
    json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
    json_t *keys = json_object_get(doc, "keys");
    cr_assert_eq(json_array_size(keys), 1);
    json_t *k = json_array_get(keys, 0);
    cr_assert_str_eq(json_string_value(json_object_get(k, "kty")), "RSA");
    cr_assert_str_eq(json_string_value(json_object_get(k, "alg")), "RS256");
    cr_assert_str_eq(json_string_value(json_object_get(k, "use")), "sig");
    cr_assert_geq(strlen(json_string_value(json_object_get(k, "kid"))), 16);
    cr_assert_null(json_object_get(k, "d"));
    cr_assert_null(json_object_get(k, "p"));
    cr_assert_eq(json_object_size(k), 6);
    /* keys in alphabetical order, as everything we publish */
    cr_assert_eq(strncmp(text, "{\"keys\":[{\"alg\":\"RS256\",\"e\":", 28), 0, "%s", text);
    json_decref(doc);
}

Test(local, minted_token_verifies_with_the_role_permissions)
{
    fx_open();
    char *tok = mint(ROLE_PRODUCER);
    json_t *hdr = segment_json(tok, 0), *payload = segment_json(tok, 1);
    cr_assert_str_eq(json_string_value(json_object_get(hdr, "alg")), "RS256");
    cr_assert_not_null(json_string_value(json_object_get(hdr, "kid")));
    cr_assert_str_eq(json_string_value(json_object_get(payload, "iss")), LOCAL_ISSUER);
    cr_assert_str_eq(json_string_value(json_object_get(payload, "aud")), LOCAL_AUDIENCE);
    cr_assert_str_eq(json_string_value(json_object_get(payload, "sub")), "admin");
    cr_assert_eq(json_array_size(json_object_get(payload, "permissions")), 10);
    json_int_t iat = json_integer_value(json_object_get(payload, "iat"));
    cr_assert_eq(json_integer_value(json_object_get(payload, "exp")), iat + 3600);
    json_decref(hdr);
    json_decref(payload);

    struct auth_claims c;
    fx_expect_ok(tok, &c);
    cr_assert_eq(c.perms, role_perms(ROLE_PRODUCER));
    cr_assert_str_eq(c.sub, "admin");

    fx_expect_ok(mint(ROLE_ASSISTANT), &c);
    cr_assert_eq(c.perms, PERM_READ_ACTORS | PERM_READ_MOVIES);
}

Test(local, tokens_of_other_keys_are_refused)
{
    fx_open();
    char *mine = mint(ROLE_ASSISTANT);
    json_t *hdr = segment_json(mine, 0);
    free(mine);
    const char *kid = json_string_value(json_object_get(hdr, "kid"));
    EVP_PKEY *other = fx_rsa(2048);
    json_t *claims = fx_claims();
    json_object_set_new(claims, "iss", json_string(LOCAL_ISSUER));
    json_object_set_new(claims, "aud", json_string(LOCAL_AUDIENCE));
    fx_expect_invalid(fx_token_with(other, kid, claims), "bad signature");
    json_decref(hdr);
    EVP_PKEY_free(other);
}

Test(local, minted_token_for_another_issuer_is_refused)
{
    fx_open();
    char *tok = mint(ROLE_DIRECTOR);
    auth_close(fx.auth);
    fx.auth = NULL;
    fx.cfg.auth_issuer = "http://127.0.0.1:9090";
    fx_open(); /* same key file, another issuer */
    fx_expect_invalid(tok, "wrong issuer");
}

Test(local, garbage_key_file_fails_open)
{
    mkdir(data_dir, 0700);
    fx_write_file(key_file, "not a key\n");
    char err[512] = "";
    cr_assert_eq(auth_open(&fx.cfg, &fx.auth, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "AUTH_KEY_FILE"), "%s", err);
}

Test(local, small_or_non_rsa_key_file_fails_open)
{
    mkdir(data_dir, 0700);
    EVP_PKEY *ec = fx_ec();
    FILE *f = fopen(key_file, "w");
    PEM_write_PrivateKey(f, ec, NULL, NULL, 0, NULL, NULL);
    fclose(f);
    char err[512] = "";
    cr_assert_eq(auth_open(&fx.cfg, &fx.auth, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "RSA"), "%s", err);
    EVP_PKEY_free(ec);
}

Test(local, unwritable_data_dir_fails_open)
{
    fx.cfg.data_dir = "/proc/audition-no";
    snprintf(key_file, sizeof key_file, "/proc/audition-no/key.pem");
    char err[512] = "";
    cr_assert_eq(auth_open(&fx.cfg, &fx.auth, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "DATA_DIR"), "%s", err);
}

Test(local, missing_key_file_setting_fails_open)
{
    fx.cfg.key_file = NULL;
    char err[512] = "";
    cr_assert_eq(auth_open(&fx.cfg, &fx.auth, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "AUTH_KEY_FILE"), "%s", err);
}

Test(local, rs256_must_be_allowed)
{
    fx.cfg.algorithms = ALG_ES256;
    char err[512] = "";
    cr_assert_eq(auth_open(&fx.cfg, &fx.auth, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "ALGORITHMS"), "%s", err);
}

Test(local, mint_needs_sane_arguments)
{
    fx_open();
    char err[256];
    cr_assert_null(auth_mint_local(fx.auth, NULL, ROLE_PRODUCER, 60, err, sizeof err));
    cr_assert_null(auth_mint_local(fx.auth, "x", ROLE_PRODUCER, 0, err, sizeof err));
    cr_assert_null(auth_mint_local(fx.auth, "x", (enum role)7, 60, err, sizeof err));
}

Test(local, external_issuer_has_no_local_key)
{
    EVP_PKEY *k = fx_rsa(2048);
    fx_write_jwks(fx_jwk(k, "k1"));
    fx.cfg.local_issuer = false;
    fx.cfg.auth_jwks_url = fx.url;
    fx.cfg.key_file = NULL;
    fx_open();
    cr_assert_null(auth_local_jwks(fx.auth));
    char err[256] = "";
    cr_assert_null(auth_mint_local(fx.auth, "x", ROLE_PRODUCER, 60, err, sizeof err));
    cr_assert_neq(err[0], '\0');
    struct stat st;
    cr_assert_neq(stat(key_file, &st), 0, "no key file in external mode");
    EVP_PKEY_free(k);
}

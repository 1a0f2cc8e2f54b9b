/* Token verification through auth_check against a JWKS file: acceptance for
 * RS256/ES256/EdDSA, every rejection rule of the brief (one test each), the
 * permission claims, and the verified-token cache. Keys are generated at run
 * time. */
#include "auth_fixture.h"

#include "auth/jwt.h"

static EVP_PKEY *rsa, *ec, *ed;

/* A JWKS with three keys: RSA "r1", EC "e1", Ed25519 "d1". */
static void three_keys(void)
{
    fx_setup();
    rsa = fx_rsa(2048);
    ec = fx_ec();
    ed = fx_ed();
    fx_write_jwks(fx_jwk(rsa, "r1"), fx_jwk(ec, "e1"), fx_jwk(ed, "d1"));
    fx_open();
}

static void free_keys(void)
{
    fx_teardown();
    EVP_PKEY_free(rsa);
    EVP_PKEY_free(ec);
    EVP_PKEY_free(ed);
    rsa = ec = ed = NULL;
}

TestSuite(jwt, .init = three_keys, .fini = free_keys, .timeout = 60);

/* A token over raw header and payload JSON text, signed by key. */
static char *raw_token(EVP_PKEY *key, const char *header, const char *payload)
{
    return fx_sign_raw(key, header, payload, false);
}

static char *claims_text(json_t *claims)
{
    char *s = json_dumps(claims, JSON_COMPACT);
    json_decref(claims);
    return s;
}

/* A standard token whose claims were changed by set (name, value stolen;
 * value NULL deletes the claim). */
static char *token_with_claim(EVP_PKEY *key, const char *kid, const char *name, json_t *value)
{
    json_t *c = fx_claims();
    if (value)
        json_object_set_new(c, name, value);
    else
        json_object_del(c, name);
    return fx_token_with(key, kid, c);
}

/* ---- acceptance ------------------------------------------------------------ */

Test(jwt, accepts_rs256)
{
    struct auth_claims c;
    fx_expect_ok(fx_token(rsa, "r1"), &c);
    cr_assert_eq(c.perms, PERM_READ_ACTORS | PERM_CREATE_MOVIES);
    cr_assert_str_eq(c.sub, "auth0|tester");
    cr_assert_gt(c.exp, time(NULL));
    cr_assert_str_eq(fx.why, "ok");
}

Test(jwt, accepts_es256)
{
    struct auth_claims c;
    fx_expect_ok(fx_token(ec, "e1"), &c);
    cr_assert_eq(c.perms, PERM_READ_ACTORS | PERM_CREATE_MOVIES);
}

Test(jwt, accepts_eddsa)
{
    struct auth_claims c;
    fx_expect_ok(fx_token(ed, "d1"), &c);
    cr_assert_eq(c.perms, PERM_READ_ACTORS | PERM_CREATE_MOVIES);
}

Test(jwt, scheme_is_case_insensitive)
{
    char *tok = fx_token(rsa, "r1");
    char h[4096];
    struct auth_claims c;
    snprintf(h, sizeof h, "bearer %s", tok);
    cr_assert_eq(auth_check(fx.auth, h, &c, NULL), AUTH_OK);
    snprintf(h, sizeof h, "BEARER %s", tok);
    cr_assert_eq(auth_check(fx.auth, h, &c, NULL), AUTH_OK);
    free(tok);
}

Test(jwt, ignores_jku_jwk_x5u_x5c_headers)
{
    json_t *hdr = json_pack("{s:s, s:s, s:s, s:s, s:[s], s:o}", "alg", "RS256", "kid", "r1", "jku",
                            "http://127.0.0.1:9/evil.json", "x5u", "https://evil.test/cert.pem", "x5c", "MIIB",
                            "jwk", fx_jwk(ec, "e1"));
    char *h = json_dumps(hdr, JSON_COMPACT);
    char *p = claims_text(fx_claims());
    struct auth_stats before, after;
    auth_stats(fx.auth, &before);
    fx_expect_ok(raw_token(rsa, h, p), NULL);
    auth_stats(fx.auth, &after);
    cr_assert_eq(after.jwks_fetches, before.jwks_fetches, "nothing may be fetched");
    free(h);
    free(p);
    json_decref(hdr);
}

Test(jwt, embedded_jwk_header_is_not_trusted)
{
    EVP_PKEY *attacker = fx_rsa(2048);
    json_t *hdr = json_pack("{s:s, s:s, s:o}", "alg", "RS256", "kid", "r1", "jwk", fx_jwk(attacker, "r1"));
    char *h = json_dumps(hdr, JSON_COMPACT);
    char *p = claims_text(fx_claims());
    fx_expect_invalid(raw_token(attacker, h, p), "bad signature");
    free(h);
    free(p);
    json_decref(hdr);
    EVP_PKEY_free(attacker);
}

/* ---- the Authorization header ------------------------------------------------ */

Test(jwt, missing_header_is_missing)
{
    struct auth_claims c;
    cr_assert_eq(auth_check(fx.auth, NULL, &c, &fx.why), AUTH_MISSING);
    cr_assert_eq(auth_check(fx.auth, "", &c, &fx.why), AUTH_MISSING);
}

Test(jwt, other_scheme_is_missing)
{
    struct auth_claims c;
    cr_assert_eq(auth_check(fx.auth, "Basic dXNlcjpwYXNz", &c, &fx.why), AUTH_MISSING);
    cr_assert_eq(auth_check(fx.auth, "Bearerx abc.def.ghi", &c, &fx.why), AUTH_MISSING);
    cr_assert_str_eq(fx.why, "not a bearer token");
}

Test(jwt, bearer_without_token_is_invalid)
{
    struct auth_claims c;
    cr_assert_eq(auth_check(fx.auth, "Bearer", &c, &fx.why), AUTH_INVALID);
    cr_assert_eq(auth_check(fx.auth, "Bearer ", &c, &fx.why), AUTH_INVALID);
}

Test(jwt, exactly_one_space_and_one_token)
{
    char *tok = fx_token(rsa, "r1");
    const char *forms[] = {"Bearer  %s", "Bearer %s ", "Bearer %s extra", "Bearer\t%s", "Bearer %s\t"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char h[4096];
        struct auth_claims c;
        snprintf(h, sizeof h, forms[i], tok);
        cr_assert_neq(auth_check(fx.auth, h, &c, &fx.why), AUTH_OK, "form %zu accepted", i);
    }
    free(tok);
}

Test(jwt, token_over_8k_is_invalid)
{
    char pad[AUTH_MAX_TOKEN];
    memset(pad, 'x', sizeof pad - 1);
    pad[sizeof pad - 1] = '\0';
    fx_expect_invalid(token_with_claim(rsa, "r1", "padding", json_string(pad)), "token too long");
}

Test(jwt, token_just_under_8k_is_accepted)
{
    /* header ~60, signature 342, claims ~180: pad the payload to just fit. */
    char *probe = fx_token(rsa, "r1");
    size_t base = strlen(probe);
    free(probe);
    size_t room = (AUTH_MAX_TOKEN - base - 40) * 3 / 4; /* base64 growth, the ,"padding":"" */
    char *pad = malloc(room + 1);
    memset(pad, 'x', room);
    pad[room] = '\0';
    char *tok = token_with_claim(rsa, "r1", "padding", json_string(pad));
    free(pad);
    cr_assert_leq(strlen(tok), AUTH_MAX_TOKEN);
    cr_assert_gt(strlen(tok), AUTH_MAX_TOKEN - 200);
    fx_expect_ok(tok, NULL);
}

/* ---- the compact serialisation --------------------------------------------- */

Test(jwt, two_parts_are_invalid)
{
    char *tok = fx_token(rsa, "r1");
    *strrchr(tok, '.') = '\0';
    fx_expect_invalid(tok, "malformed token");
}

Test(jwt, four_parts_are_invalid)
{
    char *tok = fx_token(rsa, "r1");
    size_t n = strlen(tok);
    tok = realloc(tok, n + 3);
    strcpy(tok + n, ".x");
    fx_expect_invalid(tok, "malformed token");
}

Test(jwt, base64_padding_is_invalid)
{
    char *tok = fx_token(rsa, "r1");
    size_t n = strlen(tok);
    tok = realloc(tok, n + 2);
    strcpy(tok + n, "=");
    fx_expect_invalid(tok, "malformed token");
}

Test(jwt, standard_base64_alphabet_is_invalid)
{
    char *tok = fx_token(rsa, "r1");
    char *sig = strrchr(tok, '.') + 1;
    sig[3] = '+';
    fx_expect_invalid(tok, "malformed token");
    tok = fx_token(rsa, "r1");
    strrchr(tok, '.')[2] = '/';
    fx_expect_invalid(tok, "malformed token");
}

Test(jwt, non_canonical_base64_is_invalid)
{
    /* "{}" encodes as "e30"; "e31" decodes to the same bytes with stray bits. */
    char *p = claims_text(fx_claims());
    char *good = raw_token(rsa, "{\"alg\":\"RS256\",\"kid\":\"r1\"}", p);
    free(p);
    /* A one-character fifth quantum (length % 4 == 1) can never be valid. */
    char *dot = strchr(good, '.');
    size_t n = strlen(good);
    char *bad = malloc(n + 2);
    size_t h = (size_t)(dot - good);
    memcpy(bad, good, h);
    bad[h] = 'A';
    memcpy(bad + h + 1, dot, n - h + 1);
    free(good);
    fx_expect_invalid(bad, "malformed header");

    unsigned char out[8];
    size_t len;
    cr_assert_eq(b64url_decode("e30", 3, out, &len, false), 0);
    cr_assert_eq(len, 2);
    cr_assert_eq(b64url_decode("e31", 3, out, &len, false), -1);
    cr_assert_eq(b64url_decode("e30=", 4, out, &len, false), -1);
}

Test(jwt, header_not_json_is_invalid)
{
    char *p = claims_text(fx_claims());
    fx_expect_invalid(raw_token(rsa, "{\"alg\":\"RS256\",\"kid\":\"r1\"", p), "malformed header");
    fx_expect_invalid(raw_token(rsa, "[\"RS256\"]", p), "malformed header");
    free(p);
}

Test(jwt, payload_not_json_object_is_invalid)
{
    const char *h = "{\"alg\":\"RS256\",\"kid\":\"r1\"}";
    fx_expect_invalid(raw_token(rsa, h, "not json"), "malformed payload");
    fx_expect_invalid(raw_token(rsa, h, "\"a string\""), "malformed payload");
    fx_expect_invalid(raw_token(rsa, h, "[1,2]"), "malformed payload");
    fx_expect_invalid(raw_token(rsa, h, "{} trailing"), "malformed payload");
}

Test(jwt, duplicate_header_keys_are_invalid)
{
    char *p = claims_text(fx_claims());
    fx_expect_invalid(raw_token(rsa, "{\"alg\":\"RS256\",\"kid\":\"r1\",\"alg\":\"RS256\"}", p),
                      "malformed header");
    free(p);
}

Test(jwt, duplicate_payload_keys_are_invalid)
{
    char *p = claims_text(fx_claims());
    /* Append a second "iss" just before the closing brace. */
    p[strlen(p) - 1] = '\0';
    char *dup = malloc(strlen(p) + 64);
    sprintf(dup, "%s,\"iss\":\"%s\"}", p, FX_ISSUER);
    fx_expect_invalid(raw_token(rsa, "{\"alg\":\"RS256\",\"kid\":\"r1\"}", dup), "malformed payload");
    free(p);
    free(dup);
}

/* ---- algorithms and keys ----------------------------------------------------- */

Test(jwt, alg_none_is_invalid)
{
    const char *nones[] = {"none", "None", "NONE", "nOnE"};
    char *p = claims_text(fx_claims());
    char *pb = fx_b64s(p);
    for (size_t i = 0; i < sizeof nones / sizeof nones[0]; i++) {
        char hdr[64];
        snprintf(hdr, sizeof hdr, "{\"alg\":\"%s\",\"kid\":\"r1\"}", nones[i]);
        char *hb = fx_b64s(hdr);
        char *tok = malloc(strlen(hb) + strlen(pb) + 3);
        sprintf(tok, "%s.%s.", hb, pb); /* unsigned: empty signature */
        fx_expect_invalid(tok, "alg none not allowed");
        free(hb);
    }
    free(p);
    free(pb);
}

Test(jwt, hmac_algs_are_invalid)
{
    /* The classic confusion: HS256 keyed with the RSA public key's JWK text. */
    json_t *jwk = fx_jwk(rsa, "r1");
    char *secret = json_dumps(jwk, JSON_COMPACT);
    char *p = claims_text(fx_claims());
    const char *hs[] = {"HS256", "HS384", "HS512", "hs256"};
    for (size_t i = 0; i < sizeof hs / sizeof hs[0]; i++) {
        char hdr[64];
        snprintf(hdr, sizeof hdr, "{\"alg\":\"%s\",\"kid\":\"r1\"}", hs[i]);
        char *hb = fx_b64s(hdr), *pb = fx_b64s(p);
        char input[4096];
        snprintf(input, sizeof input, "%s.%s", hb, pb);
        unsigned char mac[EVP_MAX_MD_SIZE];
        size_t mac_len = 0;
        cr_assert_not_null(EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, secret, strlen(secret),
                                     (unsigned char *)input, strlen(input), mac, sizeof mac, &mac_len));
        char *mb = fx_b64(mac, mac_len);
        char *tok = malloc(strlen(input) + strlen(mb) + 2);
        sprintf(tok, "%s.%s", input, mb);
        fx_expect_invalid(tok, "hmac alg not allowed");
        free(hb);
        free(pb);
        free(mb);
    }
    free(p);
    free(secret);
    json_decref(jwk);
}

Test(jwt, unsupported_alg_is_invalid)
{
    char *p = claims_text(fx_claims());
    fx_expect_invalid(raw_token(rsa, "{\"alg\":\"PS256\",\"kid\":\"r1\"}", p), "unsupported alg");
    fx_expect_invalid(raw_token(rsa, "{\"alg\":\"rs256\",\"kid\":\"r1\"}", p), "unsupported alg");
    fx_expect_invalid(raw_token(rsa, "{\"kid\":\"r1\"}", p), "missing alg");
    free(p);
}

Test(jwt, alg_outside_configuration_is_invalid)
{
    auth_close(fx.auth);
    fx.cfg.algorithms = ALG_RS256;
    fx_open();
    fx_expect_invalid(fx_token(ec, "e1"), "alg not allowed");
    fx_expect_invalid(fx_token(ed, "d1"), "alg not allowed");
    fx_expect_ok(fx_token(rsa, "r1"), NULL);
}

Test(jwt, alg_not_matching_key_type_is_invalid)
{
    /* ES256 header, EC signature, but the kid names the RSA key. */
    fx_expect_invalid(fx_token(ec, "r1"), "alg does not match key");
    /* RS256 header and signature, kid of the EC key. */
    fx_expect_invalid(fx_token(rsa, "e1"), "alg does not match key");
    /* EdDSA against the RSA key. */
    fx_expect_invalid(fx_token(ed, "r1"), "alg does not match key");
}

Test(jwt, rsa_key_under_2048_bits_is_invalid)
{
    EVP_PKEY *small = fx_rsa(1024);
    fx_write_jwks(fx_jwk(small, "small"), fx_jwk(rsa, "r1"));
    auth_close(fx.auth);
    fx_open();
    fx_expect_invalid(fx_token(small, "small"), "rsa key too small");
    EVP_PKEY_free(small);
}

Test(jwt, crit_header_is_invalid)
{
    char *p = claims_text(fx_claims());
    fx_expect_invalid(raw_token(rsa, "{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1,\"kid\":\"r1\"}", p),
                      "crit header not supported");
    free(p);
}

Test(jwt, missing_kid_with_several_keys_is_invalid)
{
    fx_expect_invalid(fx_token(rsa, NULL), "kid required");
}

Test(jwt, missing_kid_with_one_key_is_accepted)
{
    fx_write_jwks(fx_jwk(rsa, "r1"));
    auth_close(fx.auth);
    fx_open();
    fx_expect_ok(fx_token(rsa, NULL), NULL);
}

Test(jwt, non_string_kid_is_invalid)
{
    char *p = claims_text(fx_claims());
    fx_expect_invalid(raw_token(rsa, "{\"alg\":\"RS256\",\"kid\":1}", p), "bad kid");
    free(p);
}

Test(jwt, unknown_kid_is_invalid)
{
    fx_expect_invalid(fx_token(rsa, "nobody"), "unknown key id");
}

Test(jwt, bad_signature_is_invalid)
{
    char *tok = fx_token(rsa, "r1");
    char *sig = strrchr(tok, '.') + 1;
    sig[10] = sig[10] == 'A' ? 'B' : 'A';
    fx_expect_invalid(tok, "bad signature");
}

Test(jwt, signature_by_another_key_is_invalid)
{
    EVP_PKEY *other_rsa = fx_rsa(2048), *other_ec = fx_ec(), *other_ed = fx_ed();
    fx_expect_invalid(fx_token(other_rsa, "r1"), "bad signature");
    fx_expect_invalid(fx_token(other_ec, "e1"), "bad signature");
    fx_expect_invalid(fx_token(other_ed, "d1"), "bad signature");
    EVP_PKEY_free(other_rsa);
    EVP_PKEY_free(other_ec);
    EVP_PKEY_free(other_ed);
}

Test(jwt, changed_payload_is_invalid)
{
    char *good = fx_token(rsa, "r1");
    json_t *c = fx_claims();
    json_object_set_new(c, "permissions", json_pack("[s]", "delete:movies"));
    char *forged = fx_token_with(rsa, "r1", c);
    /* forged payload, original signature */
    char *fd1 = strchr(forged, '.'), *fd2 = strrchr(forged, '.');
    char *gd2 = strrchr(good, '.');
    size_t head = (size_t)(fd2 - forged);
    char *tok = malloc(head + strlen(gd2) + 1);
    memcpy(tok, forged, head);
    strcpy(tok + head, gd2);
    (void)fd1;
    fx_expect_invalid(tok, "bad signature");
    free(good);
    free(forged);
}

Test(jwt, es256_der_signature_is_invalid)
{
    char *p = claims_text(fx_claims());
    fx_expect_invalid(fx_sign_raw(ec, "{\"alg\":\"ES256\",\"kid\":\"e1\"}", p, true), "bad signature");
    free(p);
}

Test(jwt, empty_signature_is_invalid)
{
    char *tok = fx_token(rsa, "r1");
    strrchr(tok, '.')[1] = '\0';
    fx_expect_invalid(tok, "bad signature");
}

/* ---- time ----------------------------------------------------------------------- */

Test(jwt, missing_exp_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "exp", NULL), "missing or bad exp");
}

Test(jwt, non_numeric_exp_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "exp", json_string("9999999999")), "missing or bad exp");
    fx_expect_invalid(token_with_claim(rsa, "r1", "exp", json_true()), "missing or bad exp");
}

Test(jwt, expired_beyond_skew_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "exp", json_integer(time(NULL) - 61)), "token expired");
}

Test(jwt, expired_within_skew_is_accepted)
{
    fx_expect_ok(token_with_claim(rsa, "r1", "exp", json_integer(time(NULL) - 30)), NULL);
    fx_expect_ok(token_with_claim(rsa, "r1", "exp", json_real((double)time(NULL) + 100.5)), NULL);
}

Test(jwt, nbf_in_the_future_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "nbf", json_integer(time(NULL) + 120)), "token not yet valid");
}

Test(jwt, nbf_within_skew_is_accepted)
{
    fx_expect_ok(token_with_claim(rsa, "r1", "nbf", json_integer(time(NULL) + 30)), NULL);
}

Test(jwt, non_numeric_nbf_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "nbf", json_string("now")), "bad nbf");
}

Test(jwt, iat_is_only_type_checked)
{
    fx_expect_ok(token_with_claim(rsa, "r1", "iat", json_integer(time(NULL) + 86400)), NULL);
    fx_expect_ok(token_with_claim(rsa, "r1", "iat", NULL), NULL);
    fx_expect_invalid(token_with_claim(rsa, "r1", "iat", json_string("yesterday")), "bad iat");
}

/* ---- issuer and audience ----------------------------------------------------------- */

Test(jwt, wrong_issuer_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "iss", json_string("https://evil.test/")), "wrong issuer");
    fx_expect_invalid(token_with_claim(rsa, "r1", "iss", json_string("https://issuer.test")), "wrong issuer");
}

Test(jwt, missing_issuer_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "iss", NULL), "wrong issuer");
    fx_expect_invalid(token_with_claim(rsa, "r1", "iss", json_integer(1)), "wrong issuer");
}

Test(jwt, audience_array_containing_ours_is_accepted)
{
    fx_expect_ok(token_with_claim(rsa, "r1", "aud", json_pack("[s, s]", "https://other/", FX_AUDIENCE)), NULL);
}

Test(jwt, wrong_audience_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "aud", json_string("someone-else")), "wrong audience");
    fx_expect_invalid(token_with_claim(rsa, "r1", "aud", json_pack("[s]", "someone-else")), "wrong audience");
    fx_expect_invalid(token_with_claim(rsa, "r1", "aud", json_array()), "wrong audience");
}

Test(jwt, missing_audience_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "aud", NULL), "wrong audience");
}

Test(jwt, audience_of_wrong_type_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "aud", json_integer(7)), "bad aud");
    fx_expect_invalid(token_with_claim(rsa, "r1", "aud", json_pack("[s, i]", FX_AUDIENCE, 7)), "bad aud");
}

Test(jwt, any_audience_when_none_is_configured)
{
    auth_close(fx.auth);
    fx.cfg.auth_audience = NULL;
    fx_open();
    fx_expect_ok(token_with_claim(rsa, "r1", "aud", NULL), NULL);
    fx_expect_ok(token_with_claim(rsa, "r1", "aud", json_string("anyone")), NULL);
    fx_expect_invalid(token_with_claim(rsa, "r1", "aud", json_integer(7)), "bad aud");
}

/* ---- subject and permissions ----------------------------------------------------------- */

Test(jwt, long_subject_is_truncated_on_a_character_boundary)
{
    char sub[400] = "";
    while (strlen(sub) < 300)
        strcat(sub, "é"); /* two bytes each */
    struct auth_claims c;
    fx_expect_ok(token_with_claim(rsa, "r1", "sub", json_string(sub)), &c);
    cr_assert_eq(strlen(c.sub), AUTH_SUB_MAX - 2); /* 254: 255 would split a character */
    cr_assert_eq(strncmp(c.sub, sub, strlen(c.sub)), 0);
}

Test(jwt, missing_subject_is_empty)
{
    struct auth_claims c;
    fx_expect_ok(token_with_claim(rsa, "r1", "sub", NULL), &c);
    cr_assert_str_eq(c.sub, "");
}

Test(jwt, non_string_subject_is_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "sub", json_integer(42)), "bad sub");
}

Test(jwt, permissions_from_array)
{
    struct auth_claims c;
    fx_expect_ok(token_with_claim(rsa, "r1", "permissions",
                                  json_pack("[s, s, s]", "read:movies", "delete:casts", "fly:planes")),
                 &c);
    cr_assert_eq(c.perms, PERM_READ_MOVIES | PERM_DELETE_CASTS);
}

Test(jwt, permissions_from_comma_string)
{
    struct auth_claims c;
    fx_expect_ok(token_with_claim(rsa, "r1", "permissions",
                                  json_string("read:actors, modify:actors,delete:actors ,,bogus")),
                 &c);
    cr_assert_eq(c.perms, PERM_READ_ACTORS | PERM_MODIFY_ACTORS | PERM_DELETE_ACTORS);
}

Test(jwt, permissions_from_scope)
{
    json_t *cl = fx_claims();
    json_object_del(cl, "permissions");
    json_object_set_new(cl, "scope", json_string("openid read:movies  create:casts profile"));
    struct auth_claims c;
    fx_expect_ok(fx_token_with(rsa, "r1", cl), &c);
    cr_assert_eq(c.perms, PERM_READ_MOVIES | PERM_CREATE_CASTS);
}

Test(jwt, permissions_claim_wins_over_scope)
{
    json_t *cl = fx_claims();
    json_object_set_new(cl, "scope", json_string("delete:movies"));
    struct auth_claims c;
    fx_expect_ok(fx_token_with(rsa, "r1", cl), &c);
    cr_assert_eq(c.perms, PERM_READ_ACTORS | PERM_CREATE_MOVIES);
}

Test(jwt, no_permission_claims_means_no_permissions)
{
    struct auth_claims c;
    fx_expect_ok(token_with_claim(rsa, "r1", "permissions", NULL), &c);
    cr_assert_eq(c.perms, 0);
}

Test(jwt, permissions_of_wrong_type_are_invalid)
{
    fx_expect_invalid(token_with_claim(rsa, "r1", "permissions", json_integer(3)), "bad permissions claim");
    fx_expect_invalid(token_with_claim(rsa, "r1", "permissions", json_pack("{s:b}", "read:actors", 1)),
                      "bad permissions claim");
    fx_expect_invalid(token_with_claim(rsa, "r1", "permissions", json_pack("[s, i]", "read:actors", 1)),
                      "bad permissions claim");
}

Test(jwt, scope_of_wrong_type_is_invalid)
{
    json_t *cl = fx_claims();
    json_object_del(cl, "permissions");
    json_object_set_new(cl, "scope", json_pack("[s]", "read:movies"));
    fx_expect_invalid(fx_token_with(rsa, "r1", cl), "bad scope claim");
}

/* ---- the verified-token cache ---------------------------------------------------------- */

Test(jwt, second_check_is_a_cache_hit)
{
    char *tok = fx_token(rsa, "r1");
    struct auth_claims c1, c2;
    struct auth_stats s;
    cr_assert_eq(fx_check(tok, &c1), AUTH_OK);
    auth_stats(fx.auth, &s);
    cr_assert_eq(s.cache_hits, 0);
    cr_assert_eq(s.cache_misses, 1);
    cr_assert_eq(fx_check(tok, &c2), AUTH_OK);
    auth_stats(fx.auth, &s);
    cr_assert_eq(s.cache_hits, 1);
    cr_assert_eq(s.cache_misses, 1);
    cr_assert_eq(memcmp(&c1, &c2, sizeof c1), 0);
    free(tok);
}

Test(jwt, invalid_tokens_are_not_cached)
{
    char *tok = token_with_claim(rsa, "r1", "iss", json_string("https://evil.test/"));
    cr_assert_eq(fx_check(tok, NULL), AUTH_INVALID);
    cr_assert_eq(fx_check(tok, NULL), AUTH_INVALID);
    struct auth_stats s;
    auth_stats(fx.auth, &s);
    cr_assert_eq(s.cache_hits, 0);
    cr_assert_eq(s.cache_misses, 2);
    free(tok);
}

Test(jwt, cached_token_is_rejected_once_expired)
{
    time_t now = time(NULL);
    time_t exp = now - JWT_CLOCK_SKEW + 1; /* valid for one or two more seconds */
    char *tok = token_with_claim(ed, "d1", "exp", json_integer(exp));
    cr_assert_eq(fx_check(tok, NULL), AUTH_OK, "%s", fx.why);
    while (time(NULL) <= exp + JWT_CLOCK_SKEW)
        usleep(100 * 1000);
    cr_assert_eq(fx_check(tok, NULL), AUTH_INVALID);
    cr_assert_str_eq(fx.why, "token expired");
    struct auth_stats s;
    auth_stats(fx.auth, &s);
    cr_assert_eq(s.cache_hits, 1, "the expiry must be noticed on the cache hit");
    free(tok);
}

Test(jwt, many_distinct_tokens_fit_the_cache_bound)
{
    /* More tokens than the cache holds: all verify, the oldest are evicted. */
    for (int i = 0; i < 200; i++) {
        json_t *c = fx_claims();
        json_object_set_new(c, "jti", json_integer(i));
        fx_expect_ok(fx_token_with(ed, "d1", c), NULL);
    }
    struct auth_stats s;
    auth_stats(fx.auth, &s);
    cr_assert_eq(s.cache_misses, 200);
}

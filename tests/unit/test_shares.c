/* shares: the CSV writer and parser (quoting, formula-injection prefix and
 * its reversal, bounds, malformed input), share-link tokens (shape, base64url
 * alphabet, hashing) and the validation of share and vote bodies. */
#include <criterion/criterion.h>
#include <string.h>

#include "domain/csv.h"
#include "domain/share_token.h"
#include "domain/shares.h"

TestSuite(shares, .timeout = 30);

static char *cells(const char *const *v, size_t n) {
    static char out[512];
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) csv_cell(&sb, v[i], i == 0);
    csv_row_end(&sb);
    snprintf(out, sizeof out, "%s", sb.data);
    strbuf_free(&sb);
    return out;
}

Test(shares, csv_quotes_only_what_needs_it)
{
    const char *v[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rx", NULL, ""};
    cr_assert_str_eq(cells(v, 7), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\",,\r\n");
}

Test(shares, csv_prefixes_formulas_and_reverses_it)
{
    const char *v[] = {"=1+1", "+1", "-2", "@SUM(A1)", "\tx", "'=x", "O'Brien", "a=b"};
    cr_assert_str_eq(cells(v, 8), "'=1+1,'+1,'-2,'@SUM(A1),'\tx,''=x,O'Brien,a=b\r\n");
    cr_assert_str_eq(csv_unescape_formula("'=1+1"), "=1+1");
    cr_assert_str_eq(csv_unescape_formula("''=x"), "'=x");
    cr_assert_str_eq(csv_unescape_formula("O'Brien"), "O'Brien");
    cr_assert_str_eq(csv_unescape_formula("'plain"), "'plain");
}

Test(shares, csv_formula_cell_with_a_comma_is_quoted_after_the_prefix)
{
    const char *v[] = {"=HYPERLINK(\"x\",\"y\")"};
    cr_assert_str_eq(cells(v, 1), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n");
}

Test(shares, csv_parses_quotes_line_ends_bom_and_blank_lines)
{
    struct arena a;
    arena_init(&a);
    const char *in = "\xEF\xBB\xBFname,age\r\n\"a,\"\"b\"\"\nc\",1\n\r\nx,\r\n";
    struct csv_row *rows = NULL;
    size_t n = 0;
    const char *msg = NULL;
    cr_assert_eq(csv_parse(in, strlen(in), 10, 10, &a, &rows, &n, &msg), 0, "%s", msg ? msg : "");
    cr_assert_eq(n, 3);
    cr_assert_str_eq(rows[0].cells[0], "name");
    cr_assert_str_eq(rows[1].cells[0], "a,\"b\"\nc");
    cr_assert_str_eq(rows[1].cells[1], "1");
    cr_assert_eq(rows[2].n, 2);
    cr_assert_str_eq(rows[2].cells[1], "");
    cr_assert_eq(rows[2].line, 5);
    arena_free(&a);
}

static const char *parse_error(const char *in, size_t len, size_t max_rows, size_t max_cols) {
    static char out[128];
    struct arena a;
    arena_init(&a);
    struct csv_row *rows = NULL;
    size_t n = 0;
    const char *msg = NULL;
    int rc = csv_parse(in, len, max_rows, max_cols, &a, &rows, &n, &msg);
    snprintf(out, sizeof out, "%s%s", rc == -2 ? "(-2) " : "", rc == 0 ? "ok" : msg);
    arena_free(&a);
    return out;
}

Test(shares, csv_refuses_malformed_and_oversized_input)
{
    cr_assert_str_eq(parse_error("a,\"b\n", 5, 9, 9), "line 1: a quoted field is not closed");
    cr_assert_str_eq(parse_error("a,\"b\"c\n", 7, 9, 9), "line 1: text after a closing quote");
    cr_assert_str_eq(parse_error("a,b\"c\n", 6, 9, 9), "line 1: a quote inside an unquoted field");
    cr_assert_str_eq(parse_error("a\rb\n", 4, 9, 9), "line 1: a CR not followed by LF");
    cr_assert_str_eq(parse_error("a\0b", 3, 9, 9), "the CSV contains a NUL byte");
    cr_assert_str_eq(parse_error("a\nb\nc\n", 6, 2, 9), "(-2) line 3: more than 2 rows");
    cr_assert_str_eq(parse_error("a,b,c\n", 6, 2, 2), "line 1: too many columns");
    cr_assert_str_eq(parse_error("", 0, 2, 2), "ok");
}

Test(shares, tokens_are_22_base64url_characters_and_differ)
{
    char a[SHARE_TOKEN_LEN + 1], b[SHARE_TOKEN_LEN + 1];
    cr_assert_eq(share_token_new(a), 0);
    cr_assert_eq(share_token_new(b), 0);
    cr_assert_eq(strlen(a), 22);
    cr_assert_str_neq(a, b);
    cr_assert(share_token_shape(a, strlen(a)));
    cr_assert_not(share_token_shape("abc", 3));
    cr_assert_not(share_token_shape("aaaaaaaaaaaaaaaaaaaaa=", 22));
    cr_assert_not(share_token_shape("aaaaaaaaaaaaaaaaaaaaa/", 22));
    char h[SHA256_HEX_LEN + 1];
    share_token_hash("abc", h);
    cr_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static const char *share_body(const char *json, const char **stages) {
    struct arena a;
    arena_init(&a);
    json_t *v = json_loads(json, 0, NULL);
    int hours = 0;
    const char *msg = NULL, *st = NULL;
    static char out[256];
    int rc = share_request_parse(v, &a, &hours, &st, &msg);
    snprintf(out, sizeof out, "%s", rc == 0 ? st : msg);
    if (stages) *stages = out;
    json_decref(v);
    arena_free(&a);
    return out;
}

Test(shares, share_bodies_are_validated_and_stages_canonical)
{
    cr_assert_str_eq(share_body("{\"expiresInHours\":1,\"stages\":[\"BOOKED\",\"SUGGESTED\"]}", NULL),
                     "[\"SUGGESTED\",\"BOOKED\"]");
    cr_assert_str_eq(share_body("{\"expiresInHours\":0,\"stages\":[\"BOOKED\"]}", NULL),
                     "expiresInHours must be an integer between 1 and 720");
    cr_assert_str_eq(share_body("{\"expiresInHours\":721,\"stages\":[\"BOOKED\"]}", NULL),
                     "expiresInHours must be an integer between 1 and 720");
    cr_assert_str_eq(share_body("{\"expiresInHours\":5,\"stages\":[]}", NULL),
                     "stages must be a non-empty array of stage names");
    cr_assert_str_eq(share_body("{\"expiresInHours\":5,\"stages\":[\"BOOKED\",\"BOOKED\"]}", NULL),
                     "stages must not repeat a stage");
    cr_assert(strncmp(share_body("{\"expiresInHours\":5,\"stages\":[\"booked\"]}", NULL), "stages must name", 16) == 0);
    cr_assert(share_shows_stage("[\"SUGGESTED\",\"BOOKED\"]", "BOOKED"));
    cr_assert_not(share_shows_stage("[\"SUGGESTED\",\"BOOKED\"]", "BOOK"));
    cr_assert_not(share_shows_stage("[\"ON_HOLD\"]", "HOLD"));
}

Test(shares, vote_bodies_are_validated)
{
    const char *bad[] = {"{\"actorId\":0,\"vote\":\"up\",\"viewer\":\"abcdefgh\"}",
                         "{\"actorId\":1,\"vote\":\"meh\",\"viewer\":\"abcdefgh\"}",
                         "{\"actorId\":1,\"vote\":\"up\",\"viewer\":\"short\"}",
                         "{\"actorId\":1,\"vote\":\"up\",\"viewer\":\"has space in\"}", "[]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *v = json_loads(bad[i], 0, NULL);
        int64_t id;
        int vote;
        const char *viewer, *msg = NULL;
        cr_assert_eq(share_vote_parse(v, &id, &vote, &viewer, &msg), -1, "%s", bad[i]);
        cr_assert_not_null(msg);
        json_decref(v);
    }
    json_t *v = json_loads("{\"actorId\":7,\"vote\":\"down\",\"viewer\":\"v-1234_abc\"}", 0, NULL);
    int64_t id;
    int vote;
    const char *viewer, *msg = NULL;
    cr_assert_eq(share_vote_parse(v, &id, &vote, &viewer, &msg), 0);
    cr_assert_eq(id, 7);
    cr_assert_eq(vote, -1);
    cr_assert_str_eq(viewer, "v-1234_abc");
    json_decref(v);
}

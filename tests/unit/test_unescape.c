/* Unit tests of http_unescape (src/http/unescape.c): percent-decoding of
 * paths and query values that never yields a NUL. */
#include <criterion/criterion.h>
#include <string.h>

#include "http/unescape.h"

static void check(const char *in, const char *want) {
    char buf[128];
    strcpy(buf, in);
    size_t n = http_unescape(buf);
    cr_assert_str_eq(buf, want, "%s", in);
    cr_assert_eq(n, strlen(want), "%s", in);
}

Test(unescape, decodes_hex_pairs) {
    check("/movies/%31", "/movies/1");
    check("a%20b%2fc%2F", "a b/c/");
    check("%e2%82%AC", "\xe2\x82\xac");
    check("plain", "plain");
}

Test(unescape, leaves_nul_and_malformed_escapes) {
    check("/movies/1%00", "/movies/1%00");
    check("a%00b", "a%00b");
    check("%", "%");
    check("%4", "%4");
    check("%zz%4g", "%zz%4g");
    check("100%", "100%");
    check("%%41", "%A");
}

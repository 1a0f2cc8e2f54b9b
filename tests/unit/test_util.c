/* Unit tests of the small utilities: JSON writer escaping, arena, hex/SHA-256. */
#include <criterion/criterion.h>
#include <string.h>

#include "util/arena.h"
#include "util/hex.h"
#include "util/json_write.h"

Test(json_write, escapes_what_json_requires) {
    struct strbuf sb = STRBUF_INIT;
    json_escape_into(&sb, "a\"b\\c\n\t\x01\x1f/é");
    cr_expect_str_eq(sb.data, "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f/é\"");
    strbuf_free(&sb);
}

Test(json_write, commas_and_nesting) {
    struct strbuf sb = STRBUF_INIT;
    struct jw w = jw_on(&sb);
    jw_obj_begin(&w);
    jw_key(&w, "a");
    jw_arr_begin(&w);
    jw_int(&w, -9223372036854775807LL - 1);
    jw_null(&w);
    jw_obj_begin(&w);
    jw_obj_end(&w);
    jw_arr_end(&w);
    jw_key(&w, "b");
    jw_bool(&w, false);
    jw_key(&w, "c");
    jw_str(&w, NULL);
    jw_obj_end(&w);
    cr_expect_str_eq(sb.data, "{\"a\":[-9223372036854775808,null,{}],\"b\":false,\"c\":null}");
    strbuf_free(&sb);
}

Test(arena, large_and_small_allocations) {
    struct arena a;
    arena_init(&a);
    char *big = arena_alloc(&a, 100000);
    memset(big, 'x', 100000);
    char *s = arena_printf(&a, "%d-%s", 42, "x");
    cr_expect_str_eq(s, "42-x");
    cr_expect_str_eq(arena_strndup(&a, "abcdef", 3), "abc");
    cr_expect_eq((uintptr_t)arena_alloc(&a, 3) % _Alignof(max_align_t), 0);
    arena_free(&a);
}

Test(hex, sha256_of_known_input) {
    char out[65];
    sha256_hex("abc", 3, out);
    cr_expect_str_eq(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* Unit tests of the representation cache (src/http/rep_cache.c): keys,
 * generations, and the bounds on what it keeps. */
#include <criterion/criterion.h>
#include <string.h>

#include "http/rep_cache.h"

static const char ETAG[SHA256_HEX_LEN + 1] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
static const int KIND_A = 1, KIND_B = 2;   /* two distinct addresses */

static bool get(struct rep_cache *c, struct rep_key k, uint64_t gen, char *body, char *etag) {
    struct strbuf out = STRBUF_INIT;
    bool hit = rep_cache_get(c, k, gen, &out, etag);
    if (hit) strcpy(body, out.data ? out.data : "");
    strbuf_free(&out);
    return hit;
}

Test(rep_cache, hit_only_for_the_same_key_and_generation) {
    struct rep_cache *c = rep_cache_new();
    char body[64] = "", etag[SHA256_HEX_LEN + 1] = "";
    uint64_t g = rep_cache_generation(c);
    struct rep_key k = {&KIND_A, 1, NULL};
    cr_assert_not(get(c, k, g, body, etag));
    rep_cache_put(c, k, g, "{\"a\":1}", 7, ETAG);
    cr_assert(get(c, k, g, body, etag));
    cr_assert_str_eq(body, "{\"a\":1}");
    cr_assert_str_eq(etag, ETAG);
    cr_assert_not(get(c, (struct rep_key){&KIND_B, 1, NULL}, g, body, etag));
    cr_assert_not(get(c, (struct rep_key){&KIND_A, 2, NULL}, g, body, etag));
    cr_assert_not(get(c, (struct rep_key){&KIND_A, 1, ""}, g, body, etag));
    rep_cache_bump(c);
    cr_assert_not(get(c, k, g, body, etag));
    cr_assert_not(get(c, k, rep_cache_generation(c), body, etag));
    rep_cache_free(c);
}

Test(rep_cache, text_keys_are_compared_whole) {
    struct rep_cache *c = rep_cache_new();
    char body[64] = "", etag[SHA256_HEX_LEN + 1] = "";
    uint64_t g = rep_cache_generation(c);
    rep_cache_put(c, (struct rep_key){&KIND_A, 10, "tom"}, g, "T", 1, "");
    cr_assert(get(c, (struct rep_key){&KIND_A, 10, "tom"}, g, body, etag));
    cr_assert_str_eq(etag, "");
    cr_assert_not(get(c, (struct rep_key){&KIND_A, 10, "to"}, g, body, etag));
    cr_assert_not(get(c, (struct rep_key){&KIND_A, 10, "tomm"}, g, body, etag));
    cr_assert_not(get(c, (struct rep_key){&KIND_A, 10, NULL}, g, body, etag));
    rep_cache_free(c);
}

Test(rep_cache, a_put_under_an_old_generation_is_dropped) {
    struct rep_cache *c = rep_cache_new();
    char body[64] = "", etag[SHA256_HEX_LEN + 1] = "";
    uint64_t g = rep_cache_generation(c);
    rep_cache_bump(c);   /* a write committed while the reader was reading */
    rep_cache_put(c, (struct rep_key){&KIND_A, 1, NULL}, g, "old", 3, ETAG);
    cr_assert_not(get(c, (struct rep_key){&KIND_A, 1, NULL}, g, body, etag));
    rep_cache_free(c);
}

Test(rep_cache, large_bodies_and_long_texts_are_not_kept) {
    struct rep_cache *c = rep_cache_new();
    char body[64] = "", etag[SHA256_HEX_LEN + 1] = "";
    uint64_t g = rep_cache_generation(c);
    static char big[100000];
    memset(big, 'x', sizeof big);
    rep_cache_put(c, (struct rep_key){&KIND_A, 1, NULL}, g, big, sizeof big, ETAG);
    cr_assert_not(get(c, (struct rep_key){&KIND_A, 1, NULL}, g, body, etag));
    char text[REP_CACHE_TEXT_MAX + 2];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    rep_cache_put(c, (struct rep_key){&KIND_A, 1, text}, g, "x", 1, ETAG);
    cr_assert_not(get(c, (struct rep_key){&KIND_A, 1, text}, g, body, etag));
    rep_cache_free(c);
}

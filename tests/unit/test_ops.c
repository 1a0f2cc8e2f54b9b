/* Unit tests of the operations helpers: request id validation and
 * generation, the recent-writers table of read routing, and the metrics
 * exposition (counts, cumulative buckets, unmatched routes). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "http/metrics.h"
#include "http/read_routing.h"
#include "http/request_id.h"
#include "http/routes.h"

Test(request_id, sane_values_are_kept) {
    struct arena a;
    arena_init(&a);
    cr_expect_str_eq(request_id_for("abc-123_x.y:z@q+r/s=", &a), "abc-123_x.y:z@q+r/s=");
    char max[REQUEST_ID_MAX + 1];
    memset(max, 'k', REQUEST_ID_MAX);
    max[REQUEST_ID_MAX] = '\0';
    cr_expect_str_eq(request_id_for(max, &a), max);
    arena_free(&a);
}

Test(request_id, insane_values_are_replaced_by_32_hex_digits) {
    struct arena a;
    arena_init(&a);
    char over[REQUEST_ID_MAX + 2];
    memset(over, 'k', REQUEST_ID_MAX + 1);
    over[REQUEST_ID_MAX + 1] = '\0';
    const char *bad[] = {NULL, "", over, "a b", "a\nb", "x;y", "\"q\"", "caf\xc3\xa9"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *id = request_id_for(bad[i], &a);
        cr_expect_eq(strlen(id), 32, "for case %zu", i);
        cr_expect_eq(strspn(id, "0123456789abcdef"), 32, "for case %zu", i);
    }
    cr_expect_str_neq(request_id_for(NULL, &a), request_id_for(NULL, &a));
    arena_free(&a);
}

Test(sticky, remembers_writers_for_the_window_only) {
    struct sticky *s = sticky_new(60);
    cr_expect_not(sticky_active(s, "alice"));
    sticky_note(s, "alice");
    cr_expect(sticky_active(s, "alice"));
    cr_expect_not(sticky_active(s, "bob"));
    sticky_free(s);

    struct sticky *off = sticky_new(0);   /* READ_AFTER_WRITE_SECONDS=0: never sticky */
    sticky_note(off, "alice");
    cr_expect_not(sticky_active(off, "alice"));
    sticky_free(off);
}

Test(sticky, stays_bounded_with_many_writers) {
    struct sticky *s = sticky_new(60);
    char key[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "user-%d", i);
        sticky_note(s, key);
    }
    cr_expect(sticky_active(s, "user-99999"));   /* the newest survive */
    sticky_free(s);
}

static size_t count_of(const char *text, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

Test(metrics, exposition_counts_by_route_and_status) {
    struct metrics *m = metrics_new();
    size_t n;
    const struct route *t = route_table(&n);
    const struct route *movies = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].method, "GET") == 0 && strcmp(t[i].pattern, "/movies/{id}") == 0) movies = &t[i];
    cr_assert_not_null(movies);
    for (int i = 0; i < 3; i++) {
        metrics_started(m);
        metrics_finished(m, movies, 200, 1500);
    }
    metrics_started(m);
    metrics_finished(m, NULL, 404, 10);
    metrics_started(m);   /* still in flight */
    struct strbuf out = STRBUF_INIT;
    metrics_render(m, NULL, NULL, NULL, NULL, &out);
    const char *x = out.data;
    cr_expect(strstr(x, "audition_http_requests_total{method=\"GET\",route=\"/movies/{id}\",status=\"200\"} 3\n"));
    cr_expect(strstr(x, "audition_http_requests_total{method=\"\",route=\"unmatched\",status=\"404\"} 1\n"));
    cr_expect(strstr(x, "route=\"/movies/{id}\",le=\"0.001\"} 0\n"));
    cr_expect(strstr(x, "route=\"/movies/{id}\",le=\"0.0025\"} 3\n"));
    cr_expect(strstr(x, "route=\"/movies/{id}\",le=\"+Inf\"} 3\n"));
    cr_expect(strstr(x, "audition_http_request_duration_seconds_sum{method=\"GET\",route=\"/movies/{id}\"} 0.004500\n"));
    cr_expect(strstr(x, "audition_http_requests_in_flight 1\n"));
    cr_expect_eq(count_of(x, "# TYPE audition_http_requests_total counter"), 1);
    cr_expect_null(strstr(x, "audition_db_pool"));   /* no pool given */
    strbuf_free(&out);
    metrics_free(m);
}

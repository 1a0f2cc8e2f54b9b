/* Login throttling: failures counted per key in a fixed window, refusal
 * with the seconds left past the limit, reset on success, independent keys,
 * and a full table evicting rather than failing. Times are passed in, so
 * nothing here waits. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "auth/throttle.h"

TestSuite(throttle, .timeout = 30);

Test(throttle, refuses_after_the_limit_until_the_window_ends)
{
    struct throttle *t = throttle_new(16, 3, 60);
    cr_assert_not_null(t);
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(throttle_retry_after(t, "u:alice", 1000 + i), 0);
        throttle_failure(t, "u:alice", 1000 + i);
    }
    cr_assert_eq(throttle_retry_after(t, "u:alice", 1002), 58, "window started at the first failure");
    cr_assert_eq(throttle_retry_after(t, "u:alice", 1059), 1);
    cr_assert_eq(throttle_retry_after(t, "u:alice", 1060), 0, "a new window");
    throttle_failure(t, "u:alice", 1060);
    cr_assert_eq(throttle_retry_after(t, "u:alice", 1060), 0, "one failure in the new window");
    throttle_free(t);
}

Test(throttle, keys_are_independent_and_success_resets)
{
    struct throttle *t = throttle_new(16, 2, 60);
    throttle_failure(t, "u:alice", 10);
    throttle_failure(t, "u:alice", 10);
    cr_assert_gt(throttle_retry_after(t, "u:alice", 11), 0);
    cr_assert_eq(throttle_retry_after(t, "u:bob", 11), 0);
    throttle_reset(t, "u:alice");
    cr_assert_eq(throttle_retry_after(t, "u:alice", 11), 0);
    throttle_free(t);
}

Test(throttle, a_full_table_evicts_the_oldest_entry)
{
    struct throttle *t = throttle_new(4, 1, 100);
    char key[32];
    for (int i = 0; i < 5; i++) {
        snprintf(key, sizeof key, "a:10.0.0.%d", i);
        throttle_failure(t, key, 1000 + i);
    }
    cr_assert_eq(throttle_retry_after(t, "a:10.0.0.0", 1005), 0, "the oldest was evicted");
    cr_assert_gt(throttle_retry_after(t, "a:10.0.0.4", 1005), 0);
    cr_assert_gt(throttle_retry_after(t, "a:10.0.0.1", 1005), 0);
    throttle_free(t);
}

Test(throttle, long_keys_are_cut_not_overflowed)
{
    struct throttle *t = throttle_new(4, 1, 100);
    char key[THROTTLE_KEY_MAX * 2];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    throttle_failure(t, key, 1);
    cr_assert_gt(throttle_retry_after(t, key, 2), 0);
    throttle_free(t);
}

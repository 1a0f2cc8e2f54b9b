/* Passwords of built-in users: the rules (length, not the username, no
 * control characters), username syntax, and argon2id hashing (salted,
 * verifies only the right password, malformed hashes never match). */
#include <criterion/criterion.h>
#include <string.h>

#include "auth/password.h"

TestSuite(password, .timeout = 60);

static const char *problem(const char *user, const char *pw) { return password_problem(user, pw, strlen(pw)); }

Test(password, needs_at_least_ten_characters)
{
    cr_assert_not_null(problem("alice", "123456789"));
    cr_assert_null(problem("alice", "1234567890"));
}

Test(password, must_not_be_the_username_in_any_case)
{
    cr_assert_not_null(problem("Administrator", "administrator"));
    cr_assert_not_null(problem("administrator", "ADMINISTRATOR"));
    cr_assert_null(problem("administrator", "administrator1"));
}

Test(password, refuses_control_characters_and_overlong_ones)
{
    cr_assert_not_null(problem("alice", "abcdefghij\t"));
    char big[PASSWORD_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    cr_assert_not_null(problem("alice", big));
    big[PASSWORD_MAX] = '\0';
    cr_assert_null(problem("alice", big));
    cr_assert_null(problem("alice", "pässwörd with ünïcode"), "UTF-8 is fine");
}

Test(password, usernames)
{
    cr_assert_null(username_problem("alice"));
    cr_assert_null(username_problem("a.b-c_d@studio"));
    cr_assert_not_null(username_problem(""));
    cr_assert_not_null(username_problem("-alice"));
    cr_assert_not_null(username_problem("al ice"));
    cr_assert_not_null(username_problem(NULL));
    char big[USERNAME_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    cr_assert_not_null(username_problem(big));
}

Test(password, argon2id_hash_verifies_only_the_right_password)
{
    cr_assert_eq(password_init(), 0);
    char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
    cr_assert_eq(password_hash("correct horse", 13, h1), 0);
    cr_assert_eq(password_hash("correct horse", 13, h2), 0);
    cr_assert_eq(strncmp(h1, "$argon2id$", 10), 0, "%s", h1);
    cr_assert_str_neq(h1, h2, "each hash has its own salt");
    cr_assert(password_verify(h1, "correct horse", 13));
    cr_assert(password_verify(h2, "correct horse", 13));
    cr_assert_not(password_verify(h1, "correct horsE", 13));
    cr_assert_not(password_verify(h1, "correct hors", 12));
}

Test(password, malformed_hashes_never_match)
{
    cr_assert_eq(password_init(), 0);
    cr_assert_not(password_verify("", "x", 1));
    cr_assert_not(password_verify(NULL, "x", 1));
    cr_assert_not(password_verify("$argon2id$v=19$garbage", "x", 1));
}

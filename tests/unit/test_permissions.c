/* The permission vocabulary and the roles of api.md's table. */
#include <criterion/criterion.h>
#include <string.h>

#include "auth/auth.h"

Test(permissions, names_round_trip)
{
    const char *all[] = {"read:actors",   "read:movies",  "create:actors", "modify:actors", "delete:actors",
                         "modify:movies", "create:casts", "delete:casts",  "create:movies", "delete:movies"};
    uint32_t seen = 0;
    for (size_t i = 0; i < 10; i++) {
        uint32_t bit = perm_from_name(all[i], strlen(all[i]));
        cr_assert_neq(bit, 0, "%s", all[i]);
        cr_assert_eq(bit & seen, 0);
        seen |= bit;
    }
    const char *names[16];
    cr_assert_eq(perm_names(seen, names, 16), 10);
    for (size_t i = 0; i < 10; i++)
        cr_assert_str_eq(names[i], all[i]);
}

Test(permissions, unknown_or_partial_names_are_zero)
{
    cr_assert_eq(perm_from_name("read:actor", 10), 0);
    cr_assert_eq(perm_from_name("read:actorsx", 12), 0);
    cr_assert_eq(perm_from_name("READ:ACTORS", 11), 0);
    cr_assert_eq(perm_from_name("", 0), 0);
    cr_assert_eq(perm_from_name(NULL, 0), 0);
    /* a length shorter than the string is honoured */
    cr_assert_eq(perm_from_name("read:actors,read:movies", 11), PERM_READ_ACTORS);
}

Test(permissions, names_respect_max)
{
    const char *names[2];
    cr_assert_eq(perm_names(role_perms(ROLE_PRODUCER), names, 2), 2);
    cr_assert_eq(perm_names(0, names, 2), 0);
}

Test(permissions, roles_match_the_api_table)
{
    uint32_t assistant = PERM_READ_ACTORS | PERM_READ_MOVIES;
    uint32_t director = assistant | PERM_CREATE_ACTORS | PERM_MODIFY_ACTORS | PERM_DELETE_ACTORS |
                        PERM_MODIFY_MOVIES | PERM_CREATE_CASTS | PERM_DELETE_CASTS;
    uint32_t producer = director | PERM_CREATE_MOVIES | PERM_DELETE_MOVIES;
    cr_assert_eq(role_perms(ROLE_ASSISTANT), assistant);
    cr_assert_eq(role_perms(ROLE_DIRECTOR), director);
    cr_assert_eq(role_perms(ROLE_PRODUCER), producer);
    cr_assert_eq(role_perms(ROLE_COUNT), 0);
}

Test(permissions, role_names)
{
    cr_assert_eq(role_parse("assistant"), ROLE_ASSISTANT);
    cr_assert_eq(role_parse("director"), ROLE_DIRECTOR);
    cr_assert_eq(role_parse("producer"), ROLE_PRODUCER);
    cr_assert_eq(role_parse("Producer"), ROLE_PRODUCER);
    cr_assert_eq(role_parse("admin"), -1);
    cr_assert_eq(role_parse(""), -1);
    cr_assert_eq(role_parse(NULL), -1);
}

/* The permission vocabulary of api.md and its three roles: names <-> bits,
 * role names -> role, role -> permission set. Pure tables, no state; token
 * parsing (which claim carries the names) lives in jwt.c. */
#include <string.h>
#include <strings.h>

#include "auth/auth.h"

/* api.md's order: the order perm_names() writes and minted tokens carry. */
static const struct {
    const char *name;
    uint32_t bit;
} perm_table[] = {
    {"read:actors", PERM_READ_ACTORS},     {"read:movies", PERM_READ_MOVIES},
    {"create:actors", PERM_CREATE_ACTORS}, {"modify:actors", PERM_MODIFY_ACTORS},
    {"delete:actors", PERM_DELETE_ACTORS}, {"modify:movies", PERM_MODIFY_MOVIES},
    {"create:casts", PERM_CREATE_CASTS},   {"delete:casts", PERM_DELETE_CASTS},
    {"create:movies", PERM_CREATE_MOVIES}, {"delete:movies", PERM_DELETE_MOVIES},
};
#define PERM_COUNT (sizeof perm_table / sizeof perm_table[0])

#define ASSISTANT_PERMS (PERM_READ_ACTORS | PERM_READ_MOVIES)
#define DIRECTOR_PERMS                                                                              \
    (ASSISTANT_PERMS | PERM_CREATE_ACTORS | PERM_MODIFY_ACTORS | PERM_DELETE_ACTORS |              \
     PERM_MODIFY_MOVIES | PERM_CREATE_CASTS | PERM_DELETE_CASTS)
#define PRODUCER_PERMS (DIRECTOR_PERMS | PERM_CREATE_MOVIES | PERM_DELETE_MOVIES)

static const struct {
    const char *name;
    uint32_t perms;
} role_table[ROLE_COUNT] = {
    [ROLE_ASSISTANT] = {"assistant", ASSISTANT_PERMS},
    [ROLE_DIRECTOR] = {"director", DIRECTOR_PERMS},
    [ROLE_PRODUCER] = {"producer", PRODUCER_PERMS},
};

uint32_t perm_from_name(const char *name, size_t len)
{
    if (!name)
        return 0;
    for (size_t i = 0; i < PERM_COUNT; i++) {
        const char *n = perm_table[i].name;
        if (strlen(n) == len && memcmp(n, name, len) == 0)
            return perm_table[i].bit;
    }
    return 0;
}

size_t perm_names(uint32_t perms, const char *names[], size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < PERM_COUNT && n < max; i++)
        if (perms & perm_table[i].bit)
            names[n++] = perm_table[i].name;
    return n;
}

int role_parse(const char *name)
{
    if (!name)
        return -1;
    for (int r = 0; r < ROLE_COUNT; r++)
        if (strcasecmp(name, role_table[r].name) == 0)
            return r;
    return -1;
}

uint32_t role_perms(enum role r)
{
    if ((unsigned)r >= ROLE_COUNT)
        return 0;
    return role_table[r].perms;
}

const char *role_name(enum role r)
{
    if ((unsigned)r >= ROLE_COUNT)
        return NULL;
    return role_table[r].name;
}

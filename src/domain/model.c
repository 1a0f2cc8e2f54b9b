/* Names of the enumerations of api.md (genre, gender) and their parsing. */
#include "domain/model.h"

#include <string.h>

static const char *const genre_names[GENRE_COUNT] = {
    "ACTION_AND_ADVENTURE", "ANIMATION", "COMEDY", "DOCUMENTARY", "DRAMA", "FANTASY",
    "HISTORICAL",           "HORROR",    "NOIR",   "SCI_FI",      "WESTERN",
};

static const char *const gender_names[GENDER_COUNT] = {"MALE", "FEMALE"};

static int parse_name(const char *const *names, int count, const char *name) {
    if (!name) return -1;
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

const char *genre_name(enum genre g) { return g >= 0 && g < GENRE_COUNT ? genre_names[g] : NULL; }
const char *gender_name(enum gender g) { return g >= 0 && g < GENDER_COUNT ? gender_names[g] : NULL; }
int genre_parse(const char *name) { return parse_name(genre_names, GENRE_COUNT, name); }
int gender_parse(const char *name) { return parse_name(gender_names, GENDER_COUNT, name); }

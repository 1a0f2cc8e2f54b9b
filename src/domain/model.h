/* The domain's plain data: movies, actors, their nested views and pages.
 * Strings are NUL-terminated UTF-8, owned by whoever allocated the struct
 * (usually a request arena). No behaviour lives here. */
#ifndef AUDITION_MODEL_H
#define AUDITION_MODEL_H

#include <stddef.h>
#include <stdint.h>

enum genre {
    GENRE_ACTION_AND_ADVENTURE,
    GENRE_ANIMATION,
    GENRE_COMEDY,
    GENRE_DOCUMENTARY,
    GENRE_DRAMA,
    GENRE_FANTASY,
    GENRE_HISTORICAL,
    GENRE_HORROR,
    GENRE_NOIR,
    GENRE_SCI_FI,
    GENRE_WESTERN,
    GENRE_COUNT
};

enum gender { GENDER_NONE = -1, GENDER_MALE = 0, GENDER_FEMALE = 1, GENDER_COUNT = 2 };

/* Wire/database names ("SCI_FI", "MALE"); NULL for out-of-range values. */
const char *genre_name(enum genre g);
const char *gender_name(enum gender g);
/* Returns the value, or -1 when name is not one of the enumeration's names. */
int genre_parse(const char *name);
int gender_parse(const char *name);

#define PAGE_SIZE 10
/* Largest id: 2^53 - 1, so ids stay exact in every JSON client. */
#define ID_MAX 9007199254740991LL

struct movie {
    int64_t id;
    const char *title;
    enum genre genre;
    const char *release_date; /* "YYYY-MM-DD" or NULL */
    const char *poster_url;   /* or NULL */
};

struct actor {
    int64_t id;
    const char *name;
    int32_t age;
    enum gender gender;       /* GENDER_NONE when null */
    const char *photo_url;    /* or NULL */
};

/* A movie with its cast, actors sorted by name (then id). */
struct movie_full {
    struct movie movie;
    struct actor *actors;
    size_t n_actors;
};

/* An actor with the movies they are cast in, sorted by title (then id). */
struct actor_full {
    struct actor actor;
    struct movie *movies;
    size_t n_movies;
};

struct movie_page {
    struct movie_full *items;
    size_t n;
    int64_t total;            /* all rows matching the search */
};

struct actor_page {
    struct actor_full *items;
    size_t n;
    int64_t total;
};

#endif

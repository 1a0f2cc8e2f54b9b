/* The search filter of the list operations as a LIKE/ILIKE pattern: a
 * substring match in which %, _ and \ of the user's text are literal.
 * Both engines use it with backslash as the escape character. */
#ifndef AUDITION_STORE_LIKE_H
#define AUDITION_STORE_LIKE_H

#include "util/arena.h"

/* "%<search with % _ \ escaped by \>%", or NULL when search is NULL or ""
 * (no filter). */
char *store_like_pattern(struct arena *a, const char *search);

#endif

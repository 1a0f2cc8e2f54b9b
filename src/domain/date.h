/* Calendar dates as the API writes them: YYYY-MM-DD, proleptic Gregorian. */
#ifndef AUDITION_DATE_H
#define AUDITION_DATE_H

#include <stdbool.h>

/* True when s is exactly YYYY-MM-DD and names a day that exists (years 0001-9999). */
bool date_valid(const char *s);
/* Reads exactly n decimal digits at s into *out; false at any other character. */
bool date_digits(const char *s, int n, int *out);

#endif

/* Instants as the casting API writes them: RFC 3339 date-times in, seconds
 * since the epoch (UTC) inside, "2026-12-10T10:00:00Z" out. Owns parsing
 * (Z or a numeric offset, optional fraction) and formatting; nothing else. */
#ifndef AUDITION_TIMESTAMP_H
#define AUDITION_TIMESTAMP_H

#include <stdbool.h>
#include <stdint.h>

/* The instants the API accepts: 1970-01-01T00:00:00Z .. 9999-12-31T23:59:59Z. */
#define TIMESTAMP_MIN INT64_C(0)
#define TIMESTAMP_MAX INT64_C(253402300799)

/* "YYYY-MM-DDTHH:MM:SS" + optional ".digits" (at most 9, dropped: seconds
 * resolution) + "Z" or "+HH:MM"/"-HH:MM"; 'T' and 'Z' may be lower case.
 * The day must exist, seconds 00-59 (no leap second), and the instant, in
 * UTC, within TIMESTAMP_MIN..MAX. Returns false for anything else. */
bool timestamp_parse(const char *s, int64_t *out);

/* Writes "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with the NUL) for t in range. */
#define TIMESTAMP_LEN 21
void timestamp_format(int64_t t, char out[TIMESTAMP_LEN]);

/* Writes the iCalendar UTC form "YYYYMMDDTHHMMSSZ" (17 bytes with the NUL). */
#define TIMESTAMP_ICS_LEN 17
void timestamp_format_ics(int64_t t, char out[TIMESTAMP_ICS_LEN]);

#endif

/* RFC 3339 instants (see timestamp.h). Civil-date arithmetic is Howard
 * Hinnant's days_from_civil / civil_from_days, proleptic Gregorian, so the
 * result never depends on the process's time zone or locale. */
#include "domain/timestamp.h"

#include <stdio.h>
#include <string.h>

#include "domain/date.h"

static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool day_exists(int y, int m, int d) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* The zone designator at s: "Z" or "+HH:MM"/"-HH:MM" and nothing after it. */
static bool parse_zone(const char *s, int64_t *offset) {
    if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
        *offset = 0;
        return true;
    }
    int hh, mm;
    if ((s[0] != '+' && s[0] != '-') || !date_digits(s + 1, 2, &hh) || s[3] != ':' || !date_digits(s + 4, 2, &mm) ||
        s[6] != '\0' || hh > 23 || mm > 59)
        return false;
    *offset = (s[0] == '-' ? -1 : 1) * (int64_t)(hh * 3600 + mm * 60);
    return true;
}

bool timestamp_parse(const char *s, int64_t *out) {
    int y, mo, d, h, mi, se;
    if (!s || strnlen(s, 40) < 20) return false;
    if (!date_digits(s, 4, &y) || s[4] != '-' || !date_digits(s + 5, 2, &mo) || s[7] != '-' || !date_digits(s + 8, 2, &d) ||
        (s[10] != 'T' && s[10] != 't') || !date_digits(s + 11, 2, &h) || s[13] != ':' || !date_digits(s + 14, 2, &mi) ||
        s[16] != ':' || !date_digits(s + 17, 2, &se))
        return false;
    if (!day_exists(y, mo, d) || h > 23 || mi > 59 || se > 59) return false;
    const char *p = s + 19;
    if (*p == '.') {
        size_t n = strspn(p + 1, "0123456789");
        if (n == 0 || n > 9) return false;
        p += 1 + n;
    }
    int64_t offset = 0;
    if (!parse_zone(p, &offset)) return false;
    int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
    if (t < TIMESTAMP_MIN || t > TIMESTAMP_MAX) return false;
    *out = t;
    return true;
}

/* Splits t (clamped to the range) into its UTC calendar fields. */
static void split(int64_t t, int f[6]) {
    if (t < TIMESTAMP_MIN) t = TIMESTAMP_MIN;
    if (t > TIMESTAMP_MAX) t = TIMESTAMP_MAX;
    int64_t days = t / 86400, secs = t % 86400;
    civil_from_days(days, &f[0], &f[1], &f[2]);
    f[3] = (int)(secs / 3600);
    f[4] = (int)(secs / 60 % 60);
    f[5] = (int)(secs % 60);
}

void timestamp_format(int64_t t, char out[TIMESTAMP_LEN]) {
    int f[6];
    split(t, f);
    snprintf(out, TIMESTAMP_LEN, "%04d-%02d-%02dT%02d:%02d:%02dZ", f[0], f[1], f[2], f[3], f[4], f[5]);
}

void timestamp_format_ics(int64_t t, char out[TIMESTAMP_ICS_LEN]) {
    int f[6];
    split(t, f);
    snprintf(out, TIMESTAMP_ICS_LEN, "%04d%02d%02dT%02d%02d%02dZ", f[0], f[1], f[2], f[3], f[4], f[5]);
}

/* Request ids (see request_id.h): validation of a supplied one, generation
 * of 128 random bits as 32 hex digits otherwise. */
#include "http/request_id.h"

#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/random.h>
#include <time.h>


bool request_id_is_sane(const char *v) {
    if (!v) return false;
    size_t n = strlen(v);
    if (n == 0 || n > REQUEST_ID_MAX) return false;
    static const char extra[] = "-_.:@+/=";
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(extra, c);
        if (!ok) return false;
    }
    return true;
}

const char *request_id_for(const char *header, struct arena *a) {
    if (request_id_is_sane(header)) return arena_strdup(a, header);
    uint8_t raw[16];
    if (getrandom(raw, sizeof raw, GRND_NONBLOCK) != (ssize_t)sizeof raw) {
        /* no entropy yet (early boot): unique enough for correlating logs */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        memset(raw, 0, sizeof raw);
        memcpy(raw, &ts, sizeof ts < sizeof raw ? sizeof ts : sizeof raw);
    }
    static const char digits[] = "0123456789abcdef";
    char *out = arena_alloc(a, 2 * sizeof raw + 1);
    for (size_t i = 0; i < sizeof raw; i++) {
        out[2 * i] = digits[raw[i] >> 4];
        out[2 * i + 1] = digits[raw[i] & 15];
    }
    return out;
}

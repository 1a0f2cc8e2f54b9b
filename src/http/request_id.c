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

/* Random bytes for ids, taken from the kernel a batch at a time: one
 * getrandom per RANDOM_BATCH / 16 requests instead of one each. Per thread,
 * so no lock; the bytes are the kernel's, never derived. */
#define RANDOM_BATCH 256
static _Thread_local struct {
    uint8_t bytes[RANDOM_BATCH];
    size_t used;
} random_batch = {.used = RANDOM_BATCH};

static void random_bytes(uint8_t *out, size_t n) {
    if (random_batch.used + n > RANDOM_BATCH) {
        if (getrandom(random_batch.bytes, RANDOM_BATCH, GRND_NONBLOCK) != RANDOM_BATCH) {
            /* no entropy yet (early boot): unique enough for correlating logs */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            memset(out, 0, n);
            memcpy(out, &ts, sizeof ts < n ? sizeof ts : n);
            return;
        }
        random_batch.used = 0;
    }
    memcpy(out, random_batch.bytes + random_batch.used, n);
    random_batch.used += n;
}

const char *request_id_for(const char *header, struct arena *a) {
    if (request_id_is_sane(header)) return arena_strdup(a, header);
    uint8_t raw[16];
    random_bytes(raw, sizeof raw);
    static const char digits[] = "0123456789abcdef";
    char *out = arena_alloc(a, 2 * sizeof raw + 1);
    for (size_t i = 0; i < sizeof raw; i++) {
        out[2 * i] = digits[raw[i] >> 4];
        out[2 * i + 1] = digits[raw[i] & 15];
    }
    return out;
}

/* Private to src/store/: reading the embedded seed files (demo-data.json in
 * seed.c, demo-casting.json in seed_casting.c) with jansson. */
#ifndef AUDITION_SEED_JSON_H
#define AUDITION_SEED_JSON_H

#include <jansson.h>

/* The string at key, NULL when absent or null. */
static inline const char *seed_str(const json_t *o, const char *key) {
    return json_string_value(json_object_get(o, key));
}

#endif

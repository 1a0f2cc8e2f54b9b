/* libFuzzer harness: JWKS documents (jwks_parse) and key lookup by kid. */
#include <stddef.h>
#include <stdint.h>

#include "auth/jwks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct jwks *set = NULL;
    char err[256];
    if (jwks_parse((const char *)data, size, &set, err, sizeof err) != 0) return 0;
    const char *why = NULL;
    jwks_find(set, NULL, &why);
    for (size_t i = 0; i < set->n; i++) jwks_find(set, set->keys[i].kid, &why);
    jwks_find(set, "no-such-kid", &why);
    jwks_unref(set);
    return 0;
}

/* libFuzzer harness: JSON Patch bodies of PATCH /movies/{id} and
 * PATCH /actors/{id}. The first byte picks the resource, the rest is the
 * patch, applied to a valid object; the result is written back as JSON. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/body.h"
#include "domain/model.h"
#include "domain/patch.h"
#include "util/json_write.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    bool actor = data[0] & 1;
    const struct resource *r = actor ? &actor_resource : &movie_resource;
    struct movie m = {.id = 7, .title = "Contact", .genre = GENRE_SCI_FI, .release_date = "1997-07-11"};
    struct actor p = {.id = 9, .name = "Jodie Foster", .age = 62, .gender = GENDER_FEMALE};
    const char *msg = NULL;
    json_t *patch = body_parse_json((const char *)data + 1, size - 1, &msg);
    if (!patch) return 0;
    struct arena a;
    arena_init(&a);
    void *obj = actor ? (void *)&p : (void *)&m;
    if (patch_apply(r, patch, obj, &a, &msg) == 0) {
        struct strbuf sb = {0};
        struct jw w = jw_on(&sb);
        field_write_object(&w, r, obj, NULL, NULL);
        strbuf_free(&sb);
    }
    json_decref(patch);
    arena_free(&a);
    return 0;
}

/* libFuzzer harness: request bodies of POST /movies and POST /actors. The
 * first byte picks the resource, the rest is the body: strict JSON parsing,
 * the field table's validation, then writing the accepted object back. */
#include <stddef.h>
#include <stdint.h>

#include "domain/body.h"
#include "util/json_write.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    const struct resource *r = data[0] & 1 ? &actor_resource : &movie_resource;
    const char *msg = NULL;
    json_t *body = body_parse_json((const char *)data + 1, size - 1, &msg);
    if (!body) return 0;
    struct arena a;
    arena_init(&a);
    void *obj = arena_alloc(&a, r->size);
    if (body_to_resource(r, body, obj, &a, &msg) == 0) {
        struct strbuf sb = {0};
        struct jw w = jw_on(&sb);
        field_write_object(&w, r, obj, NULL, NULL);
        strbuf_free(&sb);
    }
    json_decref(body);
    arena_free(&a);
    return 0;
}

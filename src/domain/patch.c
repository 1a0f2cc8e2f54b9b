/* JSON Patch subset (see patch.h). */
#include "domain/patch.h"

#include <string.h>

static int apply_one(const struct resource *r, const json_t *op, void *obj, struct arena *a,
                     const char **why) {
    if (!json_is_object(op)) {
        *why = "must be an object";
        return -1;
    }
    const char *name = json_string_value(json_object_get(op, "op"));
    const char *path = json_string_value(json_object_get(op, "path"));
    const json_t *value = json_object_get(op, "value");
    bool add = name && strcmp(name, "add") == 0;
    bool remove = name && strcmp(name, "remove") == 0;
    if (!add && !remove) {
        *why = "op must be \"add\" or \"remove\"";
        return -1;
    }
    const struct field *f = path && path[0] == '/' ? field_find(r, path + 1) : NULL;
    if (!f) {
        *why = arena_printf(a, "path must name one field of the %s", r->name);
        return -1;
    }
    const char *msg = NULL;
    if (remove) {
        if (value) {
            *why = "remove must not carry a value";
            return -1;
        }
        if (field_clear(f, obj, &msg) == 0) return 0;
    } else {
        if (!value) {
            *why = "add needs a value";
            return -1;
        }
        if (field_set(f, obj, value, false, a, &msg) == 0) return 0;
    }
    *why = arena_printf(a, "%s %s", f->wire, msg);
    return -1;
}

int patch_apply(const struct resource *r, const json_t *patch, void *obj, struct arena *a, const char **msg) {
    if (!json_is_array(patch)) {
        *msg = "the body must be a JSON array of patch operations";
        return -1;
    }
    if (json_array_size(patch) > PATCH_MAX_OPS) {
        *msg = "too many patch operations";
        return -1;
    }
    size_t i;
    const json_t *op;
    json_array_foreach(patch, i, op) {
        const char *why = NULL;
        if (apply_one(r, op, obj, a, &why) != 0) {
            *msg = arena_printf(a, "operation %zu: %s", i, why);
            return -1;
        }
    }
    return 0;
}

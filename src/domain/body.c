/* JSON request bodies (see body.h). */
#include "domain/body.h"

json_t *body_parse_json(const char *data, size_t len, const char **msg) {
    json_error_t err;
    json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (!v) *msg = "the body is not valid JSON";
    return v;
}

int body_to_resource_field(const struct resource *r, const json_t *body, void *out, struct arena *a,
                           const char **field, const char **msg) {
    *field = NULL;
    if (!json_is_object(body)) {
        *msg = "the body must be a JSON object";
        return -1;
    }
    for (size_t i = 0; i < r->n_fields; i++) {
        const struct field *f = &r->fields[i];
        if (f->type == FT_ID) continue;
        const json_t *v = json_object_get(body, f->wire);
        const char *why = NULL;
        if (!v && f->required) why = "is required";
        else if (field_set(f, out, v ? v : json_null(), true, a, &why) == 0) continue;
        *field = f->wire;
        *msg = why;
        return -1;
    }
    return 0;
}

int body_to_resource(const struct resource *r, const json_t *body, void *out, struct arena *a,
                     const char **msg) {
    const char *field = NULL, *why = NULL;
    if (body_to_resource_field(r, body, out, a, &field, &why) == 0) return 0;
    *msg = field ? arena_printf(a, "%s %s", field, why) : why;
    return -1;
}

/* Serialisation of full entities by their shape (see represent.h). */
#include "domain/represent.h"

const struct shape movie_shape = {
    &movie_resource, &actor_resource, offsetof(struct movie_full, actors),
    offsetof(struct movie_full, n_actors), sizeof(struct movie_full),
};

const struct shape actor_shape = {
    &actor_resource, &movie_resource, offsetof(struct actor_full, movies),
    offsetof(struct actor_full, n_movies), sizeof(struct actor_full),
};

static void write_nested(struct jw *w, const void *ctx) {
    const struct shape *s = ((const void *const *)ctx)[0];
    const char *full = ((const void *const *)ctx)[1];
    const char *items = *(const char *const *)(full + s->items_offset);
    size_t n = *(const size_t *)(full + s->count_offset);
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++)
        field_write_object(w, s->nested, items + i * s->nested->size, NULL, NULL);
    jw_arr_end(w);
}

void represent_full(struct jw *w, const struct shape *s, const void *full) {
    const void *ctx[2] = {s, full};
    field_write_object(w, s->res, full, write_nested, ctx);
}

void represent_full_items(struct jw *w, const struct shape *s, const void *items, size_t count) {
    for (size_t i = 0; i < count; i++) represent_full(w, s, (const char *)items + i * s->full_size);
}

void represent_full_array(struct jw *w, const struct shape *s, const void *items, size_t count) {
    jw_arr_begin(w);
    represent_full_items(w, s, items, count);
    jw_arr_end(w);
}

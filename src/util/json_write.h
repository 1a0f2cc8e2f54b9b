/* A small, escape-correct JSON writer into a strbuf.
 * The caller writes keys in alphabetical order (the contract requires it);
 * the writer only tracks where commas go. No allocation besides the strbuf. */
#ifndef AUDITION_JSON_WRITE_H
#define AUDITION_JSON_WRITE_H

#include <stdbool.h>
#include <stdint.h>

#include "util/strbuf.h"

struct jw {
    struct strbuf *sb;
    bool need_comma;
};

static inline struct jw jw_on(struct strbuf *sb) { return (struct jw){sb, false}; }

void jw_obj_begin(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_begin(struct jw *w);
void jw_arr_end(struct jw *w);
/* Writes `"key":` (with a leading comma when needed). key must not need escaping. */
void jw_key(struct jw *w, const char *key);
/* A string value, or null when s is NULL. */
void jw_str(struct jw *w, const char *s);
void jw_int(struct jw *w, int64_t v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* Appends already-serialised JSON as one value. */
void jw_raw(struct jw *w, const char *json, size_t len);

/* Escapes s as a JSON string literal (with quotes) onto sb. */
void json_escape_into(struct strbuf *sb, const char *s);

#endif

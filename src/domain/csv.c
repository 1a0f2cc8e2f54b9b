/* CSV writing and parsing (see csv.h). The parser is a small state machine
 * over the bytes; cells and rows grow in the arena by doubling. */
#include "domain/csv.h"

#include <inttypes.h>
#include <string.h>

static bool formula_start(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* True when s, after any apostrophes, starts like a formula. */
static bool looks_like_formula(const char *s) {
    while (*s == '\'') s++;
    return formula_start(*s);
}

void csv_cell(struct strbuf *sb, const char *s, bool first) {
    if (!first) strbuf_addc(sb, ',');
    if (!s) return;
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote) strbuf_addc(sb, '"');
    if (looks_like_formula(s)) strbuf_addc(sb, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"') strbuf_addc(sb, '"');
        strbuf_addc(sb, *p);
    }
    if (quote) strbuf_addc(sb, '"');
}

void csv_int_cell(struct strbuf *sb, int64_t v, bool first) {
    if (!first) strbuf_addc(sb, ',');
    strbuf_addf(sb, "%" PRId64, v);
}

void csv_row_end(struct strbuf *sb) {
    strbuf_add(sb, "\r\n", 2);
}

const char *csv_unescape_formula(const char *s) {
    return s[0] == '\'' && looks_like_formula(s + 1) ? s + 1 : s;
}

/* ---- parsing ---- */

struct parser {
    const char *p, *end;
    size_t line;
    struct arena *a;
    struct strbuf cell;
    char **cells;
    size_t n_cells, cap_cells, max_cols;
    const char *msg;
};

static int fail(struct parser *ps, const char *what) {
    ps->msg = arena_printf(ps->a, "line %zu: %s", ps->line, what);
    return -1;
}

static int push_cell(struct parser *ps) {
    if (ps->n_cells == ps->max_cols) return fail(ps, "too many columns");
    if (ps->n_cells == ps->cap_cells) {
        size_t cap = ps->cap_cells ? 2 * ps->cap_cells : 8;
        char **cells = arena_alloc(ps->a, cap * sizeof *cells);
        if (ps->n_cells) memcpy(cells, ps->cells, ps->n_cells * sizeof *cells);
        ps->cells = cells, ps->cap_cells = cap;
    }
    ps->cells[ps->n_cells++] = arena_strndup(ps->a, ps->cell.data ? ps->cell.data : "", ps->cell.len);
    strbuf_reset(&ps->cell);
    return 0;
}

/* A quoted field, from after its opening quote to after its closing one. */
static int quoted(struct parser *ps) {
    size_t start = ps->line;
    for (;;) {
        if (ps->p == ps->end) {
            ps->line = start;
            return fail(ps, "a quoted field is not closed");
        }
        char c = *ps->p++;
        if (c == '"') {
            if (ps->p < ps->end && *ps->p == '"') ps->p++;
            else return 0;
        }
        if (c == '\n') ps->line++;
        strbuf_addc(&ps->cell, c);
    }
}

/* One cell, leaving p at the separator, line end or end of input. */
static int field(struct parser *ps) {
    if (ps->p < ps->end && *ps->p == '"') {
        ps->p++;
        if (quoted(ps) != 0) return -1;
        if (ps->p < ps->end && !strchr(",\r\n", *ps->p)) return fail(ps, "text after a closing quote");
        return 0;
    }
    while (ps->p < ps->end && !strchr(",\r\n", *ps->p)) {
        if (*ps->p == '"') return fail(ps, "a quote inside an unquoted field");
        strbuf_addc(&ps->cell, *ps->p++);
    }
    return 0;
}

/* Past a line end (CRLF, LF); a lone CR is an error. */
static int line_end(struct parser *ps) {
    if (ps->p == ps->end) return 0;
    if (*ps->p == '\r') {
        if (ps->p + 1 == ps->end || ps->p[1] != '\n') return fail(ps, "a CR not followed by LF");
        ps->p++;
    }
    ps->p++;
    ps->line++;
    return 0;
}

/* One record into ps->cells. */
static int record(struct parser *ps) {
    ps->n_cells = 0, ps->cap_cells = 0, ps->cells = NULL;
    for (;;) {
        if (field(ps) != 0 || push_cell(ps) != 0) return -1;
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        return line_end(ps);
    }
}

static bool blank_line(const struct parser *ps) {
    return *ps->p == '\n' || (*ps->p == '\r' && ps->p + 1 < ps->end && ps->p[1] == '\n');
}

int csv_parse(const char *data, size_t len, size_t max_rows, size_t max_cols, struct arena *a,
              struct csv_row **rows, size_t *n_rows, const char **msg) {
    struct parser ps = {data, data + len, 1, a, STRBUF_INIT, NULL, 0, 0, max_cols, NULL};
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ps.p += 3;
    if (memchr(data, '\0', len)) {
        *msg = "the CSV contains a NUL byte";
        return -1;
    }
    size_t n = 0, cap = 0;
    struct csv_row *out = NULL;
    int rc = 0;
    while (rc == 0 && ps.p < ps.end) {
        if (blank_line(&ps)) {
            rc = line_end(&ps);
            continue;
        }
        if (n == max_rows) {
            fail(&ps, arena_printf(a, "more than %zu rows", max_rows));
            rc = -2;
            break;
        }
        size_t line = ps.line;
        if ((rc = record(&ps)) != 0) break;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            struct csv_row *grown = arena_alloc(a, cap * sizeof *grown);
            if (n) memcpy(grown, out, n * sizeof *grown);
            out = grown;
        }
        out[n++] = (struct csv_row){ps.cells, ps.n_cells, line};
    }
    strbuf_free(&ps.cell);
    if (rc != 0) {
        *msg = ps.msg;
        return rc;
    }
    *rows = out;
    *n_rows = n;
    return 0;
}

/* CSV (RFC 4180) for exports and imports: writing cells that are quoted when
 * needed and safe against spreadsheet formula injection, and a bounded,
 * strict parser. Pure functions: no I/O, no database. */
#ifndef AUDITION_CSV_H
#define AUDITION_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/strbuf.h"

/* Appends one cell (a comma first unless first): s NULL is an empty cell. A
 * cell that a spreadsheet would run as a formula (first character = + - @
 * TAB CR, possibly after apostrophes) gets a leading apostrophe; a cell with
 * , " CR or LF is quoted with "" for ". csv_unescape_formula undoes it. */
void csv_cell(struct strbuf *sb, const char *s, bool first);
void csv_int_cell(struct strbuf *sb, int64_t v, bool first);
/* Ends a row: CRLF. */
void csv_row_end(struct strbuf *sb);

/* A cell as written by csv_cell before quoting, back to the value: one
 * leading apostrophe is dropped when apostrophes lead to = + - @ TAB CR.
 * Returns s itself or a pointer into it. */
const char *csv_unescape_formula(const char *s);

struct csv_row {
    char **cells;      /* NUL-terminated, in the arena */
    size_t n;
    size_t line;       /* 1-based line where the row starts */
};

/* Parses data[0..len) (CRLF or LF line ends, an optional UTF-8 BOM, quoted
 * fields with "" inside, empty lines skipped). At most max_rows rows and
 * max_cols cells a row. Returns 0, or -1 with *msg (mentioning the line),
 * or -2 with *msg when there are more than max_rows rows. */
int csv_parse(const char *data, size_t len, size_t max_rows, size_t max_cols, struct arena *a,
              struct csv_row **rows, size_t *n_rows, const char **msg);

#endif

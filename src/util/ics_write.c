/* iCalendar content lines (see ics_write.h). */
#include "util/ics_write.h"

#include <string.h>

/* The largest n <= max such that s[n] does not continue a UTF-8 sequence,
 * so s[0..n) ends on a character boundary (at least 1 when max >= 1, so a
 * broken sequence cannot stall the loop). */
static size_t boundary(const char *s, size_t max) {
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n ? n : max;
}

void ics_fold(struct strbuf *sb, const char *line, size_t len) {
    size_t room = ICS_LINE_OCTETS;
    while (len > room) {
        size_t n = boundary(line, room);
        strbuf_add(sb, line, n);
        strbuf_add(sb, "\r\n ", 3);
        line += n, len -= n;
        room = ICS_LINE_OCTETS - 1;   /* the leading space counts */
    }
    strbuf_add(sb, line, len);
    strbuf_add(sb, "\r\n", 2);
}

void ics_escape_text(struct strbuf *sb, const char *text) {
    for (const char *p = text ? text : ""; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\\' || c == ';' || c == ',') {
            strbuf_addc(sb, '\\');
            strbuf_addc(sb, (char)c);
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && p[1] == '\n') p++;
            strbuf_add(sb, "\\n", 2);
        } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
            continue;
        } else {
            strbuf_addc(sb, (char)c);
        }
    }
}

/* name ":" then the value from build, folded as one content line. */
static void emit(struct strbuf *sb, const char *name, const char *value, int escape) {
    struct strbuf line = STRBUF_INIT;
    strbuf_adds(&line, name);
    strbuf_addc(&line, ':');
    if (escape) ics_escape_text(&line, value);
    else strbuf_adds(&line, value ? value : "");
    ics_fold(sb, line.data, line.len);
    strbuf_free(&line);
}

void ics_line(struct strbuf *sb, const char *name, const char *value) {
    emit(sb, name, value, 0);
}

void ics_text(struct strbuf *sb, const char *name, const char *text) {
    emit(sb, name, text, 1);
}

/* libFuzzer harness: the auditions' inputs. The first byte picks what the
 * rest is: a POST /roles/{id}/auditions body, a JSON Patch on a valid
 * audition, or text for the RFC 3339 parser and the iCalendar writer. The
 * writer's output is checked: no physical line over 75 octets, CRLF only,
 * a fold never inside a UTF-8 sequence. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/audition.h"
#include "domain/audition_feed.h"
#include "domain/body.h"
#include "domain/timestamp.h"
#include "http/query.h"
#include "util/ics_write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (a finding) unless sb is well-formed iCalendar text; with utf8 (the
 * text written was valid UTF-8) no fold may fall inside a character. */
static void check_lines(const struct strbuf *sb, bool utf8) {
    size_t start = 0;
    for (size_t i = 0; i < sb->len; i++) {
        if (sb->data[i] == '\r' && (i + 1 >= sb->len || sb->data[i + 1] != '\n')) abort();
        if (sb->data[i] != '\n') continue;
        if (i == 0 || sb->data[i - 1] != '\r') abort();
        if (i - 1 - start > ICS_LINE_OCTETS) abort();
        start = i + 1;
        if (utf8 && start + 1 < sb->len && sb->data[start] == ' ' &&
            ((unsigned char)sb->data[start + 1] & 0xC0) == 0x80)
            abort();
    }
    if (start != sb->len) abort();
}

static void write_all(const struct audition *au) {
    struct strbuf sb = STRBUF_INIT;
    struct jw w = jw_on(&sb);
    audition_write(&w, au);
    strbuf_reset(&sb);
    struct audition_named e = {*au, "Ellie; \"lead\"", "Jodie, Foster", "Contact\\2"};
    audition_feed_write(&sb, &e, 1, 1796896800);
    check_lines(&sb, true);
    strbuf_free(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    struct arena a;
    arena_init(&a);
    const char *msg = NULL;
    struct audition au = {.id = 7, .role_id = 3, .actor_id = 5, .starts_at = 1796896800, .ends_at = 1796898000,
                          .location = "Room A", .status = AUDITION_SCHEDULED};
    if (data[0] % 3 == 2) {
        char *s = arena_strndup(&a, text, len);   /* up to the first NUL */
        int64_t t = 0;
        if (timestamp_parse(s, &t)) {
            char back[TIMESTAMP_LEN];
            int64_t again = -1;
            timestamp_format(t, back);
            if (!timestamp_parse(back, &again) || again != t) abort();
        }
        struct strbuf sb = STRBUF_INIT;
        ics_text(&sb, "SUMMARY", s);
        check_lines(&sb, utf8_valid(s, strlen(s)));
        strbuf_free(&sb);
    } else {
        json_t *v = body_parse_json(text, len, &msg);
        if (v) {
            int rc = data[0] % 3 == 0 ? audition_from_body(v, &au, &a, &msg) : audition_patch(v, &au, &a, &msg);
            if (rc == 0) {
                if (audition_check_times(&au, &msg) != 0) abort();
                write_all(&au);
            }
            json_decref(v);
        }
    }
    arena_free(&a);
    return 0;
}

/* Unit tests of auditions: RFC 3339 parsing and formatting, the iCalendar
 * writer (TEXT escaping, folding at 75 octets without splitting UTF-8),
 * the feed document, the POST body and JSON Patch rules, overlaps and the
 * clash message. */
#include <criterion/criterion.h>
#include <string.h>

#include "domain/audition.h"
#include "domain/audition_feed.h"
#include "domain/timestamp.h"
#include "util/ics_write.h"

static struct arena A;
static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }
TestSuite(auditions, .init = setup, .fini = teardown);

static json_t *J(const char *text) {
    json_error_t e;
    json_t *v = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
    cr_assert_not_null(v, "bad test JSON %s: %s", text, e.text);
    return v;
}

static int64_t T(const char *s) {
    int64_t t = -1;
    cr_assert(timestamp_parse(s, &t), "%s should parse", s);
    return t;
}

/* ---- times ---- */

Test(auditions, rfc3339_utc_and_offsets_normalise_to_the_same_instant) {
    int64_t z = T("2026-12-10T10:00:00Z");
    cr_expect_eq(z, INT64_C(1796896800));
    cr_expect_eq(T("2026-12-10T11:00:00+01:00"), z);
    cr_expect_eq(T("2026-12-10T04:30:00-05:30"), z);
    cr_expect_eq(T("2026-12-10t10:00:00z"), z);
    cr_expect_eq(T("2026-12-10T10:00:00-00:00"), z);
    cr_expect_eq(T("2026-12-10T10:00:00.000Z"), z);
    cr_expect_eq(T("2026-12-10T10:00:00.999999999Z"), z);   /* fractions are dropped */
    cr_expect_eq(T("2026-12-11T00:30:00+14:30"), z);
    cr_expect_eq(T("1970-01-01T00:00:00Z"), 0);
    cr_expect_eq(T("2024-02-29T23:59:59Z"), INT64_C(1709251199));
    cr_expect_eq(T("9999-12-31T23:59:59Z"), TIMESTAMP_MAX);
}

Test(auditions, rfc3339_rejects_what_it_does_not_define) {
    static const char *const bad[] = {
        "", "2026-12-10", "2026-12-10T10:00:00", "2026-12-10T10:00Z", "2026-12-10 10:00:00Z",
        "2026-12-10T10:00:00+0100", "2026-12-10T10:00:00+01", "2026-12-10T10:00:00+24:00",
        "2026-12-10T10:00:00+01:60", "2026-12-10T24:00:00Z", "2026-12-10T10:60:00Z", "2026-12-10T10:00:60Z",
        "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-12-00T10:00:00Z",
        "2026-12-10T10:00:00.Z", "2026-12-10T10:00:00.1234567890Z", "2026-12-10T10:00:00ZZ",
        "2026-12-10T10:00:00Z ", " 2026-12-10T10:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:30:00+01:00",
        "0000-01-01T00:00:00Z", "+2026-12-10T10:00:00Z", "2026-1-10T10:00:00Z", "2026-12-10T10:00:00+01:00x",
        "10000-01-01T00:00:00Z", "9999-12-31T23:59:59-00:01", "２026-12-10T10:00:00Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t t = 42;
        cr_expect(!timestamp_parse(bad[i], &t), "%s should be refused", bad[i]);
        cr_expect_eq(t, 42, "a refused value leaves the output alone");
    }
    cr_expect(!timestamp_parse(NULL, &(int64_t){0}));
}

Test(auditions, times_format_as_utc_with_seconds) {
    char s[TIMESTAMP_LEN], ics[TIMESTAMP_ICS_LEN];
    timestamp_format(T("2026-12-10T11:05:09+01:00"), s);
    cr_expect_str_eq(s, "2026-12-10T10:05:09Z");
    timestamp_format_ics(T("2026-12-10T11:05:09+01:00"), ics);
    cr_expect_str_eq(ics, "20261210T100509Z");
    timestamp_format(0, s);
    cr_expect_str_eq(s, "1970-01-01T00:00:00Z");
    timestamp_format(TIMESTAMP_MAX, s);
    cr_expect_str_eq(s, "9999-12-31T23:59:59Z");
    timestamp_format(T("2000-02-29T12:00:00Z"), s);
    cr_expect_str_eq(s, "2000-02-29T12:00:00Z");
}

Test(auditions, every_day_of_four_centuries_round_trips) {
    char s[TIMESTAMP_LEN];
    for (int64_t t = T("1999-12-31T00:00:00Z"); t < T("2401-03-02T00:00:00Z"); t += 86400 + 3661) {
        int64_t back = -1;
        timestamp_format(t, s);
        cr_assert(timestamp_parse(s, &back), "%s", s);
        cr_assert_eq(back, t, "%s", s);
    }
}

/* ---- the iCalendar writer ---- */

static char *fold(const char *line) {
    struct strbuf sb = STRBUF_INIT;
    ics_fold(&sb, line, strlen(line));
    char *out = arena_strdup(&A, sb.data);
    strbuf_free(&sb);
    return out;
}

/* Every physical line of text is at most 75 octets, ends in CRLF, and
 * unfolding (removing CRLF + space) gives back want. */
static void expect_folded(const char *text, const char *want) {
    struct strbuf unfolded = STRBUF_INIT;
    const char *p = text;
    bool first = true;
    while (*p) {
        const char *eol = strstr(p, "\r\n");
        cr_assert_not_null(eol, "every line ends in CRLF: %s", p);
        size_t len = (size_t)(eol - p);
        cr_expect_leq(len, ICS_LINE_OCTETS, "a line of %zu octets", len);
        if (!first) {
            cr_assert_eq(p[0], ' ', "a continuation line starts with one space");
            p++, len--;
        }
        cr_expect(((unsigned char)p[0] & 0xC0) != 0x80 || len == 0, "a fold split a UTF-8 character");
        strbuf_add(&unfolded, p, len);
        p = eol + 2;
        first = false;
    }
    cr_expect_str_eq(unfolded.data ? unfolded.data : "", want);
    strbuf_free(&unfolded);
}

Test(auditions, short_lines_are_not_folded) {
    cr_expect_str_eq(fold("VERSION:2.0"), "VERSION:2.0\r\n");
    char line[76];
    memset(line, 'x', 75);
    line[75] = '\0';
    char *out = fold(line);
    cr_expect_eq(strlen(out), 77);
    cr_expect_str_eq(out + 75, "\r\n");
}

Test(auditions, long_lines_fold_at_75_octets) {
    char line[301];
    for (int i = 0; i < 300; i++) line[i] = (char)('a' + i % 26);
    line[300] = '\0';
    char *out = fold(line);
    cr_expect_eq(strncmp(out, line, 75), 0);
    cr_expect_eq(strncmp(out + 75, "\r\n ", 3), 0);
    cr_expect_eq(strncmp(out + 78, line + 75, 74), 0, "continuations carry 74 octets after the space");
    expect_folded(out, line);
    char exact[76 + 74 + 1];
    memset(exact, 'y', sizeof exact - 1);
    exact[sizeof exact - 1] = '\0';
    out = fold(exact);   /* 75 + 74 + 1: three lines, the last one octet */
    cr_expect_str_eq(out + strlen(out) - 6, "\r\n y\r\n");
}

Test(auditions, folds_never_split_a_utf8_character) {
    /* 2-, 3- and 4-octet characters at every alignment against the fold */
    static const char *const chars[] = {"é", "€", "😀"};
    for (size_t c = 0; c < 3; c++)
        for (int pad = 0; pad < 4; pad++) {
            struct strbuf line = STRBUF_INIT;
            strbuf_adds(&line, "SUMMARY:");
            for (int i = 0; i < pad; i++) strbuf_addc(&line, 'x');
            for (int i = 0; i < 60; i++) strbuf_adds(&line, chars[c]);
            expect_folded(fold(line.data), line.data);
            strbuf_free(&line);
        }
}

static char *escaped(const char *text) {
    struct strbuf sb = STRBUF_INIT;
    ics_escape_text(&sb, text);
    char *out = arena_strdup(&A, sb.data ? sb.data : "");
    strbuf_free(&sb);
    return out;
}

Test(auditions, text_values_are_escaped) {
    cr_expect_str_eq(escaped("Room A"), "Room A");
    cr_expect_str_eq(escaped("a\\b;c,d"), "a\\\\b\\;c\\,d");
    cr_expect_str_eq(escaped("one\ntwo\r\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
    cr_expect_str_eq(escaped("tab\there"), "tab\there");
    cr_expect_str_eq(escaped("bell\a del\x7f esc\x1b"), "bell del esc");
    cr_expect_str_eq(escaped("colon: \"quoted\" ünï"), "colon: \"quoted\" ünï");
    cr_expect_str_eq(escaped(""), "");
    cr_expect_str_eq(escaped(NULL), "");
}

Test(auditions, text_lines_escape_then_fold) {
    struct strbuf sb = STRBUF_INIT;
    ics_text(&sb, "LOCATION", "Studio 4, floor 2; the long corridor past the canteen, then left, then right");
    expect_folded(sb.data, "LOCATION:Studio 4\\, floor 2\\; the long corridor past the canteen\\, then left\\, "
                           "then right");
    strbuf_reset(&sb);
    ics_line(&sb, "DTSTART", "20261210T100000Z");
    cr_expect_str_eq(sb.data, "DTSTART:20261210T100000Z\r\n");
    strbuf_free(&sb);
}

/* ---- the feed document ---- */

Test(auditions, feed_is_a_calendar_with_one_event_per_audition) {
    struct audition_named items[2] = {
        {{.id = 7, .role_id = 3, .actor_id = 5, .starts_at = T("2026-12-10T10:00:00Z"),
          .ends_at = T("2026-12-10T10:20:00Z"), .location = "Room A, east", .status = AUDITION_SCHEDULED},
         "Ellie; lead", "Jodie Foster", "Contact"},
        {{.id = 8, .role_id = 3, .actor_id = 6, .starts_at = T("2026-12-10T11:00:00Z"),
          .ends_at = T("2026-12-10T11:30:00Z"), .location = "Room B", .status = AUDITION_CANCELLED},
         "Ellie; lead", "Someone", "Contact"},
    };
    struct strbuf sb = STRBUF_INIT;
    audition_feed_write(&sb, items, 2, T("2026-12-04T09:00:00Z"));
    const char *doc = sb.data;
    cr_expect_eq(strncmp(doc, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" AUDITION_FEED_PRODID "\r\n"
                              "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n", 95), 0, "%s", doc);
    cr_expect_not_null(strstr(doc, "\r\nBEGIN:VEVENT\r\nUID:audition-7@audition\r\nDTSTAMP:20261204T090000Z\r\n"
                                   "DTSTART:20261210T100000Z\r\nDTEND:20261210T102000Z\r\n"
                                   "SUMMARY:Audition: Jodie Foster for Ellie\\; lead (Contact)\r\n"
                                   "LOCATION:Room A\\, east\r\n"), "%s", doc);
    cr_expect_not_null(strstr(doc, "UID:audition-8@audition\r\n"));
    cr_expect_not_null(strstr(doc, "STATUS:CONFIRMED\r\nEND:VEVENT\r\n"));
    cr_expect_not_null(strstr(doc, "STATUS:CANCELLED\r\nEND:VEVENT\r\n"));
    size_t len = strlen(doc);
    cr_expect_str_eq(doc + len - 15, "END:VCALENDAR\r\n");
    for (const char *p = doc; (p = strchr(p, '\n')) != NULL; p++) cr_expect_eq(p[-1], '\r', "a bare LF");
    strbuf_free(&sb);
}

/* ---- bodies and patches ---- */

static int from_body(const char *json, struct audition *au, const char **msg) {
    memset(au, 0, sizeof *au);
    json_t *v = J(json);
    int rc = audition_from_body(v, au, &A, msg);
    json_decref(v);
    return rc;
}

Test(auditions, a_valid_body) {
    struct audition au;
    const char *msg = NULL;
    cr_assert_eq(from_body("{\"actorId\": 5, \"start\": \"2026-12-10T11:00:00+01:00\", "
                           "\"end\": \"2026-12-10T18:00:00Z\", \"location\": \"  Room A \", \"x\": 1}", &au, &msg),
                 0, "%s", msg);
    cr_expect_eq(au.actor_id, 5);
    cr_expect_eq(au.starts_at, T("2026-12-10T10:00:00Z"));
    cr_expect_eq(au.ends_at, T("2026-12-10T18:00:00Z"));   /* exactly 8 hours */
    cr_expect_str_eq(au.location, "Room A");
    cr_expect_eq(au.status, AUDITION_SCHEDULED);
}

Test(auditions, invalid_bodies_name_the_field) {
    static const struct { const char *json, *field; } cases[] = {
        {"[]", "body"},
        {"{\"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T11:00:00Z\", \"location\": \"A\"}", "actorId"},
        {"{\"actorId\": \"5\", \"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T11:00:00Z\", "
         "\"location\": \"A\"}", "actorId"},
        {"{\"actorId\": 0, \"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T11:00:00Z\", "
         "\"location\": \"A\"}", "actorId"},
        {"{\"actorId\": 5.5, \"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T11:00:00Z\", "
         "\"location\": \"A\"}", "actorId"},
        {"{\"actorId\": 5, \"end\": \"2026-12-10T11:00:00Z\", \"location\": \"A\"}", "start"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T10:00:00\", \"end\": \"2026-12-10T11:00:00Z\", "
         "\"location\": \"A\"}", "start"},
        {"{\"actorId\": 5, \"start\": 1796896800, \"end\": \"2026-12-10T11:00:00Z\", \"location\": \"A\"}", "start"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T10:00:00Z\", \"location\": \"A\"}", "end"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T10:00:00Z\", \"end\": null, \"location\": \"A\"}", "end"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T11:00:00Z\"}", "location"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T11:00:00Z\", "
         "\"location\": \"   \"}", "location"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T11:00:00Z\", "
         "\"location\": \"a\\nb\"}", "location"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T11:00:00Z\", "
         "\"location\": 7}", "location"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T10:00:00Z\", "
         "\"location\": \"A\"}", "start must be before end"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T11:00:00Z\", \"end\": \"2026-12-10T10:00:00Z\", "
         "\"location\": \"A\"}", "start must be before end"},
        {"{\"actorId\": 5, \"start\": \"2026-12-10T10:00:00Z\", \"end\": \"2026-12-10T18:00:01Z\", "
         "\"location\": \"A\"}", "8 hours"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct audition au;
        const char *msg = NULL;
        cr_expect_eq(from_body(cases[i].json, &au, &msg), -1, "%s", cases[i].json);
        cr_expect(msg && strstr(msg, cases[i].field), "%s: message %s should name %s", cases[i].json, msg,
                  cases[i].field);
    }
}

Test(auditions, location_counts_characters_not_bytes) {
    const char *msg = NULL;
    char hundred[201] = "";
    for (int i = 0; i < 100; i++) strcat(hundred, "é");
    cr_expect_not_null(audition_location(hundred, strlen(hundred), &A, &msg));
    char more[203];
    snprintf(more, sizeof more, "%sé", hundred);
    cr_expect_null(audition_location(more, strlen(more), &A, &msg));
    cr_expect_null(audition_location(" \t ", 3, &A, &msg));
    cr_expect_str_eq(audition_location(" Room B\t", 8, &A, &msg), "Room B");
}

static int patch(const char *json, struct audition *au, const char **msg) {
    json_t *v = J(json);
    int rc = audition_patch(v, au, &A, msg);
    json_decref(v);
    return rc;
}

Test(auditions, patches_change_times_location_and_status) {
    struct audition au = {.id = 1, .role_id = 2, .actor_id = 3, .starts_at = T("2026-12-10T10:00:00Z"),
                          .ends_at = T("2026-12-10T10:20:00Z"), .location = "Room A",
                          .status = AUDITION_SCHEDULED};
    const char *msg = NULL;
    cr_assert_eq(patch("[{\"op\": \"add\", \"path\": \"/start\", \"value\": \"2026-12-10T12:00:00+01:00\"},"
                       " {\"op\": \"add\", \"path\": \"/end\", \"value\": \"2026-12-10T11:30:00Z\"},"
                       " {\"op\": \"add\", \"path\": \"/location\", \"value\": \"Room B \"},"
                       " {\"op\": \"add\", \"path\": \"/status\", \"value\": \"NO_SHOW\"}]", &au, &msg), 0, "%s", msg);
    cr_expect_eq(au.starts_at, T("2026-12-10T11:00:00Z"));
    cr_expect_eq(au.ends_at, T("2026-12-10T11:30:00Z"));
    cr_expect_str_eq(au.location, "Room B");
    cr_expect_eq(au.status, AUDITION_NO_SHOW);
    cr_expect_eq(au.id, 1);
    cr_expect_eq(au.actor_id, 3);
}

Test(auditions, bad_patches_are_refused) {
    static const char *const bad[] = {
        "{}", "[1]", "[{\"op\": \"replace\", \"path\": \"/location\", \"value\": \"B\"}]",
        "[{\"op\": \"add\", \"path\": \"/actorId\", \"value\": 4}]",
        "[{\"op\": \"add\", \"path\": \"/id\", \"value\": 4}]",
        "[{\"op\": \"add\", \"path\": \"location\", \"value\": \"B\"}]",
        "[{\"op\": \"add\", \"path\": \"/location\"}]",
        "[{\"op\": \"remove\", \"path\": \"/location\"}]",
        "[{\"op\": \"remove\", \"path\": \"/location\", \"value\": \"B\"}]",
        "[{\"op\": \"add\", \"path\": \"/location\", \"value\": \"\"}]",
        "[{\"op\": \"add\", \"path\": \"/location\", \"value\": null}]",
        "[{\"op\": \"add\", \"path\": \"/status\", \"value\": \"scheduled\"}]",
        "[{\"op\": \"add\", \"path\": \"/status\", \"value\": \"POSTPONED\"}]",
        "[{\"op\": \"add\", \"path\": \"/start\", \"value\": \"2026-12-10T10:30:00Z\"}]",   /* after end */
        "[{\"op\": \"add\", \"path\": \"/end\", \"value\": \"2026-12-10T18:00:01Z\"}]",    /* > 8 h */
        "[{\"op\": \"add\", \"path\": \"/end\", \"value\": \"tomorrow\"}]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct audition au = {.id = 1, .starts_at = T("2026-12-10T10:00:00Z"),
                              .ends_at = T("2026-12-10T10:20:00Z"), .location = "Room A"};
        const char *msg = NULL;
        cr_expect_eq(patch(bad[i], &au, &msg), -1, "%s", bad[i]);
        cr_expect_not_null(msg, "%s", bad[i]);
    }
}

Test(auditions, a_move_is_checked_after_all_operations) {
    /* moving both ends later is fine even though the first op alone makes start > end */
    struct audition au = {.id = 1, .starts_at = T("2026-12-10T10:00:00Z"), .ends_at = T("2026-12-10T10:20:00Z"),
                          .location = "Room A"};
    const char *msg = NULL;
    cr_expect_eq(patch("[{\"op\": \"add\", \"path\": \"/start\", \"value\": \"2026-12-10T12:00:00Z\"},"
                       " {\"op\": \"add\", \"path\": \"/end\", \"value\": \"2026-12-10T12:20:00Z\"}]", &au, &msg),
                 0, "%s", msg);
}

/* ---- overlaps and clash messages ---- */

Test(auditions, half_open_intervals_overlap_but_touching_ones_do_not) {
    cr_expect(audition_overlaps(10, 20, 15, 25));
    cr_expect(audition_overlaps(10, 20, 0, 11));
    cr_expect(audition_overlaps(10, 20, 12, 18));
    cr_expect(audition_overlaps(12, 18, 10, 20));
    cr_expect(audition_overlaps(10, 20, 10, 20));
    cr_expect(!audition_overlaps(10, 20, 20, 30));
    cr_expect(!audition_overlaps(20, 30, 10, 20));
    cr_expect(!audition_overlaps(10, 20, 25, 30));
}

Test(auditions, clash_messages_say_which_who_where_and_when) {
    struct audition mine = {.id = 0, .actor_id = 5, .location = "Room B"};
    struct audition other = {.id = 12, .actor_id = 5, .location = "Room A", .starts_at = T("2026-12-10T10:00:00Z"),
                             .ends_at = T("2026-12-10T10:20:00Z"), .status = AUDITION_SCHEDULED};
    cr_expect_str_eq(audition_clash_message(&mine, &other, "Jodie Foster", &A),
                     "clashes with audition 12: actor 5 (Jodie Foster) is auditioning in \"Room A\" from "
                     "2026-12-10T10:00:00Z to 2026-12-10T10:20:00Z");
    mine.actor_id = 6;
    cr_expect_str_eq(audition_clash_message(&mine, &other, NULL, &A),
                     "clashes with audition 12: \"Room A\" is taken by actor 5 from 2026-12-10T10:00:00Z to "
                     "2026-12-10T10:20:00Z");
}

Test(auditions, statuses_round_trip) {
    for (int s = 0; s < AUDITION_STATUS_COUNT; s++)
        cr_expect_eq(audition_status_parse(audition_status_name((enum audition_status)s)), s);
    cr_expect_eq(audition_status_parse("Scheduled"), -1);
    cr_expect_eq(audition_status_parse(NULL), -1);
    cr_expect_null(audition_status_name(AUDITION_STATUS_COUNT));
}

Test(auditions, the_representation_is_the_contracts) {
    struct audition au = {.id = 9, .role_id = 2, .actor_id = 3, .starts_at = T("2026-12-10T10:00:00Z"),
                          .ends_at = T("2026-12-10T10:20:00Z"), .location = "Room \"A\"",
                          .status = AUDITION_DONE};
    struct strbuf sb = STRBUF_INIT;
    struct jw w = jw_on(&sb);
    audition_write(&w, &au);
    cr_expect_str_eq(sb.data, "{\"actorId\":3,\"end\":\"2026-12-10T10:20:00Z\",\"id\":9,\"location\":\"Room \\\"A\\\"\","
                              "\"roleId\":2,\"start\":\"2026-12-10T10:00:00Z\",\"status\":\"DONE\"}");
    strbuf_free(&sb);
}

Test(auditions, the_feed_holds_at_most_its_bound_of_events) {
    size_t n = AUDITION_FEED_MAX + 3;
    struct audition_named *items = arena_alloc(&A, n * sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] = (struct audition_named){{.id = (int64_t)i + 1, .role_id = 1, .actor_id = 1,
                                            .starts_at = 1796896800 + (int64_t)i * 600,
                                            .ends_at = 1796896800 + (int64_t)i * 600 + 300, .location = "Room A",
                                            .status = AUDITION_SCHEDULED},
                                           "Role", "Actor", "Movie"};
    struct strbuf sb = STRBUF_INIT;
    audition_feed_write(&sb, items, n, 1796896800);
    size_t events = 0;
    for (const char *p = sb.data; (p = strstr(p, "BEGIN:VEVENT\r\n")) != NULL; p++) events++;
    cr_expect_eq(events, AUDITION_FEED_MAX);
    cr_expect_not_null(strstr(sb.data, "UID:audition-5000@audition\r\n"));
    cr_expect_null(strstr(sb.data, "UID:audition-5001@audition\r\n"), "the earliest events are kept");
    cr_expect_str_eq(sb.data + sb.len - 15, "END:VCALENDAR\r\n");
    strbuf_free(&sb);
}

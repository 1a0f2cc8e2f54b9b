/* The iCalendar document of the auditions (see audition_feed.h). */
#include "domain/audition_feed.h"

#include <inttypes.h>
#include <stdio.h>

#include "domain/timestamp.h"
#include "util/ics_write.h"

static void time_line(struct strbuf *sb, const char *name, int64_t t) {
    char v[TIMESTAMP_ICS_LEN];
    timestamp_format_ics(t, v);
    ics_line(sb, name, v);
}

static void event(struct strbuf *sb, const struct audition_named *e, const char *stamp) {
    const struct audition *au = &e->audition;
    char uid[64];
    snprintf(uid, sizeof uid, "audition-%" PRId64 "@audition", au->id);
    struct strbuf text = STRBUF_INIT;
    ics_line(sb, "BEGIN", "VEVENT");
    ics_line(sb, "UID", uid);
    ics_line(sb, "DTSTAMP", stamp);
    time_line(sb, "DTSTART", au->starts_at);
    time_line(sb, "DTEND", au->ends_at);
    strbuf_addf(&text, "Audition: %s for %s", e->actor_name ? e->actor_name : "?", e->role_name ? e->role_name : "?");
    if (e->movie_title) strbuf_addf(&text, " (%s)", e->movie_title);
    ics_text(sb, "SUMMARY", text.data);
    ics_text(sb, "LOCATION", au->location);
    strbuf_reset(&text);
    strbuf_addf(&text, "Audition %" PRId64 ", role %" PRId64 ", actor %" PRId64 ", status %s", au->id, au->role_id,
                au->actor_id, audition_status_name(au->status));
    ics_text(sb, "DESCRIPTION", text.data);
    ics_line(sb, "STATUS", au->status == AUDITION_CANCELLED ? "CANCELLED" : "CONFIRMED");
    ics_line(sb, "END", "VEVENT");
    strbuf_free(&text);
}

void audition_feed_write(struct strbuf *sb, const struct audition_named *items, size_t n, int64_t now) {
    char stamp[TIMESTAMP_ICS_LEN];
    timestamp_format_ics(now, stamp);
    ics_line(sb, "BEGIN", "VCALENDAR");
    ics_line(sb, "VERSION", "2.0");
    ics_line(sb, "PRODID", AUDITION_FEED_PRODID);
    ics_line(sb, "CALSCALE", "GREGORIAN");
    ics_line(sb, "METHOD", "PUBLISH");
    ics_text(sb, "X-WR-CALNAME", "Auditions");
    for (size_t i = 0; i < n && i < AUDITION_FEED_MAX; i++) event(sb, &items[i], stamp);
    ics_line(sb, "END", "VCALENDAR");
}

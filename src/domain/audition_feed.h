/* The auditions as an iCalendar (RFC 5545) document for calendar apps: one
 * VCALENDAR, one VEVENT per audition given. Which auditions (not cancelled,
 * the time window, the bound) is the caller's choice; this file owns only
 * the document's shape. */
#ifndef AUDITION_AUDITION_FEED_H
#define AUDITION_AUDITION_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "domain/audition.h"
#include "util/strbuf.h"

#define AUDITION_FEED_MAX 5000          /* events in one document at most */
#define AUDITION_FEED_PRODID "-//Audition//Casting auditions//EN"

/* Appends the whole document (CRLF lines, folded) for items; now is DTSTAMP. */
void audition_feed_write(struct strbuf *sb, const struct audition_named *items, size_t n, int64_t now);

#endif

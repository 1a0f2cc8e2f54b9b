/* An RFC 5545 (iCalendar) content-line writer into a strbuf: TEXT escaping,
 * folding at 75 octets without splitting a UTF-8 character, CRLF endings.
 * It knows nothing about events or auditions (see domain/audition_feed.h). */
#ifndef AUDITION_ICS_WRITE_H
#define AUDITION_ICS_WRITE_H

#include <stddef.h>

#include "util/strbuf.h"

#define ICS_LINE_OCTETS 75   /* RFC 5545 3.1: lines SHOULD NOT be longer, CRLF excluded */

/* Appends line[0..len) as one content line: folded (CRLF + one space) so no
 * physical line exceeds ICS_LINE_OCTETS octets, then CRLF. A fold never
 * falls inside a UTF-8 sequence. */
void ics_fold(struct strbuf *sb, const char *line, size_t len);

/* Appends text escaped as an RFC 5545 TEXT value (3.3.11): backslash,
 * semicolon and comma get a backslash, a line break (LF, CRLF or CR)
 * becomes \n, other control characters (but TAB) are dropped. */
void ics_escape_text(struct strbuf *sb, const char *text);

/* "name:value", value written as is (a date-time, an enumeration, a UID). */
void ics_line(struct strbuf *sb, const char *name, const char *value);
/* "name:" followed by text escaped as TEXT. */
void ics_text(struct strbuf *sb, const char *name, const char *text);

#endif

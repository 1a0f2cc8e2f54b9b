/* Percent-decoding of request paths and query values (RFC 3986 "%HH"), as
 * libmicrohttpd does it, except that "%00" is left as it is: a decoded NUL
 * would silently cut the C string short ("/movies/1%00x" read as
 * "/movies/1", "?search=a%00b" as "a"). */
#ifndef AUDITION_UNESCAPE_H
#define AUDITION_UNESCAPE_H

#include <stddef.h>

/* Decodes s in place; returns the new length. Malformed escapes stay as they are. */
size_t http_unescape(char *s);

#endif

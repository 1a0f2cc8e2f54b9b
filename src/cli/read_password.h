/* Reading a new password on the command line: a no-echo prompt (twice) on a
 * terminal, otherwise the first line of stdin. Passwords never come from argv. */
#ifndef AUDITION_READ_PASSWORD_H
#define AUDITION_READ_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "auth/password.h"

#define PASSWORD_BUF (PASSWORD_MAX + 2)

/* Reads into buf (size PASSWORD_BUF), sets *len; NULL or why it failed. */
const char *read_new_password(const char *username, char *buf, size_t size, size_t *len);

#endif

/* Reading a new password for the user commands: from a terminal with echo
 * off (asked twice), or else the first line of stdin. Never from argv. */
#include "cli/read_password.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

/* One line of f into buf without its line end; -1 at EOF or when too long. */
static int read_line(FILE *f, char *buf, size_t size, size_t *len) {
    if (!fgets(buf, (int)size, f)) return -1;
    size_t n = strlen(buf);
    bool complete = n && buf[n - 1] == '\n';
    if (!complete && !feof(f)) return -1; /* longer than the buffer */
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) buf[--n] = '\0';
    *len = n;
    return 0;
}

static int prompt(const char *text, char *buf, size_t size, size_t *len) {
    struct termios old, quiet;
    fputs(text, stderr);
    fflush(stderr);
    bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int rc = read_line(stdin, buf, size, len);
    if (tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
    return rc;
}

const char *read_new_password(const char *username, char *buf, size_t size, size_t *len) {
    if (!isatty(STDIN_FILENO)) {
        if (read_line(stdin, buf, size, len) < 0) return "no password on stdin (or longer than 1024 characters)";
        return NULL;
    }
    char again[PASSWORD_BUF];
    size_t again_len = 0;
    char text[128];
    snprintf(text, sizeof text, "New password for %.64s: ", username);
    if (prompt(text, buf, size, len) < 0) return "no password given";
    int rc = prompt("Repeat it: ", again, sizeof again, &again_len);
    bool same = rc == 0 && again_len == *len && memcmp(again, buf, *len) == 0;
    OPENSSL_cleanse(again, sizeof again);
    return same ? NULL : "the two passwords differ";
}

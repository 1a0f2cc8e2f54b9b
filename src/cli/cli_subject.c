/* audit: who the command line's writes are logged as — "cli:<login name>"
 * of the user running the command (the passwd entry, else LOGNAME, else the
 * uid) — set as the subject of every connection of the command's pool. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"

void cli_audit_subject(struct store_pool *pool, struct store_conn *conn) {
    char buf[1024], subject[AUDIT_SUBJECT_MAX + 1];
    struct passwd pw, *found = NULL;
    const char *name = NULL;
    if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &found) == 0 && found && found->pw_name[0])
        name = found->pw_name;
    if (!name) name = getenv("LOGNAME");
    if (name && *name) snprintf(subject, sizeof subject, "cli:%s", name);
    else snprintf(subject, sizeof subject, "cli:uid-%lu", (unsigned long)geteuid());
    store_pool_set_subject(pool, subject);
    if (conn) store_pool_ops(pool)->set_subject(conn, subject);
}

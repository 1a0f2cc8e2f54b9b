/* `audition user …`: the built-in users. add, list, set-role, passwd,
 * disable, enable, delete, and init-demo (the demo users of `make run`).
 * Passwords come from stdin or a no-echo prompt, never from argv. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "auth/auth.h"
#include "auth/jwt.h"
#include "auth/password.h"
#include "cli/cli.h"
#include "cli/read_password.h"

#define USAGE                                                                                       \
    "usage: audition user add NAME --role ROLE [--display-name TEXT]\n"                           \
    "       audition user list | set-role NAME ROLE | passwd NAME | disable NAME | enable NAME\n"  \
    "       audition user delete NAME | init-demo [--credentials FILE]\n"                          \
    "ROLE: assistant, director or producer; passwords are read from stdin or a prompt"

/* What one user command does, parsed and checked before the database opens. */
struct job {
    const char *verb;
    const char *name;
    const char *role;          /* canonical role name */
    const char *display;
    const char *credentials;   /* init-demo --credentials */
    char hash[PASSWORD_HASH_MAX];
};

/* A store failure as one sentence; NOT_FOUND and CONFLICT are the user's. */
static int store_failed(const struct store_ops *ops, struct store_conn *c, enum store_status st,
                        const char *name) {
    if (st == STORE_NOT_FOUND) cli_error("user: there is no user \"%s\"", name);
    else if (st == STORE_CONFLICT) cli_error("user: a user \"%s\" exists already (names ignore case)", name);
    else cli_error("user: %s", ops->last_error(c));
    return EXIT_RUNTIME;
}

/* Reads and checks a new password for name, then hashes it into hash. */
static int new_password_hash(const char *name, char hash[PASSWORD_HASH_MAX]) {
    char pw[PASSWORD_BUF];
    size_t len = 0;
    const char *why = read_new_password(name, pw, sizeof pw, &len);
    if (!why) why = password_problem(name, pw, len);
    int rc = EXIT_OK;
    if (why) {
        cli_error("user: %s", why);
        rc = EXIT_USAGE;
    } else if (password_init() < 0 || password_hash(pw, len, hash) < 0) {
        cli_error("user: cannot hash the password (out of memory?)");
        rc = EXIT_RUNTIME;
    }
    OPENSSL_cleanse(pw, sizeof pw);
    return rc;
}

static int run_add(const struct config *cfg, const struct store_ops *ops, struct store_conn *c, void *ctx) {
    (void)cfg;
    const struct job *j = ctx;
    struct user u = {.username = j->name, .display_name = j->display, .role = j->role, .password_hash = j->hash};
    int64_t id = 0;
    enum store_status st = ops->user_insert(c, &u, (int64_t)time(NULL), &id);
    if (st != STORE_OK) return store_failed(ops, c, st, j->name);
    printf("created user %s (id %lld, %s)\n", j->name, (long long)id, j->role);
    return EXIT_OK;
}

static int user_add(int argc, char **argv) {
    const char *name = argc > 0 ? argv[0] : NULL, *role = NULL, *display = NULL;
    for (int i = 1; i < argc; i += 2) {
        if (i + 1 >= argc) return cli_error("user add: %s needs a value", argv[i]), EXIT_USAGE;
        if (strcmp(argv[i], "--role") == 0) role = argv[i + 1];
        else if (strcmp(argv[i], "--display-name") == 0) display = argv[i + 1];
        else return cli_error("user add: unknown option %s", argv[i]), EXIT_USAGE;
    }
    const char *why = username_problem(name);
    if (why) return cli_error("user add: %s", why), EXIT_USAGE;
    if (!role || role_parse(role) < 0) return cli_error("user add: --role must be assistant, director or producer"), EXIT_USAGE;
    if (display && (!display[0] || strlen(display) > DISPLAY_NAME_MAX))
        return cli_error("user add: --display-name has 1 to %d characters", DISPLAY_NAME_MAX), EXIT_USAGE;
    struct job j = {.verb = "add", .name = name, .role = role_name((enum role)role_parse(role)),
                    .display = display ? display : name};
    int rc = new_password_hash(name, j.hash);
    return rc == EXIT_OK ? cli_with_database(run_add, &j) : rc;
}

static void format_time(int64_t t, char *buf, size_t len) {
    if (!t) {
        snprintf(buf, len, "-");
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int run_list(const struct config *cfg, const struct store_ops *ops, struct store_conn *c, void *ctx) {
    (void)cfg, (void)ctx;
    int rc = EXIT_OK;
    struct arena a;
    arena_init(&a);
    struct user *v = NULL;
    size_t n = 0;
    enum store_status st = ops->user_list(c, &a, &v, &n);
    if (st != STORE_OK) rc = store_failed(ops, c, st, "");
    else {
        printf("%-24s %-10s %-9s %-21s %-21s %s\n", "USERNAME", "ROLE", "STATE", "CREATED", "LAST LOGIN", "DISPLAY NAME");
        for (size_t i = 0; i < n; i++) {
            char created[32], last[32];
            format_time(v[i].created_at, created, sizeof created);
            format_time(v[i].last_login_at, last, sizeof last);
            printf("%-24s %-10s %-9s %-21s %-21s %s\n", v[i].username, v[i].role,
                   v[i].disabled ? "disabled" : "enabled", created, last, v[i].display_name);
        }
    }
    arena_free(&a);
    return rc;
}

/* set-role, passwd, disable, enable, delete: one name, one change. */
static int run_change(const struct config *cfg, const struct store_ops *ops, struct store_conn *c, void *ctx) {
    (void)cfg;
    const struct job *j = ctx;
    enum store_status st;
    if (strcmp(j->verb, "set-role") == 0) st = ops->user_set_role(c, j->name, j->role);
    else if (strcmp(j->verb, "passwd") == 0) st = ops->user_set_hash(c, j->name, j->hash);
    else if (strcmp(j->verb, "disable") == 0) st = ops->user_set_disabled(c, j->name, true);
    else if (strcmp(j->verb, "enable") == 0) st = ops->user_set_disabled(c, j->name, false);
    else st = ops->user_delete(c, j->name);
    if (st != STORE_OK) return store_failed(ops, c, st, j->name);
    printf("user %s: %s done\n", j->name, j->verb);
    return EXIT_OK;
}

static int user_change(const char *verb, int argc, char **argv) {
    bool set_role = strcmp(verb, "set-role") == 0;
    if (argc != (set_role ? 2 : 1)) return cli_error("%s", USAGE), EXIT_USAGE;
    struct job j = {.verb = verb, .name = argv[0]};
    if (set_role && role_parse(argv[1]) < 0)
        return cli_error("user set-role: ROLE must be assistant, director or producer"), EXIT_USAGE;
    if (set_role) j.role = role_name((enum role)role_parse(argv[1]));
    int rc = strcmp(verb, "passwd") == 0 ? new_password_hash(j.name, j.hash) : EXIT_OK;
    return rc == EXIT_OK ? cli_with_database(run_change, &j) : rc;
}

/* A random password: 18 bytes, base64url (24 characters). */
static int random_password(char out[32]) {
    unsigned char raw[18];
    if (RAND_bytes(raw, sizeof raw) != 1) return -1;
    char *b = b64url_encode(raw, sizeof raw);
    if (!b) return -1;
    snprintf(out, 32, "%s", b);
    OPENSSL_cleanse(b, strlen(b));
    free(b);
    return 0;
}

/* Writes the credentials file (new, mode 0600). */
static int write_credentials(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    size_t n = strlen(text);
    int ok = fchmod(fd, 0600) == 0 && write(fd, text, n) == (ssize_t)n;
    return close(fd) == 0 && ok ? 0 : -1;
}

/* With no users yet: assistant, director and producer with random passwords,
 * printed once and written to the credentials file. */
static int run_init_demo(const struct config *cfg, const struct store_ops *ops, struct store_conn *c, void *ctx) {
    (void)cfg;
    const struct job *j = ctx;
    int64_t count = 0;
    enum store_status st = ops->user_count(c, &count);
    if (st != STORE_OK || count > 0) return st == STORE_OK ? EXIT_OK : store_failed(ops, c, st, "");
    static const char *const roles[] = {"assistant", "director", "producer"};
    char text[512] = "# Audition demo users (created once; change them with `audition user passwd NAME`)\n";
    if (password_init() < 0) st = STORE_ERROR;
    if (st == STORE_OK) st = ops->begin(c);
    for (size_t i = 0; st == STORE_OK && i < 3; i++) {
        char pw[32], hash[PASSWORD_HASH_MAX];
        if (random_password(pw) < 0 || password_hash(pw, strlen(pw), hash) < 0) {
            st = STORE_ERROR;
            break;
        }
        struct user u = {.username = roles[i], .display_name = roles[i], .role = roles[i], .password_hash = hash};
        st = ops->user_insert(c, &u, (int64_t)time(NULL), NULL);
        snprintf(text + strlen(text), sizeof text - strlen(text), "%-10s %s\n", roles[i], pw);
        OPENSSL_cleanse(pw, sizeof pw);
    }
    st = st == STORE_OK ? ops->commit(c) : (ops->rollback(c), st);
    int rc = EXIT_OK;
    if (st != STORE_OK) rc = store_failed(ops, c, st, "");
    else if (j->credentials && write_credentials(j->credentials, text) < 0) {
        cli_error("user init-demo: cannot write %s: %s", j->credentials, strerror(errno));
        rc = EXIT_RUNTIME;
    }
    if (st == STORE_OK) fputs(text, stdout);
    OPENSSL_cleanse(text, sizeof text);
    return rc;
}

static int user_init_demo(int argc, char **argv) {
    struct job j = {.verb = "init-demo"};
    if (argc == 2 && strcmp(argv[0], "--credentials") == 0) j.credentials = argv[1];
    else if (argc != 0) return cli_error("%s", USAGE), EXIT_USAGE;
    return cli_with_database(run_init_demo, &j);
}

int cmd_user(int argc, char **argv) {
    const char *verb = argc > 1 ? argv[1] : "";
    if (strcmp(verb, "add") == 0) return user_add(argc - 2, argv + 2);
    if (strcmp(verb, "list") == 0 && argc == 2) return cli_with_database(run_list, NULL);
    if (strcmp(verb, "init-demo") == 0) return user_init_demo(argc - 2, argv + 2);
    static const char *const changes[] = {"set-role", "passwd", "disable", "enable", "delete"};
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++)
        if (strcmp(verb, changes[i]) == 0) return user_change(verb, argc - 2, argv + 2);
    cli_error("%s", USAGE);
    return EXIT_USAGE;
}

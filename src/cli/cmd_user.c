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

/* One open database for a command. */
struct session {
    struct config cfg;
    struct store_pool *pool;
    struct store_conn *c;
    const struct store_ops *ops;
};

static int session_open(struct session *s) {
    if (cli_config(&s->cfg) != 0) return EXIT_USAGE;
    int rc = cli_open_migrated(&s->cfg, 1, &s->pool, &s->c);
    if (rc != EXIT_OK) {
        config_free(&s->cfg);
        return rc;
    }
    s->ops = store_pool_ops(s->pool);
    return EXIT_OK;
}

static void session_close(struct session *s) {
    store_release(s->pool, s->c);
    store_pool_close(s->pool);
    config_free(&s->cfg);
}

/* A store failure as one sentence; NOT_FOUND and CONFLICT are the user's. */
static int store_failed(struct session *s, enum store_status st, const char *name) {
    if (st == STORE_NOT_FOUND) cli_error("user: there is no user \"%s\"", name);
    else if (st == STORE_CONFLICT) cli_error("user: a user \"%s\" exists already (names ignore case)", name);
    else cli_error("user: %s", s->ops->last_error(s->c));
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
    char hash[PASSWORD_HASH_MAX];
    int rc = new_password_hash(name, hash);
    if (rc != EXIT_OK) return rc;
    struct session s;
    if ((rc = session_open(&s)) != EXIT_OK) return rc;
    const char *canon = role_name((enum role)role_parse(role));
    struct user u = {.username = name, .display_name = display ? display : name, .role = canon,
                     .password_hash = hash};
    int64_t id = 0;
    enum store_status st = s.ops->user_insert(s.c, &u, (int64_t)time(NULL), &id);
    if (st == STORE_OK) printf("created user %s (id %lld, %s)\n", name, (long long)id, canon);
    else rc = store_failed(&s, st, name);
    session_close(&s);
    return rc;
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

static int user_list(void) {
    struct session s;
    int rc = session_open(&s);
    if (rc != EXIT_OK) return rc;
    struct arena a;
    arena_init(&a);
    struct user *v = NULL;
    size_t n = 0;
    enum store_status st = s.ops->user_list(s.c, &a, &v, &n);
    if (st != STORE_OK) rc = store_failed(&s, st, "");
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
    session_close(&s);
    return rc;
}

/* set-role, passwd, disable, enable, delete: one name, one change. */
static int user_change(const char *verb, int argc, char **argv) {
    bool set_role = strcmp(verb, "set-role") == 0;
    if (argc != (set_role ? 2 : 1)) return cli_error("%s", USAGE), EXIT_USAGE;
    const char *name = argv[0];
    if (set_role && role_parse(argv[1]) < 0) return cli_error("user set-role: ROLE must be assistant, director or producer"), EXIT_USAGE;
    char hash[PASSWORD_HASH_MAX];
    int rc = strcmp(verb, "passwd") == 0 ? new_password_hash(name, hash) : EXIT_OK;
    struct session s;
    if (rc != EXIT_OK || (rc = session_open(&s)) != EXIT_OK) return rc;
    enum store_status st;
    if (set_role) st = s.ops->user_set_role(s.c, name, role_name((enum role)role_parse(argv[1])));
    else if (strcmp(verb, "passwd") == 0) st = s.ops->user_set_hash(s.c, name, hash);
    else if (strcmp(verb, "disable") == 0) st = s.ops->user_set_disabled(s.c, name, true);
    else if (strcmp(verb, "enable") == 0) st = s.ops->user_set_disabled(s.c, name, false);
    else st = s.ops->user_delete(s.c, name);
    if (st == STORE_OK) printf("user %s: %s done\n", name, verb);
    else rc = store_failed(&s, st, name);
    session_close(&s);
    return rc;
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
static int user_init_demo(int argc, char **argv) {
    const char *path = NULL;
    if (argc == 2 && strcmp(argv[0], "--credentials") == 0) path = argv[1];
    else if (argc != 0) return cli_error("%s", USAGE), EXIT_USAGE;
    struct session s;
    int rc = session_open(&s);
    if (rc != EXIT_OK) return rc;
    int64_t count = 0;
    enum store_status st = s.ops->user_count(s.c, &count);
    if (st != STORE_OK || count > 0) {
        rc = st == STORE_OK ? EXIT_OK : store_failed(&s, st, "");
        session_close(&s);
        return rc;
    }
    static const char *const roles[] = {"assistant", "director", "producer"};
    char text[512] = "# Audition demo users (created once; change them with `audition user passwd NAME`)\n";
    if (password_init() < 0) st = STORE_ERROR;
    if (st == STORE_OK) st = s.ops->begin(s.c);
    for (size_t i = 0; st == STORE_OK && i < 3; i++) {
        char pw[32], hash[PASSWORD_HASH_MAX];
        if (random_password(pw) < 0 || password_hash(pw, strlen(pw), hash) < 0) {
            st = STORE_ERROR;
            break;
        }
        struct user u = {.username = roles[i], .display_name = roles[i], .role = roles[i], .password_hash = hash};
        st = s.ops->user_insert(s.c, &u, (int64_t)time(NULL), NULL);
        snprintf(text + strlen(text), sizeof text - strlen(text), "%-10s %s\n", roles[i], pw);
        OPENSSL_cleanse(pw, sizeof pw);
    }
    st = st == STORE_OK ? s.ops->commit(s.c) : (s.ops->rollback(s.c), st == STORE_OK ? STORE_ERROR : st);
    if (st != STORE_OK) rc = store_failed(&s, st, "");
    else if (path && write_credentials(path, text) < 0) {
        cli_error("user init-demo: cannot write %s: %s", path, strerror(errno));
        rc = EXIT_RUNTIME;
    }
    if (st == STORE_OK) fputs(text, stdout);
    OPENSSL_cleanse(text, sizeof text);
    session_close(&s);
    return rc;
}

int cmd_user(int argc, char **argv) {
    const char *verb = argc > 1 ? argv[1] : "";
    if (strcmp(verb, "add") == 0) return user_add(argc - 2, argv + 2);
    if (strcmp(verb, "list") == 0 && argc == 2) return user_list();
    if (strcmp(verb, "init-demo") == 0) return user_init_demo(argc - 2, argv + 2);
    static const char *const changes[] = {"set-role", "passwd", "disable", "enable", "delete"};
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++)
        if (strcmp(verb, changes[i]) == 0) return user_change(verb, argc - 2, argv + 2);
    cli_error("%s", USAGE);
    return EXIT_USAGE;
}

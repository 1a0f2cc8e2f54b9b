/* The storage contract (store_cases.h) on SQLite, each test on a new
 * database file in its own temporary directory; plus what only SQLite has:
 * the sqlite: URL forms, creating the file's directory, failing fast. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_cases.h"
#include "store_identity_cases.h"
#include "store_audit_cases.h"   /* audit */

static char tmpdir[64];
static char url[160];

static const char *engine_url(void) {
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/audition-store-XXXXXX");
        cr_assert_not_null(mkdtemp(tmpdir));
        snprintf(url, sizeof url, "sqlite://%s/sub/dir/test.db", tmpdir);  /* sqlite:// + /abs */
    }
    return url;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void engine_cleanup(void) {
    if (tmpdir[0]) nftw(tmpdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    tmpdir[0] = '\0';
}

Test(store, sqlite_creates_private_parent_dirs) {
    char dir[200];
    struct stat st;
    snprintf(dir, sizeof dir, "%s/sub/dir", tmpdir);
    cr_assert_eq(stat(dir, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0700);
}

Test(store, sqlite_relative_urls) {
    char cwd[512];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    cr_assert_eq(chdir(tmpdir), 0);
    const char *urls[] = {"sqlite://rel/a.db", "sqlite:b.db"};
    const char *files[] = {"rel/a.db", "b.db"};
    for (int i = 0; i < 2; i++) {
        struct store_conn *c = NULL;
        char err[256] = "";
        cr_assert_eq(store_sqlite_ops.open(urls[i], &c, err, sizeof err), STORE_OK, "%s", err);
        cr_assert_eq(store_sqlite_ops.migrate(c), STORE_OK);
        store_sqlite_ops.close(c);
        cr_assert_eq(access(files[i], F_OK), 0, "%s", files[i]);
    }
    cr_assert_eq(chdir(cwd), 0);
}

Test(store, sqlite_bad_path_fails_fast) {
    struct store_pool *pool = NULL;
    char err[256] = "";
    cr_assert_neq(store_pool_open("sqlite:///proc/no/such/dir/x.db", 2, &pool, err, sizeof err), STORE_OK);
    cr_assert_null(pool);
    cr_assert_gt(strlen(err), 0);
    char notdb[200];
    snprintf(notdb, sizeof notdb, "%s/not-a-db", tmpdir);
    FILE *f = fopen(notdb, "w");
    cr_assert_not_null(f);
    fputs("this is not an SQLite database, not at all, no header here.........................................", f);
    fclose(f);
    char u[256];
    snprintf(u, sizeof u, "sqlite://%s", notdb);
    cr_assert_neq(store_pool_open(u, 2, &pool, err, sizeof err), STORE_OK);
    cr_assert_eq(store_pool_open("sqlite:", 2, &pool, err, sizeof err), STORE_ERROR);
}

Test(store, sqlite_second_connection_sees_commits) {
    struct store_conn *other = NULL;
    char err[256] = "";
    cr_assert_eq(ops->open(url, &other, err, sizeof err), STORE_OK, "%s", err);
    OK(ops->begin(db));
    int64_t id = add_movie("Shared");
    struct movie_full m;
    cr_assert_eq(ops->movie_get(other, id, &ar, &m), STORE_NOT_FOUND);   /* not yet committed */
    OK(ops->commit(db));
    cr_assert_eq(ops->movie_get(other, id, &ar, &m), STORE_OK);
    ops->close(other);
}

/* The shared commit counter (change_counter.h): every commit that wrote, on
 * any connection, moves it on, seen through a pool of its own (another
 * process maps the same file); reads and empty transactions do not. */
Test(store, sqlite_commits_move_the_shared_counter) {
    struct store_pool *pool = NULL;
    char err[256] = "";
    cr_assert_eq(store_pool_open(url, 1, &pool, err, sizeof err), STORE_OK, "%s", err);
    uint64_t before = 0, after = 0;
    cr_assert_eq(store_pool_changes(pool, &before), STORE_CHANGES_COUNTED);
    OK(ops->begin(db));
    int64_t counted = add_movie("Counted");
    OK(ops->commit(db));
    cr_assert_eq(store_pool_changes(pool, &after), STORE_CHANGES_COUNTED);
    cr_assert_eq(after, before + 1);
    struct movie_full m;
    cr_assert_eq(ops->movie_get(db, counted, &ar, &m), STORE_OK);
    OK(ops->begin(db));
    OK(ops->commit(db));
    cr_assert_eq(store_pool_changes(pool, &before), STORE_CHANGES_COUNTED);
    cr_assert_eq(before, after);
    char path[200];
    struct stat st;
    snprintf(path, sizeof path, "%s/sub/dir/test.db-changes", tmpdir);
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0600);
    store_pool_close(pool);
}

/* Where the counter file cannot be a plain file of its own, there is none
 * (the cache then asks the database), and the database still works. */
Test(store, sqlite_without_a_counter_file) {
    char path[200], target[200], u[240];
    snprintf(target, sizeof target, "%s/elsewhere", tmpdir);
    snprintf(path, sizeof path, "%s/linked.db-changes", tmpdir);
    cr_assert_eq(symlink(target, path), 0);
    snprintf(u, sizeof u, "sqlite:%s/linked.db", tmpdir);
    struct store_pool *pool = NULL;
    char err[256] = "";
    cr_assert_eq(store_pool_open(u, 1, &pool, err, sizeof err), STORE_OK, "%s", err);
    uint64_t n = 0;
    cr_assert_eq(store_pool_changes(pool, &n), STORE_CHANGES_ASK);
    cr_assert_eq(access(target, F_OK), -1);   /* nothing made through the link */
    store_pool_close(pool);
}

/* Levels nest (group commit, write_batch.h): an inner begin is a savepoint
 * whose rollback undoes only what came after it. */
Test(store, sqlite_nested_levels_are_savepoints) {
    OK(ops->begin(db));
    int64_t kept = add_movie("Kept");
    OK(ops->begin(db));
    cr_assert_eq(ops->tx_depth(db), 2);
    int64_t undone = add_movie("Undone");
    OK(ops->rollback(db));
    OK(ops->begin(db));
    int64_t released = add_movie("Released");
    OK(ops->commit(db));
    cr_assert_eq(ops->tx_depth(db), 1);
    OK(ops->commit(db));
    cr_assert_eq(ops->tx_depth(db), 0);
    struct movie_full m;
    cr_assert_eq(ops->movie_get(db, kept, &ar, &m), STORE_OK);
    cr_assert_str_eq(m.movie.title, "Kept");
    /* the undone row's id is free again: the released row may have taken it */
    cr_assert_eq(ops->movie_get(db, released, &ar, &m), STORE_OK);
    cr_assert_str_eq(m.movie.title, "Released");
    cr_assert(undone == released || ops->movie_get(db, undone, &ar, &m) == STORE_NOT_FOUND);
    cr_assert_eq(movies(NULL, 0, 100).total, 2);
}

/* A rollback at the outermost level ends the transaction, whatever is nested. */
Test(store, sqlite_outer_rollback_undoes_everything) {
    OK(ops->begin(db));
    int64_t a = add_movie("A");
    OK(ops->begin(db));
    int64_t b = add_movie("B");
    OK(ops->commit(db));
    OK(ops->rollback(db));
    cr_assert_eq(ops->tx_depth(db), 0);
    struct movie_full m;
    cr_assert_eq(ops->movie_get(db, a, &ar, &m), STORE_NOT_FOUND);
    cr_assert_eq(ops->movie_get(db, b, &ar, &m), STORE_NOT_FOUND);
}

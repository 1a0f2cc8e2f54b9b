/* The storage contract (store_cases.h) on PostgreSQL, when
 * AUDITION_TEST_PG_URL names a database to use (skipped otherwise). Each
 * test gets a schema of its own (search_path in the URL), so tests may run
 * in parallel; plus what only PostgreSQL has: dates checked by the server. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store_cases.h"
#include "store_identity_cases.h"
#include "store_audit_cases.h"   /* audit */

static char schema[32];
static char url[512];

/* Runs one statement on a connection of its own (set-up and clean-up only). */
static void admin(const char *sql) {
    PGconn *pg = PQconnectdb(getenv("AUDITION_TEST_PG_URL"));
    cr_assert_eq(PQstatus(pg), CONNECTION_OK, "%s", PQerrorMessage(pg));
    PQclear(PQexec(pg, "SET client_min_messages = warning"));
    PGresult *r = PQexec(pg, sql);
    cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(pg);
}

static const char *engine_url(void) {
    const char *base = getenv("AUDITION_TEST_PG_URL");
    if ((!base || !*base) && getenv("AUDITION_REQUIRE_PG")) cr_assert_fail("AUDITION_TEST_PG_URL is not set");
    if (!base || !*base) cr_skip_test("AUDITION_TEST_PG_URL is not set");
    if (!schema[0]) {
        char sql[128];
        snprintf(schema, sizeof schema, "t%ld", (long)getpid());
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema, schema);
        admin(sql);
        snprintf(url, sizeof url, "%s%coptions=-csearch_path%%3D%s", base, strchr(base, '?') ? '&' : '?', schema);
    }
    return url;
}

static void engine_cleanup(void) {
    if (!schema[0]) return;
    char sql[96];
    snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
    admin(sql);
    schema[0] = '\0';
}

Test(store, pg_bad_date_is_an_error_not_a_crash) {
    struct movie m = {.title = "Leap", .genre = GENRE_DRAMA, .release_date = "2023-02-30"};
    cr_assert_eq(ops->movie_insert(db, &m, NULL), STORE_ERROR);
    cr_assert_null(strstr(ops->last_error(db), "2023"));
    add_movie("still usable");
}

Test(store, pg_bad_url_and_server) {
    struct store_conn *c = NULL;
    char err[256] = "";
    cr_assert_eq(store_pg_ops.open("postgresql://u:secret@127.0.0.1:1/db", &c, err, sizeof err), STORE_UNAVAILABLE);
    cr_assert_null(strstr(err, "secret"), "%s", err);
    cr_assert_eq(store_pg_ops.open("postgresql://u:s%zzcret@h/db", &c, err, sizeof err), STORE_ERROR);
    cr_assert_null(strstr(err, "cret"), "%s", err);
}

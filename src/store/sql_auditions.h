/* Private to src/store/: the SQL of the auditions statements (driver.h's
 * ST_AUDITION_*), written once for both engines. Each engine passes its
 * parameter markers ("?1".. or "$1"..), the suffix that locks a row for the
 * transaction, and the statement that serialises clash checks. */
#ifndef AUDITION_STORE_SQL_AUDITIONS_H
#define AUDITION_STORE_SQL_AUDITIONS_H

/* Columns in the order query_auditions.c decodes them. */
#define AUDITION_COLS(p) \
    p "id, " p "role_id, " p "actor_id, " p "starts_at, " p "ends_at, " p "location, " p "status"
#define AUDITION_NCOLS 7

/* The list filter: from (P1), to (P2), location (P3), actorId (P4), status
 * (P5), each NULL for "any". from/to select the auditions whose
 * [starts_at, ends_at) overlaps [from, to). */
#define AUDITION_FILTER(P1, P2, P3, P4, P5) \
    "(CAST(" P1 " AS BIGINT) IS NULL OR ends_at > CAST(" P1 " AS BIGINT))" \
    " AND (CAST(" P2 " AS BIGINT) IS NULL OR starts_at < CAST(" P2 " AS BIGINT))" \
    " AND (CAST(" P3 " AS TEXT) IS NULL OR location = CAST(" P3 " AS TEXT))" \
    " AND (CAST(" P4 " AS BIGINT) IS NULL OR actor_id = CAST(" P4 " AS BIGINT))" \
    " AND (CAST(" P5 " AS TEXT) IS NULL OR status = CAST(" P5 " AS TEXT))"

#define AUDITIONS_SQL(P1, P2, P3, P4, P5, P6, P7, LOCK_SUFFIX, SERIALISE) \
    [ST_AUDITION_GET] = "SELECT " AUDITION_COLS("") " FROM auditions WHERE id = " P1, \
    [ST_AUDITION_LOCK] = "SELECT id FROM auditions WHERE id = " P1 LOCK_SUFFIX, \
    [ST_AUDITION_COUNT] = "SELECT count(*) FROM auditions WHERE " AUDITION_FILTER(P1, P2, P3, P4, P5), \
    [ST_AUDITION_PAGE] = \
        "SELECT " AUDITION_COLS("") " FROM auditions WHERE " AUDITION_FILTER(P1, P2, P3, P4, P5) \
        " ORDER BY starts_at, id LIMIT " P6 " OFFSET " P7, \
    [ST_AUDITION_INSERT] = \
        "INSERT INTO auditions (role_id, actor_id, starts_at, ends_at, location, status)" \
        " VALUES (" P1 ", " P2 ", " P3 ", " P4 ", " P5 ", " P6 ") RETURNING id", \
    [ST_AUDITION_UPDATE] = \
        "UPDATE auditions SET starts_at = " P2 ", ends_at = " P3 ", location = " P4 ", status = " P5 \
        " WHERE id = " P1 " RETURNING id", \
    [ST_AUDITION_SERIALISE] = SERIALISE, \
    [ST_AUDITION_CLASH] = \
        "SELECT " AUDITION_COLS("a.") ", x.name FROM auditions a JOIN actors x ON x.id = a.actor_id" \
        " WHERE a.status = 'SCHEDULED' AND a.id <> " P1 " AND a.starts_at < " P3 " AND a.ends_at > " P2 \
        " AND (a.actor_id = " P4 " OR a.location = " P5 ")" \
        " ORDER BY CASE WHEN a.actor_id = " P4 " THEN 0 ELSE 1 END, a.starts_at, a.id LIMIT 1", \
    [ST_AUDITION_FEED] = \
        "SELECT " AUDITION_COLS("a.") ", r.name, x.name, m.title FROM auditions a" \
        " JOIN roles r ON r.id = a.role_id JOIN movies m ON m.id = r.movie_id" \
        " JOIN actors x ON x.id = a.actor_id" \
        " WHERE a.status <> 'CANCELLED'" \
        " AND (CAST(" P1 " AS BIGINT) IS NULL OR a.ends_at > CAST(" P1 " AS BIGINT))" \
        " AND (CAST(" P2 " AS BIGINT) IS NULL OR a.starts_at < CAST(" P2 " AS BIGINT))" \
        " ORDER BY a.starts_at, a.id LIMIT " P3, \
    [ST_AUDITION_CANDIDATE] = \
        "SELECT r.id, c.stage FROM roles r" \
        " LEFT JOIN candidates c ON c.role_id = r.id AND c.actor_id = " P2 " WHERE r.id = " P1, \
    [ST_AUDITION_ADVANCE] = \
        "UPDATE candidates SET stage = 'AUDITION', updated_at = " P3 \
        " WHERE role_id = " P1 " AND actor_id = " P2 " AND stage IN ('SUGGESTED', 'SHORTLISTED') RETURNING role_id",

#endif

/* Private to src/store/: the SQL of roles, candidates, booking and the actor
 * filters (casting.md), written once for both engines. Each engine passes
 * M(n, type), its parameter marker ("?n" or "$n::type"), LIKE(col, marker),
 * its case-insensitive escaped match, BYTES, the byte-order collation of its
 * ORDER BY, and LOCK, what makes a SELECT lock its row. Decoded by
 * query_roles.c in the column order given here. */
#ifndef AUDITION_SQL_ROLES_H
#define AUDITION_SQL_ROLES_H

#define ROLE_COLS \
    "r.id, r.movie_id, r.name, r.description, r.gender, r.age_min, r.age_max, r.billing, r.status," \
    " (SELECT count(*) FROM candidates k WHERE k.role_id = r.id)"
#define ROLE_NCOLS 10
#define CAND_COLS "c.role_id, c.stage, c.rating, c.notes, c.tags, c.updated_at"
#define CAND_NCOLS 6

/* The filtered actors: search, gender, ages, not a candidate of a role. */
#define ACTOR_FIND_WHERE(M, LIKE) \
    " WHERE (" M(1, text) " IS NULL OR " LIKE("name", M(1, text)) ")" \
    " AND (" M(2, text) " IS NULL OR gender = " M(2, text) ")" \
    " AND (" M(3, integer) " IS NULL OR age >= " M(3, integer) ")" \
    " AND (" M(4, integer) " IS NULL OR age <= " M(4, integer) ")" \
    " AND (" M(5, bigint) " IS NULL OR NOT EXISTS (SELECT 1 FROM candidates k" \
    " WHERE k.role_id = " M(5, bigint) " AND k.actor_id = actors.id))"

#define ROLES_SQL(M, LIKE, BYTES, LOCK) \
    [ST_ROLE_MOVIE_EXISTS] = "SELECT id FROM movies WHERE id = " M(1, bigint), \
    [ST_ROLE_COUNT] = "SELECT count(*) FROM roles WHERE movie_id = " M(1, bigint), \
    [ST_ROLE_PAGE] = \
        "SELECT " ROLE_COLS " FROM roles r WHERE r.movie_id = " M(1, bigint) \
        " ORDER BY r.billing IS NULL, r.billing, r.name" BYTES ", r.id LIMIT " M(2, bigint) " OFFSET " M(3, bigint), \
    [ST_ROLE_GET] = "SELECT " ROLE_COLS " FROM roles r WHERE r.id = " M(1, bigint), \
    [ST_ROLE_INSERT] = \
        "INSERT INTO roles (movie_id, name, description, gender, age_min, age_max, billing, status) VALUES (" \
        M(1, bigint) ", " M(2, text) ", " M(3, text) ", " M(4, text) ", " M(5, integer) ", " M(6, integer) ", " \
        M(7, integer) ", " M(8, text) ") RETURNING id", \
    [ST_ROLE_UPDATE] = \
        "UPDATE roles SET (name, description, gender, age_min, age_max, billing, status) = (" M(2, text) ", " \
        M(3, text) ", " M(4, text) ", " M(5, integer) ", " M(6, integer) ", " M(7, integer) ", " M(8, text) \
        ") WHERE id = " M(1, bigint) " RETURNING id", \
    [ST_ROLE_DELETE] = "DELETE FROM roles WHERE id = " M(1, bigint) " RETURNING id", \
    [ST_ROLE_LOCK] = "SELECT id FROM roles WHERE id = " M(1, bigint) LOCK, \
    [ST_ROLE_SET_STATUS] = "UPDATE roles SET status = " M(2, text) " WHERE id = " M(1, bigint) " RETURNING id", \
    [ST_CAND_COUNT] = \
        "SELECT count(*) FROM candidates WHERE role_id = " M(1, bigint) \
        " AND (" M(2, text) " IS NULL OR stage = " M(2, text) ")", \
    [ST_CAND_PAGE] = \
        "SELECT " CAND_COLS ", " ACTOR_COLS("a.") " FROM candidates c JOIN actors a ON a.id = c.actor_id" \
        " WHERE c.role_id = " M(1, bigint) " AND (" M(2, text) " IS NULL OR c.stage = " M(2, text) ")" \
        " ORDER BY a.name" BYTES ", a.id LIMIT " M(3, bigint) " OFFSET " M(4, bigint), \
    [ST_CAND_GET] = \
        "SELECT " CAND_COLS ", " ACTOR_COLS("a.") " FROM candidates c JOIN actors a ON a.id = c.actor_id" \
        " WHERE c.role_id = " M(1, bigint) " AND c.actor_id = " M(2, bigint), \
    [ST_CAND_OTHERS] = \
        "SELECT o.actor_id, r.movie_id, r.id, r.name, o.stage FROM candidates o JOIN roles r ON r.id = o.role_id" \
        " WHERE o.actor_id IN (SELECT actor_id FROM candidates WHERE role_id = " M(1, bigint) ")" \
        " AND o.role_id <> " M(1, bigint) " AND o.stage <> 'RELEASED' ORDER BY o.actor_id, r.movie_id, r.id", \
    [ST_CAND_INSERT] = \
        "INSERT INTO candidates (role_id, actor_id, created_at, updated_at) VALUES (" M(1, bigint) ", " \
        M(2, bigint) ", " M(3, bigint) ", " M(3, bigint) ") ON CONFLICT DO NOTHING RETURNING actor_id", \
    [ST_CAND_UPDATE] = \
        "UPDATE candidates SET (stage, rating, notes, tags, updated_at) = (" M(3, text) ", " M(4, integer) ", " \
        M(5, text) ", " M(6, text) ", " M(7, bigint) ") WHERE role_id = " M(1, bigint) " AND actor_id = " \
        M(2, bigint) " RETURNING actor_id", \
    [ST_CAND_DELETE] = \
        "DELETE FROM candidates WHERE role_id = " M(1, bigint) " AND actor_id = " M(2, bigint) " RETURNING actor_id", \
    [ST_ROLE_BOOKED] = "SELECT actor_id FROM candidates WHERE role_id = " M(1, bigint) " AND stage = 'BOOKED'", \
    [ST_ACTOR_BOOKED_IN_MOVIE] = \
        "SELECT r.id, r.name FROM candidates c JOIN roles r ON r.id = c.role_id WHERE r.movie_id = " M(1, bigint) \
        " AND c.actor_id = " M(2, bigint) " AND c.role_id <> " M(3, bigint) " AND c.stage = 'BOOKED'" \
        " ORDER BY r.id", \
    [ST_BOOKING_LINK_ADD] = \
        "INSERT INTO booking_links (movie_id, actor_id) VALUES (" M(1, bigint) ", " M(2, bigint) ")" \
        " ON CONFLICT DO NOTHING RETURNING movie_id", \
    [ST_BOOKING_LINK_TAKE] = \
        "DELETE FROM booking_links WHERE movie_id = " M(1, bigint) " AND actor_id = " M(2, bigint) \
        " RETURNING movie_id", \
    [ST_ACTOR_FIND_COUNT] = "SELECT count(*) FROM actors" ACTOR_FIND_WHERE(M, LIKE), \
    [ST_ACTOR_FIND_PAGE] = \
        "WITH a AS (SELECT " ACTOR_COLS("") " FROM actors" ACTOR_FIND_WHERE(M, LIKE) \
        " ORDER BY name" BYTES ", id LIMIT " M(6, bigint) " OFFSET " M(7, bigint) ")" \
        " SELECT " ACTOR_COLS("a.") ", " MOVIE_COLS("m.") " FROM a" \
        " LEFT JOIN casts x ON x.actor_id = a.id LEFT JOIN movies m ON m.id = x.movie_id" \
        " ORDER BY a.name" BYTES ", a.id, m.title" BYTES ", m.id",

#endif

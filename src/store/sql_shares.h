/* Private to src/store/: the SQL of share links, votes and the casting
 * exports (query_shares.c), the same on both engines but for the parameter
 * markers, which each engine passes in ("?1".. or "$1"..). Vote sums are
 * written with CASE so that both engines return integers. */
#ifndef AUDITION_SQL_SHARES_H
#define AUDITION_SQL_SHARES_H

#define SHARE_UP "coalesce(sum(CASE WHEN v.vote > 0 THEN 1 ELSE 0 END), 0)"
#define SHARE_DOWN "coalesce(sum(CASE WHEN v.vote < 0 THEN 1 ELSE 0 END), 0)"
#define SHARE_CANDIDATE_COLS "a.id, a.name, a.age, a.gender, a.photo_url, c.stage, c.rating"

#define SHARES_SQL(P1, P2, P3, P4, P5, P6) \
    [ST_SHARE_ROLE] = \
        "SELECT r.id, r.name, r.description, r.gender, m.title, r.age_min, r.age_max" \
        " FROM roles r JOIN movies m ON m.id = r.movie_id WHERE r.id = " P1, \
    [ST_SHARE_INSERT] = \
        "INSERT INTO shares (role_id, token_hash, stages, created_by, created_at, expires_at)" \
        " VALUES (" P1 ", " P2 ", " P3 ", " P4 ", " P5 ", " P6 ") RETURNING id", \
    [ST_SHARE_REVOKE] = \
        "UPDATE shares SET revoked_at = coalesce(revoked_at, " P2 ") WHERE id = " P1 " RETURNING id", \
    [ST_SHARE_COUNT] = "SELECT count(*) FROM shares WHERE role_id = " P1, \
    [ST_SHARE_PAGE] = \
        "SELECT s.id, s.role_id, s.stages, s.created_by, s.created_at, s.expires_at, s.revoked_at, " \
        SHARE_UP ", " SHARE_DOWN " FROM shares s LEFT JOIN share_votes v ON v.share_id = s.id" \
        " WHERE s.role_id = " P1 \
        " GROUP BY s.id, s.role_id, s.stages, s.created_by, s.created_at, s.expires_at, s.revoked_at" \
        " ORDER BY s.id DESC LIMIT " P2 " OFFSET " P3, \
    [ST_SHARE_FIND] = \
        "SELECT id, role_id, stages, created_by, created_at, expires_at, 0, 0, 0 FROM shares" \
        " WHERE token_hash = " P1 " AND revoked_at IS NULL AND expires_at > " P2, \
    [ST_SHARE_CANDIDATES] = \
        "SELECT " SHARE_CANDIDATE_COLS ", " SHARE_UP ", " SHARE_DOWN \
        " FROM candidates c JOIN actors a ON a.id = c.actor_id" \
        " LEFT JOIN share_votes v ON v.share_id = " P2 " AND v.actor_id = c.actor_id" \
        " WHERE c.role_id = " P1 " GROUP BY " SHARE_CANDIDATE_COLS " ORDER BY a.name, a.id", \
    [ST_SHARE_STAGE] = "SELECT stage FROM candidates WHERE role_id = " P1 " AND actor_id = " P2, \
    [ST_SHARE_VOTE] = \
        "INSERT INTO share_votes (share_id, actor_id, viewer, vote, voted_at)" \
        " VALUES (" P1 ", " P2 ", " P3 ", " P4 ", " P5 ") ON CONFLICT (share_id, actor_id, viewer)" \
        " DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at RETURNING share_id", \
    [ST_ROLE_VOTES] = \
        "SELECT v.actor_id, " SHARE_UP ", " SHARE_DOWN " FROM share_votes v JOIN shares s ON s.id = v.share_id" \
        " WHERE s.role_id = " P1 " GROUP BY v.actor_id ORDER BY v.actor_id", \
    [ST_CANDIDATES_EXPORT] = \
        "SELECT " SHARE_CANDIDATE_COLS ", c.notes, c.tags FROM candidates c JOIN actors a ON a.id = c.actor_id" \
        " WHERE c.role_id = " P1 " ORDER BY a.name, a.id",

#endif

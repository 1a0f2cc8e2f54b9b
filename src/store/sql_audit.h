/* audit: the audit log's statements (table and triggers: migration
 * 0008_audit), the same on both engines but for the parameter markers,
 * which each engine passes in ("?1".. or "$1"..). Private to src/store/. */
#ifndef AUDITION_SQL_AUDIT_H
#define AUDITION_SQL_AUDIT_H

#define AUDIT_COLS "id, at, subject, entity, entity_id, action, before, after"
#define AUDIT_MATCH(P1, P2, P3) \
    " WHERE (CAST(" P1 " AS TEXT) IS NULL OR entity = " P1 ")" \
    " AND (CAST(" P2 " AS TEXT) IS NULL OR entity_id = " P2 ")" \
    " AND (CAST(" P3 " AS TEXT) IS NULL OR subject = " P3 ")"

#define AUDIT_SQL(P1, P2, P3, P4, P5, P6) \
    [ST_AUDIT_NOTE] = \
        "INSERT INTO audit_log (at, subject, entity, entity_id, action, before, after)" \
        " VALUES (" P6 ", " P1 ", " P2 ", " P3 ", " P4 ", NULL, " P5 ") RETURNING id", \
    [ST_AUDIT_COUNT] = "SELECT count(*) FROM audit_log" AUDIT_MATCH(P1, P2, P3), \
    [ST_AUDIT_PAGE] = \
        "SELECT " AUDIT_COLS " FROM audit_log" AUDIT_MATCH(P1, P2, P3) " ORDER BY id DESC LIMIT " P4 " OFFSET " P5,

#endif

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

/* The same filter led by an equality the planner can take an index on
 * (audit_by_entity, audit_by_subject of 0008_audit): query_audit.c picks the
 * one that fits the filters given, so a filtered list reads only its rows. */
#define AUDIT_BY_ENTITY_ID(P1, P2, P3) \
    " WHERE entity = " P1 " AND entity_id = " P2 " AND (CAST(" P3 " AS TEXT) IS NULL OR subject = " P3 ")"
#define AUDIT_BY_ENTITY(P1, P2, P3) \
    " WHERE entity = " P1 " AND (CAST(" P2 " AS TEXT) IS NULL OR entity_id = " P2 ")" \
    " AND (CAST(" P3 " AS TEXT) IS NULL OR subject = " P3 ")"
#define AUDIT_BY_SUBJECT(P1, P2, P3) \
    " WHERE subject = " P3 " AND (CAST(" P1 " AS TEXT) IS NULL OR entity = " P1 ")" \
    " AND (CAST(" P2 " AS TEXT) IS NULL OR entity_id = " P2 ")"
#define AUDIT_COUNT_PAGE(COUNT, PAGE, WHERE, P4, P5) \
    [COUNT] = "SELECT count(*) FROM audit_log" WHERE, \
    [PAGE] = "SELECT " AUDIT_COLS " FROM audit_log" WHERE " ORDER BY id DESC LIMIT " P4 " OFFSET " P5,

#define AUDIT_SQL(P1, P2, P3, P4, P5, P6) \
    [ST_AUDIT_NOTE] = \
        "INSERT INTO audit_log (at, subject, entity, entity_id, action, before, after)" \
        " VALUES (" P6 ", " P1 ", " P2 ", " P3 ", " P4 ", NULL, " P5 ") RETURNING id", \
    AUDIT_COUNT_PAGE(ST_AUDIT_COUNT, ST_AUDIT_PAGE, AUDIT_MATCH(P1, P2, P3), P4, P5) \
    AUDIT_COUNT_PAGE(ST_AUDIT_COUNT_BY_ENTITY_ID, ST_AUDIT_PAGE_BY_ENTITY_ID, AUDIT_BY_ENTITY_ID(P1, P2, P3), P4, P5) \
    AUDIT_COUNT_PAGE(ST_AUDIT_COUNT_BY_ENTITY, ST_AUDIT_PAGE_BY_ENTITY, AUDIT_BY_ENTITY(P1, P2, P3), P4, P5) \
    AUDIT_COUNT_PAGE(ST_AUDIT_COUNT_BY_SUBJECT, ST_AUDIT_PAGE_BY_SUBJECT, AUDIT_BY_SUBJECT(P1, P2, P3), P4, P5)

#endif

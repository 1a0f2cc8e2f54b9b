-- A no-op: keeps step with SQLite's 0011, which rebuilt its trigram indexes
-- for search by MATCH. PostgreSQL's pg_trgm indexes (0003) are unchanged.
SELECT 1;

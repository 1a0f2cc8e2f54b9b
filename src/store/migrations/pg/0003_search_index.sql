-- Substring search without a full scan: pg_trgm GIN indexes serve ILIKE on
-- actor names and movie titles (the index is lossy; PostgreSQL rechecks the
-- exact ILIKE, so results and totals do not change). pg_trgm is a trusted
-- extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX actors_name_trgm ON actors USING gin (name gin_trgm_ops);
CREATE INDEX movies_title_trgm ON movies USING gin (title gin_trgm_ops);

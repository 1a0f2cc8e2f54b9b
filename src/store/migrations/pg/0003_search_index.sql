-- Substring search without a full scan: pg_trgm GIN indexes serve ILIKE on
-- actor names and movie titles (the index is lossy; PostgreSQL rechecks the
-- exact ILIKE, so results and totals do not change). pg_trgm is a trusted
-- extension: the database owner may create it. Where it is installed already
-- (in any schema) that copy is used; otherwise it goes into its own schema,
-- audition_ext, so that no application schema owns it. The operator class
-- is named with its schema: search_path need not include it.
DO $$
DECLARE
    ext_schema text;
BEGIN
    SELECT n.nspname INTO ext_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm';
    IF ext_schema IS NULL THEN
        CREATE SCHEMA IF NOT EXISTS audition_ext;
        CREATE EXTENSION pg_trgm SCHEMA audition_ext;
        ext_schema := 'audition_ext';
    END IF;
    EXECUTE format('CREATE INDEX actors_name_trgm ON actors USING gin (name %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX movies_title_trgm ON movies USING gin (title %I.gin_trgm_ops)', ext_schema);
END
$$;

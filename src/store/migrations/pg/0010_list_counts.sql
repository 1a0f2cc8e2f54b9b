-- Exact list totals and deep pages without a scan (docs/architecture.md,
-- "PostgreSQL: list counts"). list_counts holds, for actors' names and
-- movies' titles, how many rows
--   kind 's': have gram as a substring of lower(name) — gram '' is every row,
--             and the 1- and 2-character grams answer short searches, which
--             ILIKE decides exactly as "lower(pattern) is in lower(name)";
--   kind 'p': start with gram, the first two characters of the name (byte
--             order, COLLATE "C"): a page deep in the list starts its index
--             walk at the right prefix instead of at the first row.
-- A gram's count is the sum of its rows. The triggers below (per statement
-- for inserts and deletes, per renamed row for updates) add one delta row per
-- gram a write changes, in the writer's own transaction, so a count is exact
-- for every snapshot and concurrent writers never wait on one hot row. The
-- first write of a transaction that takes a try-lock also folds the rows of
-- the grams it touches into one (nobody waits for that lock).
-- Bulk seeds turn the triggers off with the audit rows (audit_rows_on())
-- and recount at their end (ST_SYNC_*, src/store/pg.c).

CREATE TABLE list_counts (
    tbl  TEXT NOT NULL,                -- actors | movies
    kind TEXT NOT NULL,                -- s | p
    gram TEXT COLLATE "C" NOT NULL,
    n    BIGINT NOT NULL
);
CREATE INDEX list_counts_by_gram ON list_counts (tbl, kind, gram);

-- The grams one name counts for: its 2-character prefix, '' and every
-- distinct 1- and 2-character substring of lower(name).
CREATE FUNCTION list_grams(s text) RETURNS TABLE (kind text, gram text)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT 'p', left(s, 2)
    UNION SELECT 's', ''
    UNION SELECT 's', substr(l, i, k)
      FROM lower(s) AS l, generate_series(1, 2) AS k, generate_series(1, char_length(l) - k + 1) AS i
$$;

-- The count rows of a whole table, for a recount: (kind, gram, n).
CREATE FUNCTION list_count_rows(tbl text) RETURNS TABLE (kind text, gram text, n bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY EXECUTE format(
        'SELECT g.kind, g.gram, count(*) FROM %I r, list_grams(r.%I) g GROUP BY 1, 2',
        tbl, CASE tbl WHEN 'movies' THEN 'title' ELSE 'name' END);
END
$$;

-- Recounts tbl from its rows, in one statement (one snapshot): what a bulk
-- seed runs after loading with the triggers off.
CREATE FUNCTION list_counts_recount(t text) RETURNS void LANGUAGE sql AS $$
    WITH gone AS (DELETE FROM list_counts WHERE tbl = t)
    INSERT INTO list_counts (tbl, kind, gram, n) SELECT t, c.kind, c.gram, c.n FROM list_count_rows(t) c
$$;

-- Adds delta rows (kind, gram, n) for table t; the first write of a transaction
-- that gets the try-lock then folds each touched gram's rows into one (later
-- writes of the same transaction would only fold its own rows again).
CREATE FUNCTION list_counts_apply(t text, kinds text[], grams text[], ns bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(grams), 0) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO list_counts (tbl, kind, gram, n) SELECT t, k, g, d FROM unnest(kinds, grams, ns) AS x(k, g, d);
    IF current_setting('audition.list_counts_folded', true) IS DISTINCT FROM 'on'
       AND pg_try_advisory_xact_lock(4207366321) THEN
        PERFORM set_config('audition.list_counts_folded', 'on', true);
        WITH touched AS (SELECT DISTINCT k, g FROM unnest(kinds, grams) AS x(k, g)),
             gone AS (DELETE FROM list_counts c USING touched
                       WHERE c.tbl = t AND c.kind = touched.k AND c.gram = touched.g COLLATE "C"
                       RETURNING c.kind, c.gram, c.n)
        INSERT INTO list_counts (tbl, kind, gram, n)
        SELECT t, kind, gram, sum(n) FROM gone GROUP BY kind, gram HAVING sum(n) <> 0;
    END IF;
END
$$;

-- AFTER INSERT / DELETE, FOR EACH STATEMENT; TG_ARGV[0]: the column.
CREATE FUNCTION list_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ks text[];
    gs text[];
    ns bigint[];
BEGIN
    EXECUTE format('SELECT array_agg(g.kind), array_agg(g.gram), array_agg(g.n) FROM'
                   ' (SELECT g.kind, g.gram, %s * count(*) AS n FROM %s r, list_grams(r.%I) g GROUP BY 1, 2) g',
                   CASE TG_OP WHEN 'INSERT' THEN '1' ELSE '-1' END,
                   CASE TG_OP WHEN 'INSERT' THEN 'new_rows' ELSE 'old_rows' END, TG_ARGV[0])
       INTO ks, gs, ns;
    PERFORM list_counts_apply(TG_TABLE_NAME, ks, gs, ns);
    RETURN NULL;
END
$$;

-- AFTER UPDATE, FOR EACH ROW whose TG_ARGV[0] column changed (renames are
-- rare; an update that renames nothing costs nothing).
CREATE FUNCTION list_counts_rename() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was text := to_jsonb(OLD) ->> TG_ARGV[0];
    nu text := to_jsonb(NEW) ->> TG_ARGV[0];
    ks text[];
    gs text[];
    ns bigint[];
BEGIN
    SELECT array_agg(kind), array_agg(gram), array_agg(n) INTO ks, gs, ns
      FROM (SELECT kind, gram, sum(d)::bigint AS n
              FROM (SELECT g.kind, g.gram, 1 AS d FROM list_grams(nu) g
                    UNION ALL SELECT g.kind, g.gram, -1 FROM list_grams(was) g) x
             GROUP BY kind, gram HAVING sum(d) <> 0) y;
    PERFORM list_counts_apply(TG_TABLE_NAME, ks, gs, ns);
    RETURN NULL;
END
$$;

CREATE FUNCTION list_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM list_counts WHERE tbl = TG_TABLE_NAME;
    RETURN NULL;
END
$$;

-- Transition tables need one trigger per event. Creating them locks the
-- tables against writes until this migration commits, so the counts below
-- miss no row.
CREATE TRIGGER list_counts_insert AFTER INSERT ON actors REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT WHEN (audit_rows_on()) EXECUTE FUNCTION list_counts_track('name');
CREATE TRIGGER list_counts_rename AFTER UPDATE OF name ON actors
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name AND audit_rows_on()) EXECUTE FUNCTION list_counts_rename('name');
CREATE TRIGGER list_counts_delete AFTER DELETE ON actors REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT WHEN (audit_rows_on()) EXECUTE FUNCTION list_counts_track('name');
CREATE TRIGGER list_counts_truncate AFTER TRUNCATE ON actors
    FOR EACH STATEMENT EXECUTE FUNCTION list_counts_truncate();

CREATE TRIGGER list_counts_insert AFTER INSERT ON movies REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT WHEN (audit_rows_on()) EXECUTE FUNCTION list_counts_track('title');
CREATE TRIGGER list_counts_rename AFTER UPDATE OF title ON movies
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title AND audit_rows_on()) EXECUTE FUNCTION list_counts_rename('title');
CREATE TRIGGER list_counts_delete AFTER DELETE ON movies REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT WHEN (audit_rows_on()) EXECUTE FUNCTION list_counts_track('title');
CREATE TRIGGER list_counts_truncate AFTER TRUNCATE ON movies
    FOR EACH STATEMENT EXECUTE FUNCTION list_counts_truncate();

SELECT list_counts_recount('actors');
SELECT list_counts_recount('movies');

-- Substring search without a full scan: FTS5 trigram indexes over actor names
-- and movie titles, kept in step with their tables by triggers. They only find
-- candidates (case-folded, % and _ as wildcards: a superset); the exact
-- ASCII-case-insensitive LIKE with literal % and _ still decides (sqlite.c).
CREATE VIRTUAL TABLE actors_fts USING fts5(name, content = 'actors', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE movies_fts USING fts5(title, content = 'movies', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO actors_fts (actors_fts) VALUES ('rebuild');
INSERT INTO movies_fts (movies_fts) VALUES ('rebuild');

CREATE TRIGGER actors_fts_insert AFTER INSERT ON actors BEGIN
    INSERT INTO actors_fts (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER actors_fts_delete AFTER DELETE ON actors BEGIN
    INSERT INTO actors_fts (actors_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER actors_fts_update AFTER UPDATE OF name ON actors WHEN old.name IS NOT new.name BEGIN
    INSERT INTO actors_fts (actors_fts, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO actors_fts (rowid, name) VALUES (new.id, new.name);
END;

CREATE TRIGGER movies_fts_insert AFTER INSERT ON movies BEGIN
    INSERT INTO movies_fts (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER movies_fts_delete AFTER DELETE ON movies BEGIN
    INSERT INTO movies_fts (movies_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER movies_fts_update AFTER UPDATE OF title ON movies WHEN old.title IS NOT new.title BEGIN
    INSERT INTO movies_fts (movies_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO movies_fts (rowid, title) VALUES (new.id, new.title);
END;

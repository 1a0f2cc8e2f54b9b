-- Substring search by FTS5 MATCH alone, with no re-check of each row
-- (docs/architecture.md, "Search and paging at scale"). The trigram indexes
-- of 0003 folded case their own way (Unicode) and could only find candidates
-- for LIKE to decide. Now they hold each name and title lower-cased by
-- SQLite's lower() - ASCII letters only, exactly as LIKE folds case - and are
-- case-sensitive, so the phrase of a term of 3+ characters, lower-cased the
-- same way, finds exactly the rows that LIKE '%term%' does (sqlite.c). They
-- are contentless: the lower-cased text exists only in the index.
DROP TRIGGER actors_fts_insert;
DROP TRIGGER actors_fts_delete;
DROP TRIGGER actors_fts_update;
DROP TRIGGER movies_fts_insert;
DROP TRIGGER movies_fts_delete;
DROP TRIGGER movies_fts_update;
DROP TABLE actors_fts;
DROP TABLE movies_fts;

CREATE VIRTUAL TABLE actors_fts USING fts5(name, content = '', tokenize = 'trigram case_sensitive 1');
CREATE VIRTUAL TABLE movies_fts USING fts5(title, content = '', tokenize = 'trigram case_sensitive 1');
INSERT INTO actors_fts (rowid, name) SELECT id, lower(name) FROM actors;
INSERT INTO movies_fts (rowid, title) SELECT id, lower(title) FROM movies;

-- A contentless table forgets a row only when given the text it indexed.
CREATE TRIGGER actors_fts_insert AFTER INSERT ON actors BEGIN
    INSERT INTO actors_fts (rowid, name) VALUES (new.id, lower(new.name));
END;
CREATE TRIGGER actors_fts_delete AFTER DELETE ON actors BEGIN
    INSERT INTO actors_fts (actors_fts, rowid, name) VALUES ('delete', old.id, lower(old.name));
END;
CREATE TRIGGER actors_fts_update AFTER UPDATE OF name ON actors WHEN old.name IS NOT new.name BEGIN
    INSERT INTO actors_fts (actors_fts, rowid, name) VALUES ('delete', old.id, lower(old.name));
    INSERT INTO actors_fts (rowid, name) VALUES (new.id, lower(new.name));
END;

CREATE TRIGGER movies_fts_insert AFTER INSERT ON movies BEGIN
    INSERT INTO movies_fts (rowid, title) VALUES (new.id, lower(new.title));
END;
CREATE TRIGGER movies_fts_delete AFTER DELETE ON movies BEGIN
    INSERT INTO movies_fts (movies_fts, rowid, title) VALUES ('delete', old.id, lower(old.title));
END;
CREATE TRIGGER movies_fts_update AFTER UPDATE OF title ON movies WHEN old.title IS NOT new.title BEGIN
    INSERT INTO movies_fts (movies_fts, rowid, title) VALUES ('delete', old.id, lower(old.title));
    INSERT INTO movies_fts (rowid, title) VALUES (new.id, lower(new.title));
END;

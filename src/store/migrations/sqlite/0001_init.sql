-- Movies, actors and the cast links between them (api.md).
-- Lists are ordered by title/name in byte order, then id.
CREATE TABLE movies (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT NOT NULL,
    genre        TEXT NOT NULL,
    release_date TEXT,
    poster_url   TEXT
);
CREATE INDEX movies_by_title ON movies (title, id);

CREATE TABLE actors (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    name      TEXT NOT NULL,
    age       INTEGER NOT NULL,
    gender    TEXT,
    photo_url TEXT
);
CREATE INDEX actors_by_name ON actors (name, id);

CREATE TABLE casts (
    movie_id INTEGER NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    PRIMARY KEY (movie_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX casts_by_actor ON casts (actor_id, movie_id);

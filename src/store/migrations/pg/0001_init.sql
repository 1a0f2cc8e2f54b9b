-- Movies, actors and the cast links between them (api.md).
-- Lists are ordered by title/name in byte order (COLLATE "C"), then id.
CREATE TABLE movies (
    id           BIGSERIAL PRIMARY KEY,
    title        TEXT NOT NULL,
    genre        TEXT NOT NULL,
    release_date DATE,
    poster_url   TEXT
);
CREATE INDEX movies_by_title ON movies (title COLLATE "C", id);

CREATE TABLE actors (
    id        BIGSERIAL PRIMARY KEY,
    name      TEXT NOT NULL,
    age       INTEGER NOT NULL,
    gender    TEXT,
    photo_url TEXT
);
CREATE INDEX actors_by_name ON actors (name COLLATE "C", id);

CREATE TABLE casts (
    movie_id BIGINT NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    PRIMARY KEY (movie_id, actor_id)
);
CREATE INDEX casts_by_actor ON casts (actor_id, movie_id);

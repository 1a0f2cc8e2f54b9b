-- The casting workflow (casting.md "Roles", "Candidates"): roles of a movie
-- and the candidates considered for each role. Times are seconds since the
-- epoch. A role's candidates go with it; an actor's candidacies go with the
-- actor. At most one BOOKED candidate per role (partial unique index).
CREATE TABLE roles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    movie_id    INTEGER NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT,
    gender      TEXT,
    age_min     INTEGER,
    age_max     INTEGER,
    billing     INTEGER,
    status      TEXT NOT NULL DEFAULT 'OPEN'
);
CREATE INDEX roles_by_movie ON roles (movie_id, billing, name, id);
CREATE UNIQUE INDEX roles_billing_unique ON roles (movie_id, billing) WHERE billing IS NOT NULL;

CREATE TABLE candidates (
    role_id    INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    stage      TEXT NOT NULL DEFAULT 'SUGGESTED',
    rating     INTEGER,
    notes      TEXT,
    tags       TEXT NOT NULL DEFAULT '[]',   -- a JSON array of strings
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (role_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX candidates_by_actor ON candidates (actor_id, role_id);
CREATE UNIQUE INDEX candidates_one_booked ON candidates (role_id) WHERE stage = 'BOOKED';

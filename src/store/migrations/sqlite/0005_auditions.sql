-- Auditions (casting.md "Auditions"): a candidate of a role auditions at a
-- location in [starts_at, ends_at) (seconds since the epoch, UTC). Removing
-- the candidacy (or its role, or the actor) removes its auditions. Clash
-- checks look up an actor's and a location's auditions by time.
CREATE TABLE auditions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    role_id    INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    location   TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'SCHEDULED',
    FOREIGN KEY (role_id, actor_id) REFERENCES candidates (role_id, actor_id) ON DELETE CASCADE
);
CREATE INDEX auditions_by_start ON auditions (starts_at, id);
CREATE INDEX auditions_by_actor ON auditions (actor_id, starts_at);
CREATE INDEX auditions_by_location ON auditions (location, starts_at);
CREATE INDEX auditions_by_candidate ON auditions (role_id, actor_id);

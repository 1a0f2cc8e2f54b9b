-- Producers' share links (casting.md "Share links"): a link shows a role's
-- candidates in the chosen stages until it expires or is revoked. Only the
-- SHA-256 (hex) of the link's random token is stored. Viewers vote up or
-- down per candidate; one vote per viewer and candidate (the latest counts).
CREATE TABLE shares (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    role_id     INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    stages      TEXT NOT NULL,               -- a JSON array of stage names
    created_by  TEXT NOT NULL,               -- the subject who made it
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX shares_by_role ON shares (role_id);

CREATE TABLE share_votes (
    share_id   INTEGER NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    viewer     TEXT NOT NULL,                -- an opaque id the viewer's browser keeps
    vote       INTEGER NOT NULL,             -- +1 thumbs up, -1 thumbs down
    voted_at   INTEGER NOT NULL,
    PRIMARY KEY (share_id, actor_id, viewer)
);
CREATE INDEX share_votes_by_actor ON share_votes (actor_id);

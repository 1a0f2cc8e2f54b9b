-- Built-in identity: users with argon2id password hashes, and the built-in
-- issuer's signing keys (private halves encrypted with the master key file).
-- Times are seconds since the epoch.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL,
    username_key  TEXT NOT NULL UNIQUE,      -- lower-cased username: unique case-insensitively
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    last_login_at INTEGER
);

CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY,
    public_jwk  TEXT NOT NULL,
    private_enc TEXT NOT NULL,               -- hex of nonce | AES-256-GCM ciphertext | tag
    created_at  INTEGER NOT NULL,
    retired_at  INTEGER,                     -- no longer signs from then on
    expires_at  INTEGER                      -- leaves the JWKS then
);

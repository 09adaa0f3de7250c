-- federation: peers this node mirrors or searches live, and framework conflicts
-- (one identifier offered from two origins). Owned by the federation package.

CREATE TABLE peers (
    name          TEXT PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    mode          TEXT NOT NULL CHECK (mode IN ('mirror', 'live')),
    interval_ns   INTEGER NOT NULL,
    -- OAuth2 client credentials presented to the peer (optional). The secret
    -- must be sent to the peer, so it is stored as given, never shown.
    token_url     TEXT NOT NULL DEFAULT '',
    client_id     TEXT NOT NULL DEFAULT '',
    client_secret TEXT NOT NULL DEFAULT '',
    scope         TEXT NOT NULL DEFAULT '',
    -- state of the last sync
    last_sync     TEXT NOT NULL DEFAULT '',
    last_ok       TEXT NOT NULL DEFAULT '',
    last_error    TEXT NOT NULL DEFAULT '',
    last_seq      INTEGER NOT NULL DEFAULT 0,
    frameworks    INTEGER NOT NULL DEFAULT 0,
    failures      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE framework_conflicts (
    framework      TEXT NOT NULL,
    held_origin    TEXT NOT NULL,
    offered_origin TEXT NOT NULL,
    winner         TEXT NOT NULL,
    rule           TEXT NOT NULL,
    first_at       TEXT NOT NULL,
    at             TEXT NOT NULL,
    PRIMARY KEY (framework, held_origin, offered_origin)
);
CREATE INDEX framework_conflicts_at ON framework_conflicts(at);

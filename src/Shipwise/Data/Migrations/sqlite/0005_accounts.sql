-- Readers' accounts (passwordless: an email address and nothing to guess). Deleting an
-- account keeps its row as a tombstone (email NULL, deleted_at set), so votes cast from it
-- still count in anonymous totals while nothing ties them to a person any more.
-- security_stamp changes when every session must end (deletion); sessions carry a copy.
CREATE TABLE accounts (
    id               INTEGER PRIMARY KEY,
    email            TEXT    NULL UNIQUE,
    created_at       TEXT    NOT NULL,
    deleted_at       TEXT    NULL,
    votes_voided_at  TEXT    NULL,
    security_stamp   TEXT    NOT NULL
);

-- Sign-in links are signed and carry their own expiry; this table only makes each work once.
-- Rows are useless once the link has expired and are swept then.
CREATE TABLE signin_links_used (
    link_id     TEXT NOT NULL PRIMARY KEY,
    used_at     TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE INDEX ix_signin_links_used_expires ON signin_links_used (expires_at);

-- kind 'tool' (target: tool slug) or 'compare' (target: canonical /compare/a-vs-b path).
-- Targets are text, not tool ids, so a bookmark survives a re-import that renumbers tools.
CREATE TABLE bookmarks (
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('tool', 'compare')),
    target      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (account_id, kind, target)
);

-- The ASP.NET Core Data Protection key ring, shared by every node so a session cookie or a
-- form token issued by one node is accepted by the others.
CREATE TABLE data_protection_keys (
    id             INTEGER PRIMARY KEY,
    friendly_name  TEXT NOT NULL,
    xml            TEXT NOT NULL,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- The catalog: one row per tool, the full sourced document as JSON text, and the
-- columns the site filters and sorts on projected next to it.
CREATE TABLE tools (
    id            INTEGER PRIMARY KEY,
    slug          TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    vendor        TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    category      TEXT    NOT NULL,
    tagline       TEXT    NOT NULL,
    release_date  TEXT    NULL,
    document      TEXT    NOT NULL,
    fingerprint   TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE TABLE tool_aliases (
    alias    TEXT    NOT NULL PRIMARY KEY,
    tool_id  INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE
);

CREATE INDEX ix_tool_aliases_tool ON tool_aliases (tool_id);

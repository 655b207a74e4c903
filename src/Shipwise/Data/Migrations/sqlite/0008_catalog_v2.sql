-- Catalog format 2: groups (families split by licence, and names that mean more than one
-- tool), and each tool's lifecycle status projected beside it so lists can put retired tools
-- last. Stored documents are upgraded by the next migration, which is code (MigrationRunner).
CREATE TABLE tool_groups (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('family', 'disambiguation')),
    document    TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE TABLE tool_group_aliases (
    alias     TEXT    NOT NULL PRIMARY KEY,
    group_id  INTEGER NOT NULL REFERENCES tool_groups (id) ON DELETE CASCADE
);

CREATE INDEX ix_tool_group_aliases_group ON tool_group_aliases (group_id);

-- Members by slug, so a tool page finds its groups from one index.
CREATE TABLE tool_group_members (
    group_id     INTEGER NOT NULL REFERENCES tool_groups (id) ON DELETE CASCADE,
    member_slug  TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (group_id, position)
);

CREATE INDEX ix_tool_group_members_slug ON tool_group_members (member_slug);

ALTER TABLE tools ADD COLUMN lifecycle TEXT NOT NULL DEFAULT 'active';

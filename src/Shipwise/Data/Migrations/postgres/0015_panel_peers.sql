-- The panel compares a tool with its peers: each tool keeps the summary its peers are ranked
-- on (filled from documents by migration 0016), each category's snapshot of its peers is kept
-- by version so a review can be explained and history can say what changed in the field, and
-- jobs and reviews record which reviewer code and snapshot they were computed with.
ALTER TABLE tools ADD COLUMN peer_summary TEXT NOT NULL DEFAULT '';

CREATE TABLE peer_snapshots (
    version     TEXT        NOT NULL PRIMARY KEY,
    category    TEXT        NOT NULL,
    document    TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX ix_peer_snapshots_category ON peer_snapshots (category, created_at);

ALTER TABLE review_jobs ADD COLUMN context_version TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN context_version TEXT NOT NULL DEFAULT '';

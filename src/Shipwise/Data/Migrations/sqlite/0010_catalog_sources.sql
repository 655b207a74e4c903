-- Catalog sources (LiteLLM, OpenRouter, Hugging Face): what each run read and changed, facts a
-- source disagrees with (kept until an operator decides), names no tool could be matched to,
-- when a source last confirmed a fact, and which node runs a source next.

-- One row, bumped in the same transaction as every change to tools (import, refresh, an accepted
-- conflict). Review workers and page caches on every node poll it, so a change made by any
-- process (a CLI import, another node) reaches them without an in-process event.
CREATE TABLE catalog_changes (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL
);

INSERT INTO catalog_changes (id, seq) VALUES (1, 0);

CREATE TABLE source_runs (
    id             INTEGER PRIMARY KEY,
    source_name    TEXT    NOT NULL,
    connector      TEXT    NOT NULL,
    location       TEXT    NOT NULL,
    run_by         TEXT    NOT NULL CHECK (run_by IN ('import', 'refresh', 'schedule')),
    node           TEXT    NOT NULL,
    started_at     TEXT    NOT NULL,
    finished_at    TEXT    NULL,
    status         TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
    error          TEXT    NULL,
    entries        INTEGER NOT NULL DEFAULT 0,
    tools_changed  INTEGER NOT NULL DEFAULT 0,
    facts_added    INTEGER NOT NULL DEFAULT 0,
    facts_changed  INTEGER NOT NULL DEFAULT 0,
    conflicts      INTEGER NOT NULL DEFAULT 0,
    unplaced       INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX ix_source_runs_source ON source_runs (source_name, id);

-- Facts a run (or an accepted conflict) added or changed, as a reader says them; the feed, the
-- operator view and review history ("after the price drop (OpenRouter, 1 Dec 2026)") read these.
CREATE TABLE source_changes (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NULL REFERENCES source_runs (id) ON DELETE SET NULL,
    tool_id      INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    fact         TEXT    NOT NULL,
    change       TEXT    NOT NULL CHECK (change IN ('added', 'changed')),
    before_text  TEXT    NULL,
    after_text   TEXT    NOT NULL,
    phrase       TEXT    NOT NULL,
    source_label TEXT    NOT NULL,
    as_of        TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);

CREATE INDEX ix_source_changes_run ON source_changes (run_id);
CREATE INDEX ix_source_changes_tool ON source_changes (tool_id, id);
CREATE INDEX ix_source_changes_created ON source_changes (created_at);

-- A newer source value for a verified fact: the catalog keeps the verified value and shows both
-- until an operator accepts (the source's fact replaces it) or rejects (the same value is not
-- raised again). At most one open conflict per tool, fact and source.
CREATE TABLE fact_conflicts (
    id             INTEGER PRIMARY KEY,
    tool_id        INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    fact           TEXT    NOT NULL,
    source_name    TEXT    NOT NULL,
    current_text   TEXT    NOT NULL,
    current_fact   TEXT    NOT NULL,
    proposed_text  TEXT    NOT NULL,
    proposed_fact  TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
    run_id         INTEGER NULL REFERENCES source_runs (id) ON DELETE SET NULL,
    created_at     TEXT    NOT NULL,
    resolved_at    TEXT    NULL,
    resolved_by    TEXT    NULL
);

CREATE UNIQUE INDEX ux_fact_conflicts_open ON fact_conflicts (tool_id, fact, source_name) WHERE status = 'open';
CREATE INDEX ix_fact_conflicts_tool ON fact_conflicts (tool_id, status);
CREATE INDEX ix_fact_conflicts_source ON fact_conflicts (source_name, status);

-- Names a source uses that no tool could be matched to with confidence (unplaced), and the
-- operator's decision on them: placed on a tool, or ignored.
CREATE TABLE source_names (
    source_name  TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('unplaced', 'placed', 'ignored')),
    tool_id      INTEGER NULL REFERENCES tools (id) ON DELETE SET NULL,
    reason       TEXT    NOT NULL,
    first_seen   TEXT    NOT NULL,
    last_seen    TEXT    NOT NULL,
    decided_by   TEXT    NULL,
    decided_at   TEXT    NULL,
    PRIMARY KEY (source_name, name)
);

CREATE INDEX ix_source_names_status ON source_names (source_name, status);

-- The day a source last read the same value as the catalog holds: a fact confirmed today is not
-- stale even though its document (and so its reviews) did not change.
CREATE TABLE fact_checks (
    tool_id      INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    fact         TEXT    NOT NULL,
    checked_on   TEXT    NOT NULL,
    source_name  TEXT    NOT NULL,
    PRIMARY KEY (tool_id, fact)
);

-- When each configured source runs next, and which node holds it meanwhile (a lease).
CREATE TABLE source_schedule (
    source_name    TEXT NOT NULL PRIMARY KEY,
    next_run_at    TEXT NOT NULL,
    claimed_by     TEXT NULL,
    claimed_until  TEXT NULL
);

-- The panel: durable review jobs (the source of truth for what is left to do), every review
-- ever written (history), the documents tools had before an import changed them, and every
-- critic file version used. An evidence review is a pure function of (facts, critic version,
-- date), so only its verdict and those inputs are stored and its text is regenerated on read;
-- an LLM review stores its text.
CREATE TABLE review_jobs (
    id             INTEGER PRIMARY KEY,
    job_key        TEXT    NOT NULL UNIQUE,
    tool_id        INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    critic_slug    TEXT    NOT NULL,
    facts_hash     TEXT    NOT NULL,
    critic_version TEXT    NOT NULL,
    reviewer       TEXT    NOT NULL,
    model          TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    generation     INTEGER NOT NULL DEFAULT 1,
    attempts       INTEGER NOT NULL DEFAULT 0,
    claimed_by     TEXT    NULL,
    claimed_until  TEXT    NULL,
    run_after      TEXT    NOT NULL,
    last_error     TEXT    NULL,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);

-- Claims walk pending jobs in id order, and look for expired leases separately. (PostgreSQL
-- uses partial indexes here; on SQLite these composite ones measured well: docs/benchmarks.md.)
CREATE INDEX ix_review_jobs_claimable ON review_jobs (status, id);
CREATE INDEX ix_review_jobs_leases ON review_jobs (status, claimed_until);
CREATE INDEX ix_review_jobs_tool ON review_jobs (tool_id);

CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    job_id          INTEGER NOT NULL,
    generation      INTEGER NOT NULL,
    tool_id         INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    critic_slug     TEXT    NOT NULL,
    critic_version  TEXT    NOT NULL,
    facts_hash      TEXT    NOT NULL,
    reviewer        TEXT    NOT NULL,
    model           TEXT    NULL,
    prompt_version  TEXT    NULL,
    score           INTEGER NULL CHECK (score BETWEEN 0 AND 100),
    verdict         TEXT    NOT NULL CHECK (verdict IN ('ship', 'skip', 'no-take')),
    as_of           TEXT    NULL,
    summary         TEXT    NULL,
    body            TEXT    NULL,
    cited_facts     TEXT    NULL,
    criteria        TEXT    NULL,
    status          TEXT    NOT NULL CHECK (status IN ('published', 'disputed', 'rejected')),
    is_current      INTEGER NOT NULL DEFAULT 0,
    evidence_score  INTEGER NULL,
    prompt_tokens   INTEGER NULL,
    completion_tokens INTEGER NULL,
    latency_ms      INTEGER NULL,
    created_at      TEXT    NOT NULL,
    UNIQUE (job_id, generation, reviewer)
);

-- At most one review per tool and critic is shown at a time.
CREATE UNIQUE INDEX ux_reviews_current ON reviews (tool_id, critic_slug) WHERE is_current = 1;
CREATE INDEX ix_reviews_history ON reviews (tool_id, critic_slug, created_at);
CREATE INDEX ix_reviews_critic ON reviews (critic_slug, is_current);
CREATE INDEX ix_reviews_disputed ON reviews (status) WHERE status = 'disputed';

CREATE TABLE tool_revisions (
    id           INTEGER PRIMARY KEY,
    tool_id      INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    fingerprint  TEXT    NOT NULL,
    document     TEXT    NOT NULL,
    replaced_at  TEXT    NOT NULL
);

CREATE INDEX ix_tool_revisions_tool ON tool_revisions (tool_id, replaced_at);

CREATE TABLE critic_versions (
    version      TEXT    NOT NULL PRIMARY KEY,
    critic_slug  TEXT    NOT NULL,
    file_name    TEXT    NOT NULL,
    file_text    TEXT    NOT NULL,
    first_seen   TEXT    NOT NULL
);

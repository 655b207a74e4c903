-- Readers' votes (ship or skip a tool), pair picks on compare pages, and "helpful?" on reviews.
-- One row per account and subject (the primary keys), so a hundred votes from one account are
-- one vote. counts_from is when a row starts to count: the account's creation time (read from
-- this database, never from the client) plus Community:NewAccountDelayHours; NULL when an
-- operator has voided the account's votes, so a NULL never counts. WITHOUT ROWID: the rows are
-- small and always found by their key, so one b-tree instead of two makes upserts cheaper.
CREATE TABLE votes (
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    tool_id      INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    choice       TEXT    NOT NULL CHECK (choice IN ('ship', 'skip')),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    counts_from  TEXT    NULL,
    -- Unique per account and tool, stored tool first: counting a tool's votes reads one slice of
    -- the table itself, and a vote writes one b-tree plus, when new, ix_votes_account (account
    -- first plus an index on the tool wrote two b-trees per vote: about a third fewer votes per second).
    PRIMARY KEY (tool_id, account_id)
) WITHOUT ROWID;

-- An account's own votes: the privacy export, an operator's void.
CREATE INDEX ix_votes_account ON votes (account_id);

-- left_tool_id < right_tool_id: one row per account and unordered pair.
CREATE TABLE pair_picks (
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    left_tool_id    INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    right_tool_id   INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    picked_tool_id  INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    counts_from     TEXT    NULL,
    PRIMARY KEY (account_id, left_tool_id, right_tool_id),
    CHECK (left_tool_id < right_tool_id),
    CHECK (picked_tool_id = left_tool_id OR picked_tool_id = right_tool_id)
) WITHOUT ROWID;

CREATE INDEX ix_pair_picks_pair ON pair_picks (left_tool_id, right_tool_id, picked_tool_id, counts_from);

-- A review is a tool and a critic (whichever version is current).
CREATE TABLE review_feedback (
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    tool_id      INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    critic_slug  TEXT    NOT NULL,
    helpful      INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    counts_from  TEXT    NULL,
    PRIMARY KEY (account_id, tool_id, critic_slug)
) WITHOUT ROWID;

CREATE INDEX ix_review_feedback_tool ON review_feedback (tool_id, critic_slug, helpful, counts_from);

-- Accounts whose rows start to count in the future (new accounts). A poll deletes the rows
-- whose time has come and bumps community_changes, so cached pages pick up votes that began to
-- count without any write. Small: one row per account younger than the delay.
CREATE TABLE community_maturing (
    account_id   INTEGER NOT NULL PRIMARY KEY REFERENCES accounts (id),
    counts_from  TEXT    NOT NULL
);

CREATE INDEX ix_community_maturing_counts_from ON community_maturing (counts_from);

-- One row, bumped in the same transaction as every change to what counts; the site's change
-- stamp reads it (one primary-key lookup), so a page is never cached across a vote.
CREATE TABLE community_changes (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL
);

INSERT INTO community_changes (id, seq) VALUES (1, 0);

-- Who voided which account's votes, and when (operators, POST /operator/accounts/{id}/void-votes).
CREATE TABLE vote_voids (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    voided_by    INTEGER NOT NULL REFERENCES accounts (id),
    voided_at    TEXT    NOT NULL,
    votes        INTEGER NOT NULL,
    picks        INTEGER NOT NULL,
    feedback     INTEGER NOT NULL
);

CREATE INDEX ix_vote_voids_account ON vote_voids (account_id);

-- The weekly digest: subscribers (double opt-in), one digest per ISO week, and one delivery
-- row per digest and subscriber. The deliveries are written with their digest in one
-- transaction, before any mail goes out, and each is marked sent as soon as the SMTP server
-- accepts it, so a send that is killed and run again mails only what is left
-- (docs/decisions/0009-mail-and-digest.md).
CREATE TABLE subscribers (
    id                 INTEGER PRIMARY KEY,
    -- Lower-cased, so one address is one subscriber however it was typed.
    email              TEXT    NOT NULL UNIQUE,
    status             TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
    created_at         TEXT    NOT NULL,
    confirmed_at       TEXT    NULL,
    unsubscribed_at    TEXT    NULL,
    -- When the last confirmation mail was queued: a form posted again and again does not mail the address again and again.
    confirm_sent_at    TEXT    NULL
);

CREATE INDEX ix_subscribers_status ON subscribers (status, id);

-- content: the week's new and changed verdicts as JSON, taken once when the digest is created,
-- so a resumed send mails the same digest. period_end is where the next digest starts.
CREATE TABLE digests (
    id            INTEGER PRIMARY KEY,
    week          TEXT    NOT NULL UNIQUE,
    period_start  TEXT    NOT NULL,
    period_end    TEXT    NOT NULL,
    items         INTEGER NOT NULL,
    content       TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    completed_at  TEXT    NULL
);

-- status: pending (not sent yet), sending (claimed by claimed_by until claimed_until), sent,
-- failed (a transient failure: tried again by a later run), rejected (the server refused it
-- for good), skipped (the reader unsubscribed before it went out).
-- message_id is fixed per digest and subscriber, so the rare resend is recognisable as one.
CREATE TABLE digest_deliveries (
    digest_id      INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
    subscriber_id  INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    status         TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'rejected', 'skipped')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    message_id     TEXT    NOT NULL,
    claimed_by     TEXT    NULL,
    claimed_until  TEXT    NULL,
    retry_after    TEXT    NULL,
    last_error     TEXT    NULL,
    updated_at     TEXT    NOT NULL,
    sent_at        TEXT    NULL,
    PRIMARY KEY (digest_id, subscriber_id)
);

CREATE INDEX ix_digest_deliveries_status ON digest_deliveries (digest_id, status, subscriber_id);
CREATE INDEX ix_digest_deliveries_subscriber ON digest_deliveries (subscriber_id);

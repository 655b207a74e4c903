-- SQLite's job-status indexes became partial like these (0003) in this version; both databases
-- also index failed jobs, which the queue-depth gauge counts.
DROP INDEX IF EXISTS ix_review_jobs_failed;
CREATE INDEX ix_review_jobs_failed ON review_jobs (id) WHERE status = 'failed';

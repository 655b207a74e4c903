-- Job-status indexes cover only the jobs a query looks for, as on PostgreSQL: pending jobs by id,
-- running jobs, failed jobs for the queue-depth gauge. The composite (status, id) and
-- (status, claimed_until) indexes also held every finished job, and a claim and its completion
-- rewrote four index entries per job instead of three. Queries must say status = '...' literally.
-- Running jobs are indexed by id, not by lease as on PostgreSQL: the expired-lease claim orders
-- by id, and SQLite scanned the whole table in id order rather than sort a lease index's rows.
DROP INDEX IF EXISTS ix_review_jobs_claimable;
DROP INDEX IF EXISTS ix_review_jobs_leases;
DROP INDEX IF EXISTS ix_review_jobs_failed;
CREATE INDEX ix_review_jobs_claimable ON review_jobs (id) WHERE status = 'pending';
CREATE INDEX ix_review_jobs_leases ON review_jobs (id) WHERE status = 'running';
CREATE INDEX ix_review_jobs_failed ON review_jobs (id) WHERE status = 'failed';

-- usage_daily: readers sum over `shard`. Each group commit adds to one of 16 shards picked at random, so concurrent
-- commits for a busy source do not queue on one row's lock.
ALTER TABLE eventlog.usage_daily ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE eventlog.usage_daily DROP CONSTRAINT usage_daily_pkey;
ALTER TABLE eventlog.usage_daily ADD PRIMARY KEY (workspace_id, source_id, day, shard);

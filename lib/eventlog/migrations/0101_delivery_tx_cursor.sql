-- Delivery cursors follow the stream-cursor rule of 0001_event_log.sql: a position is (last_tx_id, last_seq) and a
-- worker reads a source's events with
--   WHERE source_id = $1 AND (tx_id, seq) > ($tx, $seq) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
--   ORDER BY tx_id, seq
-- This replaces the seq-only cursor whose safe read point came from LOCK TABLE eventlog.events IN SHARE MODE on every
-- poll, which made the collector's inserts queue behind the worker. `last_seq` is now the seq within `last_tx_id`:
-- (tx, 0) stands before every event of transaction tx, since seqs start at 1.
ALTER TABLE eventlog.delivery_cursors ADD COLUMN last_tx_id xid8;

-- Existing cursors stood after every seq <= last_seq (all committed, the old lock made sure of it). The new position
-- is the earliest transaction that may still hold an undelivered event: the oldest transaction with a visible event
-- after the old cursor, or one still running (none is older than the snapshot's xmin). Events of those transactions
-- that were already delivered are sent again once: delivery is at least once. Runs before events_source_seq_idx goes.
UPDATE eventlog.delivery_cursors c
   SET last_tx_id = LEAST(
         (SELECT min(e.tx_id) FROM eventlog.events e WHERE e.source_id = c.source_id AND e.seq > c.last_seq),
         pg_snapshot_xmin(pg_current_snapshot())),
       last_seq = 0;

ALTER TABLE eventlog.delivery_cursors ALTER COLUMN last_tx_id SET NOT NULL;

-- What each delivery cursor reads: a source's events in (tx_id, seq) order.
CREATE INDEX events_source_tx_seq_idx ON eventlog.events (source_id, tx_id, seq);
-- Only the seq-only cursor read this.
DROP INDEX eventlog.events_source_seq_idx;

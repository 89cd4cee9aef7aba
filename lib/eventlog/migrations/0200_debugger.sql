-- The live debugger (issue 4) streams accepted events and rejections as one sequence, so one Last-Event-ID covers
-- both. Rejections take their `seq` from the events' sequence and carry `tx_id`, and both tables are read on the
-- same (tx_id, seq) cursor (see 0001_event_log.sql on why the cursor includes tx_id).
ALTER TABLE eventlog.rejections
  ADD COLUMN seq   bigint NOT NULL DEFAULT nextval('eventlog.events_seq'),
  ADD COLUMN tx_id xid8   NOT NULL DEFAULT pg_current_xact_id();

-- Debugger streams: rejections after a cursor.
CREATE INDEX rejections_cursor_idx ON eventlog.rejections (tx_id, seq);

-- No trigger NOTIFYs on rejections: a NOTIFY inside the write transaction takes a global lock at commit and would
-- serialize concurrent group commits (see write-event-batch.sql.ts). The writer NOTIFYs `eventlog` outside it, and
-- the debugger also polls while someone watches.

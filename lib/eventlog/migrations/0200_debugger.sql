-- The live debugger (issue 4) streams accepted events and rejections as one sequence, so one Last-Event-ID covers
-- both. Rejections take their `seq` from the events' sequence and carry `tx_id`, and both tables are read on the
-- same (tx_id, seq) cursor (see 0001_event_log.sql on why the cursor includes tx_id).
ALTER TABLE eventlog.rejections
  ADD COLUMN seq   bigint NOT NULL DEFAULT nextval('eventlog.events_seq'),
  ADD COLUMN tx_id xid8   NOT NULL DEFAULT pg_current_xact_id();

-- Debugger streams: rejections after a cursor.
CREATE INDEX rejections_cursor_idx ON eventlog.rejections (tx_id, seq);

-- The write statement NOTIFYs `eventlog` when it appended events (delivery workers listen there). Rejections wake
-- the debugger on a channel of its own, so workers are not woken for rows they never read. Delivered on commit;
-- several notifications of one transaction with the same payload fold into one.
CREATE FUNCTION eventlog.notify_rejections() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows) THEN
    PERFORM pg_notify('eventlog_debugger', '');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rejections_notify AFTER INSERT ON eventlog.rejections
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION eventlog.notify_rejections();

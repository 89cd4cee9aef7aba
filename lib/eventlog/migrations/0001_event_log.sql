-- The event log: append-only, partitioned by day on received_at (server time), so retention drops whole
-- partitions instead of deleting rows. `seq` comes from one sequence across partitions.
--
-- Reading it as a stream (delivery workers, the live debugger): several writers commit concurrently (collector
-- processes, and more than one group commit in flight in each), so a smaller seq can become visible after a larger
-- one, and `WHERE seq > $cursor` alone would skip it. Keep the cursor as (tx_id, seq) and read only transactions
-- that have finished:
--   WHERE (tx_id, seq) > ($cursor_tx, $cursor_seq) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
--   ORDER BY tx_id, seq
-- Every transaction below the snapshot's xmin has ended, and any later one gets a larger tx_id, so nothing is skipped.
CREATE SEQUENCE eventlog.events_seq AS bigint;

CREATE TABLE eventlog.events (
  seq          bigint      NOT NULL DEFAULT nextval('eventlog.events_seq'),
  tx_id        xid8        NOT NULL DEFAULT pg_current_xact_id(),
  workspace_id text        NOT NULL,
  source_id    text        NOT NULL,
  message_id   text        NOT NULL,
  type         text        NOT NULL,
  event        text,
  user_id      text,
  anonymous_id text,
  received_at  timestamptz NOT NULL,
  payload      jsonb       NOT NULL
) PARTITION BY RANGE (received_at);

ALTER SEQUENCE eventlog.events_seq OWNED BY eventlog.events.seq;

-- Stream readers' cursor (see above).
CREATE INDEX events_cursor_idx ON eventlog.events (tx_id, seq);
-- A source's events over time: export, per-hour volume, debugger (source ids are globally unique; queries still
-- filter by workspace_id for tenancy).
CREATE INDEX events_source_time_idx ON eventlog.events (source_id, received_at);
-- Time ranges within a partition; rows arrive in received_at order, so a BRIN index costs next to nothing.
CREATE INDEX events_received_at_brin ON eventlog.events USING brin (received_at);

-- Creates the daily partitions from yesterday to `days_ahead` days from now; safe to call concurrently.
CREATE FUNCTION eventlog.ensure_partitions(days_ahead int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  d date;
  created int := 0;
  name text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('eventlog.partitions'));
  FOR d IN SELECT generate_series((now() AT TIME ZONE 'UTC')::date - 1, (now() AT TIME ZONE 'UTC')::date + days_ahead, interval '1 day')::date LOOP
    name := 'events_p' || to_char(d, 'YYYYMMDD');
    IF to_regclass('eventlog.' || name) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE eventlog.%I PARTITION OF eventlog.events FOR VALUES FROM (%L) TO (%L)',
        name, (d::timestamp AT TIME ZONE 'UTC'), ((d + 1)::timestamp AT TIME ZONE 'UTC'));
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END $$;

-- Drops daily partitions whose whole day is older than `retention_days`.
CREATE FUNCTION eventlog.drop_expired_partitions(retention_days int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  part record;
  dropped int := 0;
  cutoff date := (now() AT TIME ZONE 'UTC')::date - retention_days;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('eventlog.partitions'));
  FOR part IN
    SELECT c.relname FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    JOIN pg_class p ON p.oid = i.inhparent
    JOIN pg_namespace n ON n.oid = p.relnamespace
    WHERE n.nspname = 'eventlog' AND p.relname = 'events' AND c.relname ~ '^events_p[0-9]{8}$'
  LOOP
    IF to_date(substring(part.relname from 9), 'YYYYMMDD') < cutoff THEN
      EXECUTE format('DROP TABLE eventlog.%I', part.relname);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  RETURN dropped;
END $$;

SELECT eventlog.ensure_partitions(7);

-- messageId dedupe: a row per (workspace, messageId) seen in the last 24 h or more, keyed by
-- md5(workspace_id || ':' || message_id) as a uuid (16 bytes: a smaller, faster index than the two strings).
CREATE TABLE eventlog.message_ids (
  key        uuid        PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Pruning; rows arrive in created_at order.
CREATE INDEX message_ids_created_at_brin ON eventlog.message_ids USING brin (created_at);

-- Items the collector refused, for the debugger. The payload is truncated.
CREATE TABLE eventlog.rejections (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text        NOT NULL,
  source_id    text        NOT NULL,
  received_at  timestamptz NOT NULL,
  reason       text        NOT NULL,
  item_index   int         NOT NULL,
  message_id   text,
  payload      text
);
-- Debugger: a source's latest rejections.
CREATE INDEX rejections_source_time_idx ON eventlog.rejections (workspace_id, source_id, received_at DESC);

-- Events accepted per source per UTC day (charts, sources list).
CREATE TABLE eventlog.usage_daily (
  workspace_id text   NOT NULL,
  source_id    text   NOT NULL,
  day          date   NOT NULL,
  events       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, source_id, day)
);

-- MTU: one row per identity seen in a workspace in a calendar month; kind 'u' = userId, 'a' = anonymousId.
CREATE TABLE eventlog.mtu_identities (
  workspace_id text NOT NULL,
  month        date NOT NULL,
  kind         char(1) NOT NULL CHECK (kind IN ('u', 'a')),
  identity     text NOT NULL,
  PRIMARY KEY (workspace_id, month, kind, identity)
);

-- anonymousIds ever tied to a userId (an event carrying both, or an alias from it). They no longer count as MTUs.
CREATE TABLE eventlog.anonymous_links (
  workspace_id text        NOT NULL,
  anonymous_id text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, anonymous_id)
);

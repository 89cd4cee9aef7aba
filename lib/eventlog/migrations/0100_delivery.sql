-- Delivery state (issue 5). Workers read eventlog.events per connection (source -> destination) on a cursor of
-- their own, so a slow or failing destination never holds back another.

-- A source's events in seq order: what each delivery cursor reads.
CREATE INDEX events_source_seq_idx ON eventlog.events (source_id, seq);

-- One row per connection. `last_seq` moves only after the destination confirmed (or the batch was discarded or
-- dead-lettered). A worker owns a row while `lease_until` is in the future; commits check `lease_owner`.
CREATE TABLE eventlog.delivery_cursors (
  connection_id   text        PRIMARY KEY,
  workspace_id    text        NOT NULL,
  source_id       text        NOT NULL,
  destination_id  text        NOT NULL,
  last_seq        bigint      NOT NULL,
  lease_owner     text,
  lease_until     timestamptz,
  -- Retry state of the batch at the head of the cursor (retryable failures).
  attempts        int         NOT NULL DEFAULT 0,
  failing_since   timestamptz,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A connection that keeps failing runs on the demoted lane, with its own small share of the worker.
  demoted         boolean     NOT NULL DEFAULT false,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- Claiming: connections due for work whose lease is free.
CREATE INDEX delivery_cursors_due_idx ON eventlog.delivery_cursors (demoted, next_attempt_at);
-- Delivery pages: a destination's connections.
CREATE INDEX delivery_cursors_destination_idx ON eventlog.delivery_cursors (workspace_id, destination_id);

-- Events sent again on request (dead letters retried by a user), each on its own backoff.
CREATE TABLE eventlog.delivery_retries (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id    text        NOT NULL,
  destination_id  text        NOT NULL,
  connection_id   text        NOT NULL,
  seq             bigint      NOT NULL,
  message_id      text        NOT NULL,
  event           jsonb       NOT NULL,
  attempts        int         NOT NULL DEFAULT 0,
  first_failed_at timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_owner     text,
  lease_until     timestamptz,
  last_status     int,
  last_error      text,
  UNIQUE (connection_id, seq)
);
-- The retry lane: due rows.
CREATE INDEX delivery_retries_due_idx ON eventlog.delivery_retries (next_attempt_at);
CREATE INDEX delivery_retries_destination_idx ON eventlog.delivery_retries (workspace_id, destination_id);

-- Events that failed retryably for the whole retry window. Listed per destination, retried or discarded.
CREATE TABLE eventlog.dead_letters (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id    text        NOT NULL,
  destination_id  text        NOT NULL,
  connection_id   text        NOT NULL,
  seq             bigint      NOT NULL,
  message_id      text        NOT NULL,
  event           jsonb       NOT NULL,
  attempts        int         NOT NULL,
  first_failed_at timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_status     int,
  last_error      text,
  UNIQUE (connection_id, seq)
);
-- Dead letters page: a destination's, newest first.
CREATE INDEX dead_letters_destination_idx ON eventlog.dead_letters (workspace_id, destination_id, created_at DESC);

-- Counters per destination per minute. latency_buckets: counts of ingest-to-delivery latency under each bound
-- of LATENCY_BOUNDS_MS (pipeline/delivery/delivery-stats.ts), the last bucket unbounded.
CREATE TABLE eventlog.delivery_stats (
  workspace_id    text        NOT NULL,
  destination_id  text        NOT NULL,
  minute          timestamptz NOT NULL,
  delivered       bigint      NOT NULL DEFAULT 0,
  retried         bigint      NOT NULL DEFAULT 0,
  failed          bigint      NOT NULL DEFAULT 0,
  dead_lettered   bigint      NOT NULL DEFAULT 0,
  filtered        bigint      NOT NULL DEFAULT 0,
  filter_errors   bigint      NOT NULL DEFAULT 0,
  latency_buckets bigint[]    NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, destination_id, minute)
);

-- Recent errors with the event, the request sent and the response received (secrets redacted), kept per
-- destination for the delivery page. Pruned to the newest rows by the worker.
CREATE TABLE eventlog.delivery_samples (
  id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   text        NOT NULL,
  destination_id text        NOT NULL,
  connection_id  text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  outcome        text        NOT NULL,
  message_id     text,
  status         int,
  error          text,
  event          jsonb,
  request        jsonb,
  response       text
);
-- Delivery page: a destination's latest samples.
CREATE INDEX delivery_samples_destination_idx ON eventlog.delivery_samples (workspace_id, destination_id, created_at DESC);

// One statement, so one round trip and atomic without BEGIN/COMMIT: dedupe on messageId, append the new events,
// count usage from what was actually appended, record MTU identities and anonymous→user links, keep rejections for
// the debugger, and report the new high-water mark. Payloads travel as one JSON
// array ($10), which they already are, instead of an escaped text[]; ROWS FROM zips it with the column arrays by
// position (no join). Returns the dedupe keys that were repeats.
//
// Two forms. Repeats of a messageId are rare (a client retrying a request that did land), so the writer first runs
// the "fail" form: a plain insert into message_ids, which fails whole with a unique violation on a repeat. Then it
// runs the "skip" form (ON CONFLICT DO NOTHING). A speculative ON CONFLICT insert costs about a third more than a
// plain one (an extra index probe and WAL record per row), and message_ids was the costliest part of the statement.
// In the "fail" form every key is fresh, so the events need no join with `fresh` and there are no repeats to record.
function writeEventBatchSql(onRepeat: "fail" | "skip") {
  const skip = onRepeat === "skip";
  return `
WITH input AS (
  SELECT *
  FROM ROWS FROM (
    unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $25::int[]),
    jsonb_array_elements($10::jsonb)
  ) WITH ORDINALITY AS t(key, workspace_id, source_id, message_id, type, event, user_id, anonymous_id, received_at, item_index, payload, ord)
),
fresh AS (
  INSERT INTO eventlog.message_ids (key)
  -- One lock order for every writer, so concurrent group commits never deadlock on shared messageIds.
  SELECT key FROM input ORDER BY key
  ${skip ? "ON CONFLICT DO NOTHING" : ""}
  RETURNING key
),
ins AS (
  INSERT INTO eventlog.events (workspace_id, source_id, message_id, type, event, user_id, anonymous_id, received_at, payload)
  SELECT i.workspace_id, i.source_id, i.message_id, i.type, i.event, i.user_id, i.anonymous_id, i.received_at, i.payload
  FROM input i ${skip ? "JOIN fresh f USING (key)" : ""}
  ORDER BY i.ord
  RETURNING seq, workspace_id, source_id, received_at
),
usage AS (
  INSERT INTO eventlog.usage_daily AS u (workspace_id, source_id, day, shard, events)
  SELECT workspace_id, source_id, (received_at AT TIME ZONE 'UTC')::date, $24::smallint, count(*) FROM ins GROUP BY 1, 2, 3
  ON CONFLICT (workspace_id, source_id, day, shard) DO UPDATE SET events = u.events + excluded.events
),
identities AS (
  INSERT INTO eventlog.mtu_identities (workspace_id, month, kind, identity)
  SELECT * FROM unnest($11::text[], $12::date[], $13::text[], $14::text[])
  ON CONFLICT DO NOTHING
),
links AS (
  INSERT INTO eventlog.anonymous_links (workspace_id, anonymous_id)
  SELECT * FROM unnest($15::text[], $16::text[])
  ON CONFLICT DO NOTHING
),
rejects AS (
  INSERT INTO eventlog.rejections (workspace_id, source_id, received_at, reason, item_index, message_id, payload)
  SELECT * FROM unnest($17::text[], $18::text[], $19::timestamptz[], $20::text[], $21::int[], $22::text[], $23::text[])
)${skip ? `,
-- Repeats of a messageId received before show in the live debugger as refused ("duplicate"); $25: item indexes.
repeats AS (
  INSERT INTO eventlog.rejections (workspace_id, source_id, received_at, reason, item_index, message_id, payload)
  SELECT i.workspace_id, i.source_id, i.received_at, 'duplicate', i.item_index, i.message_id, left(i.payload::text, 2000)
  FROM input i WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.key = i.key)
)` : ""}
SELECT (SELECT max(seq) FROM ins)::text AS max_seq,
  ${skip ? "ARRAY(SELECT key::text FROM input WHERE key NOT IN (SELECT key FROM fresh))" : "'{}'::text[]"} AS duplicates
`;
}

export const WRITE_NEW_EVENT_BATCH_SQL = writeEventBatchSql("fail");
export const WRITE_EVENT_BATCH_SQL = writeEventBatchSql("skip");

// Listeners (delivery workers, the live debugger) learn that the log moved on; they then read it by cursor. Sent
// outside the write statement, at most once per notify interval (20 ms by default): a NOTIFY inside a transaction
// takes a global lock at commit, which would serialize the concurrent group commits.
export const NOTIFY_SQL = `SELECT pg_notify('eventlog', $1)`;

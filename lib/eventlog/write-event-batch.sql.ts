// One statement, so one round trip and atomic without BEGIN/COMMIT: append the group commit's segments (one per
// source and UTC day, 0300_event_segments.sql), count usage from them, record MTU identities and anonymous→user
// links, keep rejections for the debugger, and report the new high-water mark.
//
// The segments' payloads travel as one binary parameter ($7: their UTF-8 bytes end to end, $6: each one's length),
// which the driver sends as is: a text[] would be escaped element by element, quotes and backslashes of every event.
//
// Two forms. In the "new" form the statement also inserts the events' dedupe keys (a uuid[]) with a plain
// INSERT, which fails whole with a unique violation if any key was seen before: repeats of a messageId are rare (a
// client retrying a request that did land), and a plain insert costs about a third less than ON CONFLICT (no
// speculative insertion). The writer then claims the keys itself with ON CONFLICT DO NOTHING in a transaction, drops
// the repeats from the segments, and runs the "known keys" form in that same transaction.
//
// Parts with nothing to write (usually MTU identities, links and rejections, once a process has seen its users)
// are left out of the statement: each costs a table's setup per execution, which showed at small group commits.
export type WriteParts = { keys: boolean; identities: boolean; links: boolean; rejections: boolean };

const statements = new Map<string, { name: string; text: string }>();

// The dedupe keys ($n, a uuid[] sent in binary) into message_ids, in one lock order for every writer, so concurrent
// group commits never deadlock on shared messageIds within a statement.
const insertKeysSql = (param: string) => `INSERT INTO eventlog.message_ids (key) SELECT k FROM unnest(${param}::uuid[]) AS k ORDER BY k`;

// Built once per combination of parts; named, so each connection parses and plans each form once.
export function writeSegmentsSql(parts: WriteParts): { name: string; text: string } {
  const flags = (["keys", "identities", "links", "rejections"] as const).map((k) => (parts[k] ? k[0] : "-")).join("");
  let statement = statements.get(flags);
  if (!statement) statements.set(flags, (statement = buildWriteSegmentsSql(parts, `eventlog_write_segments_v3_${flags}`)));
  return statement;
}

function buildWriteSegmentsSql(parts: WriteParts, name: string): { name: string; text: string } {
  const ctes: string[] = [];
  // $1-$7: the segments (count, workspace, source, first and last receivedAt, payload byte lengths, payloads as
  // bytes), $8: the usage shard; then each optional part's arrays, in the order of WriteParts.
  let next = 9;
  const params = (n: number) => Array.from({ length: n }, () => `$${next++}`);
  if (parts.keys) {
    const [keys] = params(1);
    ctes.push(`keys AS (${insertKeysSql(keys)})`);
  }
  ctes.push(`seg AS (
  INSERT INTO eventlog.segments (seq, count, workspace_id, source_id, received_at, last_received_at, payloads)
  SELECT nextval('eventlog.events_seq'), t.count, t.ws, t.src, t.first, t.last, convert_from(substring($7::bytea FROM t.upto - t.bytes + 1 FOR t.bytes), 'UTF8')
  FROM (
    SELECT u.*, (sum(u.bytes) OVER (ORDER BY u.ord))::int AS upto
    FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::int[]) WITH ORDINALITY AS u(count, ws, src, first, last, bytes, ord)
  ) t
  ORDER BY t.ord
  RETURNING seq, count, workspace_id, source_id, received_at
)`);
  ctes.push(`usage AS (
  INSERT INTO eventlog.usage_daily AS u (workspace_id, source_id, day, shard, events)
  SELECT workspace_id, source_id, (received_at AT TIME ZONE 'UTC')::date, $8::smallint, sum(count) FROM seg GROUP BY 1, 2, 3
  ON CONFLICT (workspace_id, source_id, day, shard) DO UPDATE SET events = u.events + excluded.events
)`);
  if (parts.identities) {
    const [ws, month, kind, id] = params(4);
    ctes.push(`identities AS (
  INSERT INTO eventlog.mtu_identities (workspace_id, month, kind, identity)
  SELECT * FROM unnest(${ws}::text[], ${month}::date[], ${kind}::text[], ${id}::text[])
  ON CONFLICT DO NOTHING
)`);
  }
  if (parts.links) {
    const [ws, anon] = params(2);
    ctes.push(`links AS (
  INSERT INTO eventlog.anonymous_links (workspace_id, anonymous_id)
  SELECT * FROM unnest(${ws}::text[], ${anon}::text[])
  ON CONFLICT DO NOTHING
)`);
  }
  if (parts.rejections) {
    const [ws, src, at, reason, idx, msg, payload] = params(7);
    ctes.push(`rejects AS (
  INSERT INTO eventlog.rejections (workspace_id, source_id, received_at, reason, item_index, message_id, payload)
  SELECT * FROM unnest(${ws}::text[], ${src}::text[], ${at}::timestamptz[], ${reason}::text[], ${idx}::int[], ${msg}::text[], ${payload}::text[])
)`);
  }
  return {
    name,
    text: `WITH ${ctes.join(",\n")}\nSELECT (SELECT max(seq + count - 1) FROM seg)::text AS max_seq`,
  };
}

// Keys claimed while their requests wait for the group commit, in its transaction (EventLogWriter.claimWaitingKeys).
export const CLAIM_WAITING_KEYS_SQL = insertKeysSql("$1");

// The slow path's first step: which of the keys are new. Returns those.
export const CLAIM_KEYS_SQL = `${insertKeysSql("$1")}
ON CONFLICT DO NOTHING RETURNING replace(key::text, '-', '') AS key`;

// Listeners (delivery workers, the live debugger) learn that the log moved on; they then read it by cursor. Sent
// outside the write statement, at most once per notify interval (20 ms by default): a NOTIFY inside a transaction
// takes a global lock at commit, which would serialize the concurrent group commits.
export const NOTIFY_SQL = `SELECT pg_notify('eventlog', $1)`;

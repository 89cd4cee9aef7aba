// Reading the event log as a stream of events from its segments (0300_event_segments.sql).

export type StreamCursor = { tx: bigint; seq: bigint };

export type SegmentRow = {
  tx_id: string;
  seq: string;
  count: number;
  workspace_id: string;
  source_id: string;
  received_at: Date;
  payloads: string;
};

export type SegmentEvent = { tx: bigint; seq: bigint; payload: string; segment: SegmentRow };

const SEGMENT_SEQS = 8192;

// SQL condition: segment `s` holds an event after the cursor (tx, seq), given as SQL expressions. A segment at seq
// s holds s .. s + count - 1, with count <= 8192, so only segments after (tx, seq - 8191) can: the index range on
// (tx_id, seq) starts there. `tx_id >= tx` is implied but keeps the plan an ordered index scan (on a partition not yet
// analyzed, the row comparison alone was planned as a bitmap scan of everything after the cursor plus a sort).
export function holdsEventAfterSql(s: string, tx: string, seq: string): string {
  return `${s}.tx_id >= ${tx} AND (${s}.tx_id, ${s}.seq) > (${tx}, ${seq} - ${SEGMENT_SEQS - 1})
       AND (${s}.tx_id > ${tx} OR ${s}.seq + ${s}.count - 1 > ${seq})`;
}

// The segments holding events after the cursor (tx, seq), in stream order, as many as it takes for `limit` such
// events (the last one may hold more): split them with splitSegments. `filter` narrows the segments (source,
// workspace, horizon).
export function segmentsAfterSql(o: { tx: string; seq: string; limit: string; filter: string }): string {
  const { tx, seq, limit } = o;
  return `
SELECT tx_id::text AS tx_id, seq::text AS seq, count, workspace_id, source_id, received_at, payloads FROM (
  SELECT s.*, sum(s.after_cursor) OVER (ORDER BY s.tx_id, s.seq) - s.after_cursor AS before FROM (
    SELECT tx_id, seq, count, workspace_id, source_id, received_at, payloads,
           CASE WHEN tx_id = ${tx} THEN least(count, seq + count - 1 - ${seq}) ELSE count END AS after_cursor
      FROM eventlog.segments g
     WHERE ${o.filter} AND ${holdsEventAfterSql("g", tx, seq)}
     ORDER BY tx_id, seq LIMIT ${limit}) s
) w WHERE before < ${limit}
ORDER BY w.tx_id, w.seq`;
}

// The events of `rows` after the cursor, in stream order, at most `limit`. Payloads are NDJSON lines; JSON text
// has no raw newline, so splitting on "\n" is exact.
export function splitSegments(rows: SegmentRow[], after: StreamCursor, limit = Infinity): SegmentEvent[] {
  const out: SegmentEvent[] = [];
  for (const segment of rows) {
    const tx = BigInt(segment.tx_id);
    const first = BigInt(segment.seq);
    const lines = segment.payloads.split("\n");
    for (let i = 0; i < lines.length && out.length < limit; i++) {
      const seq = first + BigInt(i);
      if (tx === after.tx && seq <= after.seq) continue;
      out.push({ tx, seq, payload: lines[i], segment });
    }
    if (out.length >= limit) break;
  }
  return out;
}

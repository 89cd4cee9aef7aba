import type pg from "pg";
import type { DebuggerEvent } from "@/lib/debugger/debugger-event";
import { segmentsAfterSql, splitSegments, type SegmentRow } from "@/lib/eventlog/read-segments";
import { describeRejectReason } from "@/pipeline/reject-reasons";

// A position in the event log: accepted events and rejections share one (tx_id, seq) order (0200_debugger.sql).
export type Cursor = { tx: bigint; seq: bigint };

export function compareCursors(a: Cursor, b: Cursor): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

export const maxCursor = (a: Cursor, b: Cursor) => (compareCursors(a, b) >= 0 ? a : b);

export function formatCursor(c: Cursor): string {
  return `${c.tx}.${c.seq}`;
}

export function parseCursor(text: string | undefined): Cursor | null {
  const m = /^(\d{1,19})\.(\d{1,19})$/.exec(text ?? "");
  return m ? { tx: BigInt(m[1]), seq: BigInt(m[2]) } : null;
}

export type DebuggerRow = {
  cursor: Cursor;
  workspaceId: string;
  sourceId: string;
  // The SSE frame, built once and written to every subscriber it concerns.
  frame: string;
};

export type ReadDebuggerRowsOptions = {
  after: Cursor;
  workspaceIds: string[];
  // null: every source of those workspaces.
  sourceIds: string[] | null;
  limit: number;
};

// Items committed after `after`, in (tx_id, seq) order, from transactions that have all finished (below the
// snapshot's xmin), plus that xmin: when fewer than `limit` rows come back, everything before (xmin, 0) has been read.
// One statement, so accepted events (split from segments) and rejections come from the same snapshot.
const SQL = `
WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
seg AS (${segmentsAfterSql({
  tx: "$1::xid8",
  seq: "$2::bigint",
  limit: "$5",
  filter: "workspace_id = ANY($3::text[]) AND ($4::text[] IS NULL OR source_id = ANY($4::text[])) AND tx_id < (SELECT xmin FROM s)",
})}),
rej AS (
  SELECT j.tx_id, j.seq, j.workspace_id, j.source_id, j.received_at, j.reason, j.item_index, j.message_id, j.payload
    FROM eventlog.rejections j
   WHERE (j.tx_id, j.seq) > ($1::xid8, $2::bigint) AND j.tx_id < (SELECT xmin FROM s)
     AND j.workspace_id = ANY($3::text[]) AND ($4::text[] IS NULL OR j.source_id = ANY($4::text[]))
   ORDER BY j.tx_id, j.seq LIMIT $5
)
SELECT 'xmin' AS kind, xmin::text AS tx, NULL::text AS seq, NULL::int AS count, NULL::text AS workspace_id, NULL::text AS source_id,
       NULL::timestamptz AS received_at, NULL::text AS reason, NULL::int AS item_index, NULL::text AS message_id, NULL::text AS payload
  FROM s
UNION ALL
SELECT 'segment', tx_id, seq, count, workspace_id, source_id, received_at, NULL, NULL, NULL, payloads FROM seg
UNION ALL
SELECT 'rejection', tx_id::text, seq::text, NULL, workspace_id, source_id, received_at, reason, item_index, message_id, payload FROM rej`;

type Row = {
  kind: "xmin" | "segment" | "rejection";
  tx: string;
  seq: string;
  count: number;
  workspace_id: string;
  source_id: string;
  received_at: Date;
  reason: string | null;
  item_index: number | null;
  message_id: string | null;
  payload: string;
};

export async function readDebuggerRows(db: Pick<pg.Pool, "query">, o: ReadDebuggerRowsOptions): Promise<{ rows: DebuggerRow[]; xmin: bigint }> {
  const res = await db.query<Row>({
    name: "debugger_read_rows_v2",
    text: SQL,
    values: [o.after.tx.toString(), o.after.seq.toString(), o.workspaceIds, o.sourceIds, o.limit],
  });
  let xmin = 0n;
  const segments: SegmentRow[] = [];
  const rows: DebuggerRow[] = [];
  for (const r of res.rows) {
    if (r.kind === "xmin") xmin = BigInt(r.tx);
    else if (r.kind === "segment") segments.push({ tx_id: r.tx, seq: r.seq, count: r.count, workspace_id: r.workspace_id, source_id: r.source_id, received_at: r.received_at, payloads: r.payload });
    else {
      const cursor = { tx: BigInt(r.tx), seq: BigInt(r.seq) };
      rows.push({ cursor, workspaceId: r.workspace_id, sourceId: r.source_id, frame: rejectionFrame(cursor, r) });
    }
  }
  for (const e of splitSegments(segments, o.after, o.limit)) {
    const cursor = { tx: e.tx, seq: e.seq };
    rows.push({ cursor, workspaceId: e.segment.workspace_id, sourceId: e.segment.source_id, frame: acceptedFrame(cursor, e.segment, e.payload) });
  }
  // Each kind came in order and at most `limit` of each; the first `limit` of both merged are complete.
  rows.sort((a, b) => compareCursors(a.cursor, b.cursor));
  return { rows: rows.slice(0, o.limit), xmin };
}

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

function head(cursor: Cursor, workspaceId: string, sourceId: string, receivedAt: string) {
  return { id: formatCursor(cursor), workspaceId, sourceId, receivedAt };
}

// JSON text has no raw newlines, so one data: line carries it.
const frame = (cursor: Cursor, data: string) => `id: ${formatCursor(cursor)}\ndata: ${data}\n\n`;

function acceptedFrame(cursor: Cursor, segment: SegmentRow, payload: string): string {
  const event = JSON.parse(payload) as Record<string, unknown>;
  const fields: Omit<DebuggerEvent, "payload"> = {
    ...head(cursor, segment.workspace_id, segment.source_id, str(event.receivedAt) ?? segment.received_at.toISOString()),
    outcome: "accepted",
    reason: null,
    reasonText: null,
    type: str(event.type),
    event: str(event.event),
    userId: str(event.userId),
    anonymousId: str(event.anonymousId),
    messageId: str(event.messageId),
    itemIndex: null,
  };
  // The normalized payload is already JSON text: spliced in, not serialized again.
  return frame(cursor, `${JSON.stringify(fields).slice(0, -1)},"payload":${payload}}`);
}

// A refused item is stored as sent, cut at 2,000 characters: shown as JSON when it still parses, as text if not.
function rejectionFrame(cursor: Cursor, r: Row): string {
  let payload: unknown = r.payload;
  if (r.payload !== null) {
    try {
      payload = JSON.parse(r.payload);
    } catch {
      payload = r.payload;
    }
  }
  const item = typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  const reason = r.reason ?? "invalid";
  const event: DebuggerEvent = {
    ...head(cursor, r.workspace_id, r.source_id, r.received_at.toISOString()),
    outcome: "rejected",
    reason,
    reasonText: describeRejectReason(reason),
    type: str(item.type),
    event: str(item.event),
    userId: str(item.userId),
    anonymousId: str(item.anonymousId),
    messageId: r.message_id,
    itemIndex: r.item_index,
    payload,
  };
  return frame(cursor, JSON.stringify(event));
}

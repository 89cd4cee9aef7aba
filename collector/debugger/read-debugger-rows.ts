import type pg from "pg";
import type { DebuggerEvent } from "@/lib/debugger/debugger-event";
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

// Rows committed after `after`, in (tx_id, seq) order, from transactions that have all finished (below the
// snapshot's xmin), plus that xmin: when fewer than `limit` rows come back, everything before (xmin, 0) has been read.
const SQL = `
WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
r AS (
  (SELECT e.tx_id, e.seq, e.workspace_id, e.source_id, e.received_at, NULL::text AS reason, NULL::int AS item_index,
          e.message_id, e.type, e.event, e.user_id, e.anonymous_id, e.payload::text AS payload
     FROM eventlog.events e
    WHERE (e.tx_id, e.seq) > ($1::xid8, $2::bigint) AND e.tx_id < (SELECT xmin FROM s)
      AND e.workspace_id = ANY($3::text[]) AND ($4::text[] IS NULL OR e.source_id = ANY($4::text[]))
    ORDER BY e.tx_id, e.seq LIMIT $5)
  UNION ALL
  (SELECT j.tx_id, j.seq, j.workspace_id, j.source_id, j.received_at, j.reason, j.item_index,
          j.message_id, NULL, NULL, NULL, NULL, j.payload
     FROM eventlog.rejections j
    WHERE (j.tx_id, j.seq) > ($1::xid8, $2::bigint) AND j.tx_id < (SELECT xmin FROM s)
      AND j.workspace_id = ANY($3::text[]) AND ($4::text[] IS NULL OR j.source_id = ANY($4::text[]))
    ORDER BY j.tx_id, j.seq LIMIT $5)
  ORDER BY 1, 2 LIMIT $5
)
SELECT s.xmin::text AS xmin, r.tx_id::text AS tx, r.seq::text AS seq, r.workspace_id, r.source_id, r.received_at,
       r.reason, r.item_index, r.message_id, r.type, r.event, r.user_id, r.anonymous_id, r.payload
  FROM s LEFT JOIN r ON true
 ORDER BY r.tx_id, r.seq`;

type Row = {
  xmin: string;
  tx: string | null;
  seq: string | null;
  workspace_id: string;
  source_id: string;
  received_at: Date;
  reason: string | null;
  item_index: number | null;
  message_id: string | null;
  type: string | null;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  payload: string | null;
};

export async function readDebuggerRows(db: Pick<pg.Pool, "query">, o: ReadDebuggerRowsOptions): Promise<{ rows: DebuggerRow[]; xmin: bigint }> {
  const res = await db.query<Row>({
    name: "debugger_read_rows_v1",
    text: SQL,
    values: [o.after.tx.toString(), o.after.seq.toString(), o.workspaceIds, o.sourceIds, o.limit],
  });
  const xmin = BigInt(res.rows[0]?.xmin ?? "0");
  const rows: DebuggerRow[] = [];
  for (const r of res.rows) {
    if (r.tx === null || r.seq === null) continue;
    const cursor = { tx: BigInt(r.tx), seq: BigInt(r.seq) };
    rows.push({ cursor, workspaceId: r.workspace_id, sourceId: r.source_id, frame: toFrame(cursor, r) });
  }
  return { rows, xmin };
}

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

function toFrame(cursor: Cursor, r: Row): string {
  const id = formatCursor(cursor);
  const head = {
    id,
    outcome: r.reason === null ? "accepted" : "rejected",
    reason: r.reason,
    reasonText: r.reason === null ? null : describeRejectReason(r.reason),
    workspaceId: r.workspace_id,
    sourceId: r.source_id,
    receivedAt: r.received_at.toISOString(),
  };
  let data: string;
  if (r.reason === null) {
    // The normalized payload is already JSON text: spliced in, not parsed and serialized again.
    const fields: Omit<DebuggerEvent, "payload"> = {
      ...head,
      outcome: "accepted",
      type: r.type,
      event: r.event,
      userId: r.user_id,
      anonymousId: r.anonymous_id,
      messageId: r.message_id,
      itemIndex: null,
    };
    data = `${JSON.stringify(fields).slice(0, -1)},"payload":${r.payload ?? "null"}}`;
  } else {
    // A refused item is stored as sent, cut at 2,000 characters: shown as JSON when it still parses, as text if not.
    let payload: unknown = r.payload;
    if (r.payload !== null) {
      try {
        payload = JSON.parse(r.payload);
      } catch {
        payload = r.payload;
      }
    }
    const item = typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
    const event: DebuggerEvent = {
      ...head,
      outcome: "rejected",
      type: str(item.type),
      event: str(item.event),
      userId: str(item.userId),
      anonymousId: str(item.anonymousId),
      messageId: r.message_id,
      itemIndex: r.item_index,
      payload,
    };
    data = JSON.stringify(event);
  }
  // JSON text has no raw newlines, so one data: line carries it.
  return `id: ${id}\ndata: ${data}\n\n`;
}

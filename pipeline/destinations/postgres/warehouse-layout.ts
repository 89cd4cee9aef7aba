// Segment's warehouse layout: which table an event lands in and which columns it fills. Pure functions.

export const MAX_IDENTIFIER = 63;
export const MAX_TEXT = 512;
export const BASE_TABLES = ["tracks", "identifies", "users", "groups", "pages", "screens", "aliases"] as const;

export type ColumnType = "text" | "double precision" | "boolean" | "timestamptz";
export type Row = Map<string, { value: unknown; type: ColumnType }>;
export type TableRows = { table: string; rows: Row[]; upsert: boolean };

// snake_case of any string, reduced to [a-z0-9_], never empty, never starting with a digit, capped at 63 bytes:
// safe to quote as a Postgres identifier whatever the event sent.
export function snakeIdentifier(raw: string, fallback = "_"): string {
  let s = String(raw)
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!s) s = fallback;
  if (/^[0-9]/.test(s)) s = `_${s}`;
  return s.slice(0, MAX_IDENTIFIER).replace(/_+$/, "") || fallback;
}

export function quoteIdent(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(identifier)) throw new Error(`Unsafe identifier ${JSON.stringify(identifier)}`);
  return `"${identifier}"`;
}

// The table of a track event: its snake_cased name, kept apart from the fixed tables.
export function eventTableName(event: string): string {
  const name = snakeIdentifier(event, "unnamed_event");
  return (BASE_TABLES as readonly string[]).includes(name) ? snakeIdentifier(`track_${name}`) : name;
}

function typeOf(value: unknown): ColumnType {
  if (typeof value === "number") return "double precision";
  if (typeof value === "boolean") return "boolean";
  return "text";
}

function scalar(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.slice(0, MAX_TEXT);
  return JSON.stringify(value).slice(0, MAX_TEXT);
}

// Nested objects become prefix_key columns; arrays become JSON text. Reserved columns are never overwritten.
function flattenInto(row: Row, value: unknown, prefix: string, reserved: Set<string>, depth = 0) {
  if (value === null || value === undefined) return;
  if (typeof value === "object" && !Array.isArray(value) && depth < 8) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flattenInto(row, v, prefix ? `${prefix}_${snakeIdentifier(k)}` : snakeIdentifier(k), reserved, depth + 1);
    }
    return;
  }
  const column = snakeIdentifier(prefix);
  if (reserved.has(column) || row.has(column)) return;
  row.set(column, { value: scalar(value), type: typeOf(value) });
}

const TIMESTAMPS = ["received_at", "sent_at", "timestamp", "original_timestamp"] as const;
const RESERVED = new Set(["id", "anonymous_id", "user_id", "uuid_ts", "event", "event_text", "name", "group_id", "previous_id", ...TIMESTAMPS]);

function baseRow(e: Record<string, unknown>): Row {
  const row: Row = new Map();
  const set = (col: string, value: unknown, type: ColumnType = "text") => row.set(col, { value: value === undefined ? null : scalar(value), type });
  set("id", e.messageId);
  set("anonymous_id", e.anonymousId);
  set("user_id", e.userId);
  set("received_at", e.receivedAt, "timestamptz");
  set("sent_at", e.sentAt, "timestamptz");
  set("timestamp", e.timestamp, "timestamptz");
  set("original_timestamp", e.originalTimestamp, "timestamptz");
  flattenInto(row, e.context, "context", RESERVED);
  return row;
}

function withFields(row: Row, fields: unknown): Row {
  const copy: Row = new Map(row);
  flattenInto(copy, fields, "", RESERVED);
  return copy;
}

// The rows one event adds, per table.
export function rowsForEvent(e: Record<string, unknown>): { table: string; row: Row; upsert?: boolean }[] {
  const base = baseRow(e);
  const text = (v: unknown) => ({ value: v === undefined ? null : scalar(v), type: "text" as ColumnType });
  switch (e.type) {
    case "track": {
      const tracks = new Map(base).set("event", text(snakeIdentifier(String(e.event ?? ""), "unnamed_event"))).set("event_text", text(e.event));
      return [
        { table: "tracks", row: tracks },
        { table: eventTableName(String(e.event ?? "")), row: withFields(tracks, e.properties) },
      ];
    }
    case "identify": {
      const rows: { table: string; row: Row; upsert?: boolean }[] = [{ table: "identifies", row: withFields(base, e.traits) }];
      if (typeof e.userId === "string" && e.userId) {
        const user: Row = new Map([["id", text(e.userId)], ["received_at", { value: scalar(e.receivedAt), type: "timestamptz" }]]);
        flattenInto(user, e.traits, "", RESERVED);
        rows.push({ table: "users", row: user, upsert: true });
      }
      return rows;
    }
    case "group":
      return [{ table: "groups", row: withFields(new Map(base).set("group_id", text(e.groupId)), e.traits) }];
    case "page":
    case "screen":
      return [{ table: e.type === "page" ? "pages" : "screens", row: withFields(new Map(base).set("name", text(e.name)), e.properties) }];
    case "alias":
      return [{ table: "aliases", row: new Map(base).set("previous_id", text(e.previousId)) }];
    default:
      return [];
  }
}

// Groups a batch by table; users are merged per user id (the latest traits win, older ones kept).
export function layoutBatch(events: Record<string, unknown>[]): TableRows[] {
  const tables = new Map<string, TableRows>();
  const users = new Map<string, Row>();
  for (const e of events) {
    for (const { table, row, upsert } of rowsForEvent(e)) {
      if (upsert) {
        const id = String(row.get("id")!.value);
        const prev = users.get(id);
        users.set(id, prev ? new Map([...prev, ...[...row].filter(([, v]) => v.value !== null)]) : row);
        continue;
      }
      let t = tables.get(table);
      if (!t) tables.set(table, (t = { table, rows: [], upsert: false }));
      t.rows.push(row);
    }
  }
  if (users.size) tables.set("users", { table: "users", rows: [...users.values()], upsert: true });
  return [...tables.values()];
}

// A value converted to what an existing column holds; a value that does not fit becomes null (text takes all).
export function coerce(value: unknown, type: ColumnType): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "text":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "double precision":
      return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
    case "boolean":
      return typeof value === "boolean" ? String(value) : null;
    case "timestamptz": {
      const t = typeof value === "string" ? Date.parse(value) : NaN;
      return Number.isNaN(t) ? null : new Date(t).toISOString();
    }
  }
}

import type { DebuggerEvent } from "@/lib/debugger/debugger-event";

const SINGLE = new Set(["identify", "track", "page", "screen", "group", "alias"]);
// Set by the collector on receipt; a replay gets its own (a kept messageId would be refused as a duplicate).
const SERVER_FIELDS = ["messageId", "receivedAt", "timestamp", "sentAt", "writeKey"];

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

// A curl line that sends the event again: the item as the client sent it, minus what the server assigns, with the
// original client time as `timestamp`.
export function curlForEvent(e: DebuggerEvent, collectorUrl: string, writeKey: string): string {
  const url = collectorUrl.replace(/\/+$/, "");
  let body: unknown = e.payload;
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    const original = copy.originalTimestamp;
    for (const k of SERVER_FIELDS) delete copy[k];
    delete copy.originalTimestamp;
    if (typeof original === "string") copy.timestamp = original;
    body = copy;
  }
  const type = body && typeof body === "object" ? (body as Record<string, unknown>).type : undefined;
  const single = typeof type === "string" && SINGLE.has(type);
  const data = typeof body === "string" ? body : JSON.stringify(single ? body : { batch: [body] });
  return [
    `curl ${shellQuote(`${url}/v1/${single ? type : "batch"}`)}`,
    `  -u ${shellQuote(`${writeKey}:`)}`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${shellQuote(data)}`,
  ].join(" \\\n");
}

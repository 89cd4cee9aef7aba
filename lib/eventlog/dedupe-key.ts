import { hash } from "node:crypto";

// A messageId that carries the moment it was made: analytics.js's and analytics-node's (`ajs-next-<ms>-<uuid>`,
// `node-next-<ms>-<uuid>`), the collector's own (`sy-<ms>-<uuid>`, pipeline/normalize-events.ts), and UUIDv7.
const PREFIXED_MS = /^[A-Za-z]+(?:-[A-Za-z]+)*-(\d{13})-/;
const UUID_V7 = /^([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

// The dedupe key of a messageId in a workspace: 32 hex digits, stored as a uuid in eventlog.message_ids. It depends
// on the workspace and the messageId alone, so a repeat always meets its first copy.
//
// md5(workspace ':' messageId), except that a messageId carrying its creation time puts that time (milliseconds,
// 48 bits) first and keeps 80 bits of the md5: such keys arrive nearly in order, and PostgreSQL appends them at the
// right edge of the index instead of at a random leaf (about a third less CPU per key, and a fraction of the WAL
// once the index outgrows the cache: docs/benchmarks.md). eventlog.dedupe_key (0301_time_first_dedupe_keys.sql) is
// the same function in SQL.
export function dedupeKey(workspaceId: string, messageId: string): string {
  const digest = hash("md5", `${workspaceId}:${messageId}`, "hex");
  const ms = createdAtHex(messageId);
  return ms === null ? digest : ms + digest.slice(12);
}

function createdAtHex(messageId: string): string | null {
  const prefixed = PREFIXED_MS.exec(messageId);
  if (prefixed) return Number(prefixed[1]).toString(16).padStart(12, "0");
  const v7 = UUID_V7.exec(messageId);
  if (v7) return (v7[1] + v7[2]).toLowerCase();
  return null;
}

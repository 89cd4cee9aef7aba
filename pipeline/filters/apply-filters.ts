import { createHash } from "node:crypto";
import type { FqlNode } from "./fql-ast";
import { matchesFql } from "./evaluate-fql";
import { parseFql } from "./parse-fql";
import { FIELD_GROUPS, type FilterAction, type FilterDefinition } from "./filter-schema";

export type CompiledFilter = { condition: FqlNode; actions: FilterAction[] };

export type FilterOutcome =
  | { kept: true; event: Record<string, unknown> }
  | { kept: false; reason: "filter_sampled_out" | "filter_dropped" | "filter_not_matched" | "filter_error"; detail?: string };

export function compileFilters(filters: FilterDefinition[]): CompiledFilter[] {
  return filters.map((f) => ({ condition: parseFql(f.if), actions: f.actions }));
}

// A stable number in [0, 100) per messageId.
function samplePoint(messageId: unknown): number {
  const digest = createHash("sha1").update(String(messageId ?? "")).digest();
  return (digest.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

function editFields(event: Record<string, unknown>, fields: Partial<Record<(typeof FIELD_GROUPS)[number], string[]>>, keep: boolean) {
  const out: Record<string, unknown> = { ...event };
  for (const group of FIELD_GROUPS) {
    const listed = fields[group];
    const current = event[group];
    if (!listed || !current || typeof current !== "object" || Array.isArray(current)) continue;
    const names = new Set(listed);
    out[group] = Object.fromEntries(Object.entries(current).filter(([k]) => names.has(k) === keep));
  }
  return out;
}

// Segment's order, whatever order the filters were written in: sample, drop, drop properties, allow properties.
export function applyFilters(filters: CompiledFilter[], input: Record<string, unknown>): FilterOutcome {
  let matched: boolean[];
  try {
    matched = filters.map((f) => matchesFql(f.condition, input));
  } catch (err) {
    return { kept: false, reason: "filter_error", detail: (err as Error).message };
  }
  const each = <T extends FilterAction["type"]>(type: T, fn: (a: Extract<FilterAction, { type: T }>, hit: boolean) => void) =>
    filters.forEach((f, i) => f.actions.forEach((a) => a.type === type && fn(a as Extract<FilterAction, { type: T }>, matched[i])));

  let sampledOut = false;
  each("SAMPLE", (a, hit) => {
    if (hit && samplePoint(input.messageId) >= a.percent) sampledOut = true;
  });
  if (sampledOut) return { kept: false, reason: "filter_sampled_out" };

  let dropped = false;
  let notMatched = false;
  each("DROP", (_, hit) => (dropped ||= hit));
  each("ONLY_SEND", (_, hit) => (notMatched ||= !hit));
  if (dropped) return { kept: false, reason: "filter_dropped" };
  if (notMatched) return { kept: false, reason: "filter_not_matched" };

  let event = input;
  each("DROP_PROPERTIES", (a, hit) => {
    if (hit) event = editFields(event, a.fields, false);
  });
  each("ALLOW_PROPERTIES", (a, hit) => {
    if (hit) event = editFields(event, a.fields, true);
  });
  return { kept: true, event };
}

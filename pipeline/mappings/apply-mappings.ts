import { matchesFql } from "../filters/evaluate-fql";
import type { FqlNode } from "../filters/fql-ast";
import { parseFql } from "../filters/parse-fql";
import type { FieldSource, MappingDefinition } from "./mapping-schema";

export type CompiledMapping = { name: string; definition: MappingDefinition; condition: FqlNode | null };

export type MappedPayload = { mapping: string; payload: unknown };

export function compileMappings(definitions: MappingDefinition[]): CompiledMapping[] {
  return definitions
    .filter((d) => d.enabled !== false)
    .map((d) => ({ name: d.name, definition: d, condition: d.trigger.if ? parseFql(d.trigger.if) : null }));
}

// Own properties only, so a path never reaches the prototype chain.
export function readEventPath(event: unknown, path: string): unknown {
  if (path === "" || path === "$") return event;
  let current: unknown = event;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function renderTemplate(template: string, event: unknown): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_$.\- ]*?)\s*\}\}/g, (_, path: string) => {
    const v = readEventPath(event, path);
    if (v === undefined || v === null) return "";
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  });
}

function valueOf(source: FieldSource, event: unknown): unknown {
  if ("path" in source) return readEventPath(event, source.path);
  if ("literal" in source) return source.literal;
  return renderTemplate(source.template, event);
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (FORBIDDEN_KEYS.has(key)) return;
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (!FORBIDDEN_KEYS.has(last)) node[last] = value;
}

export function triggerMatches(m: CompiledMapping, event: Record<string, unknown>): boolean {
  const { types, events } = m.definition.trigger;
  if (types?.length && !types.includes(event.type as never)) return false;
  if (events?.length && !(event.type === "track" && events.includes(event.event as string))) return false;
  return m.condition ? matchesFql(m.condition, event) : true;
}

// Every mapping whose trigger matches makes one payload. Values that resolve to undefined are left out.
// Throws FqlRuntimeError when a trigger condition fails at run time (the caller drops and counts the event).
export function applyMappings(mappings: CompiledMapping[], event: Record<string, unknown>): MappedPayload[] {
  const out: MappedPayload[] = [];
  for (const m of mappings) {
    if (!triggerMatches(m, event)) continue;
    let payload: unknown = {};
    for (const f of m.definition.fields) {
      const value = valueOf(f.from, event);
      if (value === undefined) continue;
      if (f.to === "") payload = structuredClone(value);
      else {
        if (payload === null || typeof payload !== "object" || Array.isArray(payload)) payload = {};
        setPath(payload as Record<string, unknown>, f.to, value);
      }
    }
    out.push({ mapping: m.name, payload });
  }
  return out;
}

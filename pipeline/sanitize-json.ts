// Postgres jsonb refuses \u0000 and lone UTF-16 surrogates, and one such string would fail a whole group commit;
// `__proto__` keys invite prototype pollution in later merges. This walk cleans a value fresh from JSON.parse in
// place (it owns it, and copying every event would double the garbage): NULs removed, lone surrogates replaced by
// U+FFFD, `__proto__` keys dropped, nesting capped.

export class TooDeepError extends Error {
  constructor() {
    super("nested too deeply");
  }
}

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

const DIRTY = /[\u0000\ud800-\udfff]/;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function cleanString(s: string): string {
  if (!DIRTY.test(s)) return s;
  return s.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\ufffd");
}

export function sanitizeJson(value: unknown, maxDepth: number, depth = 0): JsonValue {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return cleanString(value);
  if (depth >= maxDepth) throw new TooDeepError();
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = sanitizeJson(value[i], maxDepth, depth + 1);
    return value as JsonValue[];
  }
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const clean = sanitizeJson(obj[key], maxDepth, depth + 1);
      const cleanKey = cleanString(key);
      if (cleanKey !== key || key === "__proto__") {
        // Own data properties only: JSON.parse defines `__proto__` as one, and deleting it touches no prototype.
        delete obj[key];
        if (cleanKey !== "__proto__") Object.defineProperty(obj, cleanKey, { value: clean, enumerable: true, writable: true, configurable: true });
      } else {
        obj[key] = clean;
      }
    }
    return obj as JsonObject;
  }
  return null;
}

// JSON.parse yields a NUL or a lone surrogate only from a \u escape or a raw surrogate, and a `__proto__` key only
// from those letters or escapes: a text with none of them needs no cleaning, only the nesting cap (capDepth).
export function needsCleaning(jsonText: string): boolean {
  return jsonText.includes("\\u") || jsonText.includes("__proto__") || SURROGATE.test(jsonText);
}

// sanitizeJson's nesting cap alone: returns the value as it is.
export function capDepth(value: unknown, maxDepth: number, depth = 0): JsonValue {
  if (typeof value !== "object" || value === null) return value as JsonValue;
  if (depth >= maxDepth) throw new TooDeepError();
  if (Array.isArray(value)) for (const item of value) capDepth(item, maxDepth, depth + 1);
  else for (const key in value) capDepth((value as Record<string, unknown>)[key], maxDepth, depth + 1);
  return value as JsonValue;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

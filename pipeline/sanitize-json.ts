// Postgres jsonb refuses \u0000 and lone UTF-16 surrogates, and one such string would fail a whole group commit;
// `__proto__` keys invite prototype pollution in later merges. This walk returns a clean copy: NULs removed, lone
// surrogates replaced by U+FFFD, `__proto__` keys dropped, nesting capped.

export class TooDeepError extends Error {
  constructor() {
    super("nested too deeply");
  }
}

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

const DIRTY = /[\u0000\ud800-\udfff]/;
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
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = sanitizeJson(value[i], maxDepth, depth + 1);
    return out;
  }
  if (typeof value === "object") {
    const out: JsonObject = {};
    for (const key of Object.keys(value)) {
      if (key === "__proto__") continue;
      out[cleanString(key)] = sanitizeJson((value as Record<string, unknown>)[key], maxDepth, depth + 1);
    }
    return out;
  }
  return null;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

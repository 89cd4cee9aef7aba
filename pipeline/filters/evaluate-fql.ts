import type { FqlNode, FqlValue } from "./fql-ast";

export class FqlRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FqlRuntimeError";
  }
}

type Json = FqlValue | undefined;

// Null-safe: a path through a missing or non-object value is null, never an error.
function readPath(event: unknown, segments: string[]): Json {
  let current: unknown = event;
  for (const key of segments) {
    if (current === null || typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return current === undefined ? null : (current as FqlValue);
}

function truthy(v: Json): boolean {
  return v !== null && v !== undefined && v !== false && v !== 0 && v !== "";
}

function equals(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null);
  if (typeof a === "object" || typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function order(op: "<" | "<=" | ">" | ">=", a: Json, b: Json): boolean {
  const comparable = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
  if (!comparable) return false;
  const [x, y] = [a as number | string, b as number | string];
  switch (op) {
    case "<": return x < y;
    case "<=": return x <= y;
    case ">": return x > y;
    case ">=": return x >= y;
  }
}

function fqlTypeOf(v: Json): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "list";
  return typeof v;
}

function toSnakeCase(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

const globCache = new Map<string, RegExp>();

// `*` matches any run of characters, `?` one character; everything else is literal.
function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
    re = new RegExp(`^${body}$`);
    if (globCache.size > 1000) globCache.clear();
    globCache.set(glob, re);
  }
  return re;
}

function call(name: string, args: Json[]): Json {
  const [a, b] = args;
  switch (name) {
    case "contains":
      if (typeof a === "string" && typeof b === "string") return a.includes(b);
      if (Array.isArray(a)) return a.some((x) => equals(x, b));
      return false;
    case "length":
      if (typeof a === "string" || Array.isArray(a)) return a.length;
      if (a && typeof a === "object") return Object.keys(a).length;
      return 0;
    case "lowercase":
      return typeof a === "string" ? a.toLowerCase() : a ?? null;
    case "uppercase":
      return typeof a === "string" ? a.toUpperCase() : a ?? null;
    case "snakecase":
      return typeof a === "string" ? toSnakeCase(a) : a ?? null;
    case "match":
      if (typeof b !== "string") throw new FqlRuntimeError("match() needs a string pattern");
      return typeof a === "string" && globToRegExp(b).test(a);
    case "typeof":
      return fqlTypeOf(a);
    default:
      throw new FqlRuntimeError(`Unknown function ${name}`);
  }
}

function evaluate(node: FqlNode, event: unknown): Json {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "path":
      return readPath(event, node.segments);
    case "list":
      return node.items.map((i) => evaluate(i, event) ?? null);
    case "call":
      return call(node.name, node.args.map((a) => evaluate(a, event)));
    case "not":
      return !truthy(evaluate(node.operand, event));
    case "logical":
      return node.op === "and"
        ? truthy(evaluate(node.left, event)) && truthy(evaluate(node.right, event))
        : truthy(evaluate(node.left, event)) || truthy(evaluate(node.right, event));
    case "compare": {
      const left = evaluate(node.left, event);
      const right = evaluate(node.right, event);
      switch (node.op) {
        case "=": return equals(left, right);
        case "!=": return !equals(left, right);
        case "in": return Array.isArray(right) && right.some((x) => equals(left, x));
        case "!in": return Array.isArray(right) && !right.some((x) => equals(left, x));
        default: return order(node.op, left, right);
      }
    }
  }
}

// Whether the event matches the condition.
export function matchesFql(node: FqlNode, event: unknown): boolean {
  return truthy(evaluate(node, event));
}

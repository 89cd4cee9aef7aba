import { FqlSyntaxError } from "./fql-ast";

export type Token =
  | { type: "string"; value: string; pos: number }
  | { type: "number"; value: number; pos: number }
  | { type: "ident"; value: string; pos: number }
  | { type: "op"; value: string; pos: number }
  | { type: "eof"; pos: number };

const OPERATORS = ["!=", "<=", ">=", "=", "<", ">", "!", "(", ")", "[", "]", ","];
const MAX_LENGTH = 10_000;

// Identifiers are dot paths; a backslash escapes the next character, so `properties.product\ id` is one path.
export function tokenizeFql(source: string): Token[] {
  if (source.length > MAX_LENGTH) throw new FqlSyntaxError(`Expression longer than ${MAX_LENGTH} characters`, MAX_LENGTH);
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const start = i++;
      let value = "";
      while (i < source.length && source[i] !== c) {
        if (source[i] === "\\" && i + 1 < source.length) i++;
        value += source[i++];
      }
      if (i >= source.length) throw new FqlSyntaxError("Unterminated string", start);
      i++;
      tokens.push({ type: "string", value, pos: start });
      continue;
    }
    const number = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number && (c !== "-" || !/[\w\]\)]/.test(prevSignificant(source, i)))) {
      tokens.push({ type: "number", value: Number(number[0]), pos: i });
      i += number[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ type: "op", value: op, pos: i });
      i += op.length;
      continue;
    }
    if (/[A-Za-z_$\\]/.test(c)) {
      const start = i;
      let value = "";
      while (i < source.length) {
        const ch = source[i];
        if (ch === "\\" && i + 1 < source.length) {
          // An escaped dot is part of a key, not a separator: keep it as U+E000 until the path is split.
          value += source[i + 1] === "." ? "\uE000" : source[i + 1];
          i += 2;
        } else if (/[\w$.\-]/.test(ch)) {
          value += ch;
          i++;
        } else break;
      }
      tokens.push({ type: "ident", value, pos: start });
      continue;
    }
    throw new FqlSyntaxError(`Unexpected character '${c}'`, i);
  }
  tokens.push({ type: "eof", pos: source.length });
  return tokens;
}

function prevSignificant(source: string, i: number): string {
  for (let j = i - 1; j >= 0; j--) if (!/\s/.test(source[j])) return source[j];
  return "";
}

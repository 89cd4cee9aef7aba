// The syntax tree of a destination filter condition (an FQL-compatible expression).
export type FqlValue = string | number | boolean | null | FqlValue[] | { [key: string]: FqlValue };

export type FqlNode =
  | { kind: "literal"; value: FqlValue }
  | { kind: "path"; segments: string[] }
  | { kind: "list"; items: FqlNode[] }
  | { kind: "call"; name: FqlFunction; args: FqlNode[] }
  | { kind: "not"; operand: FqlNode }
  | { kind: "logical"; op: "and" | "or"; left: FqlNode; right: FqlNode }
  | { kind: "compare"; op: CompareOp; left: FqlNode; right: FqlNode };

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "!in";

export const FQL_FUNCTIONS = ["contains", "length", "lowercase", "uppercase", "snakecase", "match", "typeof"] as const;
export type FqlFunction = (typeof FQL_FUNCTIONS)[number];

export class FqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = "FqlSyntaxError";
  }
}

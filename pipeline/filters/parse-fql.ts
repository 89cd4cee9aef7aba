import { FQL_FUNCTIONS, FqlSyntaxError, type CompareOp, type FqlFunction, type FqlNode } from "./fql-ast";
import { tokenizeFql, type Token } from "./tokenize-fql";

const COMPARE_OPS = new Set(["=", "!=", "<", "<=", ">", ">="]);
const MAX_DEPTH = 64;

// Grammar, loosest first:
//   or      := and ("or" and)*
//   and     := unary ("and" unary)*
//   unary   := "!" unary | compare
//   compare := operand ((= | != | < | <= | > | >=) operand | "!"? "in" list)?
//   operand := "(" or ")" | list | function "(" args ")" | string | number | true | false | null | path
export function parseFql(source: string): FqlNode {
  const tokens = tokenizeFql(source);
  let at = 0;
  let depth = 0;
  const peek = (): Token => tokens[at];
  const next = (): Token => tokens[at++];
  const isOp = (value: string) => peek().type === "op" && (peek() as { value: string }).value === value;
  const isWord = (value: string) => peek().type === "ident" && (peek() as { value: string }).value.toLowerCase() === value;
  const expectOp = (value: string) => {
    if (!isOp(value)) throw new FqlSyntaxError(`Expected '${value}'`, peek().pos);
    next();
  };
  const enter = () => {
    if (++depth > MAX_DEPTH) throw new FqlSyntaxError("Expression nested too deeply", peek().pos);
  };

  function parseOr(): FqlNode {
    let left = parseAnd();
    while (isWord("or")) {
      next();
      left = { kind: "logical", op: "or", left, right: parseAnd() };
    }
    return left;
  }

  function parseAnd(): FqlNode {
    let left = parseUnary();
    while (isWord("and")) {
      next();
      left = { kind: "logical", op: "and", left, right: parseUnary() };
    }
    return left;
  }

  function parseUnary(): FqlNode {
    if (isOp("!")) {
      next();
      enter();
      const operand = parseUnary();
      depth--;
      return { kind: "not", operand };
    }
    return parseCompare();
  }

  function parseCompare(): FqlNode {
    const left = parseOperand();
    const t = peek();
    if (t.type === "op" && COMPARE_OPS.has(t.value)) {
      next();
      return { kind: "compare", op: t.value as CompareOp, left, right: parseOperand() };
    }
    if (isOp("!") && tokens[at + 1]?.type === "ident" && (tokens[at + 1] as { value: string }).value.toLowerCase() === "in") {
      at += 2;
      return { kind: "compare", op: "!in", left, right: parseList() };
    }
    if (isWord("in")) {
      next();
      return { kind: "compare", op: "in", left, right: parseList() };
    }
    return left;
  }

  function parseList(): FqlNode {
    if (!isOp("[")) throw new FqlSyntaxError("Expected a list like ['a', 'b'] after 'in'", peek().pos);
    return parseOperand();
  }

  function parseOperand(): FqlNode {
    const t = next();
    if (t.type === "op" && t.value === "(") {
      enter();
      const inner = parseOr();
      depth--;
      expectOp(")");
      return inner;
    }
    if (t.type === "op" && t.value === "[") {
      const items: FqlNode[] = [];
      if (!isOp("]")) {
        do {
          if (items.length) next();
          items.push(parseOperand());
        } while (isOp(","));
      }
      expectOp("]");
      return { kind: "list", items };
    }
    if (t.type === "string") return { kind: "literal", value: t.value };
    if (t.type === "number") return { kind: "literal", value: t.value };
    if (t.type === "ident") {
      const word = t.value.toLowerCase();
      if (isOp("(")) {
        if (!(FQL_FUNCTIONS as readonly string[]).includes(word)) throw new FqlSyntaxError(`Unknown function '${t.value}'`, t.pos);
        next();
        const args: FqlNode[] = [];
        enter();
        if (!isOp(")")) {
          args.push(parseOr());
          while (isOp(",")) {
            next();
            args.push(parseOr());
          }
        }
        depth--;
        expectOp(")");
        checkArity(word as FqlFunction, args.length, t.pos);
        return { kind: "call", name: word as FqlFunction, args };
      }
      if (word === "true" || word === "false") return { kind: "literal", value: word === "true" };
      if (word === "null") return { kind: "literal", value: null };
      if (word === "and" || word === "or" || word === "in") throw new FqlSyntaxError(`Unexpected '${t.value}'`, t.pos);
      if (t.value.startsWith(".") || t.value.endsWith(".") || t.value.includes("..")) {
        throw new FqlSyntaxError(`Invalid path '${t.value}'`, t.pos);
      }
      return { kind: "path", segments: splitPath(t.value) };
    }
    if (t.type === "eof") throw new FqlSyntaxError("Unexpected end of expression", t.pos);
    throw new FqlSyntaxError(`Unexpected '${t.value}'`, t.pos);
  }

  if (peek().type === "eof") throw new FqlSyntaxError("Empty expression", 0);
  const tree = parseOr();
  if (peek().type !== "eof") throw new FqlSyntaxError(`Unexpected '${(peek() as { value: string }).value}'`, peek().pos);
  return tree;
}

const ARITY: Record<FqlFunction, number> = { contains: 2, length: 1, lowercase: 1, uppercase: 1, snakecase: 1, match: 2, typeof: 1 };

function checkArity(name: FqlFunction, count: number, pos: number) {
  if (ARITY[name] !== count) throw new FqlSyntaxError(`${name}() takes ${ARITY[name]} argument${ARITY[name] > 1 ? "s" : ""}`, pos);
}

function splitPath(raw: string): string[] {
  return raw.split(".").map((s) => s.replaceAll("\uE000", "."));
}

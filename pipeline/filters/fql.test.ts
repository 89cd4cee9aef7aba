import { describe, expect, it } from "vitest";
import { FqlSyntaxError } from "./fql-ast";
import { matchesFql } from "./evaluate-fql";
import { parseFql } from "./parse-fql";

const order = {
  type: "track",
  event: "Order Completed",
  userId: "u1",
  properties: { revenue: 120.5, currency: "EUR", items: ["a", "b", "c"], "product id": "p-9", coupon: null, "a.b": 1 },
  context: { library: { name: "analytics-node" }, locale: "en-GB" },
  traits: { email: "Ada@Example.com" },
};

const cases: [string, boolean][] = [
  ["type = 'track'", true],
  ['type = "identify"', false],
  ["event = 'Order Completed' and properties.revenue > 100", true],
  ["event = 'Order Completed' and properties.revenue > 200", false],
  ["properties.revenue >= 120.5 and properties.revenue <= 120.5", true],
  ["properties.revenue < 0 or properties.currency = 'EUR'", true],
  ["properties.revenue != 120.5", false],
  ["!(type = 'track')", false],
  ["!type = 'page'", true],
  ["event in ['Order Completed', 'Order Refunded']", true],
  ["event !in ['Order Completed']", false],
  ["properties.currency in ['USD']", false],
  ["contains(event, 'Order')", true],
  ["contains(properties.items, 'b')", true],
  ["contains(properties.items, 'z')", false],
  ["length(properties.items) = 3", true],
  ["length(event) > 100", false],
  ["lowercase(traits.email) = 'ada@example.com'", true],
  ["uppercase(properties.currency) = 'EUR'", true],
  ["snakecase(event) = 'order_completed'", true],
  ["match(event, 'Order*')", true],
  ["match(event, '*Refunded')", false],
  ["match(event, 'Order Complete?')", true],
  ["typeof(properties.revenue) = 'number'", true],
  ["typeof(properties.items) = 'list'", true],
  ["typeof(properties.missing) = 'null'", true],
  ["properties.missing = null", true],
  ["properties.coupon = null", true],
  ["properties.missing.deeper.still = 'x'", false],
  ["properties.missing > 3", false],
  ["properties.product\\ id = 'p-9'", true],
  ["properties.a\\.b = 1", true],
  ["context.library.name = 'analytics-node' and (userId = 'u2' or userId = 'u1')", true],
  ["type = 'track' and (event = 'A' or event = 'B')", false],
  ["TRUE", true],
  ["properties.revenue > -1", true],
];

describe("FQL conditions", () => {
  it.each(cases)("%s -> %s", (expr, expected) => {
    expect(matchesFql(parseFql(expr), order)).toBe(expected);
  });

  const malformed = [
    "",
    "type =",
    "type = 'track",
    "(type = 'track'",
    "type = 'track')",
    "event in 'x'",
    "unknownfn(event)",
    "length(event, 2)",
    "type == 'track'",
    "and type = 'track'",
    "properties..x = 1",
    "type = 'track' &&",
    "#",
  ];
  it.each(malformed)("refuses %j with a position", (expr) => {
    expect(() => parseFql(expr)).toThrow(FqlSyntaxError);
  });

  it("refuses absurd nesting instead of overflowing the stack", () => {
    expect(() => parseFql("(".repeat(500) + "true" + ")".repeat(500))).toThrow(/nested too deeply/);
  });

  it("reads only own properties, not the prototype chain", () => {
    expect(matchesFql(parseFql("properties.constructor = null"), { properties: {} })).toBe(true);
    expect(matchesFql(parseFql("typeof(__proto__) = 'null'"), {})).toBe(true);
  });
});

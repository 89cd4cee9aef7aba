import { describe, expect, it } from "vitest";
import { applyFilters, compileFilters } from "./apply-filters";
import { filterDefinitionSchema, type FilterDefinition } from "./filter-schema";

const event = (over: Record<string, unknown> = {}) => ({
  type: "track",
  event: "Order Completed",
  messageId: "m-1",
  properties: { revenue: 10, email: "a@b.c", sku: "x" },
  context: { ip: "1.2.3.4", locale: "en" },
  ...over,
});

const run = (filters: FilterDefinition[], e = event()) => applyFilters(compileFilters(filters), e);

describe("applyFilters", () => {
  it("drops matching events and keeps the rest", () => {
    const f: FilterDefinition[] = [{ if: "event = 'Order Completed'", actions: [{ type: "DROP" }] }];
    expect(run(f)).toEqual({ kept: false, reason: "filter_dropped" });
    expect(run(f, event({ event: "Viewed" })).kept).toBe(true);
  });

  it("only sends matching events", () => {
    const f: FilterDefinition[] = [{ if: "event = 'Order Completed'", actions: [{ type: "ONLY_SEND" }] }];
    expect(run(f).kept).toBe(true);
    expect(run(f, event({ event: "Viewed" }))).toEqual({ kept: false, reason: "filter_not_matched" });
  });

  it("drops and allows listed fields, drop before allow", () => {
    const f: FilterDefinition[] = [
      { if: "type = 'track'", actions: [{ type: "ALLOW_PROPERTIES", fields: { properties: ["revenue", "email"] } }] },
      { if: "type = 'track'", actions: [{ type: "DROP_PROPERTIES", fields: { properties: ["email"], context: ["ip"] } }] },
    ];
    const out = run(f);
    expect(out.kept && out.event.properties).toEqual({ revenue: 10 });
    expect(out.kept && out.event.context).toEqual({ locale: "en" });
  });

  it("samples by messageId, deterministically and near the asked share", () => {
    const f: FilterDefinition[] = [{ if: "type = 'track'", actions: [{ type: "SAMPLE", percent: 30 }] }];
    let kept = 0;
    for (let i = 0; i < 4000; i++) {
      const e = event({ messageId: `m-${i}` });
      const a = run(f, e).kept;
      expect(run(f, e).kept).toBe(a);
      if (a) kept++;
    }
    expect(kept / 4000).toBeGreaterThan(0.27);
    expect(kept / 4000).toBeLessThan(0.33);
    expect(run([{ if: "type = 'track'", actions: [{ type: "SAMPLE", percent: 0 }] }]).kept).toBe(false);
    expect(run([{ if: "type = 'track'", actions: [{ type: "SAMPLE", percent: 100 }] }]).kept).toBe(true);
  });

  it("turns a run-time error into a drop with a reason", () => {
    const out = run([{ if: "match(event, properties.revenue)", actions: [{ type: "DROP" }] }]);
    expect(out).toMatchObject({ kept: false, reason: "filter_error" });
  });

  it("refuses to save a condition that does not parse", () => {
    const bad = filterDefinitionSchema.safeParse({ if: "event = ", actions: [{ type: "DROP" }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/position/);
    expect(filterDefinitionSchema.safeParse({ if: "event = 'x'", actions: [] }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { applyMappings, compileMappings } from "./apply-mappings";
import { mappingDefinitionSchema, type MappingDefinition } from "./mapping-schema";

const order = {
  type: "track",
  event: "Order Completed",
  userId: "u1",
  messageId: "m-1",
  properties: { orderId: "o-9", revenue: 42.5, products: [{ sku: "a" }] },
  context: { traits: { email: "ada@example.com" } },
};

const run = (defs: MappingDefinition[], event: Record<string, unknown> = order) => applyMappings(compileMappings(defs), event);

describe("mappings", () => {
  it("builds the payload from paths, literals and templates, leaving out what is missing", () => {
    const [out] = run([
      {
        name: "Purchase",
        trigger: { types: ["track"], events: ["Order Completed"] },
        fields: [
          { to: "event_name", from: { path: "event" } },
          { to: "order.id", from: { path: "properties.orderId" } },
          { to: "order.value", from: { path: "properties.revenue" } },
          { to: "order.items", from: { path: "properties.products" } },
          { to: "source", from: { literal: "switchyard" } },
          { to: "summary", from: { template: "{{userId}} paid {{properties.revenue}} for {{properties.orderId}}{{properties.missing}}" } },
          { to: "coupon", from: { path: "properties.coupon" } },
        ],
      },
    ]);
    expect(out).toEqual({
      mapping: "Purchase",
      payload: {
        event_name: "Order Completed",
        order: { id: "o-9", value: 42.5, items: [{ sku: "a" }] },
        source: "switchyard",
        summary: "u1 paid 42.5 for o-9",
      },
    });
  });

  it("fires only the mappings whose trigger matches: types, track event names, and an FQL condition", () => {
    const defs: MappingDefinition[] = [
      { name: "Identify only", trigger: { types: ["identify"] }, fields: [{ to: "x", from: { literal: 1 } }] },
      { name: "Other event", trigger: { events: ["Order Refunded"] }, fields: [{ to: "x", from: { literal: 2 } }] },
      { name: "Big orders", trigger: { types: ["track"], if: "properties.revenue > 40" }, fields: [{ to: "x", from: { literal: 3 } }] },
      { name: "Small orders", trigger: { if: "properties.revenue <= 40" }, fields: [{ to: "x", from: { literal: 4 } }] },
      { name: "Disabled", enabled: false, trigger: {}, fields: [{ to: "x", from: { literal: 5 } }] },
      { name: "Everything", trigger: {}, fields: [{ to: "", from: { path: "" } }] },
    ];
    const out = run(defs);
    expect(out.map((m) => m.mapping)).toEqual(["Big orders", "Everything"]);
    expect(out[1].payload).toEqual(order);
    expect(out[1].payload).not.toBe(order);
    // Conditions are null-safe: an identify has no revenue, so neither revenue condition holds.
    expect(run(defs, { type: "identify", userId: "u2", traits: {} }).map((m) => m.mapping)).toEqual(["Identify only", "Everything"]);
    expect(run(defs, { ...order, properties: { revenue: 10 } }).map((m) => m.mapping)).toEqual(["Small orders", "Everything"]);
  });

  it("never writes through __proto__ or constructor", () => {
    const [out] = run([
      { name: "Hostile", trigger: {}, fields: [{ to: "__proto__.polluted", from: { literal: 1 } }, { to: "constructor", from: { literal: 2 } }, { to: "a", from: { literal: 3 } }] },
    ]);
    expect(out.payload).toEqual({ a: 3 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses to save a trigger condition that does not parse, or a malformed destination path", () => {
    expect(mappingDefinitionSchema.safeParse({ name: "M", trigger: { if: "revenue >" }, fields: [{ to: "a", from: { literal: 1 } }] }).success).toBe(false);
    expect(mappingDefinitionSchema.safeParse({ name: "M", trigger: {}, fields: [{ to: "a..b", from: { literal: 1 } }] }).success).toBe(false);
    expect(mappingDefinitionSchema.safeParse({ name: "M", trigger: {}, fields: [] }).success).toBe(false);
  });
});

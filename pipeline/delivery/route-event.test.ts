import { describe, expect, it } from "vitest";
import { compileFilters } from "../filters/apply-filters";
import { compileMappings } from "../mappings/apply-mappings";
import { routeEvent, type RouteTarget } from "./route-event";

const target = (o: Partial<RouteTarget> = {}): RouteTarget => ({
  integrationName: "Webhooks",
  destinationName: "Orders hook",
  category: "destination",
  filters: [],
  mappings: compileMappings([{ name: "All", trigger: {}, fields: [{ to: "", from: { path: "" } }] }]),
  ...o,
});
const warehouse = () => target({ integrationName: "Postgres", destinationName: "Warehouse", category: "warehouse", mappings: [] });
const event = (integrations?: Record<string, unknown>) => ({ type: "track", event: "Order Completed", userId: "u1", ...(integrations ? { integrations } : {}) });

describe("routeEvent", () => {
  it.each([
    ["no integrations object", undefined, true, true],
    ["All: true", { All: true }, true, true],
    ["All: false blocks destinations, not warehouses", { All: false }, false, true],
    ["All: false with the destination named true", { All: false, "Orders hook": true }, true, true],
    ["All: false with the integration named true", { All: false, Webhooks: true }, true, true],
    ["named false blocks that destination", { "Orders hook": false }, false, true],
    ["names are case-sensitive", { All: false, "orders hook": true }, false, true],
    ["a warehouse named false is blocked", { Warehouse: false }, true, false],
  ])("%s", (_, integrations, toDestination, toWarehouse) => {
    expect(routeEvent(event(integrations as Record<string, unknown>), target()).send).toBe(toDestination);
    expect(routeEvent(event(integrations as Record<string, unknown>), warehouse()).send).toBe(toWarehouse);
  });

  it("applies the connection's filters before the mapping, and says why an event is not sent", () => {
    const onlyOrders = target({ filters: compileFilters([{ if: "event = 'Order Completed'", actions: [{ type: "ONLY_SEND" }] }]) });
    expect(routeEvent(event(), onlyOrders)).toMatchObject({ send: true, payloads: [event()] });
    expect(routeEvent({ ...event(), event: "Viewed" }, onlyOrders)).toEqual({ send: false, reason: "filter_not_matched" });
    const noMapping = target({ mappings: compileMappings([{ name: "Identify", trigger: { types: ["identify"] }, fields: [{ to: "a", from: { literal: 1 } }] }]) });
    expect(routeEvent(event(), noMapping)).toEqual({ send: false, reason: "no_mapping" });
  });
});

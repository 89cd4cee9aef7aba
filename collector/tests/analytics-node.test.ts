import { Analytics } from "@segment/analytics-node";
import { describe, expect, it } from "vitest";
import { readEvents } from "@/tests/helpers/read-events";
import { useCollectorWithSource } from "@/tests/helpers/start-collector";

const ctx = useCollectorWithSource();

describe("@segment/analytics-node against the collector", () => {
  it("delivers identify, track, page, group and alias through /v1/batch with the right fields", async () => {
    const analytics = new Analytics({ writeKey: ctx.source.writeKey, host: ctx.collector.url, flushAt: 5, maxRetries: 0 });
    const errors: unknown[] = [];
    analytics.on("error", (e) => errors.push(e));
    const at = new Date(Date.now() - 60_000);
    analytics.identify({ userId: "user-1", anonymousId: "anon-1", traits: { email: "a@example.com" } });
    analytics.track({ userId: "user-1", event: "Order Completed", properties: { total: 42 }, timestamp: at });
    analytics.page({ anonymousId: "anon-2", name: "Home", properties: { path: "/" } });
    analytics.group({ userId: "user-1", groupId: "acme", traits: { plan: "team" } });
    analytics.alias({ userId: "user-1", previousId: "anon-3" });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const events = await readEvents(ctx.source.sourceId);
    expect(events.map((e) => e.type).sort()).toEqual(["alias", "group", "identify", "page", "track"]);
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));

    const track = byType.track;
    expect(track.event).toBe("Order Completed");
    expect(track.user_id).toBe("user-1");
    expect(track.payload.properties).toEqual({ total: 42 });
    expect(track.message_id).toBe(track.payload.messageId);
    expect(track.payload.originalTimestamp).toBe(at.toISOString());
    expect(track.payload.receivedAt).toBe(track.received_at.toISOString());
    expect(typeof track.payload.sentAt).toBe("string");
    // sentAt and receivedAt are close on one machine, so the corrected timestamp stays close to the client's.
    expect(Math.abs(Date.parse(track.payload.timestamp as string) - at.getTime())).toBeLessThan(5_000);
    expect(track.payload.context).toMatchObject({ library: { name: "@segment/analytics-node" }, ip: "127.0.0.1" });
    expect(track.payload.integrations).toEqual({ All: true });
    expect(track.payload).not.toHaveProperty("writeKey");

    expect(byType.identify.anonymous_id).toBe("anon-1");
    expect(byType.identify.payload.traits).toEqual({ email: "a@example.com" });
    expect(byType.page.anonymous_id).toBe("anon-2");
    expect(byType.page.payload.name).toBe("Home");
    expect(byType.group.payload.groupId).toBe("acme");
    expect(byType.alias.payload.previousId).toBe("anon-3");
    expect(new Set(events.map((e) => e.message_id)).size).toBe(5);

    const metrics = await (await fetch(`${ctx.collector.url}/metrics`)).text();
    expect(metrics).toMatch(/switchyard_collector_events_accepted_total 5/);
  });

  it("answers the settings endpoint for a known key and 404 for an unknown one", async () => {
    const res = await fetch(`${ctx.collector.url}/v1/projects/${ctx.source.writeKey}/settings`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.integrations["Segment.io"]).toMatchObject({ apiKey: ctx.source.writeKey, apiHost: "localhost:8080/v1", protocol: "http" });
    const missing = await fetch(`${ctx.collector.url}/v1/projects/nope/settings`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("Invalid path or write key provided.");
  });

  it("answers CORS preflights and the pixel endpoint", async () => {
    const pre = await fetch(`${ctx.collector.url}/v1/t`, {
      method: "OPTIONS",
      headers: { Origin: "http://shop.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-retry-count" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://shop.example");
    expect(pre.headers.get("access-control-allow-headers")).toMatch(/Authorization, Content-Type, X-Retry-Count/);

    const data = Buffer.from(JSON.stringify({ writeKey: ctx.source.writeKey, userId: "pixel-user", event: "Email Opened" })).toString("base64");
    const px = await fetch(`${ctx.collector.url}/v1/pixel/track?data=${encodeURIComponent(data)}`);
    expect(px.status).toBe(200);
    expect(px.headers.get("content-type")).toBe("image/gif");
    const bad = await fetch(`${ctx.collector.url}/v1/pixel/track?data=garbage`);
    expect(bad.headers.get("content-type")).toBe("image/gif");
    const events = await readEvents(ctx.source.sourceId);
    expect(events.find((e) => e.user_id === "pixel-user")?.event).toBe("Email Opened");
  });
});

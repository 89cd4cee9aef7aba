import { createHmac } from "node:crypto";
import { Analytics } from "@segment/analytics-node";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "@/domain/actor";
import { connectDestination } from "@/domain/destinations/connect-destination";
import { createDestination } from "@/domain/destinations/create-destination";
import { warehouseSchemaName } from "@/pipeline/destinations/postgres/postgres-warehouse";
import { startReceiver, testPool, testWorker, waitFor, webhookDestination } from "@/tests/helpers/delivery";
import { seedSource } from "@/tests/helpers/seed-source";
import { startCollector, type TestCollector } from "@/tests/helpers/start-collector";
import type { DeliveryWorker } from "@/worker/delivery-worker";

// End to end: @segment/analytics-node -> collector -> event log -> delivery worker -> a webhook receiver that
// verifies the signature, and the Postgres warehouse (the test database as the embedded default).
let pool: pg.Pool;
let collector: TestCollector;
let worker: DeliveryWorker;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const SECRET = "test-signing-secret-0123456789";

beforeAll(async () => {
  pool = testPool();
  collector = await startCollector();
  receiver = await startReceiver((r) => {
    const expected = `sha256=${createHmac("sha256", SECRET).update(r.body).digest("hex")}`;
    return r.headers["x-switchyard-signature"] === expected ? { status: 200 } : { status: 401, body: "bad signature" };
  });
  worker = testWorker(pool);
  await worker.start();
});
afterAll(async () => {
  await worker.stop(1_000);
  await receiver.close();
  await collector.stop();
  await pool.end();
});

describe("analytics-node -> collector -> worker -> destinations", () => {
  it("delivers to a signed webhook and loads Segment's warehouse layout", async () => {
    const src = await seedSource();
    await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: receiver.url });
    const warehouse = await createDestination({
      workspaceId: src.workspaceId, type: "postgres", name: "Warehouse", settings: { batchIntervalMs: 0 }, actor: cliActor("test"),
    });
    await connectDestination({ workspaceId: src.workspaceId, destinationId: warehouse.id, sourceId: src.sourceId, actor: cliActor("test") });

    const analytics = new Analytics({ writeKey: src.writeKey, host: collector.url, flushAt: 10, maxRetries: 0 });
    analytics.identify({ userId: "user-1", traits: { email: "a@example.com", plan: "free" } });
    analytics.track({ userId: "user-1", event: "Order Completed", properties: { total: 42.5, currency: "EUR", items: ["a", "b"], shipping: { method: "post" } } });
    analytics.track({ userId: "user-1", event: "Order Completed", properties: { total: 7, coupon: "X'); DROP TABLE users; --" } });
    analytics.track({ userId: "user-2", event: "x\"; DROP SCHEMA public CASCADE; --", properties: { "weird \" key; --": 1 } });
    analytics.page({ anonymousId: "anon-2", name: "Home", properties: { path: "/" } });
    analytics.group({ userId: "user-1", groupId: "acme", traits: { employees: 10 } });
    analytics.alias({ userId: "user-1", previousId: "anon-3" });
    analytics.identify({ userId: "user-1", traits: { plan: "team" } });
    await analytics.closeAndFlush({ timeout: 10_000 });

    await waitFor(() => receiver.requests.length, (n) => n >= 8, 20_000, "8 webhook deliveries");
    const received = receiver.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const order = received.find((e) => e.event === "Order Completed" && (e.properties as { total: number }).total === 42.5)!;
    expect(order).toMatchObject({ type: "track", userId: "user-1", context: { library: { name: "@segment/analytics-node" } } });
    expect(typeof order.messageId).toBe("string");
    expect(typeof order.receivedAt).toBe("string");

    const schema = warehouseSchemaName(src.sourceId);
    const q = (sql: string) => pool.query(sql.replaceAll("$schema", `"${schema}"`));
    await waitFor(async () => (await q(`SELECT to_regclass('$schema.identifies') AS t`)).rows[0].t !== null && (await q(`SELECT count(*)::int AS n FROM $schema.identifies`)).rows[0].n, (n) => n === 2, 20_000, "identifies loaded");

    const tracks = await q(`SELECT id, user_id, event, event_text, received_at, context_library_name FROM $schema.tracks ORDER BY event_text, id`);
    expect(tracks.rows).toHaveLength(3);
    expect(tracks.rows.map((r) => r.event)).toContain("order_completed");
    expect(tracks.rows[0].context_library_name).toBe("@segment/analytics-node");
    expect(tracks.rows[0].received_at).toBeInstanceOf(Date);

    const orders = await q(`SELECT id, total, currency, items, shipping_method, coupon FROM $schema.order_completed ORDER BY total`);
    expect(orders.rows).toEqual([
      expect.objectContaining({ total: 7, currency: null, coupon: "X'); DROP TABLE users; --" }),
      expect.objectContaining({ total: 42.5, currency: "EUR", items: '["a","b"]', shipping_method: "post" }),
    ]);
    expect(orders.rows.map((r) => r.id).sort()).toEqual(
      received.filter((e) => e.event === "Order Completed").map((e) => e.messageId).sort(),
    );
    // The hostile event name became a harmless table name; nothing was dropped.
    const injected = await q(`SELECT weird_key FROM $schema.x_drop_schema_public_cascade`);
    expect(injected.rows).toEqual([{ weird_key: 1 }]);
    expect((await pool.query(`SELECT to_regclass('public.workspaces') AS t`)).rows[0].t).not.toBeNull();

    const users = await q(`SELECT id, email, plan FROM $schema.users`);
    expect(users.rows).toEqual([{ id: "user-1", email: "a@example.com", plan: "team" }]);
    expect((await q(`SELECT name, path FROM $schema.pages`)).rows).toEqual([{ name: "Home", path: "/" }]);
    expect((await q(`SELECT group_id, employees FROM $schema.groups`)).rows).toEqual([{ group_id: "acme", employees: 10 }]);
    expect((await q(`SELECT previous_id, user_id FROM $schema.aliases`)).rows).toEqual([{ previous_id: "anon-3", user_id: "user-1" }]);
    const columns = await q(`SELECT column_name FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'identifies'`);
    expect(columns.rows.map((r) => r.column_name)).toEqual(
      expect.arrayContaining(["id", "user_id", "anonymous_id", "received_at", "sent_at", "timestamp", "original_timestamp", "uuid_ts", "email", "plan", "context_library_name"]),
    );
  });
});

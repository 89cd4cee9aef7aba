import { createHmac } from "node:crypto";
import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "@/domain/actor";
import { addFilter } from "@/domain/destinations/add-filter";
import { createDestination } from "@/domain/destinations/create-destination";
import { getDeliveryStats } from "@/domain/destinations/get-delivery-stats";
import { listDeadLetters } from "@/domain/destinations/list-dead-letters";
import { retryDeadLetters } from "@/domain/destinations/retry-dead-letters";
import { saveMapping } from "@/domain/destinations/save-mapping";
import { getPrisma } from "@/lib/db/prisma";
import { seedSource } from "@/tests/helpers/seed-source";
import { appendEvents, startReceiver, testPool, testWorker, waitFor, webhookDestination, type Received } from "@/tests/helpers/delivery";
import type { DeliveryWorker } from "./delivery-worker";

let pool: pg.Pool;
const workers: DeliveryWorker[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(() => {
  pool = testPool();
});
// Each test's workers stop with it, so no worker holds a stale view of another test's configuration.
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop(1_000);
  for (const c of closers.splice(0)) await c();
});
afterAll(async () => {
  await pool.end();
});

async function receiver(reply?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(reply);
  closers.push(r.close);
  return r;
}

async function worker(o: Parameters<typeof testWorker>[1] = {}) {
  const w = testWorker(pool, o);
  workers.push(w);
  await w.start();
  return w;
}

const bodies = (reqs: Received[]) => reqs.map((r) => JSON.parse(r.body) as Record<string, unknown>);

type Stats = Awaited<ReturnType<typeof getDeliveryStats>>;

// A destination's stats once `ready` holds: a receiver that has answered does not mean the worker has counted it yet.
function statsWhen(w: { stats: { flush: () => Promise<unknown> } }, workspaceId: string, destinationId: string, ready: (s: Stats) => boolean) {
  return waitFor(async () => {
    await w.stats.flush();
    return getDeliveryStats({ workspaceId, destinationId });
  }, ready, 10_000, "delivery stats");
}

describe("delivery worker -> webhook", () => {
  it("delivers every event in order with a verifiable HMAC signature", async () => {
    const src = await seedSource();
    const rx = await receiver();
    await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url });
    await worker();
    const sent = await appendEvents(pool, { ...src, events: Array.from({ length: 20 }, (_, i) => ({ event: `E${i}`, properties: { i } })) });
    await waitFor(() => rx.requests.length, (n) => n >= 20, 15_000, "20 deliveries");
    // Sends within a read batch run in parallel: every event arrives once, not necessarily in order.
    expect(bodies(rx.requests).map((b) => b.messageId).sort()).toEqual(sent.map((e) => e.messageId).sort());
    for (const r of rx.requests) {
      const expected = `sha256=${createHmac("sha256", "test-signing-secret-0123456789").update(r.body).digest("hex")}`;
      expect(r.headers["x-switchyard-signature"]).toBe(expected);
      expect(r.headers["content-type"]).toBe("application/json");
    }
    expect(bodies(rx.requests).find((b) => b.event === "E3")).toMatchObject({ type: "track", event: "E3", properties: { i: 3 } });
  });

  it("sends what the user's mappings build: an edited default and an added mapping with its own trigger", async () => {
    const src = await seedSource();
    const rx = await receiver();
    const d = await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url });
    const [byDefault] = await getPrisma().mapping.findMany({ where: { workspaceId: src.workspaceId, destinationId: d.id } });
    const actor = cliActor("test");
    await saveMapping({
      workspaceId: src.workspaceId, destinationId: d.id, mappingId: byDefault.id, actor,
      mapping: { name: "Orders", trigger: { types: ["track"], events: ["Order Completed"] }, fields: [
        { to: "kind", from: { literal: "order" } },
        { to: "order.id", from: { path: "properties.orderId" } },
        { to: "note", from: { template: "{{userId}} spent {{properties.revenue}}" } },
      ] },
    });
    await saveMapping({
      workspaceId: src.workspaceId, destinationId: d.id, actor,
      mapping: { name: "Signups", trigger: { types: ["identify"], if: "traits.plan = 'team'" }, fields: [{ to: "signup.email", from: { path: "traits.email" } }] },
    });
    await worker();
    await appendEvents(pool, { ...src, events: [
      { event: "Order Completed", userId: "u1", properties: { orderId: "o-1", revenue: 42 } },
      { event: "Viewed", userId: "u1" },
      { type: "identify", event: null, userId: "u2", traits: { plan: "team", email: "b@example.com" } },
      { type: "identify", event: null, userId: "u3", traits: { plan: "free", email: "c@example.com" } },
    ] });
    await waitFor(() => rx.requests.length, (n) => n >= 2, 10_000, "2 deliveries");
    await new Promise((r) => setTimeout(r, 500));
    expect(bodies(rx.requests).sort((a, b) => String(a.kind ?? "").localeCompare(String(b.kind ?? "")))).toEqual([
      { signup: { email: "b@example.com" } },
      { kind: "order", order: { id: "o-1" }, note: "u1 spent 42" },
    ]);
  });

  it("batches by size and interval", async () => {
    const src = await seedSource();
    const rx = await receiver();
    await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url, settings: { batchSize: 10, batchIntervalMs: 300 } });
    await worker();
    await appendEvents(pool, { ...src, events: Array.from({ length: 25 }, (_, i) => ({ event: `B${i}` })) });
    await waitFor(() => rx.requests.length, (n) => n >= 3, 10_000, "3 batches");
    const sizes = bodies(rx.requests).map((b) => (b.batch as unknown[]).length);
    expect(sizes).toEqual([10, 10, 5]);
    // The partial batch waited for the interval.
    expect(rx.requests[2].at - rx.requests[0].at).toBeGreaterThanOrEqual(150);
  });

  it("retries 503s with backoff until the receiver recovers: nothing lost", async () => {
    const src = await seedSource();
    let failures = 0;
    const rx = await receiver(() => (failures++ < 4 ? { status: 503 } : { status: 200 }));
    const d = await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url, settings: { batchSize: 5 } });
    const w = await worker();
    const sent = await appendEvents(pool, { ...src, events: Array.from({ length: 12 }, (_, i) => ({ event: `R${i}` })) });
    await waitFor(() => new Set(bodies(rx.requests).flatMap((b) => (b.batch as { messageId: string }[]).map((e) => e.messageId))).size, (n) => n >= 12, 15_000, "all 12");
    const got = bodies(rx.requests).flatMap((b) => (b.batch as { messageId: string }[]).map((e) => e.messageId));
    expect([...new Set(got)].sort()).toEqual(sent.map((e) => e.messageId).sort());
    expect(failures).toBeGreaterThan(4);
    // The receiver has answered the last batch; the worker records it once the answer reaches it.
    const stats = await statsWhen(w, src.workspaceId, d.id, (s) => s.totals.delivered >= 12);
    expect(stats.totals.retried).toBeGreaterThan(0);
    expect(stats.totals.delivered).toBeGreaterThanOrEqual(12);
    expect(stats.recentErrors.some((s: { status: number }) => s.status === 503)).toBe(true);
  });

  it("honours Retry-After on a 429", async () => {
    const src = await seedSource();
    let n = 0;
    const rx = await receiver(() => (n++ === 0 ? { status: 429, headers: { "retry-after": "1" } } : { status: 200 }));
    await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url });
    await worker();
    const start = Date.now();
    await appendEvents(pool, { ...src, events: [{ event: "Limited" }] });
    await waitFor(() => rx.requests.length, (c) => c >= 1, 10_000, "delivery after 429");
    expect(rx.requests[0].at - start).toBeGreaterThanOrEqual(900);
  });

  it("discards a 400 and keeps the response as a sample, then goes on", async () => {
    const src = await seedSource();
    const rx = await receiver((r) => (r.body.includes('"Bad"') ? { status: 400, body: "missing field foo" } : { status: 200 }));
    const d = await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url, settings: { headers: { Authorization: "Bearer hook-token-123" } } });
    const w = await worker();
    await appendEvents(pool, { ...src, events: [{ event: "Bad" }, { event: "Good" }] });
    await waitFor(() => rx.requests.length, (c) => c >= 1, 10_000, "the good event");
    expect(bodies(rx.requests).map((b) => b.event)).toEqual(["Good"]);
    const stats = await statsWhen(w, src.workspaceId, d.id, (s) => s.totals.failed >= 1 && s.recentErrors.length > 0);
    expect(stats.totals.failed).toBe(1);
    const sample = stats.recentErrors.find((s: { outcome: string }) => s.outcome === "discarded") as { status: number; response: string; request: { headers: Record<string, string>; body: string }; event: { event: string } };
    expect(sample.status).toBe(400);
    expect(sample.response).toBe("missing field foo");
    expect(sample.event.event).toBe("Bad");
    expect(sample.request.headers.Authorization).toBe("[redacted]");
    expect(JSON.stringify(sample)).not.toContain("hook-token-123");
    expect(JSON.stringify(sample)).not.toContain("test-signing-secret");
    expect((await listDeadLetters({ workspaceId: src.workspaceId, destinationId: d.id })).total).toBe(0);
  });

  it("dead-letters events after the retry window; a retry delivers them", async () => {
    const src = await seedSource();
    let up = false;
    const rx = await receiver(() => (up ? { status: 200 } : { status: 500 }));
    const d = await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url, settings: { batchSize: 10 } });
    await worker({ retryWindowMs: 400 });
    const sent = await appendEvents(pool, { ...src, events: Array.from({ length: 6 }, (_, i) => ({ event: `D${i}` })) });
    const dead = await waitFor(() => listDeadLetters({ workspaceId: src.workspaceId, destinationId: d.id }), (l) => l.total === 6, 15_000, "6 dead letters");
    expect(dead.deadLetters.map((x) => x.messageId).sort()).toEqual(sent.map((e) => e.messageId).sort());
    expect(dead.deadLetters[0].lastStatus).toBe(500);
    expect(rx.requests).toHaveLength(0);
    up = true;
    const r = await retryDeadLetters({ workspaceId: src.workspaceId, destinationId: d.id, actor: cliActor("test") });
    expect(r.retried).toBe(6);
    await waitFor(() => rx.requests.length, (c) => c >= 1, 10_000, "retried delivery");
    const got = bodies(rx.requests).flatMap((b) => (b.batch as { messageId: string }[]).map((e) => e.messageId));
    expect(got.sort()).toEqual(sent.map((e) => e.messageId).sort());
    expect((await listDeadLetters({ workspaceId: src.workspaceId, destinationId: d.id })).total).toBe(0);
  });

  it("honours integrations and the connection's filters", async () => {
    const src = await seedSource();
    const rx = await receiver();
    const d = await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url, name: "My Hook" });
    await addFilter({ workspaceId: src.workspaceId, destinationId: d.id, sourceId: src.sourceId, actor: cliActor("test"), filter: { if: "event = 'Dropped'", actions: [{ type: "DROP" }] } });
    await addFilter({ workspaceId: src.workspaceId, destinationId: d.id, sourceId: src.sourceId, actor: cliActor("test"), filter: { if: "type = 'track'", actions: [{ type: "DROP_PROPERTIES", fields: { properties: ["secret"] } }] } });
    await addFilter({ workspaceId: src.workspaceId, destinationId: d.id, sourceId: src.sourceId, actor: cliActor("test"), filter: { if: "properties.pattern != null and match(event, properties.pattern)", actions: [{ type: "DROP" }] } });
    const w = await worker();
    await appendEvents(pool, {
      ...src,
      events: [
        { event: "Dropped" },
        { event: "Blocked", integrations: { All: false } },
        { event: "Named", integrations: { All: false, Webhooks: true } },
        { event: "Wrong case", integrations: { All: false, webhooks: true } },
        { event: "Off by name", integrations: { "My Hook": false } },
        { event: "Kept", properties: { secret: "x", ok: 1 } },
        { event: "Runtime error", properties: { pattern: 5 } },
      ],
    });
    await waitFor(() => rx.requests.length, (c) => c >= 2, 10_000, "2 deliveries");
    await new Promise((r) => setTimeout(r, 300));
    expect(bodies(rx.requests).map((b) => b.event)).toEqual(["Named", "Kept"]);
    expect(bodies(rx.requests)[1].properties).toEqual({ ok: 1 });
    const stats = await statsWhen(w, src.workspaceId, d.id, (s) => s.totals.filterErrors + s.totals.filtered >= 5);
    expect(stats.totals.filterErrors).toBe(1);
    expect(stats.totals.filtered).toBe(4);
  });

  it("refuses private addresses unless the operator allows them", async () => {
    const src = await seedSource();
    let hits = 0;
    const rx = await receiver(() => (hits++, { status: 200 }));
    const d = await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url.replace("127.0.0.1", "localhost") });
    const w = await worker({ allowPrivateDestinations: false });
    await appendEvents(pool, { ...src, events: [{ event: "Probe" }] });
    const stats = await statsWhen(w, src.workspaceId, d.id, (s) => s.totals.failed === 1 && s.recentErrors.length > 0);
    expect(hits).toBe(0);
    expect(stats.recentErrors[0].error).toMatch(/private or local address/);
  });

  it("a crashed worker loses nothing: another resumes from the cursor", async () => {
    const src = await seedSource();
    let hang = true;
    const rx = await receiver(() => (hang ? "hang" : { status: 200 }));
    await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url, settings: { batchSize: 5, timeoutMs: 60_000 } });
    const a = testWorker(pool, { leaseMs: 1_000, sendTimeoutMs: 60_000 });
    await a.start();
    const sent = await appendEvents(pool, { ...src, events: Array.from({ length: 10 }, (_, i) => ({ event: `C${i}` })) });
    await new Promise((r) => setTimeout(r, 500));
    await a.crash();
    hang = false;
    await worker({ leaseMs: 1_000 });
    await waitFor(() => rx.requests.length, (c) => c >= 2, 15_000, "redelivery by the second worker");
    const got = bodies(rx.requests).flatMap((b) => (b.batch as { messageId: string }[]).map((e) => e.messageId));
    expect([...new Set(got)].sort()).toEqual(sent.map((e) => e.messageId).sort());
  });

  it("two workers share connections without delivering an event twice concurrently", async () => {
    const src = await seedSource();
    const rx = await receiver();
    await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url, settings: { batchSize: 20 } });
    await worker();
    await worker();
    const sent = await appendEvents(pool, { ...src, events: Array.from({ length: 200 }, (_, i) => ({ event: `S${i}` })) });
    await waitFor(() => rx.requests.reduce((n, r) => n + (JSON.parse(r.body).batch as unknown[]).length, 0), (n) => n >= 200, 15_000, "200 events");
    await new Promise((r) => setTimeout(r, 300));
    const got = bodies(rx.requests).flatMap((b) => (b.batch as { messageId: string }[]).map((e) => e.messageId));
    expect(got).toHaveLength(200);
    expect(got.sort()).toEqual(sent.map((e) => e.messageId).sort());
  });

  it("skips no event when transactions commit out of order, and sends each once in (tx_id, seq) order", async () => {
    const src = await seedSource();
    const rx = await receiver();
    await webhookDestination({ workspaceId: src.workspaceId, sourceId: src.sourceId, url: rx.url, settings: { batchSize: 10, batchIntervalMs: 0 } });
    const slow = await pool.connect();
    try {
      // The slow transaction takes its tx id first; the fast one inserts and commits; then the slow one inserts. Its
      // event has the smaller tx_id but the larger seq, and commits last.
      await slow.query("BEGIN");
      await slow.query("SELECT pg_current_xact_id()");
      await appendEvents(pool, { ...src, events: [{ event: "Fast" }] });
      await appendEvents(slow, { ...src, events: [{ event: "Late" }] });
      // The worker starts and polls while the slow transaction is open: the committed event waits behind it instead
      // of moving the cursor past the one still to come.
      await worker();
      await new Promise((r) => setTimeout(r, 600));
      expect(rx.requests).toHaveLength(0);
      await slow.query("COMMIT");
    } finally {
      await slow.query("ROLLBACK").catch(() => {});
      slow.release();
    }
    await waitFor(() => rx.requests.length, (n) => n >= 1, 10_000, "delivery after the commit");
    await new Promise((r) => setTimeout(r, 500));
    const got = bodies(rx.requests).flatMap((b) => (b.batch as { event: string }[]).map((e) => e.event));
    expect(got).toEqual(["Late", "Fast"]);
    // Seq order is the other way round: a cursor on seq alone that had read "Fast" would have moved past "Late".
    const { rows } = await pool.query<{ event: string; tx_first: boolean }>(
      `SELECT event, tx_id = min(tx_id) OVER () AS tx_first FROM eventlog.events WHERE source_id = $1 ORDER BY seq`,
      [src.sourceId],
    );
    expect(rows).toEqual([{ event: "Fast", tx_first: false }, { event: "Late", tx_first: true }]);
  });

  it("refuses a third destination on the Free tier, saying why", async () => {
    const src = await seedSource();
    const make = (name: string) =>
      createDestination({ workspaceId: src.workspaceId, type: "webhook", name, settings: { url: "https://example.com/hook" }, actor: cliActor("test") });
    await make("one");
    await make("two");
    await expect(make("three")).rejects.toMatchObject({ code: "limit_exceeded", message: expect.stringMatching(/Free tier allows 2 destinations/) });
  });
});

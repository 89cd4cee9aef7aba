import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { seedSource } from "@/tests/helpers/seed-source";
import { readEvents } from "@/tests/helpers/read-events";
import { basicAuth, startCollector, type TestCollector } from "@/tests/helpers/start-collector";

// A TCP proxy in front of the test database that the test can cut and restore: a database outage on demand.
class CuttableProxy {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private target: { host: string; port: number }) {}

  async open() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async cut() {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

let proxy: CuttableProxy;
let collector: TestCollector;
let source: Awaited<ReturnType<typeof seedSource>>;

beforeAll(async () => {
  const url = new URL(getEnv().DATABASE_URL);
  proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
  await proxy.open();
  url.host = `127.0.0.1:${proxy.port}`;
  collector = await startCollector({ databaseUrl: url.toString(), keyCacheTtlMs: 60_000 });
  source = await seedSource();
});
afterAll(async () => {
  await collector.stop();
  await proxy.cut().catch(() => {});
});

const send = (messageId: string) =>
  fetch(`${collector.url}/v1/track`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: basicAuth(source.writeKey) },
    body: JSON.stringify({ userId: "u", event: "Outage", messageId }),
  });

// Twenty events: enough for the writer to claim their dedupe keys in a transaction of their own while they wait.
const sendBatch = (prefix: string) =>
  fetch(`${collector.url}/v1/batch`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: basicAuth(source.writeKey) },
    body: JSON.stringify({ batch: Array.from({ length: 20 }, (_, i) => ({ type: "track", userId: "u", event: "Outage", messageId: `${prefix}-${i}` })) }),
  });
const batchIds = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}-${i}`);

// The key stays cached across the outage, so the failure surfaces in the group-commit writer itself.
describe("database outage", () => {
  it("answers 503 while the database is unreachable and recovers by itself when it returns", async () => {
    expect((await send("before")).status).toBe(200);
    expect((await sendBatch("batch-before")).status).toBe(200);
    expect((await fetch(`${collector.url}/health`)).status).toBe(200);

    await proxy.cut();
    for (const id of ["during-1", "during-2"]) {
      const res = await send(id);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect((await res.json()).error.code).toBe("unavailable");
    }
    const batchDuring = await sendBatch("batch-during");
    expect(batchDuring.status).toBe(503);
    expect((await fetch(`${collector.url}/health`)).status).toBe(503);

    await proxy.open();
    expect((await fetch(`${collector.url}/health`)).status).toBe(200);
    // An SDK retries a 503 with the same messageId; it must land exactly once.
    expect((await send("during-1")).status).toBe(200);
    expect((await send("during-1")).status).toBe(200);
    expect((await sendBatch("batch-during")).status).toBe(200);
    expect((await sendBatch("batch-during")).status).toBe(200);
    const ids = (await readEvents(source.sourceId)).map((e) => e.message_id).sort();
    expect(ids).toEqual(["before", "during-1", ...batchIds("batch-before"), ...batchIds("batch-during")].sort());
    const metrics = await (await fetch(`${collector.url}/metrics`)).text();
    expect(metrics).toMatch(/reason="unavailable",scope="request"\} 3/);
  });
});

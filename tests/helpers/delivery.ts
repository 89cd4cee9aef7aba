import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { cliActor } from "@/domain/actor";
import { connectDestination } from "@/domain/destinations/connect-destination";
import { createDestination } from "@/domain/destinations/create-destination";
import { getPrisma } from "@/lib/db/prisma";
import { getEnv } from "@/lib/env";
import { DeliveryWorker, type DeliveryWorkerOptions } from "@/worker/delivery-worker";

export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; at: number };
export type Reply = { status: number; headers?: Record<string, string>; body?: string } | "hang";

// A real HTTP receiver on an ephemeral port. `reply` decides each answer (default 200).
export async function startReceiver(reply: (r: Received, n: number) => Reply = () => ({ status: 200 })) {
  const requests: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const r: Received = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      const answer = reply(r, requests.length);
      if (answer === "hang") {
        hanging.add(res);
        return;
      }
      if (answer.status >= 200 && answer.status < 300) requests.push(r);
      res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? "");
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    // Requests answered with 2xx.
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function webhookDestination(o: { workspaceId: string; sourceId: string; url: string; name?: string; settings?: Record<string, unknown> }) {
  const d = await createDestination({
    workspaceId: o.workspaceId, type: "webhook", name: o.name ?? "Hook", actor: cliActor("test"),
    settings: { url: o.url, signingSecret: "test-signing-secret-0123456789", timeoutMs: 2_000, ...o.settings },
  });
  await connectDestination({ workspaceId: o.workspaceId, destinationId: d.id, sourceId: o.sourceId, actor: cliActor("test") });
  // Business tier: tests may add more destinations than Free allows.
  return d;
}

export async function upgradeWorkspace(workspaceId: string) {
  await getPrisma().workspace.update({ where: { id: workspaceId }, data: { tier: "TEAM" } });
}

let counter = 0;

// Appends events to the log as the collector would (tests that are not about the collector). Given a client inside
// a transaction, the events become visible when the test commits it.
export async function appendEvents(pool: pg.Pool | pg.PoolClient, o: { workspaceId: string; sourceId: string; events: Record<string, unknown>[] }) {
  const now = new Date().toISOString();
  const rows = o.events.map((e) => ({
    type: "track", messageId: `m-${process.pid}-${Date.now()}-${counter++}`, userId: "u1", receivedAt: now, timestamp: now,
    integrations: { All: true }, ...e,
  }));
  // One segment per run of events on the same UTC day, as the collector's writer cuts them.
  const segments: { first: string; last: string; lines: string[] }[] = [];
  for (const r of rows) {
    const at = new Date(String(r.receivedAt)).toISOString();
    const open = segments.at(-1);
    if (open && open.first.slice(0, 10) === at.slice(0, 10) && open.lines.length < 8_192) {
      open.lines.push(JSON.stringify(r));
      open.last = at;
    } else segments.push({ first: at, last: at, lines: [JSON.stringify(r)] });
  }
  await pool.query(
    `INSERT INTO eventlog.segments (seq, count, workspace_id, source_id, received_at, last_received_at, payloads)
     SELECT nextval('eventlog.events_seq'), t.count, $1, $2, t.first, t.last, t.payloads
     FROM unnest($3::int[], $4::timestamptz[], $5::timestamptz[], $6::text[]) AS t(count, first, last, payloads)`,
    [o.workspaceId, o.sourceId, segments.map((x) => x.lines.length), segments.map((x) => x.first), segments.map((x) => x.last), segments.map((x) => x.lines.join("\n"))],
  );
  return rows;
}

export function testPool(max = 20) {
  const pool = new pg.Pool({ connectionString: getEnv().DATABASE_URL, max });
  pool.on("error", () => {});
  return pool;
}

// A worker with test-sized timings: short backoffs, short leases, fast polling.
export function testWorker(pool: pg.Pool, o: Partial<DeliveryWorkerOptions> = {}) {
  return new DeliveryWorker({
    pool,
    allowPrivateDestinations: true,
    retryWindowMs: 60_000,
    backoffBaseMs: 50,
    backoffMaxMs: 300,
    sendTimeoutMs: 2_000,
    leaseMs: 3_000,
    pollIntervalMs: 50,
    configRefreshMs: 100,
    defaultWarehouseUrl: getEnv().DATABASE_URL,
    ...o,
  });
}

export async function waitFor<T>(fn: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// `npm run bench:delivery`: delivery throughput to a local webhook receiver, the throughput a healthy destination
// keeps while another destination on the same source never answers (solo and dead drains alternating, twice each),
// and ingest-to-delivery latency at a steady 1,000 events/s. Fresh database on DATABASE_URL's server (local only;
// default 127.0.0.1:5432). The collector and the worker run as their own processes, as under `npm start`; the load
// comes from bench/drive-load.ts in a third.
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { basicAuth, createBenchDatabase } from "./support/bench-database";
import { driveLoad, percentile, startProcess, stopProcess, until } from "./support/bench-processes";

// Large enough that a drain lasts several seconds: a shorter one measures start-up more than throughput.
const EVENTS = Number(process.env.BENCH_EVENTS ?? 150_000);
const LATENCY_SEC = Number(process.env.BENCH_DURATION_SEC ?? 10);

type Receiver = { url: string; count: () => number; first: () => number; last: () => number; latencies: number[]; reset: () => void; close: () => Promise<void> };

// Counts delivered events (a body is one event or {"batch": [...]}); latency = arrival - the event's receivedAt.
async function startReceiver(mode: "ok" | "hang"): Promise<Receiver> {
  let count = 0;
  let first = 0;
  let last = 0;
  const latencies: number[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (mode === "hang") {
      hanging.add(res);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const now = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { batch?: { receivedAt: string }[]; receivedAt?: string };
      const events = body.batch ?? [body as { receivedAt: string }];
      if (count === 0) first = now;
      count += events.length;
      last = now;
      for (const e of events) latencies.push(now - Date.parse(e.receivedAt));
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    count: () => count,
    first: () => first,
    last: () => last,
    latencies,
    reset: () => {
      count = 0;
      latencies.length = 0;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const benchEvent = (i: number) => ({
  type: "track",
  event: "Order Completed",
  userId: `user-${i % 5000}`,
  properties: { orderId: `o-${i}`, revenue: 42.5, currency: "EUR", products: [{ sku: "a-1", quantity: 2 }] },
  context: { library: { name: "bench", version: "1" } },
});

async function main() {
  const bench = await createBenchDatabase("delivery");
  const children: ChildProcess[] = [];
  const receivers: Receiver[] = [];
  const env = {
    ...bench.env,
    SWITCHYARD_ALLOW_PRIVATE_DESTINATIONS: "true",
    DELIVERY_SEND_TIMEOUT_MS: "2000",
    COLLECTOR_HOST: "127.0.0.1",
    COLLECTOR_PORT: String(18_800 + (process.pid % 500)),
  };
  // The domain functions below (destinations are created as the console would) read the same settings.
  Object.assign(process.env, env);
  try {
    const { cliActor } = await import("../domain/actor");
    const { createDestination } = await import("../domain/destinations/create-destination");
    const { connectDestination } = await import("../domain/destinations/connect-destination");
    const keys: Record<string, string> = {};
    keys.src_latency = await bench.seedSource({ sourceId: "src_latency", tier: "TEAM" });
    const actor = cliActor("bench");
    const hook = async (sourceId: string, receiver: Receiver, name: string) => {
      const d = await createDestination({
        workspaceId: "ws_bench", type: "webhook", name, actor,
        settings: { url: receiver.url, batchSize: 100, batchIntervalMs: 100, timeoutMs: 2_000, signingSecret: "bench-signing-secret-0123456789" },
      });
      await connectDestination({ workspaceId: "ws_bench", destinationId: d.id, sourceId, actor });
    };

    const collector = startProcess("collector", "collector/main.ts", env);
    children.push(collector);
    const base = `http://127.0.0.1:${env.COLLECTOR_PORT}`;
    await until("the collector", () => fetch(`${base}/health`).then((r) => r.ok, () => false));
    const auth = (src: string) => ({ "Content-Type": "application/json", Authorization: basicAuth(keys[src]) });
    const preload = async (src: string) => {
      for (let i = 0; i < EVENTS; i += 500) {
        const batches = Array.from({ length: 5 }, (_, b) => ({ batch: Array.from({ length: 100 }, (_, j) => benchEvent(i + b * 100 + j)) }));
        await Promise.all(batches.map((b) => fetch(`${base}/v1/batch`, { method: "POST", headers: auth(src), body: JSON.stringify(b) }).then((r) => {
          if (!r.ok) throw new Error(`preload: ${r.status}`);
        })));
      }
    };

    // Drains: the log holds EVENTS events for a source; a worker starts and delivers them to a webhook; events/s
    // from the first delivery to the last. With `dead`, a second destination on the same source never answers.
    // Solo and dead drains alternate, twice each, so whatever drifts during the run (table size, autovacuum of
    // the previous drain's rows) weighs on both alike.
    let drains = 0;
    const drain = async (dead: boolean) => {
      const sourceId = `src_drain_${++drains}`;
      keys[sourceId] = await bench.seedSource({ sourceId, tier: "TEAM" });
      const healthy = await startReceiver("ok");
      receivers.push(healthy);
      await hook(sourceId, healthy, `Drain ${drains}`);
      if (dead) {
        const hanging = await startReceiver("hang");
        receivers.push(hanging);
        await hook(sourceId, hanging, `Dead ${drains}`);
      }
      process.stderr.write(`drain ${drains}: preloading ${EVENTS} events${dead ? " (one destination dead)" : ""}...\n`);
      await preload(sourceId);
      const worker = startProcess("worker", "worker/main.ts", env);
      children.push(worker);
      await until(`drain ${drains}`, () => healthy.count() >= EVENTS, 300_000);
      await stopProcess(worker);
      return EVENTS / ((healthy.last() - healthy.first()) / 1000);
    };
    const soloRuns: number[] = [];
    const deadRuns: number[] = [];
    for (let round = 0; round < 2; round++) {
      soloRuns.push(await drain(false));
      deadRuns.push(await drain(true));
    }
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const solo = mean(soloRuns);
    const withDead = mean(deadRuns);
    const worker = startProcess("worker", "worker/main.ts", env);
    children.push(worker);

    // 3. Latency: a steady 1,000 single-event requests per second through the collector while the worker runs
    // (the dead destination is still retrying: that is the realistic case).
    const steady = await startReceiver("ok");
    receivers.push(steady);
    await hook("src_latency", steady, "Latency hook");
    await new Promise((r) => setTimeout(r, 2_500)); // the worker picks up new connections within 2 s
    process.stderr.write(`1,000 events/s for ${LATENCY_SEC} s...\n`);
    const load = await driveLoad({
      url: `${base}/v1/track`, body: JSON.stringify(benchEvent(0)), headers: auth("src_latency"), connections: 50, durationSec: LATENCY_SEC, rate: 1_000,
    });
    await until("latency delivery", () => steady.count() >= load.ok, 60_000);
    await stopProcess(worker);

    const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
    console.table([
      { scenario: "drain, one webhook (batch 100)", events: EVENTS, "events/s": Math.round(solo), runs: soloRuns.map(Math.round).join(" / ") },
      { scenario: "drain, same + a dead destination", events: EVENTS, "events/s": Math.round(withDead), runs: deadRuns.map(Math.round).join(" / ") },
      { scenario: "1,000 events/s ingest -> delivery", events: steady.count(), "p50 ms": percentile(steady.latencies, 50), "p95 ms": percentile(steady.latencies, 95) },
    ]);
    console.log(JSON.stringify({
      date: new Date().toISOString(),
      machine,
      throughputEventsPerSec: Math.round(solo),
      throughputWithDeadDestinationEventsPerSec: Math.round(withDead),
      isolationLossPercent: Number((((solo - withDead) / solo) * 100).toFixed(1)),
      latencyAt1000PerSec: { delivered: steady.count(), sent: load.ok, p50Ms: percentile(steady.latencies, 50), p95Ms: percentile(steady.latencies, 95), p99Ms: percentile(steady.latencies, 99) },
      targets: { throughput: ">= 10000 events/s", p95: "<= 2000 ms", isolationLoss: "<= 10%" },
    }, null, 2));
  } finally {
    for (const c of children) await stopProcess(c);
    for (const r of receivers) await r.close();
    await bench.drop();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});

// `npm run bench:debugger`: end-to-end latency of the live debugger, from the moment a client sends an event to the
// moment an SSE client of the collector's debugger stream receives it, at a steady 1,000 events/s (batches of 10
// every 10 ms, as SDKs send them). Two collector processes share a fresh database: load goes to one, the streams
// (one for the source, one for the workspace) are open on the other, so every event crosses the shared log.
// Uses DATABASE_URL's server (local only), else 127.0.0.1:5432. BENCH_DURATION_SEC (default 20), BENCH_RATE (1000).
import type { ChildProcess } from "node:child_process";
import { signDebuggerToken } from "../lib/debugger/debugger-token";
import { basicAuth, createBenchDatabase } from "./support/bench-database";
import { percentile, startProcess, stopProcess, until } from "./support/bench-processes";

const DURATION = Number(process.env.BENCH_DURATION_SEC ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const BATCH = 10;
const WARMUP_MS = 2_000;

// Reads the stream; for each event, the latency from its properties.sentAt (ms since epoch, this process's clock).
function subscribe(url: string, onEvent: (latencyMs: number, id: string) => void): Promise<{ close: () => void }> {
  const controller = new AbortController();
  return new Promise((resolve, reject) => {
    fetch(url, { signal: controller.signal })
      .then(async (res) => {
        if (res.status !== 200) throw new Error(`stream answered ${res.status}`);
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let buf = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buf += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            if (/^event: ready$/m.test(block)) resolve({ close: () => controller.abort() });
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (!data || /^event: /m.test(block)) continue;
            const e = JSON.parse(data) as { id: string; payload: { properties?: { sentAt?: number } } };
            const sentAt = e.payload?.properties?.sentAt;
            if (typeof sentAt === "number") onEvent(Date.now() - sentAt, e.id);
          }
        }
      })
      .catch((err) => {
        if ((err as Error).name !== "AbortError") reject(err);
      });
  });
}

async function main() {
  const bench = await createBenchDatabase("debugger");
  const children: ChildProcess[] = [];
  try {
    const writeKey = await bench.seedSource({ sourceId: "src_bench" });
    const secret = bench.env.AUTH_SECRET;
    const port = 18_900 + (process.pid % 400);
    const ingestUrl = `http://127.0.0.1:${port}`;
    const streamUrl = `http://127.0.0.1:${port + 1}`;
    for (const p of [port, port + 1]) children.push(startProcess(`collector :${p}`, "collector/main.ts", { ...bench.env, COLLECTOR_PORT: String(p), COLLECTOR_HOST: "127.0.0.1" }));
    for (const url of [ingestUrl, streamUrl]) await until(url, () => fetch(`${url}/health`).then((r) => r.ok, () => false), 60_000);

    const { token } = signDebuggerToken({ secret, workspaceId: "ws_bench", sourceIds: null, userId: "bench", ttlSeconds: 3_600 });
    const latencies: number[][] = [[], []];
    const seen = [new Set<string>(), new Set<string>()];
    const duplicates = [0, 0];
    let measuring = false;
    const streams = await Promise.all(
      [`&sourceId=src_bench`, ``].map((extra, i) =>
        subscribe(`${streamUrl}/v1/debugger/stream?token=${encodeURIComponent(token)}${extra}`, (ms, id) => {
          if (seen[i].has(id)) duplicates[i]++;
          seen[i].add(id);
          if (measuring) latencies[i].push(ms);
        }),
      ),
    );

    const auth = basicAuth(writeKey);
    let sent = 0;
    let failed = 0;
    const intervalMs = (BATCH * 1000) / RATE;
    const started = Date.now();
    const end = started + WARMUP_MS + DURATION * 1000;
    const inFlight = new Set<Promise<void>>();
    for (let tick = 0; Date.now() < end; tick++) {
      const due = started + tick * intervalMs;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      measuring = Date.now() - started >= WARMUP_MS;
      const now = Date.now();
      const batch = Array.from({ length: BATCH }, (_, j) => ({
        type: "track",
        event: "Bench Event",
        userId: `user-${(sent + j) % 1000}`,
        properties: { sentAt: now, plan: "team", revenue: 12.5, items: [{ sku: "a-1", qty: 2 }] },
        context: { library: { name: "bench", version: "1" } },
      }));
      sent += BATCH;
      const p: Promise<void> = fetch(`${ingestUrl}/v1/batch`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ batch }),
      })
        .then((r) => {
          if (r.status !== 200) failed += BATCH;
          return r.arrayBuffer();
        })
        .then(
          () => undefined,
          () => {
            failed += BATCH;
          },
        )
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    const elapsed = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 3_000));
    for (const s of streams) s.close();

    console.log(`sent ${sent} events in ${elapsed.toFixed(1)} s (${Math.round(sent / elapsed)}/s offered), ${failed} refused or failed`);
    ["source stream", "workspace stream"].forEach((label, i) => {
      const sorted = latencies[i];
      console.log(
        `${label}: received ${seen[i].size}/${sent - failed} (${duplicates[i]} duplicates); latency over ${sorted.length} measured events: ` +
          `p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, p99 ${percentile(sorted, 99)} ms, max ${percentile(sorted, 100)} ms`,
      );
    });
  } finally {
    for (const c of children) await stopProcess(c);
    await bench.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// `npm run bench:debugger`: end-to-end latency of the live debugger, from the moment a client sends an event to the
// moment an SSE client of the collector's debugger stream receives it, at a steady 1,000 events/s (batches of 10
// every 10 ms, as SDKs send them). Two collector processes share a fresh database: load goes to one, the streams
// (one for the source, one for the workspace) are open on the other, so every event crosses the shared log.
// Uses DATABASE_URL's server (local only), else 127.0.0.1:5432. BENCH_DURATION_SEC (default 20), BENCH_RATE (1000).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { hashToken } from "../lib/crypto/tokens";
import { signDebuggerToken } from "../lib/debugger/debugger-token";
import { isLocalDatabase, withDatabase } from "../scripts/lib/database-url";
import { migrateDatabase } from "../scripts/lib/migrate-database";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "..");
const DURATION = Number(process.env.BENCH_DURATION_SEC ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const BATCH = 10;
const WARMUP_MS = 2_000;

function startCollector(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), path.join(ROOT, "collector/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...env, COLLECTOR_PORT: String(port), COLLECTOR_HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

async function healthy(url: string) {
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${url}/health`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

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

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function main() {
  const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  if (!isLocalDatabase(serverUrl)) throw new Error("Refusing to benchmark against a non-local database.");
  const dbName = `switchyard_bench_dbg_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const databaseUrl = withDatabase(serverUrl, dbName);
  const children: ChildProcess[] = [];
  try {
    await migrateDatabase(databaseUrl);
    const writeKey = randomBytes(24).toString("hex");
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO workspaces (id, name, updated_at) VALUES ('ws_bench', 'Bench', now())`);
    await db.query(`INSERT INTO sources (id, workspace_id, name, type, updated_at) VALUES ('src_bench', 'ws_bench', 'Bench', 'SERVER', now())`);
    await db.query(`INSERT INTO write_keys (id, workspace_id, source_id, prefix, key_hash) VALUES ('key_bench', 'ws_bench', 'src_bench', $1, $2)`, [
      writeKey.slice(0, 6),
      hashToken(writeKey),
    ]);
    await db.end();

    const secret = randomBytes(32).toString("hex");
    const env = {
      NODE_ENV: "production" as const,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: secret,
      SWITCHYARD_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    };
    const port = 18_900 + (process.pid % 400);
    const ingestUrl = `http://127.0.0.1:${port}`;
    const streamUrl = `http://127.0.0.1:${port + 1}`;
    children.push(startCollector(port, env), startCollector(port + 1, env));
    await Promise.all([healthy(ingestUrl), healthy(streamUrl)]);

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

    const auth = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
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
      const sorted = [...latencies[i]].sort((x, y) => x - y);
      console.log(
        `${label}: received ${seen[i].size}/${sent - failed} (${duplicates[i]} duplicates); latency over ${sorted.length} measured events: ` +
          `p50 ${pct(sorted, 50)} ms, p95 ${pct(sorted, 95)} ms, p99 ${pct(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms`,
      );
    });
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1_000));
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { collectorNodeFlags } from "../../collector/node-flags";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = require.resolve("tsx/cli");

// A Switchyard process (or the baseline) under test, as `npm start` runs it (the collector with its Node options).
// Only its warnings and errors show.
export function startProcess(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const nodeFlags = script === "collector/main.ts" ? collectorNodeFlags() : [];
  const child = spawn(process.execPath, [TSX, ...nodeFlags, path.join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (d: Buffer) => {
    const text = d.toString();
    if (/"level":"(error|warn)"|"level":(40|50)|Error/.test(text)) process.stderr.write(`[${name}] ${text}`);
  });
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Resolves once `url` answers at all (any status), or fails when the process exits first.
export async function waitForServer(url: string, child: ChildProcess, init?: RequestInit): Promise<void> {
  await until(url, async () => {
    if (child.exitCode !== null) throw new Error(`${url}: process exited`);
    return fetch(url, init).then(() => true, () => false);
  }, 60_000);
}

// connections: with `rate` (the open loop), a minimum; the result says how many were used.
export type LoadSpec = { url: string; body: string; headers: Record<string, string>; connections: number; durationSec: number; rate?: number };
// latencyCounts (open loop only): how many requests took each latency, in tenths of a millisecond, so the
// percentiles of several runs can be taken over all their requests.
// maxLoopDelayMs (open loop only): the load generator's own longest event-loop delay in the measured seconds.
// Requests due while it was held up are sent late and measured from when they were due, so a long one is the
// generator's, not the server's.
// queuedForConnection (open loop only): the share of the measured requests that were due while all the connections
// were busy, and the longest one of them waited for a free one. That wait counts in the latency, as it would for a
// client with that many connections; a large share means the connections, not the server, set the tail.
export type LoadResult = {
  requestsPerSec: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  latencyCounts?: Record<number, number>;
  maxLoopDelayMs?: number;
  queuedForConnection?: { share: number; maxMs: number };
  connections?: number;
};

// Runs bench/drive-load.ts in its own process, so the load generator does not share an event loop with anything.
export function driveLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, path.join(ROOT, "bench/drive-load.ts"), JSON.stringify(spec)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`load driver exited ${code}`))));
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

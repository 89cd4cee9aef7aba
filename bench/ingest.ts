// `npm run bench:ingest`: the collector against a minimal durable baseline, on a fresh database, in one run.
// Load comes from a separate process (bench/drive-load.ts). Prints events/s, p50/p99 latency, the ratio to the baseline and
// the collector's p99 at half of its peak rate. Uses DATABASE_URL's server (local only), else 127.0.0.1:5432.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { basicAuth, createBenchDatabase } from "./support/bench-database";
import { driveLoad, startProcess, stopProcess, waitForServer, type LoadResult } from "./support/bench-processes";
import { cpuPerEvent, snapshotCpu, type CpuPerEvent } from "./support/read-cpu-ticks";
import { startStallProbe, type MachineStalls } from "./support/machine-stalls";
import { poolOpenLoopRuns } from "./support/pool-open-loop-runs";
import { startWaitSampler, type PostgresWaits } from "./support/sample-postgres-waits";
import { highestBoundMs, parseHistogramBuckets, quantileBoundMs, type HistogramBuckets } from "./support/read-collector-histogram";

const DURATION = Number(process.env.BENCH_DURATION_SEC ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const HALF_ROUNDS = Number(process.env.BENCH_HALF_ROUNDS ?? 4);

type Load = LoadResult;

const event = (i: number) => ({
  type: "track",
  event: "Bench Event",
  userId: `user-${i % 1000}`,
  properties: { plan: "team", revenue: 12.5, items: [{ sku: "a-1", qty: 2 }] },
  context: { library: { name: "bench", version: "1" }, locale: "en-US" },
  timestamp: new Date().toISOString(),
});

async function main() {
  const bench = await createBenchDatabase("ingest");
  const children: ChildProcess[] = [];
  try {
    const writeKey = await bench.seedSource({ sourceId: "src_bench" });
    const db = new pg.Client({ connectionString: bench.url });
    await db.connect();

    const collectorPort = 18_300 + (process.pid % 500);
    const baselinePort = collectorPort + 1;
    const env = {
      ...bench.env,
      COLLECTOR_PORT: String(collectorPort),
      COLLECTOR_HOST: "127.0.0.1",
      BASELINE_PORT: String(baselinePort),
    };
    children.push(startProcess("collector", "collector/main.ts", env), startProcess("baseline", "bench/baseline-server.ts", env));
    const collector = `http://127.0.0.1:${collectorPort}`;
    const baseline = `http://127.0.0.1:${baselinePort}`;
    await waitForServer(`${collector}/v1/m`, children[0], { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    await waitForServer(`${baseline}/v1/track`, children[1], { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });

    const headers = { "Content-Type": "application/json", Authorization: basicAuth(writeKey) };
    const single = JSON.stringify(event(1));
    const batch = JSON.stringify({ batch: Array.from({ length: 100 }, (_, i) => event(i)) });
    const eventsPerRequest = (name: string) => (name.includes("batch") ? 100 : 1);
    const run = (base: string, kind: "single" | "batch", o: { connections: number; durationSec?: number; rate?: number }) =>
      driveLoad({ url: `${base}${kind === "single" ? "/v1/track" : "/v1/batch"}`, body: kind === "single" ? single : batch, headers, connections: o.connections, durationSec: o.durationSec ?? DURATION, rate: o.rate });
    // CPU time per event of each measured run (Linux only): the server's process, PostgreSQL's, the whole machine's.
    // Throughput on a machine whose CPUs are all busy follows these more than commit latency.
    const serverPid = new Map([[collector, children[0].pid], [baseline, children[1].pid]]);
    const cpu: Record<string, CpuPerEvent[]> = {};
    // Over all measured runs: the machine's busy ticks and those the host of a virtual machine took.
    const ticks = { busy: 0, stolen: 0 };
    // The machine's own stalls during each measured run: a slow disk flush holds up every commit of both servers.
    const probe = await startStallProbe(await directoryOnDatabaseDisk(db));
    const stalls: Record<string, MachineStalls[]> = {};
    // During the half-peak runs only (its queries cost PostgreSQL CPU time, which is left out of the figures): what
    // PostgreSQL's statements waited on, so a slow run shows whether its commits waited for the disk.
    const waitSampler = await startWaitSampler(bench.url);
    const waits: Record<string, PostgresWaits[]> = {};
    // The collector's own view of each of its half-peak runs, from its /metrics histograms (ms, to their buckets'
    // bounds): its longest event-loop delay and garbage collection pause, and the p99 of its requests, of their wait
    // for a group commit to start and of the commits. A slow run whose requests were quick inside the collector lost
    // its time outside it.
    const collectorView: Record<string, CollectorView[]> = {};
    const readHistograms = async () => {
      const text = await (await fetch(`${collector}/metrics`)).text();
      return Object.fromEntries(Object.entries(COLLECTOR_HISTOGRAMS).map(([k, name]) => [k, parseHistogramBuckets(text, name)])) as Record<keyof CollectorView, HistogramBuckets>;
    };
    const measure = async (name: string, base: string, kind: "single" | "batch", o: { connections: number; rate?: number }) => {
      const readsCollector = o.rate !== undefined && base === collector;
      const histogramsBefore = readsCollector ? await readHistograms() : undefined;
      const before = snapshotCpu(serverPid.get(base));
      const work = (): Promise<{ result: Load; waits?: PostgresWaits }> =>
        o.rate === undefined ? run(base, kind, o).then((result) => ({ result })) : waitSampler.measure(() => run(base, kind, o));
      const { result: { result, waits: seenWaits }, stalls: seen } = await probe.measure(work);
      const after = snapshotCpu(serverPid.get(base));
      if (histogramsBefore) (collectorView[name] ??= []).push(describeCollectorRun(histogramsBefore, await readHistograms()));
      (stalls[name] ??= []).push(seen);
      if (seenWaits) (waits[name] ??= []).push(seenWaits);
      before?.postgres.delete(waitSampler.backendPid);
      after?.postgres.delete(waitSampler.backendPid);
      if (before && after) {
        (cpu[name] ??= []).push(cpuPerEvent(before, after, result.ok * eventsPerRequest(name)));
        ticks.busy += after.machineBusy - before.machineBusy;
        ticks.stolen += after.machineStolen - before.machineStolen;
      }
      return result;
    };

    process.stderr.write("warming up...\n");
    await run(collector, "single", { connections: 50, durationSec: 3 });
    await run(baseline, "single", { connections: 50, durationSec: 3 });

    // Collector and baseline alternate, ROUNDS times each, so drift on a shared machine hits both alike; every
    // other round runs in reverse order, so a machine that speeds up or slows down during the run does not favour
    // whichever goes second. The figures are the mean of the rounds.
    const results: Record<string, Load> = {};
    const scenarios = [
      ["collector single", collector, "single", 50],
      ["baseline single", baseline, "single", 50],
      ["collector batch100", collector, "batch", 20],
      ["baseline batch100", baseline, "batch", 20],
    ] as const;
    const rounds: Record<string, Load[]> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, base, kind, connections] of round % 2 ? [...scenarios].reverse() : scenarios) {
        process.stderr.write(`${name} (round ${round + 1})...\n`);
        (rounds[name] ??= []).push(await measure(name, base, kind, { connections }));
      }
    }
    for (const [name, list] of Object.entries(rounds)) {
      const mean = (f: (l: Load) => number) => list.reduce((a, l) => a + f(l), 0) / list.length;
      results[name] = {
        requestsPerSec: mean((l) => l.requestsPerSec),
        ok: mean((l) => l.ok),
        non2xx: mean((l) => l.non2xx),
        errors: mean((l) => l.errors),
        timeouts: mean((l) => l.timeouts),
        p50: Number(mean((l) => l.p50).toFixed(1)),
        p99: Number(mean((l) => l.p99).toFixed(1)),
      };
    }
    // Open loop at half the collector's peak; the baseline at the same rate shows what the machine and the load
    // generator themselves add. HALF_ROUNDS runs of each, alternating as above, and the percentiles over all their
    // requests: a single run's p99 turned on whether one of the shared machine's stalls fell into it
    // (docs/benchmarks.md).
    const halfSingle = Math.max(1, Math.floor(results["collector single"].requestsPerSec / 2));
    const halfBatch = Math.max(1, Math.floor(results["collector batch100"].requestsPerSec / 2));
    // The peak's connections at least; the open loop opens more at a rate they could not carry (bench/drive-load.ts).
    const halfScenarios = [
      ["collector single @50%", collector, "single", 50, halfSingle],
      ["baseline single @same rate", baseline, "single", 50, halfSingle],
      ["collector batch100 @50%", collector, "batch", 20, halfBatch],
      ["baseline batch100 @same rate", baseline, "batch", 20, halfBatch],
    ] as const;
    const halfRounds: Record<string, Load[]> = {};
    for (let round = 0; round < HALF_ROUNDS; round++) {
      for (const [name, base, kind, connections, rate] of round % 2 ? [...halfScenarios].reverse() : halfScenarios) {
        process.stderr.write(`${name} (round ${round + 1})...\n`);
        // Each open-loop run starts from a checkpoint, so it is not charged for the dirty pages the runs before it
        // left behind (their checkpoint otherwise lands in whichever run comes next).
        await db.query("CHECKPOINT");
        (halfRounds[name] ??= []).push(await measure(name, base, kind, { connections, rate }));
      }
    }
    for (const [name, list] of Object.entries(halfRounds)) results[name] = poolOpenLoopRuns(list);
    probe.stop();
    await waitSampler.stop();

    const eventsPerSec = (name: string) => results[name].requestsPerSec * eventsPerRequest(name);
    const rows = Object.entries(results).map(([name, r]) => ({
      scenario: name,
      "events/s": Math.round(eventsPerSec(name)),
      "req/s": Math.round(r.requestsPerSec),
      "p50 ms": r.p50,
      "p99 ms": r.p99,
      "non-2xx+errors": r.non2xx + r.errors + r.timeouts,
    }));
    console.table(rows);
    const cpuUsPerEvent = Object.fromEntries(
      Object.entries(cpu).map(([name, list]) => {
        const mean = (f: (c: CpuPerEvent) => number) => Number((list.reduce((a, c) => a + f(c), 0) / list.length).toFixed(1));
        return [name, { server: mean((c) => c.serverUs), postgres: mean((c) => c.postgresUs), machine: mean((c) => c.machineUs), stolen: mean((c) => c.stolenUs) }];
      }),
    );
    if (Object.keys(cpuUsPerEvent).length > 0) {
      console.log("CPU µs per event (mean of the runs; machine: every process, the load generator's too; stolen: time the host of a virtual machine took)");
      console.table(cpuUsPerEvent);
      // On a virtual machine whose host takes CPU time, figures of different runs are not comparable.
      const share = ticks.stolen / Math.max(1, ticks.busy + ticks.stolen);
      if (share > 0.05) console.log(`The host took ${(share * 100).toFixed(0)} % of the CPU time (busy or stolen) during the measured runs: not comparable with a quieter run.`);
    }
    console.log(
      "The machine during the half-peak runs, run by run: slowest fdatasync on PostgreSQL's disk (ms), fdatasyncs over 20 ms, latest 10 ms timer of any probe (the unpinned one and one pinned to each CPU, ms), oldest statement PostgreSQL showed waiting for its WAL's fdatasync (IO:WALSync, ms), the load generator's own longest event-loop delay (ms), its requests that were due while all its connections were busy and the longest such a request waited for one (ms), the collector's longest event-loop delay, its longest garbage collection pause, and the p99 inside the collector of its requests, of their wait for a commit to start and of its commits (ms, each at most this bucket bound)",
    );
    const describeHalfPeakRun = (name: string, i: number) => {
      const s = stalls[name][i];
      const load = halfRounds[name][i];
      const queued = load.queuedForConnection ?? { share: 0, maxMs: 0 };
      const figures: (number | string)[] = [s.maxSyncMs, s.syncsOver20Ms, s.maxTimerLateMs, waits[name][i]["IO:WALSync"] ?? 0, load.maxLoopDelayMs ?? 0, `${(queued.share * 100).toFixed(1)} %`, queued.maxMs];
      const c = collectorView[name]?.[i];
      if (c) figures.push(`≤ ${c.loopDelayMs}`, `≤ ${c.gcPauseMs}`, `≤ ${c.requestP99Ms}`, `≤ ${c.queueP99Ms}`, `≤ ${c.commitP99Ms}`);
      return figures.join(" / ");
    };
    console.table(Object.fromEntries(Object.keys(halfRounds).map((name) => [name, Object.fromEntries(halfRounds[name].map((_, i) => [`run ${i + 1}`, describeHalfPeakRun(name, i)]))])));
    const ratioSingle = eventsPerSec("collector single") / eventsPerSec("baseline single");
    const ratioBatch = eventsPerSec("collector batch100") / eventsPerSec("baseline batch100");
    const stored = await db.query<{ events: string; baseline: string }>(
      `SELECT (SELECT coalesce(sum(count), 0) FROM eventlog.segments)::text AS events, (SELECT count(*) FROM bench_baseline)::text AS baseline`,
    );
    await db.end();
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`,
          ratioSingle: Number(ratioSingle.toFixed(2)),
          ratioBatch: Number(ratioBatch.toFixed(2)),
          p99AtHalfPeakSingleMs: results["collector single @50%"].p99,
          p99AtHalfPeakBatchMs: results["collector batch100 @50%"].p99,
          halfPeakConnections: { single: halfRounds["collector single @50%"][0].connections, batch: halfRounds["collector batch100 @50%"][0].connections },
          // Each full-speed run's events/s and each half-peak run's own p99, in the order they ran.
          eventsPerSecPerRun: Object.fromEntries(Object.entries(rounds).map(([name, list]) => [name, list.map((l) => Math.round(l.requestsPerSec * eventsPerRequest(name)))])),
          cpuUsPerEvent,
          p99PerHalfPeakRun: Object.fromEntries(Object.entries(halfRounds).map(([name, list]) => [name, list.map((l) => l.p99)])),
          machineStallsPerRun: stalls,
          // Per half-peak run: each wait event's oldest active statement seen waiting on it (ms).
          postgresWaitsPerHalfPeakRun: waits,
          // Infinity (past the histogram's last bucket) prints as null.
          collectorViewPerHalfPeakRun: collectorView,
          loadGeneratorLoopDelayMsPerHalfPeakRun: Object.fromEntries(Object.entries(halfRounds).map(([name, list]) => [name, list.map((l) => l.maxLoopDelayMs ?? 0)])),
          loadGeneratorQueuedForConnectionPerHalfPeakRun: Object.fromEntries(Object.entries(halfRounds).map(([name, list]) => [name, list.map((l) => l.queuedForConnection)])),
          storedEvents: Number(stored.rows[0].events),
          storedBaselineRows: Number(stored.rows[0].baseline),
          targets: { ratioSingle: ">= 1.0", ratioBatch: ">= 1.0", p99AtHalfPeakMs: "<= 20" },
        },
        null,
        2,
      ),
    );
  } finally {
    for (const c of children) await stopProcess(c);
    await bench.drop();
  }
}

const COLLECTOR_HISTOGRAMS = {
  loopDelayMs: "switchyard_collector_event_loop_delay_seconds",
  gcPauseMs: "switchyard_collector_gc_pause_seconds",
  requestP99Ms: "switchyard_collector_request_seconds",
  queueP99Ms: "switchyard_collector_write_queue_seconds",
  commitP99Ms: "switchyard_collector_write_seconds",
};
type CollectorView = Record<keyof typeof COLLECTOR_HISTOGRAMS, number>;

function describeCollectorRun(before: Record<keyof CollectorView, HistogramBuckets>, after: Record<keyof CollectorView, HistogramBuckets>): CollectorView {
  return {
    loopDelayMs: highestBoundMs(before.loopDelayMs, after.loopDelayMs),
    gcPauseMs: highestBoundMs(before.gcPauseMs, after.gcPauseMs),
    requestP99Ms: quantileBoundMs(before.requestP99Ms, after.requestP99Ms, 0.99),
    queueP99Ms: quantileBoundMs(before.queueP99Ms, after.queueP99Ms, 0.99),
    commitP99Ms: quantileBoundMs(before.commitP99Ms, after.commitP99Ms, 0.99),
  };
}

// Where the stall probe writes: the parent of PostgreSQL's data directory when this process can write there (a
// local server), else the temporary directory.
async function directoryOnDatabaseDisk(db: pg.Client): Promise<string> {
  try {
    const dir = path.dirname((await db.query<{ data_directory: string }>("SHOW data_directory")).rows[0].data_directory);
    fs.accessSync(dir, fs.constants.W_OK);
    return dir;
  } catch {
    return os.tmpdir();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

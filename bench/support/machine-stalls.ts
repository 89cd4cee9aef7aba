import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

// What the machine itself did during a measured run, apart from the servers: the slowest fdatasync of a small file
// on PostgreSQL's disk (a commit waits for the same), how many took longer than the p99 target, and the latest a
// 10 ms timer fired (a CPU the host took away, or one too busy). timerLateMsPerCpu: the latest timer of a probe
// pinned to each CPU, where taskset can pin one. The host of a virtual machine can take one virtual CPU away while
// the other runs on, and an unpinned probe may see nothing of it while a server on that CPU stalls.
export type MachineStalls = { syncs: number; maxSyncMs: number; syncsOver20Ms: number; maxTimerLateMs: number; timerLateMsPerCpu: number[] };

export function summarizeStalls(syncMs: number[], timerLateMs: number[]): MachineStalls {
  const round = (x: number) => Number(x.toFixed(1));
  return {
    syncs: syncMs.length,
    maxSyncMs: round(Math.max(0, ...syncMs)),
    syncsOver20Ms: syncMs.filter((ms) => ms > 20).length,
    maxTimerLateMs: round(Math.max(0, ...timerLateMs)),
    timerLateMsPerCpu: [],
  };
}

// The disk probe's interval together with the pinned probes' (one per CPU, in order).
export function combineStalls(disk: MachineStalls, pinned: MachineStalls[]): MachineStalls {
  const perCpu = pinned.map((p) => p.maxTimerLateMs);
  return { ...disk, maxTimerLateMs: Math.max(disk.maxTimerLateMs, ...perCpu), timerLateMsPerCpu: perCpu };
}

const require = createRequire(import.meta.url);
const PROBE = path.join(import.meta.dirname, "probe-machine-stalls.ts");

export type StallProbe = {
  measure: <T>(work: () => Promise<T>) => Promise<{ result: T; stalls: MachineStalls }>;
  // The probes' processes: the disk probe's first, then the pinned ones in CPU order.
  pids: number[];
  stop: () => void;
};

// The probes run in processes of their own, so the disk probe's blocking fdatasync stalls neither the load generator
// nor this one. `dir`: a writable directory on PostgreSQL's disk.
export async function startStallProbe(dir: string): Promise<StallProbe> {
  const disk = forkProbe([dir]);
  const pinned: ChildProcess[] = [];
  const cpus = os.cpus().length;
  // On one CPU there is nothing to tell apart.
  for (let cpu = 0; cpus > 1 && cpu < cpus; cpu++) {
    const child = forkProbe(["--timer-only"]);
    if (!pinToCpu(child, cpu)) {
      for (const c of [child, ...pinned]) c.kill();
      pinned.length = 0;
      break;
    }
    pinned.push(child);
  }
  const all = [disk, ...pinned];
  const ask = async (message: "reset" | "report") => {
    const replies = all.map(nextMessage);
    for (const c of all) c.send(message);
    const [d, ...p] = await Promise.all(replies);
    return combineStalls(d, p);
  };
  await ask("reset");
  return {
    measure: async (work) => {
      await ask("reset");
      const result = await work();
      return { result, stalls: await ask("report") };
    },
    pids: all.map((c) => c.pid!),
    stop: () => {
      for (const c of all) c.kill();
    },
  };
}

function forkProbe(args: string[]): ChildProcess {
  return fork(PROBE, args, { execArgv: ["--import", require.resolve("tsx/esm")], stdio: ["ignore", "ignore", "inherit", "ipc"] });
}

// All of the child's threads, on one CPU; false where taskset is missing or may not pin it.
function pinToCpu(child: ChildProcess, cpu: number): boolean {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(child.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function nextMessage(child: ChildProcess): Promise<MachineStalls> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`stall probe exited ${code}`));
    child.once("exit", exited);
    child.once("message", (m) => {
      child.off("exit", exited);
      resolve(m as MachineStalls);
    });
  });
}

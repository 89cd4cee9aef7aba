import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

// What the machine itself did during a measured run, apart from the servers: the slowest fdatasync of a small file
// on PostgreSQL's disk (a commit waits for the same), how many took longer than the p99 target, and the latest a
// 10 ms timer fired (a CPU the host took away, or one too busy).
export type MachineStalls = { syncs: number; maxSyncMs: number; syncsOver20Ms: number; maxTimerLateMs: number };

export function summarizeStalls(syncMs: number[], timerLateMs: number[]): MachineStalls {
  const round = (x: number) => Number(x.toFixed(1));
  return {
    syncs: syncMs.length,
    maxSyncMs: round(Math.max(0, ...syncMs)),
    syncsOver20Ms: syncMs.filter((ms) => ms > 20).length,
    maxTimerLateMs: round(Math.max(0, ...timerLateMs)),
  };
}

const require = createRequire(import.meta.url);
const PROBE = path.join(import.meta.dirname, "probe-machine-stalls.ts");

// The probe runs in a process of its own, so its blocking fdatasync stalls neither the load generator nor this one.
// `dir`: a writable directory on PostgreSQL's disk.
export async function startStallProbe(dir: string): Promise<{ measure: <T>(work: () => Promise<T>) => Promise<{ result: T; stalls: MachineStalls }>; stop: () => void }> {
  const child: ChildProcess = fork(PROBE, [dir], { execArgv: ["--import", require.resolve("tsx/esm")], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const next = () => new Promise<MachineStalls>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`stall probe exited ${code}`));
    child.once("exit", exited);
    child.once("message", (m) => {
      child.off("exit", exited);
      resolve(m as MachineStalls);
    });
  });
  child.send("reset");
  await next();
  return {
    measure: async (work) => {
      child.send("reset");
      await next();
      const result = await work();
      child.send("report");
      return { result, stalls: await next() };
    },
    stop: () => child.kill(),
  };
}

import { execFileSync } from "node:child_process";
import fs from "node:fs";

// CPU time from Linux's /proc, in clock ticks: the whole machine's busy time and the time the host (of a virtual
// machine) took from it, one process with its descendants (a server under test: tsx may run it in a child process),
// and each PostgreSQL server process.
export type CpuSnapshot = { machineBusy: number; machineStolen: number; server: number; postgres: Map<number, number> };

// CPU time per event between two snapshots, in microseconds. postgres counts the server processes alive at the
// second: a backend that started meanwhile (a pool reconnecting after an idle spell) with all its time, one that
// exited meanwhile not at all (it takes its ticks with it); machine counts everything, the load generator too.
// stolen: what the host took meanwhile, which slows a run down without being any process's work here.
export type CpuPerEvent = { serverUs: number; postgresUs: number; machineUs: number; stolenUs: number };

// /proc/stat's first line: user nice system idle iowait irq softirq steal ...; busy is all but idle, iowait and
// steal.
export function parseMachineTicks(procStat: string): { busy: number; stolen: number } {
  const fields = procStat.slice(0, procStat.indexOf("\n")).trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return { busy: user + nice + system + irq + softirq, stolen: steal ?? 0 };
}

// /proc/<pid>/stat: pid (comm) state ppid ... utime stime (fields 14 and 15). comm may hold spaces and parentheses,
// so the fields are counted from the last ')'.
export function parseProcessStat(text: string): { comm: string; ppid: number; ticks: number } {
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const rest = text.slice(close + 2).split(" ");
  return { comm, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
}

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

// null where there is no /proc (not Linux): the benchmark then reports no CPU figures.
export function snapshotCpu(serverPid: number | undefined): CpuSnapshot | null {
  let machine: { busy: number; stolen: number };
  try {
    machine = parseMachineTicks(fs.readFileSync("/proc/stat", "utf8"));
  } catch {
    return null;
  }
  const processes = new Map<number, { comm: string; ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      processes.set(Number(entry), parseProcessStat(fs.readFileSync(`/proc/${entry}/stat`, "utf8")));
    } catch {
      // The process ended between listing and reading.
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, p] of processes) {
    const list = children.get(p.ppid);
    if (list) list.push(pid);
    else children.set(p.ppid, [pid]);
  }
  let server = 0;
  const stack = serverPid === undefined ? [] : [serverPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    server += processes.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  const postgres = new Map<number, number>();
  for (const [pid, p] of processes) if (p.comm === "postgres") postgres.set(pid, p.ticks);
  return { machineBusy: machine.busy, machineStolen: machine.stolen, server, postgres };
}

export function cpuPerEvent(before: CpuSnapshot, after: CpuSnapshot, events: number): CpuPerEvent {
  let postgres = 0;
  for (const [pid, ticks] of after.postgres) postgres += ticks - (before.postgres.get(pid) ?? 0);
  const us = (ticks: number) => Number(((ticks / clockTicksPerSecond()) * 1e6 / Math.max(1, events)).toFixed(1));
  return {
    serverUs: us(after.server - before.server),
    postgresUs: us(postgres),
    machineUs: us(after.machineBusy - before.machineBusy),
    stolenUs: us(after.machineStolen - before.machineStolen),
  };
}

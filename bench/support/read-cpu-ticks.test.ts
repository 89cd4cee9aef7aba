import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cpuPerEvent, parseMachineTicks, parseProcessStat, snapshotCpu } from "./read-cpu-ticks";

describe("read-cpu-ticks", () => {
  it("counts all but idle, iowait and steal as the machine's busy time, and steal on its own", () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    expect(parseMachineTicks("cpu  100 5 40 900 30 2 3 7 0 0\ncpu0 50 2 20 450 15 1 1 3 0 0\n")).toEqual({ busy: 150, stolen: 7 });
  });

  it("reads utime and stime after a command name that holds spaces and parentheses", () => {
    const line = "4242 (tsx (main) x) S 4200 4242 4200 0 -1 4194560 500 0 0 0 731 129 0 0 20 0 7 0 123 1000 100";
    expect(parseProcessStat(line)).toEqual({ comm: "tsx (main) x", ppid: 4200, ticks: 860 });
  });

  it("charges PostgreSQL a backend that started between the snapshots with all its time, and leaves out one that exited", () => {
    const snapshot = (postgres: [number, number][]) => ({ machineBusy: 0, machineStolen: 0, server: 0, postgres: new Map(postgres) });
    const before = snapshot([[10, 100], [11, 40]]);
    const after = snapshot([[10, 150], [12, 30]]);
    const alone = cpuPerEvent(snapshot([[10, 100]]), snapshot([[10, 150]]), 1);
    // 50 ticks of the backend alive throughout, 30 of the new one; the one that exited took its ticks along.
    expect(cpuPerEvent(before, after, 1).postgresUs).toBeCloseTo((alone.postgresUs * 80) / 50, 0);
  });

  it("charges a server the CPU of its child processes", async () => {
    if (!snapshotCpu(undefined)) return expect.fail("this test needs Linux's /proc");
    // A parent that idles while its child spins for about 300 ms and then idles too.
    const child = "const t = Date.now(); while (Date.now() - t < 300); setTimeout(() => {}, 3000)";
    const parent = spawn(process.execPath, ["-e", `require("child_process").spawn(process.execPath, ["-e", ${JSON.stringify(child)}], { stdio: "inherit" }); setTimeout(() => {}, 3000)`], { detached: true });
    const before = snapshotCpu(parent.pid)!;
    await new Promise((r) => setTimeout(r, 600));
    const after = snapshotCpu(parent.pid)!;
    // The parent and its child, as one process group.
    process.kill(-parent.pid!);
    const { serverUs } = cpuPerEvent(before, after, 1);
    // The child's 300 ms of spinning, give or take its start and the clock tick.
    expect(serverUs).toBeGreaterThan(150_000);
  });
});

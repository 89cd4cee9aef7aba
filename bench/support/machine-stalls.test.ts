import fs from "node:fs";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { combineStalls, startStallProbe, summarizeStalls } from "./machine-stalls";

const cpus = os.cpus().length;

describe("machine stalls", () => {
  it("summarizes an interval's fdatasync times and timer lateness", () => {
    expect(summarizeStalls([0.2, 25.04, 3, 20, 31], [0.5, 12.34])).toEqual({ syncs: 5, maxSyncMs: 31, syncsOver20Ms: 2, maxTimerLateMs: 12.3, timerLateMsPerCpu: [] });
    expect(summarizeStalls([], [])).toEqual({ syncs: 0, maxSyncMs: 0, syncsOver20Ms: 0, maxTimerLateMs: 0, timerLateMsPerCpu: [] });
  });

  it("adds the pinned probes' timers to the disk probe's interval", () => {
    const disk = summarizeStalls([4, 30], [2.5]);
    const combined = combineStalls(disk, [summarizeStalls([], [1, 3]), summarizeStalls([], [240.26])]);
    expect(combined).toEqual({ syncs: 2, maxSyncMs: 30, syncsOver20Ms: 1, maxTimerLateMs: 240.3, timerLateMsPerCpu: [3, 240.3] });
    expect(combineStalls(disk, [])).toEqual(disk);
  });

  it("measures only the interval of the work it wraps", async () => {
    const probe = await startStallProbe(os.tmpdir());
    try {
      await new Promise((r) => setTimeout(r, 300));
      const { result, stalls } = await probe.measure(() => new Promise<string>((r) => setTimeout(() => r("done"), 500)));
      // Each interval takes its listeners on the probe processes away with it (a run of bench:ingest measures 32).
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.name);
      process.on("warning", onWarning);
      for (let i = 0; i < 12; i++) await probe.measure(async () => i);
      await new Promise((r) => setImmediate(r));
      process.off("warning", onWarning);
      expect(warnings).toEqual([]);
      expect(result).toBe("done");
      // About 50 syncs in 500 ms at one per 10 ms plus the sync's own time; far fewer than the 80 of 800 ms.
      expect(stalls.syncs).toBeGreaterThan(5);
      expect(stalls.syncs).toBeLessThan(60);
    } finally {
      probe.stop();
    }
  });

  // The build and CI machines have two CPUs and taskset (util-linux); on one CPU there is nothing to pin.
  it("pins a timer probe to each CPU and reports a stall of one CPU's probe in its place", async () => {
    const probe = await startStallProbe(os.tmpdir());
    try {
      expect(probe.pids).toHaveLength(cpus > 1 ? cpus + 1 : 1);
      probe.pids.slice(1).forEach((pid, cpu) => {
        expect(fs.readFileSync(`/proc/${pid}/status`, "utf8")).toMatch(new RegExp(`^Cpus_allowed_list:\\s+${cpu}$`, "m"));
      });
      if (cpus < 2) return;
      const last = probe.pids[cpus];
      const { stalls } = await probe.measure(async () => {
        await new Promise((r) => setTimeout(r, 100));
        // As if the host took that CPU away for 300 ms.
        process.kill(last, "SIGSTOP");
        await new Promise((r) => setTimeout(r, 300));
        process.kill(last, "SIGCONT");
        await new Promise((r) => setTimeout(r, 100));
      });
      expect(stalls.timerLateMsPerCpu).toHaveLength(cpus);
      expect(stalls.timerLateMsPerCpu[cpus - 1]).toBeGreaterThan(200);
      expect(Math.min(...stalls.timerLateMsPerCpu.slice(0, -1))).toBeLessThan(200);
      expect(stalls.maxTimerLateMs).toBe(stalls.timerLateMsPerCpu[cpus - 1]);
    } finally {
      probe.stop();
    }
  });
});

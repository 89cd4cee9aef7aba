import os from "node:os";
import { describe, expect, it } from "vitest";
import { startStallProbe, summarizeStalls } from "./machine-stalls";

describe("machine stalls", () => {
  it("summarizes an interval's fdatasync times and timer lateness", () => {
    expect(summarizeStalls([0.2, 25.04, 3, 20, 31], [0.5, 12.34])).toEqual({ syncs: 5, maxSyncMs: 31, syncsOver20Ms: 2, maxTimerLateMs: 12.3 });
    expect(summarizeStalls([], [])).toEqual({ syncs: 0, maxSyncMs: 0, syncsOver20Ms: 0, maxTimerLateMs: 0 });
  });

  it("measures only the interval of the work it wraps", async () => {
    const probe = await startStallProbe(os.tmpdir());
    try {
      await new Promise((r) => setTimeout(r, 300));
      const { result, stalls } = await probe.measure(() => new Promise<string>((r) => setTimeout(() => r("done"), 500)));
      // Each interval takes its listeners on the probe process away with it (a run of bench:ingest measures 32).
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
});

import { describe, expect, it } from "vitest";
import type { LoadResult } from "./bench-processes";
import { poolOpenLoopRuns } from "./pool-open-loop-runs";

const run = (requestsPerSec: number, latencyCounts: Record<number, number>, non2xx = 0): LoadResult => ({
  requestsPerSec, ok: Object.values(latencyCounts).reduce((a, n) => a + n, 0), non2xx, errors: 0, timeouts: 0, p50: NaN, p99: NaN, latencyCounts,
});

describe("poolOpenLoopRuns", () => {
  it("takes the percentiles over every request of the runs, not the mean of their own", () => {
    // Run a: 990 requests at 2.0 ms and 10 at 80.0 ms (its own p99 is 80 ms). Runs b and c: 1,000 each at 3.0 ms.
    const pooled = poolOpenLoopRuns([run(1000, { 20: 990, 800: 10 }), run(1000, { 30: 1000 }), run(1000, { 30: 1000 }, 2)]);
    expect(pooled.p50).toBe(3);
    // 3,000 requests: the 2,970th slowest is at 3.0 ms; only 10 took 80 ms.
    expect(pooled.p99).toBe(3);
    expect(pooled.ok).toBe(3000);
    expect(pooled.non2xx).toBe(2);
    expect(pooled.requestsPerSec).toBe(1000);
  });

  it("reports a slow tail that covers more than 1 % of all requests", () => {
    const pooled = poolOpenLoopRuns([run(500, { 20: 950, 800: 50 }), run(500, { 20: 1000 })]);
    expect(pooled.p99).toBe(80);
    expect(pooled.p50).toBe(2);
  });
});

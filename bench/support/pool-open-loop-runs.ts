import type { LoadResult } from "./bench-processes";

// Several open-loop runs at one rate as one: the mean rate, every answer counted, and the percentiles taken over all
// their requests (from each run's latencyCounts).
export function poolOpenLoopRuns(runs: LoadResult[]): LoadResult {
  const counts = new Map<number, number>();
  for (const run of runs) for (const [tenths, n] of Object.entries(run.latencyCounts ?? {})) counts.set(Number(tenths), (counts.get(Number(tenths)) ?? 0) + n);
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  const pct = (q: number) => {
    const rank = Math.floor(q * total);
    let seen = 0;
    for (const [tenths, n] of sorted) if ((seen += n) > rank) return tenths / 10;
    return 0;
  };
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  return {
    requestsPerSec: sum((r) => r.requestsPerSec) / runs.length,
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    p50: pct(0.5),
    p99: pct(0.99),
  };
}

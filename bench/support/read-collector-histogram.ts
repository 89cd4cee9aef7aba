// One of the collector's histograms, read from its /metrics before and after a run: cumulative counts by bucket
// bound (ms; Infinity for +Inf), summed over its series when it has labels. The differences bound what the run
// observed, to a bucket's precision.
export type HistogramBuckets = Map<number, number>;

export function parseHistogramBuckets(metricsText: string, name: string): HistogramBuckets {
  const buckets: HistogramBuckets = new Map();
  const prefix = `${name}_bucket{`;
  for (const line of metricsText.split("\n")) {
    if (!line.startsWith(prefix)) continue;
    const m = /le="([^"]+)"\} (\d+)$/.exec(line);
    if (!m) continue;
    const le = m[1] === "+Inf" ? Infinity : Number((Number(m[1]) * 1000).toFixed(3));
    buckets.set(le, (buckets.get(le) ?? 0) + Number(m[2]));
  }
  return buckets;
}

// The bound (ms) of the lowest bucket holding at least `share` of the run's observations: the run's quantile, at
// most this. 0 for a run with none; Infinity past the last bound.
export function quantileBoundMs(before: HistogramBuckets, after: HistogramBuckets, share: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const gained = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const total = gained(Infinity);
  if (total === 0) return 0;
  return bounds.find((le) => gained(le) >= share * total) ?? Infinity;
}

// The highest observation's bucket bound: the quantile that holds them all.
export const highestBoundMs = (before: HistogramBuckets, after: HistogramBuckets) => quantileBoundMs(before, after, 1);

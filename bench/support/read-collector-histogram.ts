// One of the collector's histograms, read from its /metrics before and after a run: cumulative counts by bucket
// bound (ms; Infinity for +Inf). The differences bound what the run observed, to a bucket's precision.
export type HistogramBuckets = Map<number, number>;

export function parseHistogramBuckets(metricsText: string, name: string): HistogramBuckets {
  const buckets: HistogramBuckets = new Map();
  const prefix = `${name}_bucket{le="`;
  for (const line of metricsText.split("\n")) {
    if (!line.startsWith(prefix)) continue;
    const [le, count] = line.slice(prefix.length).split('"} ');
    buckets.set(le === "+Inf" ? Infinity : Number((Number(le) * 1000).toFixed(3)), Number(count));
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

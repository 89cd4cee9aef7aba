// The collector's switchyard_collector_event_loop_delay_seconds histogram, read from its /metrics before and after a
// run: the upper bound (ms) of the highest bucket that gained observations, i.e. its longest event-loop delay in the
// run to a bucket's precision; Infinity past the last bucket.
export type LoopDelayBuckets = Map<number, number>;

export function parseLoopDelayBuckets(metricsText: string): LoopDelayBuckets {
  const buckets: LoopDelayBuckets = new Map();
  for (const m of metricsText.matchAll(/^switchyard_collector_event_loop_delay_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)) {
    buckets.set(m[1] === "+Inf" ? Infinity : Number((Number(m[1]) * 1000).toFixed(3)), Number(m[2]));
  }
  return buckets;
}

export function longestLoopDelayMs(before: LoopDelayBuckets, after: LoopDelayBuckets): number {
  // Cumulative buckets: a delay d gained every bucket from the first bound >= d up; the first that gained as much
  // as the highest did bounds the longest delay.
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const gained = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const total = gained(Infinity);
  if (total === 0) return 0;
  return bounds.find((le) => gained(le) === total) ?? Infinity;
}

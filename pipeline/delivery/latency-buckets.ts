// Ingest-to-delivery latency is counted in buckets (upper bounds in ms; one more bucket for everything above),
// so per-minute rows can be summed and a percentile read back without keeping every sample.
export const LATENCY_BOUNDS_MS = [50, 100, 250, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 300_000, 3_600_000] as const;

export function bucketOf(ms: number): number {
  const i = LATENCY_BOUNDS_MS.findIndex((b) => ms <= b);
  return i === -1 ? LATENCY_BOUNDS_MS.length : i;
}

export function emptyBuckets(): number[] {
  return new Array(LATENCY_BOUNDS_MS.length + 1).fill(0);
}

// The bucket bound under which `p` (0..1) of the counted deliveries fall; null when nothing was counted.
export function percentileFromBuckets(buckets: number[], p: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (!total) return null;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i];
    if (seen >= p * total) return i < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[i] : Infinity;
  }
  return Infinity;
}

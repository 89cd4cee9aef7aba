// Randomized exponential backoff ("full jitter" on the upper half): attempt 1 waits about base, each further
// attempt doubles, capped; a Retry-After from the destination is a floor.
export function backoffMs(attempt: number, o: { baseMs: number; maxMs: number; retryAfterMs?: number }, random = Math.random): number {
  const ceiling = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(Math.round(jittered), o.retryAfterMs ?? 0);
}

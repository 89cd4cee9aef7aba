// How long the event loop was held up: a timer due every intervalMs notes how late it fired. Every request waiting
// in the process waits that long too, so this bounds what a slow answer can blame on the collector itself.
// (perf_hooks.monitorEventLoopDelay, which the load generator uses for its maximum, gives percentiles but not the
// count at or below each bound that a Prometheus histogram needs.)
export function watchLoopDelay(observe: (seconds: number) => void, intervalMs = 10): () => void {
  let due = performance.now() + intervalMs;
  const timer = setInterval(() => {
    const now = performance.now();
    observe(Math.max(0, now - due) / 1000);
    due = now + intervalMs;
  }, intervalMs).unref();
  return () => clearInterval(timer);
}

import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics";
import { watchLoopDelay } from "./watch-loop-delay";

describe("event-loop delay", () => {
  it("observes how long the event loop was held up, into the collector's histogram", async () => {
    const metrics = createMetrics();
    const seen: number[] = [];
    const stop = watchLoopDelay((s) => {
      seen.push(s);
      metrics.loopDelay.observe(s);
    });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const busyUntil = performance.now() + 150;
      while (performance.now() < busyUntil);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      stop();
    }
    // The busy 150 ms shows as one timer about that late (a loaded machine may add others).
    expect(Math.max(...seen)).toBeGreaterThan(0.12);
    const text = metrics.render();
    expect(text).toContain(`switchyard_collector_event_loop_delay_seconds_bucket{le="0.1"} ${seen.filter((s) => s <= 0.1).length}\n`);
    expect(text).toContain(`switchyard_collector_event_loop_delay_seconds_count ${seen.length}\n`);
    const after = seen.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(after);
  });
});

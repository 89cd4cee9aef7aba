import { describe, expect, it } from "vitest";
import { createMetrics } from "@/collector/metrics";
import { longestLoopDelayMs, parseLoopDelayBuckets } from "./collector-loop-delay";

describe("collector loop delay from /metrics", () => {
  it("bounds the longest event-loop delay between two readings by its histogram bucket", () => {
    const metrics = createMetrics();
    metrics.loopDelay.observe(0.2);
    const before = parseLoopDelayBuckets(metrics.render());
    expect(longestLoopDelayMs(before, parseLoopDelayBuckets(metrics.render()))).toBe(0);
    metrics.loopDelay.observe(0.0004);
    metrics.loopDelay.observe(0.015);
    metrics.loopDelay.observe(0.003);
    expect(longestLoopDelayMs(before, parseLoopDelayBuckets(metrics.render()))).toBe(20);
    metrics.loopDelay.observe(3);
    expect(longestLoopDelayMs(before, parseLoopDelayBuckets(metrics.render()))).toBe(Infinity);
  });
});

import { describe, expect, it } from "vitest";
import { createMetrics } from "@/collector/metrics";
import { highestBoundMs, parseHistogramBuckets, quantileBoundMs } from "./read-collector-histogram";

describe("a collector histogram read from /metrics", () => {
  it("bounds the longest event-loop delay between two readings by its bucket", () => {
    const metrics = createMetrics();
    const read = () => parseHistogramBuckets(metrics.render(), "switchyard_collector_event_loop_delay_seconds");
    metrics.loopDelay.observe(0.2);
    const before = read();
    expect(highestBoundMs(before, read())).toBe(0);
    metrics.loopDelay.observe(0.0004);
    metrics.loopDelay.observe(0.015);
    metrics.loopDelay.observe(0.003);
    expect(highestBoundMs(before, read())).toBe(20);
    metrics.loopDelay.observe(3);
    expect(highestBoundMs(before, read())).toBe(Infinity);
  });

  it("bounds a quantile of the requests between two readings, and reads only the histogram named", () => {
    const metrics = createMetrics();
    const read = () => parseHistogramBuckets(metrics.render(), "switchyard_collector_request_seconds");
    metrics.writeQueueSeconds.observe(2);
    const before = read();
    for (let i = 0; i < 98; i++) metrics.requestSeconds.observe(0.004);
    metrics.requestSeconds.observe(0.03);
    metrics.requestSeconds.observe(0.3);
    const after = read();
    expect(quantileBoundMs(before, after, 0.5)).toBe(5);
    expect(quantileBoundMs(before, after, 0.98)).toBe(5);
    expect(quantileBoundMs(before, after, 0.99)).toBe(30);
    expect(highestBoundMs(before, after)).toBe(500);
  });

  it("sums a histogram's series over their labels", () => {
    const metrics = createMetrics();
    const read = () => parseHistogramBuckets(metrics.render(), "switchyard_collector_gc_pause_seconds");
    const before = read();
    metrics.gcPauses.observe("minor", 0.003);
    metrics.gcPauses.observe("minor", 0.004);
    metrics.gcPauses.observe("major", 0.03);
    const after = read();
    expect(after.get(Infinity)).toBe(3);
    expect(quantileBoundMs(before, after, 0.5)).toBe(5);
    expect(highestBoundMs(before, after)).toBe(50);
  });
});

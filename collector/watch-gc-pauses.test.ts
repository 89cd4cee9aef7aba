import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics";
import { watchGcPauses } from "./watch-gc-pauses";

describe("garbage collection pauses", () => {
  it("observes the process's collections by kind, into one histogram with a series per kind", async () => {
    const metrics = createMetrics();
    const seen: string[] = [];
    const stop = watchGcPauses((kind, s) => {
      seen.push(kind);
      metrics.gcPauses.observe(kind, s);
    });
    try {
      // Enough short-lived garbage for several young-generation collections.
      let keep: object[] = [];
      for (let i = 0; i < 3_000_000; i++) {
        keep.push({ i, text: `item ${i}` });
        if (keep.length > 10_000) keep = [];
      }
      // Entries are delivered after the collection, on a later turn of the event loop.
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      stop();
    }
    expect(seen).toContain("minor");
    const text = metrics.render();
    expect(text.match(/# TYPE switchyard_collector_gc_pause_seconds histogram/g)).toHaveLength(1);
    const minors = seen.filter((k) => k === "minor").length;
    expect(text).toContain(`switchyard_collector_gc_pause_seconds_bucket{kind="minor",le="+Inf"} ${minors}\n`);
    expect(text).toContain(`switchyard_collector_gc_pause_seconds_count{kind="minor"} ${minors}\n`);
  });
});

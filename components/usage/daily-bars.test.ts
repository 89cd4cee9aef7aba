import { describe, expect, it } from "vitest";
import { dailyBars } from "./daily-bars";

describe("dailyBars", () => {
  it("sums sources per UTC day, oldest first, with empty days as 0", () => {
    const now = new Date("2025-03-10T23:30:00-05:00"); // 2025-03-11 04:30 UTC
    const bars = dailyBars(
      [
        { day: "2025-03-09", sourceId: "src_a", events: 3 },
        { day: "2025-03-09", sourceId: "src_b", events: 4 },
        { day: "2025-03-11", sourceId: "src_a", events: 1 },
        { day: "2025-02-01", sourceId: "src_a", events: 99 },
      ],
      3,
      now,
    );
    expect(bars.map((b) => [b.key, b.value])).toEqual([
      ["2025-03-09", 7],
      ["2025-03-10", 0],
      ["2025-03-11", 1],
    ]);
    expect(bars[0].label).toBe("Mar 9");
  });
});

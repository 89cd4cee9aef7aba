import { describe, expect, it } from "vitest";
import { collectorNodeFlags } from "./node-flags";

describe("collectorNodeFlags", () => {
  it("asks for the larger heaps with 1 GiB of memory or more, and leaves V8's own sizing below that", () => {
    expect(collectorNodeFlags(24 * 1024 ** 3)).toEqual(["--initial-old-space-size=128", "--max-semi-space-size=64"]);
    expect(collectorNodeFlags(1024 ** 3)).toHaveLength(2);
    expect(collectorNodeFlags(1024 ** 3 - 1)).toEqual([]);
    expect(collectorNodeFlags(256 * 1024 ** 2)).toEqual([]);
  });
});

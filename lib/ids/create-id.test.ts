import { describe, expect, it } from "vitest";
import { createId } from "./create-id";

describe("createId", () => {
  it("prefixes by kind and sorts by creation time", () => {
    const a = createId({ kind: "workspace", now: 1_700_000_000_000 });
    const b = createId({ kind: "workspace", now: 1_700_000_000_001 });
    expect(a).toMatch(/^ws_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(a < b).toBe(true);
  });

  it("does not repeat within the same millisecond", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => createId({ kind: "source", now: 1 })));
    expect(ids.size).toBe(10_000);
  });
});

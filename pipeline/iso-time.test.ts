import { describe, expect, it } from "vitest";
import { formatIsoTime } from "./iso-time";

const native = (ms: number) => new Date(ms).toISOString();

describe("formatIsoTime", () => {
  it("writes what toISOString writes, across leap days, centuries and the four-digit-year edges", () => {
    const edges = [
      0, -1, 1, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(1900, 2, 1), Date.UTC(2100, 1, 28, 12), Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 8.64e15, -8.64e15,
    ];
    for (const ms of edges) expect(formatIsoTime(ms)).toBe(native(ms));
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.trunc((Math.random() * 2 - 1) * (i % 2 ? 8.64e15 : 2.6e14));
      expect(formatIsoTime(ms)).toBe(native(ms));
    }
  });

  it("throws for invalid times as toISOString does", () => {
    for (const ms of [NaN, 8.64e15 + 1, Infinity]) expect(() => formatIsoTime(ms)).toThrow(RangeError);
  });
});

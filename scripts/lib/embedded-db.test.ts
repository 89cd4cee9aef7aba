import { describe, expect, it } from "vitest";
import { embeddedSharedBuffersMb } from "./embedded-db";

const GiB = 2 ** 30;

describe("embeddedSharedBuffersMb", () => {
  it("takes an eighth of the memory it is given", () => {
    expect(embeddedSharedBuffersMb(8 * GiB)).toBe(1024);
  });

  it("never goes below PostgreSQL's default or above 2 GB", () => {
    expect(embeddedSharedBuffersMb(512 * 2 ** 20)).toBe(128);
    expect(embeddedSharedBuffersMb(64 * GiB)).toBe(2048);
  });
});

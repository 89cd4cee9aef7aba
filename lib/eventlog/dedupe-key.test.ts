import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dedupeKey } from "./dedupe-key";

const md5 = (s: string) => createHash("md5").update(s).digest("hex");

describe("dedupeKey", () => {
  it("is md5(workspace ':' messageId) for a messageId without a time in it", () => {
    const id = randomUUID();
    expect(dedupeKey("ws_a", id)).toBe(md5(`ws_a:${id}`));
    expect(dedupeKey("ws_a", "order-42")).toBe(md5("ws_a:order-42"));
    // Thirteen digits that do not follow a prefix, or a 12-digit time: not a creation time.
    expect(dedupeKey("ws_a", "1668208232027-x")).toBe(md5("ws_a:1668208232027-x"));
    expect(dedupeKey("ws_a", "ajs-next-166820823202-x")).toBe(md5("ws_a:ajs-next-166820823202-x"));
  });

  it("puts the creation time of the SDKs', the collector's and UUIDv7 messageIds first, and 80 bits of the md5 after it", () => {
    const ms = 1_668_208_232_027;
    const hex = ms.toString(16).padStart(12, "0");
    for (const id of [`ajs-next-${ms}-${randomUUID()}`, `node-next-${ms}-${randomUUID()}`, `sy-${ms}-${randomUUID()}`]) {
      expect(dedupeKey("ws_a", id)).toBe(hex + md5(`ws_a:${id}`).slice(12));
    }
    const v7 = "01846c3d-5f9b-7abc-9def-0123456789ab";
    expect(dedupeKey("ws_a", v7)).toBe("01846c3d5f9b" + md5(`ws_a:${v7}`).slice(12));
    expect(dedupeKey("ws_a", v7.toUpperCase()).slice(0, 12)).toBe("01846c3d5f9b");
  });

  it("is 32 hex digits, the same for the same workspace and messageId, and differs across workspaces and ids of one millisecond", () => {
    const id = `ajs-next-${Date.now()}-${randomUUID()}`;
    expect(dedupeKey("ws_a", id)).toMatch(/^[0-9a-f]{32}$/);
    expect(dedupeKey("ws_a", id)).toBe(dedupeKey("ws_a", id));
    expect(dedupeKey("ws_b", id)).not.toBe(dedupeKey("ws_a", id));
    const sameMs = id.replace(/[^-]+$/, "0");
    expect(dedupeKey("ws_a", sameMs).slice(0, 12)).toBe(dedupeKey("ws_a", id).slice(0, 12));
    expect(dedupeKey("ws_a", sameMs)).not.toBe(dedupeKey("ws_a", id));
    // messageIds are case-sensitive: ids differing only in case are different events.
    expect(dedupeKey("ws_a", id.toUpperCase())).not.toBe(dedupeKey("ws_a", id));
  });
});

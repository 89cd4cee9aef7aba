import { describe, expect, it } from "vitest";
import { createClientIpResolver } from "./client-ip";
import { readWriteKey } from "./read-write-key";

describe("client IP", () => {
  it("ignores X-Forwarded-For unless the socket peer is a trusted proxy", () => {
    const none = createClientIpResolver("");
    expect(none("::ffff:10.0.0.5", "1.2.3.4")).toBe("10.0.0.5");
    const trusted = createClientIpResolver("10.0.0.0/8, 192.168.1.1");
    expect(trusted("10.0.0.5", "1.2.3.4")).toBe("1.2.3.4");
    // A client cannot spoof its way past the proxies: the right-most untrusted hop wins.
    expect(trusted("10.0.0.5", "6.6.6.6, 1.2.3.4, 192.168.1.1")).toBe("1.2.3.4");
    expect(trusted("203.0.113.7", "1.2.3.4")).toBe("203.0.113.7");
  });
});

describe("write key", () => {
  it("reads Basic auth with or without the colon, else the body", () => {
    const b64 = (s: string) => `Basic ${Buffer.from(s).toString("base64")}`;
    expect(readWriteKey(b64("abc:"), undefined)).toBe("abc");
    expect(readWriteKey(b64("abc"), undefined)).toBe("abc");
    expect(readWriteKey(undefined, "fromBody")).toBe("fromBody");
    expect(readWriteKey("Bearer x", "fromBody")).toBe("fromBody");
    expect(readWriteKey(undefined, "")).toBeUndefined();
  });

  it("answers a repeated header as the first time, including headers that hold no key", () => {
    const b64 = (s: string) => `Basic ${Buffer.from(s).toString("base64")}`;
    for (let i = 0; i < 2; i++) {
      expect(readWriteKey(b64("repeat:"), "fromBody")).toBe("repeat");
      expect(readWriteKey(b64(":"), "fromBody")).toBe("fromBody");
      expect(readWriteKey("Basic", "fromBody")).toBe("fromBody");
      expect(readWriteKey(b64(`${"k".repeat(300)}:`), undefined)).toBe("k".repeat(300));
    }
  });
});

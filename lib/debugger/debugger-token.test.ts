import { describe, expect, it } from "vitest";
import { signDebuggerToken, verifyDebuggerToken } from "./debugger-token";

const SECRET = "s".repeat(48);
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("debugger token", () => {
  it("accepts the issued token until it expires", () => {
    const now = Date.now();
    const { token } = signDebuggerToken({ secret: SECRET, workspaceId: "ws_1", sourceIds: ["src_1"], userId: "usr_1", ttlSeconds: 60, now });
    expect(verifyDebuggerToken(token, SECRET, now)).toMatchObject({ ok: true });
    expect(verifyDebuggerToken(token, SECRET, now + 61_000)).toMatchObject({ ok: false });
    expect(verifyDebuggerToken(token, "t".repeat(48), now)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses every other spelling of the signature, including ones that decode to the same bytes", () => {
    const { token } = signDebuggerToken({ secret: SECRET, workspaceId: "ws_1", sourceIds: null, userId: "usr_1" });
    const last = token.at(-1)!;
    const value = B64URL.indexOf(last);
    // A 32-byte MAC leaves the last base64url character two spare bits: these four characters decode alike.
    const sameBytes = [0, 1, 2, 3].map((low) => B64URL[(value & ~3) | low]).filter((c) => c !== last);
    for (const c of sameBytes) {
      expect(Buffer.from(token.slice(0, -1) + c, "utf8").length).toBe(token.length);
      expect(verifyDebuggerToken(token.slice(0, -1) + c, SECRET)).toMatchObject({ ok: false, reason: "bad_signature" });
    }
  });
});

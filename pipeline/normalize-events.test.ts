import { describe, expect, it } from "vitest";
import { normalizeEvents, type RequestFacts } from "./normalize-events";
import { parseTrackingBody, RequestRejection } from "./parse-tracking-body";
import { sanitizeJson } from "./sanitize-json";

const facts = (o: Partial<RequestFacts> = {}): RequestFacts => ({ receivedAt: new Date("2026-01-01T12:00:10.000Z"), ip: "203.0.113.9", userAgent: "ua/1", ...o });
const run = (body: unknown, mode: "single" | "batch" = "batch", f: Partial<RequestFacts> = {}) =>
  normalizeEvents(parseTrackingBody(JSON.stringify(body), mode), facts(f));
const payload = (r: ReturnType<typeof run>, i = 0) => JSON.parse(r.accepted[i].payload);

describe("normalizeEvents", () => {
  it("corrects client clock skew: timestamp = receivedAt - (sentAt - originalTimestamp)", () => {
    // The client clock runs 1 h fast; the event happened 5 s before it was sent.
    const r = run({ sentAt: "2026-01-01T13:00:05.000Z", batch: [{ type: "track", event: "A", userId: "u", timestamp: "2026-01-01T13:00:00.000Z" }] });
    const p = payload(r);
    expect(p.originalTimestamp).toBe("2026-01-01T13:00:00.000Z");
    expect(p.sentAt).toBe("2026-01-01T13:00:05.000Z");
    expect(p.receivedAt).toBe("2026-01-01T12:00:10.000Z");
    expect(p.timestamp).toBe("2026-01-01T12:00:05.000Z");
  });

  it("applies a batch's sentAt to items without their own, and an item's own sentAt to it alone", () => {
    const r = run({
      sentAt: "2026-01-01T13:00:05.000Z",
      batch: [
        { type: "track", event: "A", userId: "u", timestamp: "2026-01-01T13:00:00.000Z" },
        { type: "track", event: "B", userId: "u", timestamp: "2026-01-01T13:00:00.000Z", sentAt: "2026-01-01T13:00:01Z" },
        { type: "track", event: "C", userId: "u", timestamp: "2026-01-01T13:00:03.000Z" },
      ],
    });
    expect([0, 1, 2].map((i) => [payload(r, i).sentAt, payload(r, i).timestamp])).toEqual([
      ["2026-01-01T13:00:05.000Z", "2026-01-01T12:00:05.000Z"],
      ["2026-01-01T13:00:01.000Z", "2026-01-01T12:00:09.000Z"],
      ["2026-01-01T13:00:05.000Z", "2026-01-01T12:00:08.000Z"],
    ]);
    const bad = run({ sentAt: "yesterday-ish", batch: [{ type: "track", event: "A", userId: "u" }, { type: "track", event: "B", userId: "u", sentAt: 0 }] });
    expect(bad.rejected).toMatchObject([{ index: 0, reason: "invalid_timestamp" }]);
    expect(payload(bad, 0).sentAt).toBe("1970-01-01T00:00:00.000Z");
  });

  it("uses the client timestamp as is without sentAt, and receivedAt without any timestamp", () => {
    expect(payload(run({ type: "track", event: "A", userId: "u", timestamp: "2025-12-31T00:00:00Z" }, "single")).timestamp).toBe("2025-12-31T00:00:00.000Z");
    const p = payload(run({ type: "track", event: "A", userId: "u" }, "single"));
    expect(p.timestamp).toBe("2026-01-01T12:00:10.000Z");
    expect(p.originalTimestamp).toBeUndefined();
  });

  it("merges batch-level context and integrations into items, item values winning", () => {
    const r = run({
      context: { library: { name: "lib" }, locale: "fr" },
      integrations: { All: false, Mixpanel: true },
      batch: [{ type: "identify", userId: "u", context: { locale: "de" }, integrations: { Mixpanel: false } }, { type: "identify", userId: "v" }],
    });
    expect(payload(r, 0).context).toMatchObject({ library: { name: "lib" }, locale: "de" });
    expect(payload(r, 0).integrations).toEqual({ All: false, Mixpanel: false });
    expect(payload(r, 1).integrations).toEqual({ All: false, Mixpanel: true });
  });

  it("assigns messageId, context.ip, userAgent and default integrations; strips the write key", () => {
    const r = run({ type: "page", anonymousId: "a", writeKey: "secret-key" }, "single", { pathType: "page" });
    const p = payload(r);
    expect(p.messageId).toMatch(/^sy-\d{13}-[0-9a-f-]{36}$/);
    expect(p.messageId.slice(3, 16)).toBe(String(Date.parse("2026-01-01T12:00:10.000Z")));
    expect(r.accepted[0].messageId).toBe(p.messageId);
    expect(p.context).toMatchObject({ ip: "203.0.113.9", userAgent: "ua/1" });
    expect(p.integrations).toEqual({ All: true });
    expect(r.accepted[0].payload).not.toContain("secret-key");
  });

  it("keeps a client-given ip unless context.direct is set", () => {
    expect(payload(run({ type: "track", event: "e", userId: "u", context: { ip: "1.2.3.4" } }, "single")).context.ip).toBe("1.2.3.4");
    expect(payload(run({ type: "track", event: "e", userId: "u", context: { ip: "1.2.3.4", direct: true } }, "single")).context.ip).toBe("203.0.113.9");
  });

  it("rejects invalid items individually with typed reasons", () => {
    const r = run({
      batch: [
        { type: "track", event: "ok", userId: "u" },
        { type: "track", userId: "u" },
        { type: "identify", traits: {} },
        { type: "bogus", userId: "u" },
        { type: "alias", userId: "u" },
        { type: "group", userId: "u" },
        { type: "track", event: "e", userId: "u", messageId: "x".repeat(100) },
        { type: "track", event: "e", userId: "u", timestamp: "not a date" },
        { type: "track", event: "e", userId: "u", properties: "nope" },
        { type: "track", event: "e", userId: "u", properties: { blob: "x".repeat(33 * 1024) } },
        42,
        { type: "identify", userId: { nested: true } },
      ],
    });
    expect(r.accepted.map((a) => a.index)).toEqual([0]);
    expect(r.rejected.map((x) => [x.index, x.reason])).toEqual([
      [1, "missing_event"],
      [2, "missing_identity"],
      [3, "invalid_type"],
      [4, "missing_previous_id"],
      [5, "missing_group_id"],
      [6, "invalid_message_id"],
      [7, "invalid_timestamp"],
      [8, "invalid_field"],
      [9, "event_too_large"],
      [10, "invalid_item"],
      [11, "invalid_field"],
    ]);
  });

  it("accepts a messageId of 99 characters and numeric ids as strings", () => {
    const r = run({ type: "track", event: "e", userId: 42, messageId: "m".repeat(99) }, "single");
    expect(r.accepted[0].userId).toBe("42");
    expect(r.accepted[0].messageId).toHaveLength(99);
  });

  it("strips \\u0000, repairs lone surrogates and drops __proto__ keys", () => {
    const text = '{"type":"track","event":"a\\u0000b","userId":"u","properties":{"__proto__":{"polluted":true},"s":"x\\ud800y"}}';
    const r = normalizeEvents(parseTrackingBody(text, "single"), facts());
    const p = JSON.parse(r.accepted[0].payload);
    expect(p.event).toBe("ab");
    expect(p.properties.s).toBe("x\ufffdy");
    expect(Object.keys(p.properties)).toEqual(["s"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("drops a __proto__ key spelled with escapes", () => {
    const r = normalizeEvents(parseTrackingBody('{"type":"track","event":"e","userId":"u","properties":{"\\u005f_proto__":{"x":1},"ok":1}}', "single"), facts());
    expect(JSON.parse(r.accepted[0].payload).properties).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("never turns a key into __proto__ by stripping NULs", () => {
    const r = normalizeEvents(parseTrackingBody('{"type":"track","event":"e","userId":"u","properties":{"__pro\\u0000to__":{"x":1}}}', "single"), facts());
    expect(JSON.parse(r.accepted[0].payload).properties).toEqual({});
    const cleaned = sanitizeJson(JSON.parse('{"__pro\\u0000to__":{"x":1}}'), 10) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(cleaned.x).toBeUndefined();
  });

  it("rejects an item nested too deeply but keeps its neighbours", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100; i++) deep = { d: deep };
    const r = run({ batch: [{ type: "track", event: "e", userId: "u", properties: deep }, { type: "track", event: "e", userId: "u" }] });
    expect(r.rejected).toEqual([{ index: 0, reason: "too_deep" }]);
    expect(r.accepted).toHaveLength(1);
  });

  it("refuses whole requests: bad JSON, no batch array, over 2,500 items", () => {
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as RequestRejection).reason;
      }
    };
    expect(reason(() => parseTrackingBody("{nope", "batch"))).toBe("invalid_json");
    expect(reason(() => parseTrackingBody("[1]", "single"))).toBe("invalid_json");
    expect(reason(() => parseTrackingBody('{"batch":{}}', "batch"))).toBe("invalid_json");
    expect(reason(() => parseTrackingBody(JSON.stringify({ batch: new Array(2501).fill({}) }), "batch"))).toBe("batch_too_large");
    expect(parseTrackingBody(JSON.stringify({ batch: new Array(2500).fill({}) }), "batch").items).toHaveLength(2500);
  });
});

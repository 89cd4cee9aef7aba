import { describe, expect, it } from "vitest";
import type { DebuggerEvent } from "@/lib/debugger/debugger-event";
import { curlForEvent } from "./curl-for-event";
import { debuggerReducer, initialDebuggerState, matchesFilters, MAX_EVENTS, noFilters } from "./debugger-state";

const ev = (n: number, over: Partial<DebuggerEvent> = {}): DebuggerEvent => ({
  id: `1.${n}`,
  outcome: "accepted",
  reason: null,
  reasonText: null,
  workspaceId: "ws_1",
  sourceId: "src_1",
  receivedAt: "2025-01-01T00:00:00.000Z",
  type: "track",
  event: `Event ${n}`,
  userId: "u1",
  anonymousId: null,
  messageId: `m${n}`,
  itemIndex: null,
  payload: { type: "track", event: `Event ${n}`, userId: "u1", messageId: `m${n}`, properties: { n } },
  ...over,
});

describe("debugger list state", () => {
  it("lists newest first, holds and counts events while paused, and shows them on resume", () => {
    let s = debuggerReducer(initialDebuggerState, { type: "received", events: [ev(1), ev(2)] });
    expect(s.events.map((e) => e.id)).toEqual(["1.2", "1.1"]);
    s = debuggerReducer(s, { type: "pause" });
    s = debuggerReducer(s, { type: "received", events: [ev(3)] });
    s = debuggerReducer(s, { type: "received", events: [ev(4), ev(5)] });
    expect(s.held).toBe(3);
    expect(s.events.map((e) => e.id)).toEqual(["1.2", "1.1"]);
    s = debuggerReducer(s, { type: "resume" });
    expect(s.events.map((e) => e.id)).toEqual(["1.5", "1.4", "1.3", "1.2", "1.1"]);
    expect(s.held).toBe(0);
  });

  it("ignores an event it already has and keeps at most MAX_EVENTS", () => {
    let s = debuggerReducer(initialDebuggerState, { type: "received", events: [ev(1)] });
    s = debuggerReducer(s, { type: "received", events: [ev(1), ev(2)] });
    expect(s.events).toHaveLength(2);
    s = debuggerReducer(s, { type: "received", events: Array.from({ length: MAX_EVENTS + 10 }, (_, i) => ev(100 + i)) });
    expect(s.events).toHaveLength(MAX_EVENTS);
    expect(s.events[0].id).toBe(`1.${100 + MAX_EVENTS + 9}`);
  });

  it("filters by type, event name, outcome and payload text", () => {
    const rejected = ev(9, { outcome: "rejected", reason: "missing_event", event: null, payload: { type: "track", userId: "needle" } });
    expect(matchesFilters(ev(1), { ...noFilters, type: "identify" })).toBe(false);
    expect(matchesFilters(ev(1), { ...noFilters, eventName: "event 1" })).toBe(true);
    expect(matchesFilters(ev(1), { ...noFilters, outcome: "rejected" })).toBe(false);
    expect(matchesFilters(rejected, { ...noFilters, outcome: "rejected", search: "NEEDLE" })).toBe(true);
  });
});

describe("copy as curl", () => {
  it("replays the event without the fields the server assigns, quoting for the shell", () => {
    const e = ev(1, {
      payload: { type: "track", event: "It's", userId: "u1", messageId: "m1", receivedAt: "x", sentAt: "y", timestamp: "z", originalTimestamp: "2025-01-01T00:00:00.000Z" },
    });
    const curl = curlForEvent(e, "http://localhost:8080/", "KEY");
    expect(curl).toContain("curl 'http://localhost:8080/v1/track'");
    expect(curl).toContain("-u 'KEY:'");
    const body = JSON.parse(/-d '(.*)'$/s.exec(curl)![1].replace(/'\\''/g, "'"));
    expect(body).toEqual({ type: "track", event: "It's", userId: "u1", timestamp: "2025-01-01T00:00:00.000Z" });
  });

  it("sends an item without a valid type through /v1/batch", () => {
    const curl = curlForEvent(ev(1, { payload: { userId: "u1" } }), "http://c", "K");
    expect(curl).toContain("/v1/batch");
    expect(curl).toContain(`{"batch":[{"userId":"u1"}]}`);
  });
});

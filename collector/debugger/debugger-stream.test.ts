import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DebuggerEvent } from "@/lib/debugger/debugger-event";
import { signDebuggerToken } from "@/lib/debugger/debugger-token";
import { getEnv } from "@/lib/env";
import { getPrisma } from "@/lib/db/prisma";
import { seedSource } from "@/tests/helpers/seed-source";
import { basicAuth, startCollector, type TestCollector } from "@/tests/helpers/start-collector";

// The live debugger stream over real HTTP: two collectors on their own ports sharing the test database.

type Frame = { id?: string; event: string; data: string };

// A minimal EventSource over node:http: frames as they arrive, with the raw request so a test can stop reading.
function openStream(url: string, headers: Record<string, string> = {}) {
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  let status = 0;
  let body = "";
  let req!: http.ClientRequest;
  let res: http.IncomingMessage | undefined;
  const opened = new Promise<number>((resolve, reject) => {
    req = http.get(url, { headers: { Accept: "text/event-stream", ...headers } }, (r) => {
      res = r;
      status = r.statusCode ?? 0;
      r.setEncoding("utf8");
      let buf = "";
      r.on("data", (chunk: string) => {
        if (status !== 200) {
          body += chunk;
          return;
        }
        buf += chunk;
        let cut: number;
        while ((cut = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const f: Frame = { event: "message", data: "" };
          let isComment = true;
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            isComment = false;
            const [k, ...rest] = line.split(":");
            const v = rest.join(":").replace(/^ /, "");
            if (k === "id") f.id = v;
            else if (k === "event") f.event = v;
            else if (k === "data") f.data += v;
          }
          if (!isComment && (f.data || f.event !== "message")) frames.push(f);
        }
        waiters.splice(0).forEach((w) => w());
      });
      r.on("end", () => waiters.splice(0).forEach((w) => w()));
      resolve(status);
    });
    req.on("error", reject);
  });
  const events = () => frames.filter((f) => f.event === "message").map((f) => JSON.parse(f.data) as DebuggerEvent);
  async function until<T>(check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out; frames: ${frames.map((f) => f.event + " " + f.data.slice(0, 80)).join(" | ")}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }
  return {
    opened,
    frames,
    events,
    until,
    get status() {
      return status;
    },
    get body() {
      return body;
    },
    ready: () => until(() => frames.find((f) => f.event === "ready")),
    pause: () => res?.pause(),
    resume: () => res?.resume(),
    close: () => req.destroy(),
  };
}

const secret = () => getEnv().AUTH_SECRET;
const token = (workspaceId: string, sourceIds: string[] | null, ttlSeconds?: number, now?: number) =>
  signDebuggerToken({ secret: secret(), workspaceId, sourceIds, userId: "usr_test", ttlSeconds, now }).token;
const streamUrl = (c: TestCollector, t: string | null, extra = "") => `${c.url}/v1/debugger/stream?${t ? `token=${encodeURIComponent(t)}` : ""}${extra}`;

async function post(c: TestCollector, writeKey: string, path: string, body: unknown) {
  const res = await fetch(`${c.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: basicAuth(writeKey) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

let a: TestCollector;
let b: TestCollector;
let src: Awaited<ReturnType<typeof seedSource>>;
let other: Awaited<ReturnType<typeof seedSource>>;
let foreign: Awaited<ReturnType<typeof seedSource>>;
const open: ReturnType<typeof openStream>[] = [];
const stream = (url: string, headers?: Record<string, string>) => {
  const s = openStream(url, headers);
  open.push(s);
  return s;
};

beforeAll(async () => {
  a = await startCollector();
  b = await startCollector();
  src = await seedSource({ name: "Debugged" });
  other = await seedSource({ workspaceId: src.workspaceId, name: "Sibling" });
  foreign = await seedSource({ name: "Another workspace's" });
});
afterAll(async () => {
  for (const s of open) s.close();
  await Promise.all([a?.stop(), b?.stop()]);
});

describe("debugger stream authorization", () => {
  it("refuses a missing, forged, expired or out-of-scope token, streaming nothing", async () => {
    const cases: [string, number][] = [
      [streamUrl(a, null), 401],
      [streamUrl(a, "v1.e30.AAAA"), 401],
      [streamUrl(a, token(src.workspaceId, null).replace(/.$/, (c) => (c === "A" ? "B" : "A"))), 401],
      [streamUrl(a, signDebuggerToken({ secret: "x".repeat(40), workspaceId: src.workspaceId, sourceIds: null, userId: "u" }).token), 401],
      [streamUrl(a, token(src.workspaceId, [src.sourceId], 60, Date.now() - 120_000)), 401],
      // A token for one source cannot open another's stream.
      [streamUrl(a, token(src.workspaceId, [src.sourceId]), `&sourceId=${other.sourceId}`), 403],
      // A workspace-wide token of another workspace cannot reach this workspace's source.
      [streamUrl(a, token(foreign.workspaceId, null), `&sourceId=${src.sourceId}`), 403],
    ];
    for (const [url, expected] of cases) {
      const res = await fetch(url);
      expect(res.status, url).toBe(expected);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const body = await res.json();
      expect(body.error.code).toBe(expected === 401 ? "unauthorized" : "forbidden");
    }
  });

  it("never streams another workspace's events on a workspace-wide token", async () => {
    const s = stream(streamUrl(a, token(foreign.workspaceId, null)));
    await s.ready();
    await post(a, src.writeKey, "/v1/track", { userId: "u1", event: "Not yours" });
    await post(a, foreign.writeKey, "/v1/track", { userId: "u1", event: "Yours" });
    await s.until(() => s.events().some((e) => e.event === "Yours"));
    expect(s.events().map((e) => e.event)).toEqual(["Yours"]);
    expect(s.events().every((e) => e.workspaceId === foreign.workspaceId)).toBe(true);
    s.close();
  });
});

describe("debugger stream", () => {
  it("carries accepted events and refused items, received by either collector, to a stream on the other", async () => {
    const onA = stream(streamUrl(a, token(src.workspaceId, [src.sourceId]), `&sourceId=${src.sourceId}`));
    const onB = stream(streamUrl(b, token(src.workspaceId, null)));
    await Promise.all([onA.ready(), onB.ready()]);
    expect(onA.status).toBe(200);

    const viaB = await post(b, src.writeKey, "/v1/batch", {
      batch: [{ type: "track", userId: "u1", event: "Via B", properties: { html: "<script>alert(1)</script>" } }, { type: "track", userId: "u1" }],
    });
    expect(viaB.body.rejected).toEqual([expect.objectContaining({ index: 1, reason: "missing_event" })]);
    await post(a, src.writeKey, "/v1/identify", { userId: "u2", traits: { plan: "team" } });
    await post(a, other.writeKey, "/v1/track", { userId: "u3", event: "Sibling source" });

    await onA.until(() => onA.events().length >= 3);
    const gotA = onA.events();
    expect(gotA.map((e) => [e.outcome, e.type, e.event, e.reason])).toEqual([
      ["accepted", "track", "Via B", null],
      ["rejected", "track", null, "missing_event"],
      ["accepted", "identify", null, null],
    ]);
    expect(gotA[0].payload).toMatchObject({ properties: { html: "<script>alert(1)</script>" }, userId: "u1", messageId: expect.any(String) });
    expect(gotA[1]).toMatchObject({ reason: "missing_event", reasonText: "a track needs an event name", itemIndex: 1, payload: { type: "track", userId: "u1" } });
    expect(gotA.every((e) => e.sourceId === src.sourceId)).toBe(true);

    // The workspace-wide stream on B also gets the sibling source's event, received by A.
    await onB.until(() => onB.events().some((e) => e.event === "Sibling source"));
    expect(onB.events().map((e) => e.sourceId)).toContain(other.sourceId);
    // Ids increase along the stream.
    const ids = onB.events().map((e) => e.id.split(".").map(BigInt));
    for (let i = 1; i < ids.length; i++) expect(ids[i][0] > ids[i - 1][0] || (ids[i][0] === ids[i - 1][0] && ids[i][1] > ids[i - 1][1])).toBe(true);
  });

  it("shows a repeated messageId and a revoked key's events as refused", async () => {
    const s = stream(streamUrl(b, token(src.workspaceId, [src.sourceId])));
    await s.ready();
    await post(a, src.writeKey, "/v1/track", { userId: "u1", event: "Once", messageId: "dup-msg-1" });
    await post(a, src.writeKey, "/v1/track", { userId: "u1", event: "Once", messageId: "dup-msg-1" });
    await s.until(() => s.events().some((e) => e.reason === "duplicate"));
    expect(s.events().map((e) => e.outcome)).toEqual(["accepted", "rejected"]);

    const revoked = await seedSource({ workspaceId: src.workspaceId, name: "Revoked" });
    await getPrisma().writeKey.update({ where: { id: revoked.writeKeyId }, data: { revokedAt: new Date() } });
    const r = stream(streamUrl(a, token(src.workspaceId, [revoked.sourceId])));
    await r.ready();
    await new Promise((res) => setTimeout(res, 150)); // past the key cache's TTL
    expect((await post(a, revoked.writeKey, "/v1/track", { userId: "u9", event: "After revoke" })).status).toBe(401);
    const got = await r.until(() => r.events().find((e) => e.reason === "revoked_key"));
    expect(got).toMatchObject({ outcome: "rejected", event: "After revoke", sourceId: revoked.sourceId });
  });

  it("resumes after Last-Event-ID without gaps or duplicates", async () => {
    const t = token(src.workspaceId, [src.sourceId]);
    const first = stream(streamUrl(a, t));
    await first.ready();
    for (let i = 0; i < 5; i++) await post(a, src.writeKey, "/v1/track", { userId: "u1", event: `Resume ${i}` });
    await first.until(() => first.events().length >= 5);
    const lastId = first.events()[2].id;
    first.close();
    // Sent while nobody watched, to the other collector.
    for (let i = 5; i < 9; i++) await post(b, src.writeKey, "/v1/track", { userId: "u1", event: `Resume ${i}` });

    const again = stream(streamUrl(b, t), { "Last-Event-ID": lastId });
    await again.until(() => again.events().length >= 6);
    await post(b, src.writeKey, "/v1/track", { userId: "u1", event: "Resume 9" });
    await again.until(() => again.events().length >= 7);
    await new Promise((r) => setTimeout(r, 300));
    expect(again.events().map((e) => e.event)).toEqual(["Resume 3", "Resume 4", "Resume 5", "Resume 6", "Resume 7", "Resume 8", "Resume 9"]);

    // The same through the query parameter (a new EventSource after the token was renewed).
    const viaQuery = stream(streamUrl(a, t, `&lastEventId=${encodeURIComponent(lastId)}`));
    await viaQuery.until(() => viaQuery.events().length >= 7);
    expect(viaQuery.events().map((e) => e.event)).toEqual(again.events().map((e) => e.event));
    expect((await fetch(streamUrl(a, t, "&lastEventId=nope"))).status).toBe(400);
  });

  it("opens with the latest items when asked (recent=N), refused ones included, then goes live", async () => {
    const fresh = await seedSource({ name: "History" });
    for (let i = 0; i < 6; i++) await post(a, fresh.writeKey, "/v1/track", { userId: "u1", event: `Past ${i}` });
    await post(b, fresh.writeKey, "/v1/batch", { batch: [{ type: "track", userId: "u1" }] });
    const t = token(fresh.workspaceId, [fresh.sourceId]);

    const s = stream(streamUrl(a, t, "&recent=4"));
    await s.until(() => s.events().length >= 4);
    await post(b, fresh.writeKey, "/v1/track", { userId: "u1", event: "Live" });
    await s.until(() => s.events().length >= 5);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.events().map((e) => [e.outcome, e.event ?? null])).toEqual([
      ["accepted", "Past 3"],
      ["accepted", "Past 4"],
      ["accepted", "Past 5"],
      ["rejected", null],
      ["accepted", "Live"],
    ]);

    // Without it, a new stream starts at the live end.
    const live = stream(streamUrl(b, t));
    await live.ready();
    await post(a, fresh.writeKey, "/v1/track", { userId: "u1", event: "Only this" });
    await live.until(() => live.events().length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(live.events().map((e) => e.event)).toEqual(["Only this"]);
  });

  it("keeps a client that stops reading within a bounded buffer, then delivers everything once it reads again", async () => {
    const slow = await seedSource({ name: "Slow reader" });
    const s = stream(streamUrl(a, token(slow.workspaceId, null)));
    await s.ready();
    s.pause();
    const padding = "x".repeat(4_000);
    const total = 2_000;
    for (let i = 0; i < total; i += 100) {
      const batch = Array.from({ length: 100 }, (_, j) => ({ type: "track", userId: "u", event: `Slow ${i + j}`, properties: { padding } }));
      expect((await post(b, slow.writeKey, "/v1/batch", { batch })).status).toBe(200);
    }
    // ~8 MB went into the log for this stream; the server holds at most its high-water mark plus one row.
    await new Promise((r) => setTimeout(r, 1_000));
    const hub = a.app.debuggerHub;
    expect(hub.stats().maxBuffered).toBeLessThan(hub.highWaterBytes + 64 * 1024);
    s.resume();
    await s.until(() => s.events().length >= total, 20_000);
    const names = s.events().map((e) => e.event);
    expect(names).toEqual(Array.from({ length: total }, (_, i) => `Slow ${i}`));
  });
});

import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { createTrackingAnswer } from "@/collector/answer-tracking-request";
import type { Ingest } from "@/collector/create-ingest";
import { serveFastHttp } from "@/collector/fast-http/serve-fast-http";
import { createTrackingHandler } from "@/collector/handle-tracking-request";
import { createMetrics } from "@/collector/metrics";
import { rawConnection as openRaw, type RawConnection } from "@/tests/helpers/raw-connection";
import { readEvents } from "@/tests/helpers/read-events";
import { basicAuth, useCollectorWithSource } from "@/tests/helpers/start-collector";

// The tracking endpoints are served by the collector's fast path (collector/fast-http) and, for what it hands over,
// on bare node:http ahead of fastify (collector/handle-tracking-request.ts); these are the HTTP behaviours that
// fastify used to provide for them.

const ctx = useCollectorWithSource();

const rawConnection = () => openRaw(ctx.collector.url);

const trackBody = (messageId: string) => JSON.stringify({ type: "track", event: "Raw", userId: "u-raw", messageId });

describe("tracking endpoints on node:http", () => {
  it("answers with CORS headers: the page's origin with credentials, or * without one", async () => {
    const withOrigin = await fetch(`${ctx.collector.url}/v1/track`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: basicAuth(ctx.source.writeKey), Origin: "http://shop.example" },
      body: trackBody("cors-1"),
    });
    expect(withOrigin.status).toBe(200);
    expect(await withOrigin.json()).toEqual({ success: true });
    expect(withOrigin.headers.get("access-control-allow-origin")).toBe("http://shop.example");
    expect(withOrigin.headers.get("access-control-allow-credentials")).toBe("true");
    expect(withOrigin.headers.get("vary")).toBe("Origin");
    expect(withOrigin.headers.get("content-type")).toBe("application/json; charset=utf-8");

    const bare = await fetch(`${ctx.collector.url}/v1/batch`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: basicAuth(ctx.source.writeKey) },
      body: JSON.stringify({ batch: [JSON.parse(trackBody("cors-2"))] }),
    });
    expect(await bare.json()).toEqual({ success: true, accepted: 1 });
    expect(bare.headers.get("access-control-allow-origin")).toBe("*");
    expect(bare.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("reads a chunked body sent in pieces, multi-byte characters split across chunks", async () => {
    const body = Buffer.from(JSON.stringify({ type: "track", event: "Chunked ✓ ünïcode", userId: "u-raw", messageId: "chunked-1" }));
    const cut = body.indexOf(Buffer.from("✓")) + 1;
    const chunk = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from("\r\n")]);
    const conn = await rawConnection();
    conn.write(`POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    for (const part of [chunk(body.subarray(0, cut)), chunk(body.subarray(cut)), Buffer.from("0\r\n\r\n")]) conn.write(part);
    await conn.seen('{"success":true}');
    conn.destroy();
    expect(conn.received()).toMatch(/^HTTP\/1\.1 200/);
    const events = await readEvents(ctx.source.sourceId);
    expect(events.find((e) => e.message_id === "chunked-1")?.event).toBe("Chunked ✓ ünïcode");
  });

  it("answers Expect: 100-continue, then reads the body sent after it", async () => {
    const body = trackBody("continue-1");
    const conn = await rawConnection();
    conn.write(
      `POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await conn.seen("HTTP/1.1 100 Continue");
    conn.write(body);
    await conn.seen('{"success":true}');
    conn.destroy();
    expect(conn.received()).toMatch(/HTTP\/1\.1 200/);
    expect((await readEvents(ctx.source.sourceId)).map((e) => e.message_id)).toContain("continue-1");
  });

  // After the 413 the client may still be sending: the collector reads the rest of the body and throws it away, so
  // the answer is not lost to a connection reset, and the connection serves the next request.
  const oneTrack = (id: string) =>
    `POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nContent-Length: ${Buffer.byteLength(trackBody(id))}\r\n\r\n${trackBody(id)}`;

  // The connection then serves an ordinary request, whose event is stored.
  async function expectServesNext(conn: RawConnection, messageId: string) {
    conn.write(oneTrack(messageId));
    await conn.seen('{"success":true}');
    conn.destroy();
    expect((await readEvents(ctx.source.sourceId)).map((e) => e.message_id)).toContain(messageId);
  }

  it("refuses a declared body over 500 KB before reading it, then discards the body and keeps the connection", async () => {
    const conn = await rawConnection();
    conn.write(`POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nContent-Length: 600000\r\n\r\n`);
    await conn.seen("A request may be at most 500 KB.");
    const [head, body] = conn.received().split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 413/);
    expect(head).not.toMatch(/connection: close/i);
    expect(JSON.parse(body)).toEqual({ error: { code: "payload_too_large", message: "A request may be at most 500 KB." } });
    conn.write(Buffer.alloc(600_000, 0x20));
    await expectServesNext(conn, "after-413-declared");
  });

  it("answers 413 to an oversize body sent in one go, not a connection reset", async () => {
    const conn = await rawConnection();
    conn.write(
      Buffer.concat([
        Buffer.from(`POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nContent-Length: 600000\r\n\r\n`),
        Buffer.alloc(600_000, 0x20),
      ]),
    );
    await conn.seen("A request may be at most 500 KB.");
    expect(conn.received()).toMatch(/^HTTP\/1\.1 413/);
    await expectServesNext(conn, "after-413-one-go");
  });

  it("closes the connection when a declared body is beyond what it will discard", async () => {
    const conn = await rawConnection();
    conn.write(`POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nContent-Length: 50000000\r\n\r\n`);
    await conn.seen("A request may be at most 500 KB.");
    expect(conn.received()).toMatch(/^HTTP\/1\.1 413[^]*connection: close/i);
    conn.write(Buffer.alloc(100_000, 0x20));
    await conn.seen("<closed>");
    expect(conn.isClosed()).toBe(true);
  });

  it("refuses a wrong content type the same way: discards a body within the cap, closes beyond it", async () => {
    const small = await rawConnection();
    small.write(`POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 100000\r\n\r\n`);
    await small.seen("Send JSON");
    expect(small.received()).toMatch(/^HTTP\/1\.1 415/);
    small.write(Buffer.alloc(100_000, 0x20));
    await expectServesNext(small, "after-415");

    const huge = await rawConnection();
    huge.write(`POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 50000000\r\n\r\n`);
    await huge.seen("<closed>");
    expect(huge.received()).toMatch(/^HTTP\/1\.1 415[^]*connection: close/i);
    expect(huge.isClosed()).toBe(true);
  });

  it("stops storing a chunked body once it passes 500 KB, discards the rest and keeps the connection", async () => {
    const conn = await rawConnection();
    conn.write(`POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const piece = Buffer.alloc(100_000, 0x20);
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]);
    for (let i = 0; i < 6; i++) conn.write(chunk);
    await conn.seen("A request may be at most 500 KB.");
    const [head, body] = conn.received().split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 413/);
    expect(JSON.parse(body).error.code).toBe("payload_too_large");
    for (let i = 0; i < 3; i++) conn.write(chunk);
    conn.write("0\r\n\r\n");
    await expectServesNext(conn, "after-413-chunked");
  });

  it("closes a connection that keeps sending past what it will discard", async () => {
    const conn = await rawConnection();
    conn.write(`POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const piece = Buffer.alloc(1_000_000, 0x20);
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]);
    for (let i = 0; i < 8 && !conn.isClosed(); i++) {
      conn.write(chunk);
      await new Promise((r) => setTimeout(r, 20));
    }
    await conn.seen("<closed>");
    expect(conn.received()).toMatch(/^HTTP\/1\.1 413/);
    expect(conn.isClosed()).toBe(true);
  });

  it("keeps a connection alive across requests, including after a refused one", async () => {
    const auth = basicAuth(ctx.source.writeKey);
    const one = (id: string) => `POST /v1/t HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${auth}\r\nContent-Length: ${Buffer.byteLength(trackBody(id))}\r\n\r\n${trackBody(id)}`;
    const refused = `POST /v1/t HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 5\r\n\r\n<a/>\n`;
    const { port } = new URL(ctx.collector.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (raw: string) =>
      new Promise<number>((resolve, reject) => {
        const [head, body] = raw.split("\r\n\r\n");
        const headers = Object.fromEntries(head.split("\r\n").slice(1).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
        const req = http.request({ host: "127.0.0.1", port, path: "/v1/t", method: "POST", agent, headers }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode!));
        });
        req.on("error", reject);
        req.end(body);
      });
    const sockets = new Set<Socket>();
    agent.on("free", (s: Socket) => sockets.add(s));
    expect(await post(one("alive-1"))).toBe(200);
    expect(await post(refused)).toBe(415);
    expect(await post(one("alive-2"))).toBe(200);
    expect(sockets.size).toBe(1);
    agent.destroy();
    const ids = (await readEvents(ctx.source.sourceId)).map((e) => e.message_id);
    expect(ids).toEqual(expect.arrayContaining(["alive-1", "alive-2"]));
  });

  it("accepts SDK telemetry on /v1/m and a query string on any path, and leaves other methods and paths to the router", async () => {
    const m = await fetch(`${ctx.collector.url}/v1/m`, { method: "POST", headers: { "Content-Type": "text/plain" }, body: '{"series":[]}' });
    expect(await m.json()).toEqual({ success: true });
    const withQuery = await fetch(`${ctx.collector.url}/v1/track?ajs_uid=x`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: basicAuth(ctx.source.writeKey) },
      body: trackBody("query-1"),
    });
    expect(await withQuery.json()).toEqual({ success: true });
    const get = await fetch(`${ctx.collector.url}/v1/track`);
    expect(get.status).toBe(404);
    expect((await get.json()).error.code).toBe("not_found");
    const unknown = await fetch(`${ctx.collector.url}/v1/nope`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(unknown.status).toBe(404);
  });

  it("counts tracking requests by route and status in /metrics", async () => {
    const text = await (await fetch(`${ctx.collector.url}/metrics`)).text();
    expect(text).toMatch(/switchyard_collector_requests_total\{[^}]*route="\/v1\/track"[^}]*status="200"[^}]*\} [1-9]/);
    expect(text).toMatch(/switchyard_collector_requests_total\{[^}]*route="\/v1\/batch"[^}]*status="413"[^}]*\} [1-9]/);
  });
});

// Both HTTP paths (the fast path and node:http) in front of a given ingest, without a database.
async function serveBothPaths(ingest: Ingest, closing: boolean) {
  const metrics = createMetrics();
  const answers = createTrackingAnswer({ ingest, metrics, logError: () => {} });
  const isClosing = () => closing;
  const handle = createTrackingHandler({ answers, metrics, isClosing });
  const server = http.createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(404).end();
  });
  serveFastHttp({ server, answers, metrics, isClosing });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/track`, metrics, close: () => server.close() };
}

// A declared length takes the fast path; a chunked body (a stream) goes to node:http.
async function onBothPaths(url: string, ids: [string, string]): Promise<Response[]> {
  const answers: Response[] = [];
  for (const body of [trackBody(ids[0]), new Blob([trackBody(ids[1])]).stream()]) {
    answers.push(await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body, duplex: "half" } as RequestInit));
  }
  return answers;
}

describe("a collector shutting down", () => {
  it("answers tracking requests 503 with Retry-After and closes the connection, ingesting nothing, on both HTTP paths", async () => {
    let ingested = 0;
    const served = await serveBothPaths(async () => {
      ingested++;
      return { accepted: 1, rejected: [] };
    }, true);
    try {
      for (const res of await onBothPaths(served.url, ["closing-1", "closing-2"])) {
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("5");
        expect(res.headers.get("connection")).toBe("close");
        expect((await res.json()).error.code).toBe("unavailable");
      }
      expect(ingested).toBe(0);
    } finally {
      served.close();
    }
  });
});

describe("the time a tracking request takes, in /metrics", () => {
  it("observes each request, on both HTTP paths, from its body read to its answer, the write to the event log included", async () => {
    // A write that takes 150 ms.
    const served = await serveBothPaths(() => new Promise((r) => setTimeout(() => r({ accepted: 1, rejected: [] }), 150)), false);
    try {
      for (const res of await onBothPaths(served.url, ["timed-1", "timed-2"])) expect(res.status).toBe(200);
    } finally {
      served.close();
    }
    const text = served.metrics.render();
    expect(text).toContain('switchyard_collector_request_seconds_bucket{le="0.1"} 0\n');
    expect(text).toContain('switchyard_collector_request_seconds_bucket{le="0.25"} 2\n');
    expect(text).toContain("switchyard_collector_request_seconds_count 2\n");
  });
});

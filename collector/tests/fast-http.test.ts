import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createTrackingAnswer } from "@/collector/answer-tracking-request";
import { serveFastHttp } from "@/collector/fast-http/serve-fast-http";
import { createTrackingHandler } from "@/collector/handle-tracking-request";
import { createMetrics } from "@/collector/metrics";
import { rawConnection, type RawConnection } from "@/tests/helpers/raw-connection";
import { readEvents } from "@/tests/helpers/read-events";
import { basicAuth, useCollectorWithSource } from "@/tests/helpers/start-collector";

// The collector's own HTTP/1.1 for plain tracking requests (collector/fast-http), and its hand-over to node:http.

const ctx = useCollectorWithSource();

const track = (messageId: string, extraHeaders = "") => {
  const body = JSON.stringify({ type: "track", event: "Fast ✓", userId: "u-fast", messageId });
  return (
    `POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n${body}`
  );
};
const storedIds = async () => (await readEvents(ctx.source.sourceId)).map((e) => e.message_id);
// A response may start right after the previous one's body, mid-line.
const statusLines = (text: string) => text.match(/HTTP\/1\.1 \d{3}/g) ?? [];
const connect = () => rawConnection(ctx.collector.url);

async function seenTimes(conn: RawConnection, text: string, times: number) {
  while (conn.received().split(text).length - 1 < times && !conn.isClosed()) await new Promise((r) => setTimeout(r, 10));
}

describe("the fast path for tracking requests", () => {
  it("answers with the headers node:http would send, and keeps the connection open", async () => {
    const conn = await connect();
    conn.write(track("fast-headers-1", "Origin: http://shop.example\r\n"));
    await conn.seen('{"success":true}');
    const head = conn.received().split("\r\n\r\n")[0];
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain("Access-Control-Allow-Origin: http://shop.example\r\n");
    expect(head).toContain("Access-Control-Allow-Credentials: true\r\n");
    expect(head).toContain("Content-Type: application/json; charset=utf-8\r\n");
    expect(head).toContain("Content-Length: 16\r\n");
    expect(head).toMatch(/\r\nDate: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT\r\n/);
    expect(head).toContain("Connection: keep-alive\r\nKeep-Alive: timeout=72");
    conn.write(track("fast-headers-2"));
    await seenTimes(conn, '{"success":true}', 2);
    expect(conn.isClosed()).toBe(false);
    conn.destroy();
    expect(await storedIds()).toEqual(expect.arrayContaining(["fast-headers-1", "fast-headers-2"]));
  });

  it("answers pipelined requests in order, including one refused for a missing event name", async () => {
    const conn = await connect();
    const bad = JSON.stringify({ type: "track", userId: "u-fast", messageId: "pipe-bad" });
    conn.write(
      track("pipe-1") +
        track("pipe-2") +
        `POST /v1/t HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nContent-Length: ${bad.length}\r\n\r\n${bad}` +
        track("pipe-3"),
    );
    await seenTimes(conn, "HTTP/1.1 ", 4);
    expect(statusLines(conn.received())).toEqual(["HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 400", "HTTP/1.1 200"]);
    expect(conn.received()).toContain("missing_event");
    conn.destroy();
    const ids = await storedIds();
    expect(ids).toEqual(expect.arrayContaining(["pipe-1", "pipe-2", "pipe-3"]));
    expect(ids).not.toContain("pipe-bad");
  });

  it("reads a request that arrives a byte at a time, and a body in several parts", async () => {
    const conn = await connect();
    for (const byte of Buffer.from(track("bytewise-1"))) {
      conn.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    await conn.seen('{"success":true}');
    const [head, body] = track("parts-1").split("\r\n\r\n");
    conn.write(`${head}\r\n\r\n`);
    for (let i = 0; i < body.length; i += 20) {
      await new Promise((r) => setTimeout(r, 5));
      conn.write(body.slice(i, i + 20));
    }
    await seenTimes(conn, '{"success":true}', 2);
    conn.destroy();
    const stored = (await readEvents(ctx.source.sourceId)).filter((e) => e.message_id === "bytewise-1" || e.message_id === "parts-1");
    expect(stored.map((e) => e.event)).toEqual(["Fast ✓", "Fast ✓"]);
  });

  it("hands a connection to node:http at its first other request, with the bytes read so far, and answers everything in order", async () => {
    const conn = await connect();
    const chunkedBody = JSON.stringify({ type: "track", event: "Chunked", userId: "u-fast", messageId: "handoff-2" });
    conn.write(
      track("handoff-1") +
        "OPTIONS /v1/track HTTP/1.1\r\nHost: x\r\nOrigin: http://shop.example\r\nAccess-Control-Request-Method: POST\r\n\r\n" +
        `POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(ctx.source.writeKey)}\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `${Buffer.byteLength(chunkedBody).toString(16)}\r\n${chunkedBody}\r\n0\r\n\r\n` +
        track("handoff-3"),
    );
    await seenTimes(conn, "HTTP/1.1 ", 4);
    expect(statusLines(conn.received())).toEqual(["HTTP/1.1 200", "HTTP/1.1 204", "HTTP/1.1 200", "HTTP/1.1 200"]);
    expect(conn.received()).toMatch(/access-control-allow-headers: Authorization, Content-Type, X-Retry-Count/i);
    // Still open, now on node:http.
    conn.write(track("handoff-4"));
    await seenTimes(conn, "HTTP/1.1 ", 5);
    expect(statusLines(conn.received())[4]).toBe("HTTP/1.1 200");
    conn.destroy();
    expect(await storedIds()).toEqual(expect.arrayContaining(["handoff-1", "handoff-2", "handoff-3", "handoff-4"]));
  });

  it("leaves every head node's parser would refuse or read differently to node:http, and stores none of those", async () => {
    const body = JSON.stringify({ type: "track", event: "Smuggled", userId: "u-fast", messageId: "strict-x" });
    const auth = `Authorization: ${basicAuth(ctx.source.writeKey)}\r\nContent-Type: application/json\r\n`;
    const refused = [
      // Two lengths; a length and chunked; a line folded onto the previous; a space before a colon; a bare LF.
      `POST /v1/track HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: ${body.length}\r\nContent-Length: 5\r\n\r\n${body}`,
      `POST /v1/track HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      `POST /v1/track HTTP/1.1\r\nHost: x\r\n${auth}X-Note: a\r\n folded\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /v1/track HTTP/1.1\r\nHost: x\r\n${auth}Content-Length : ${body.length}\r\n\r\n${body}`,
      `POST /v1/track HTTP/1.1\r\nHost: x\n${auth}Content-Length: ${body.length}\r\n\r\n${body}`,
      // No Host in HTTP/1.1.
      `POST /v1/track HTTP/1.1\r\n${auth}Content-Length: ${body.length}\r\n\r\n${body}`,
    ];
    for (const raw of refused) {
      const conn = await connect();
      conn.write(raw);
      await conn.seen("\r\n\r\n");
      expect(conn.received(), raw).toMatch(/^HTTP\/1\.1 400/);
      conn.destroy();
    }
    const huge = await connect();
    huge.write(`POST /v1/track HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n${auth}Content-Length: ${body.length}\r\n\r\n${body}`);
    await huge.seen("\r\n\r\n");
    expect(huge.received()).toMatch(/^HTTP\/1\.1 431/);
    huge.destroy();
    expect(await storedIds()).not.toContain("strict-x");
  });

  it("serves HTTP/1.0 and Connection: close through node:http, closing after the answer", async () => {
    for (const [version, extra] of [["1.0", ""], ["1.1", "Connection: close\r\n"]]) {
      const conn = await connect();
      conn.write(track(`close-${version}`, extra).replace("HTTP/1.1", `HTTP/${version}`));
      await conn.closed();
      expect(conn.received()).toMatch(/^HTTP\/1\.1 200 OK/);
      expect(conn.received()).toContain('{"success":true}');
    }
    expect(await storedIds()).toEqual(expect.arrayContaining(["close-1.0", "close-1.1"]));
  });

  it("answers what a client sent before closing its sending side, then closes", async () => {
    const conn = await connect();
    conn.write(track("half-close-1") + track("half-close-2"));
    conn.end();
    await conn.closed();
    expect(statusLines(conn.received())).toEqual(["HTTP/1.1 200", "HTTP/1.1 200"]);
    expect(await storedIds()).toEqual(expect.arrayContaining(["half-close-1", "half-close-2"]));
  });

  it("stores nothing of a request whose client goes away mid-body, and goes on serving", async () => {
    const conn = await connect();
    const raw = track("gone-1");
    conn.write(raw.slice(0, raw.length - 10));
    await new Promise((r) => setTimeout(r, 50));
    conn.destroy();
    const next = await connect();
    next.write(track("after-gone-1"));
    await next.seen('{"success":true}');
    next.destroy();
    const ids = await storedIds();
    expect(ids).toContain("after-gone-1");
    expect(ids).not.toContain("gone-1");
  });
});

// Timeouts and closing, on a server of their own with short limits. Ingest is a stand-in here: these are the HTTP
// layer's duties, whatever happens to the events.
describe("the fast path's connection lifetime", () => {
  let server: http.Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
    server = undefined;
  });

  let ingested = 0;
  async function startServer(limits: { keepAliveTimeout?: number; headersTimeout?: number; requestTimeout?: number }) {
    const metrics = createMetrics();
    ingested = 0;
    const ingest = async () => {
      ingested++;
      return { accepted: 1, rejected: [] };
    };
    const answers = createTrackingAnswer({ ingest, metrics, logError: () => {} });
    const handle = createTrackingHandler({ answers, metrics, isClosing: () => false });
    server = http.createServer((req, res) => {
      if (!handle(req, res)) res.writeHead(404).end();
    });
    Object.assign(server, limits);
    serveFastHttp({ server, answers, metrics, isClosing: () => false });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("closes a connection idle past keepAliveTimeout", async () => {
    const conn = await rawConnection(await startServer({ keepAliveTimeout: 200 }));
    conn.write(track("idle-1"));
    await conn.seen('{"success":true}');
    const started = Date.now();
    await conn.closed();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("answers 408 and closes when a head or a body arrives too slowly", async () => {
    const url = await startServer({ headersTimeout: 300, requestTimeout: 1_500 });
    const slowHead = await rawConnection(url);
    slowHead.write("POST /v1/track HTTP/1.1\r\nHost: x\r\n");
    await slowHead.closed();
    expect(slowHead.received()).toMatch(/^HTTP\/1\.1 408/);

    const slowBody = await rawConnection(url);
    // The body is padded so that the bytes still missing take ten seconds at this pace.
    const raw = track("slow-body").replace(/Content-Length: (\d+)/, (_, n) => `Content-Length: ${Number(n) + 100}`);
    slowBody.write(raw);
    const drip = setInterval(() => slowBody.write(" "), 100);
    await slowBody.closed();
    clearInterval(drip);
    expect(slowBody.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("stops reading from a client that pipelines requests without reading the answers, and goes on once it reads", async () => {
    const { port } = new URL(await startServer({}));
    const client = net.connect({ port: Number(port), host: "127.0.0.1" });
    await new Promise((r) => client.once("connect", r));
    client.pause();
    const total = 100_000;
    const one = track("pipelined");
    for (let i = 0; i < total; i += 1_000) client.write(one.repeat(1_000));
    // Wait until the server stops answering.
    let last = -1;
    while (ingested !== last) {
      last = ingested;
      await new Promise((r) => setTimeout(r, 300));
    }
    // The answers not read would be ~25 MB; the kernel's buffers hold far less.
    expect(ingested).toBeLessThan(total);
    let received = 0;
    client.on("data", (d: Buffer) => (received += d.length));
    client.resume();
    while (ingested < total) await new Promise((r) => setTimeout(r, 50));
    const replyBytes = Buffer.byteLength(
      `HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 16\r\n` +
        `Date: ${new Date().toUTCString()}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n{"success":true}`,
    );
    while (received < total * replyBytes) await new Promise((r) => setTimeout(r, 50));
    expect(received).toBe(total * replyBytes);
    client.destroy();
  });

  it("lets server.close() finish at once when its fast connections are idle", async () => {
    const conn = await rawConnection(await startServer({ keepAliveTimeout: 60_000 }));
    conn.write(track("close-idle-1"));
    await conn.seen('{"success":true}');
    const started = Date.now();
    await new Promise<void>((r) => server!.close(() => r()));
    expect(Date.now() - started).toBeLessThan(2_000);
    await conn.closed();
    server = undefined;
  });
});
